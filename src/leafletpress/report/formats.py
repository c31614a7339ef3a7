"""An api.Report as text for people, JSON for other tools, or GitHub workflow annotations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ..plan.jobs import Status
from ..problems import Problem
from ..version import __version__
from . import Report

FORMATS = ("text", "json", "github")
JSON_FORMAT = 1  # bumped only when a key changes meaning or disappears; new keys may appear
SUMMARY_ROWS = 2000  # GitHub caps a step summary at 1 MiB; a row is rarely over 300 bytes


def use_colour(stream) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


def problem_line(problem: Problem, colour: bool = False) -> str:
    """One problem as a person reads it: 'file:line: field: message (hint)', warnings prefixed 'warning: '."""
    text = str(problem)
    if colour and not problem.is_error:
        text = click.style("warning", fg="yellow", bold=True) + text.removeprefix("warning")
    return text


def status_word(report: Report, colour: bool = False) -> str:
    word = "ok" if report.exit_code == 0 else "FAILED"
    return click.style(word, fg="green" if word == "ok" else "red", bold=True) if colour else word


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 error', '2 errors'; words for an irregular plural ('1 edition fits', '2 editions fit')."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def counts(report: Report, command: str) -> str:
    """The per-status counts a command reports, e.g. '3 built, 27 unchanged, 0 failed'."""
    if command == "check":
        fit = plural(report.count(Status.CHECKED), "edition fits", "editions fit")
        return f"{fit}, {report.count(Status.FAILED)} failed"
    built, unchanged, failed = (report.count(s) for s in (Status.BUILT, Status.UNCHANGED, Status.FAILED))
    removed = f", {len(report.removed)} removed" if report.removed else ""
    return f"{built} built, {unchanged} unchanged, {failed} failed{removed}"


def removed_lines(report: Report) -> list[str]:
    """A line per edition whose outputs a build deleted because it left the matrix."""
    return [
        f"removed: {slug}: no longer in the matrix (its condition or team is gone, or editions: in "
        "leaflets/project.yaml leaves it out), so its PDFs, proofs and web page were deleted"
        for slug in report.removed
    ]


def summary_line(report: Report, command: str, colour: bool = False) -> str:
    errors, warnings = plural(len(report.errors), "error"), plural(len(report.warnings), "warning")
    if colour:
        errors = click.style(errors, fg="red", bold=True) if report.errors else errors
        warnings = click.style(warnings, fg="yellow", bold=True) if report.warnings else warnings
    status = status_word(report, colour)
    return f"leafletpress: {status}: {counts(report, command)}; {errors}, {warnings}{elsewhere(report)} in {report.seconds:.1f}s"


def elsewhere(report: Report) -> str:
    """'; 2 problems reported by shard 1': what a sharded build leaves to the other shards, so they show once."""
    shards = report.reported_elsewhere()
    if not shards:
        return ""
    return "; " + ", ".join(f"{plural(n, 'problem')} reported by shard {k}" for k, n in shards.items())


def problem_dict(problem: Problem) -> dict:
    """A problem as plain data: the same keys in the JSON report and in build/manifest.json."""
    return {
        "file": problem.file,
        "line": problem.line,
        "field": problem.field,
        "message": problem.message,
        "hint": problem.hint,
        "severity": problem.severity,
    }


def to_json(report: Report, command: str) -> str:
    """The stable machine-readable report (documented in docs/ci.md)."""
    root = report.root

    def shown(path: str) -> str:
        return Path(path).relative_to(root).as_posix() if Path(path).is_relative_to(root) else path

    by_shard = {str(k): n for k, n in report.reported_elsewhere().items()}
    data = {
        "format": JSON_FORMAT,
        "leafletpress": __version__,
        "command": command,
        "ok": report.exit_code == 0,
        "exit_code": report.exit_code,
        "seconds": round(report.seconds, 3),
        "summary": {
            "editions": len(report.results),
            **{status: report.count(status) for status in Status},
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "bodies_reused": sum(r.body_reused for r in report.results),
            "backs_reused": sum(r.back_reused for r in report.results),
            "removed": len(report.removed),
        },
        "removed": report.removed,
        "problems": [problem_dict(p) for p in report.problems],
        **({"shard": report.shard, "reported_by_other_shards": by_shard} if report.shard else {}),
        "editions": [
            {
                "edition": r.slug,
                "team": r.team,
                "condition": r.condition,
                "language": r.translation or report.library.language,
                "status": r.status,
                "outputs": [shown(o) for o in r.outputs],
                "problems": [problem_dict(p) for p in r.problems],
            }
            for r in report.results
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def failure(command: str, output_format: str, message: str, exit_code: int) -> str:
    """A command that stopped before it built anything (a usage or output error), in the format asked for."""
    if output_format == "github":
        return f"::error title=leafletpress::{_escape_data(message)}"
    data = {
        "format": JSON_FORMAT,
        "leafletpress": __version__,
        "command": command,
        "ok": False,
        "exit_code": exit_code,
        "error": message,
        "summary": None,
        "problems": [],
        "editions": [],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _escape_data(text: str) -> str:
    # GitHub's rules (actions/toolkit, command.ts escapeData): %, CR and LF.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # escapeProperty: as data, plus ':' and ',' that separate the properties.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, root: Path, cwd: Path | None = None) -> str:
    """One problem as a workflow command: '::error file=F,line=L,title=T::message'."""
    # Annotations are placed by a path relative to the workspace, i.e. the current directory in CI;
    # problem files are relative to the project, which may be a subfolder (--project).
    path = Path(problem.file)
    if not path.is_absolute():
        path = root / path
    file = os.path.relpath(path, cwd or Path.cwd()).replace(os.sep, "/")
    properties = [f"file={_escape_property(file)}"]
    if problem.line:
        properties.append(f"line={problem.line}")
    title = f"leafletpress: {problem.field}" if problem.field else "leafletpress"
    properties.append(f"title={_escape_property(title)}")
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    kind = "error" if problem.is_error else "warning"
    return f"::{kind} {','.join(properties)}::{_escape_data(message)}"


def to_github(report: Report, command: str, cwd: Path | None = None) -> str:
    """Workflow annotations for every problem, then the plain summary line for the log."""
    lines = [annotation(p, report.root, cwd) for p in report.problems]
    lines += [f"::notice title=leafletpress::{_escape_data(line)}" for line in removed_lines(report)]
    lines.append(summary_line(report, command))
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: Report, command: str) -> str:
    """The job summary GitHub shows on the run's page: every problem, since it shows only 10 annotations per step."""
    lines = [
        f"### leafletpress {command}: {status_word(report)}",
        "",
        counts(report, command)
        + f"; {plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}{elsewhere(report)}",
        "",
    ]
    if report.problems:
        lines += ["| | file | line | field | problem |", "|---|---|---|---|---|"]
        for p in report.problems[:SUMMARY_ROWS]:
            message = p.message + (f" ({p.hint})" if p.hint else "")
            lines.append(f"| {p.severity} | `{_cell(p.file)}` | {p.line or ''} | {_cell(p.field)} | {_cell(message)} |")
        if len(report.problems) > SUMMARY_ROWS:
            lines += ["", f"... and {len(report.problems) - SUMMARY_ROWS} more: see the log or run leafletpress check"]
    return "\n".join(lines) + "\n"


def preflight_table(results) -> str:
    """One row per PDF, one column per check, then every finding with its page and place."""
    from ..pdf.preflight import CHECKS  # the preflight's columns; loads its readers only when a table is asked for

    mark = {"ok": "ok", "warning": "WARN", "error": "FAIL"}
    header = ["PDF", "PDF/X", "fonts", "min ppi", "min text", *CHECKS]
    rows = []
    for r in results:
        shown = os.path.relpath(r.path) if Path(r.path).is_absolute() else r.path
        rows.append(
            [
                shown,
                r.standard or "no",
                str(r.fonts),
                f"{r.min_ppi:.0f}" if r.min_ppi is not None else "-",
                f"{r.min_text_pt:.1f} pt" if r.min_text_pt is not None else "-",
                *(mark[r.status(check)] if check != "pages" or r.status(check) != "ok" else str(r.pages) for check in CHECKS),
            ]
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in [header, *rows]]
    for r in results:
        shown = os.path.relpath(r.path) if Path(r.path).is_absolute() else r.path
        lines += [f"{shown}: {finding}" for finding in r.findings]
    return "\n".join(lines)
