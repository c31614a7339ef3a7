"""Write docs/commands.md, the command-line reference, from the command line itself (`make docs`).

tests/test_docs.py fails while the committed file differs from what this writes, so the
reference cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from leafletpress.cli import main

TARGET = Path(__file__).resolve().parent / "commands.md"


def reference() -> str:
    """The reference as Markdown: every command, its arguments and its options with their help."""
    lines = [
        "# Command reference",
        "",
        "Generated from the command line by `make docs` (docs/make_reference.py); the guides explain when to use what.",
        "",
    ]
    context = click.Context(main, info_name="leafletpress")
    lines += _command(context, main, "leafletpress")
    return "\n".join(lines).rstrip() + "\n"


def _command(parent: click.Context, command: click.Command, name: str) -> list[str]:
    context = click.Context(command, info_name=name.split()[-1], parent=parent if parent.command is not command else None)
    usage = " ".join(command.collect_usage_pieces(context))
    lines = [
        f"## `{name}`",
        "",
        (command.help or "").split("\n\n")[0].strip(),
        "",
        "```text",
        f"{name} {usage}".rstrip(),
        "```",
        "",
    ]
    rows = []
    for param in command.params:
        record = param.get_help_record(context) if isinstance(param, click.Option) else None
        if record:
            flags, text = record  # a '|' would end the table's cell
            rows.append(f"| `{flags.replace('|', ' / ')}` | {text.replace('|', ' / ')} |")
    if rows:
        lines += ["| option | what it does |", "|---|---|", *rows, ""]
    if isinstance(command, click.Group):
        for sub_name, sub in sorted(command.commands.items()):
            lines += _command(context, sub, f"{name} {sub_name}")
    return lines


if __name__ == "__main__":
    TARGET.write_text(reference(), "utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
