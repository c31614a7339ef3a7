"""The docs keep up with the command line: the reference is generated from it, and every command is explained
in a guide (as sqlite-utils holds its CLI reference to the code)."""

from __future__ import annotations

import importlib.util

import click
import pytest

from leafletpress.cli import main

from .helpers import REPO

DOCS = REPO / "docs"
GUIDES = "\n".join(path.read_text("utf-8") for path in sorted(DOCS.glob("*.md")) if path.name != "commands.md")


def commands(group: click.Group, prefix: str = "leafletpress"):
    for name, command in sorted(group.commands.items()):
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix} {name}")


def test_the_command_reference_is_generated_from_the_command_line():
    spec = importlib.util.spec_from_file_location("make_reference", DOCS / "make_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (DOCS / "commands.md").read_text("utf-8") == module.reference(), "docs/commands.md is stale: run make docs"


def test_the_reference_has_every_command_and_option():
    reference = (DOCS / "commands.md").read_text("utf-8")
    for name, command in commands(main):
        assert f"## `{name}`" in reference
        for param in command.params:
            for flag in getattr(param, "opts", []) if isinstance(param, click.Option) else []:
                assert flag in reference, f"{name} {flag}"


@pytest.mark.parametrize("name", [name for name, _ in commands(main)])
def test_every_command_is_explained_in_a_guide(name):
    assert name in GUIDES or name.replace("leafletpress ", "leafletpress --project DIR ") in GUIDES, name


def test_the_front_page_links_every_guide_and_the_reference():
    readme = (REPO / "README.md").read_text("utf-8")
    for guide in sorted(DOCS.glob("*.md")):
        assert f"docs/{guide.name}" in readme, f"README.md does not link docs/{guide.name}"


def test_every_fold_has_its_picture_made_from_its_data_and_the_readme_shows_it():
    spec = importlib.util.spec_from_file_location("make_pictures", DOCS / "make_pictures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (REPO / "README.md").read_text("utf-8")
    for path, svg in module.pictures().items():
        assert path.is_file() and path.read_text("utf-8") == svg, f"docs/images/{path.name} is stale: run make docs"
        assert f"(docs/images/{path.name})" in readme and f"(images/{path.name})" in GUIDES
        assert len(svg) < 8000  # small: a diagram, not a render
