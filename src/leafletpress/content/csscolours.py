"""Colour one place: a stylesheet that writes out a colour a custom property already gives is warned.

A team sets its brand colour once (`--accent` in `:root`) and every rule takes it with
var(--accent). A rule that writes the value itself (`@page cover { background: #1a5aa6 }`) looks
the same today and keeps the old colour when the accent changes: the mistake a designer cannot
see on the proofs until it is too late. Each edition's stylesheets are read as they cascade (the
project's, then the team's): a colour is a repeat when some custom property in them has that
value.
"""

from __future__ import annotations

from pathlib import Path

import tinycss2

from ..problems import Problem, Severity
from .cssrefs import read_stylesheet

COLOUR_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "device-cmyk"}


def repeated_colours(root: Path, chains: list[list[str]]) -> list[Problem]:
    """Warnings for colours written out that a custom property gives; chains: each edition's stylesheets, in order."""
    sheets = {name: _declarations(root / name) for chain in chains for name in chain}
    found: set[Problem] = set()
    for chain in chains:
        effective: dict[str, str] = {}  # each custom property's colour in this edition: a later sheet's wins
        for name in chain:
            for prop, colours, _ in sheets[name]:
                if prop.startswith("--") and len(colours) == 1:
                    effective[prop] = colours[0]
        given: dict[str, str] = {}  # a colour -> the custom property that gives it
        for prop, colour in effective.items():
            given.setdefault(colour, prop)
        for name in chain:
            for prop, colours, line in sheets[name]:
                if prop.startswith("--"):
                    continue
                for colour in colours:
                    if colour in given:
                        found.add(_problem(name, line, prop, colour, given[colour]))
    return sorted(found)


def _problem(sheet: str, line: int, prop: str, colour: str, custom: str) -> Problem:
    return Problem(
        sheet,
        line,
        prop,
        f"'{colour}' is the value of {custom} written again",
        f"write var({custom}) instead, so that a change to {custom} changes this too",
        Severity.WARNING,
    )


def _declarations(path: Path) -> list[tuple[str, list[str], int]]:
    """Every declaration in a stylesheet, at any depth, in source order: (property, the colours in its value, line)."""
    try:
        rules = tinycss2.parse_stylesheet(read_stylesheet(path), skip_comments=True, skip_whitespace=True)
    except OSError:
        return []  # a missing or unreadable stylesheet is reported where it is loaded
    found = []
    pending = list(rules)
    while pending:
        node = pending.pop()
        if node.type not in ("qualified-rule", "at-rule") or node.content is None:
            continue
        for item in tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True):
            if item.type == "declaration":
                found.append((item.lower_name, _colours(item.value), item.source_line))
            elif item.type in ("qualified-rule", "at-rule"):
                pending.append(item)
    return sorted(found, key=lambda declaration: declaration[2])  # in source order: a later --accent wins


def _colours(tokens) -> list[str]:
    """The colour values among a declaration's tokens, written one way (#abc is #aabbcc; case and spaces ignored)."""
    colours = []
    for token in tokens:
        if token.type == "hash" and len(token.value) in (3, 6):
            value = token.value.lower()
            colours.append("#" + ("".join(c * 2 for c in value) if len(value) == 3 else value))
        elif token.type == "function" and token.lower_name in COLOUR_FUNCTIONS:
            colours.append(" ".join(tinycss2.serialize(token.arguments).lower().replace(",", " ").split()))
            colours[-1] = f"{token.lower_name}({colours[-1]})"
    return colours
