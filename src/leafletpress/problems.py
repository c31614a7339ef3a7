"""Errors as values: every user-facing problem has a file, a line and a field path."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"  # the edition is not built
    WARNING = "warning"  # it is built; --strict fails it


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located so a person can find and fix it."""

    file: str
    line: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __post_init__(self):
        if not isinstance(self.severity, Severity):  # read back from a manifest or a JSON report as text
            object.__setattr__(self, "severity", Severity(self.severity))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if self.severity is Severity.WARNING:
            text = "warning: " + text
        return text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass
class Problems:
    """A collector that stages append to; reported all at once, sorted."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.file, p.line, p.field, p.message))

    def __bool__(self) -> bool:
        return bool(self.items)


class ContentError(Exception):
    """Raised by a stage when content it was given cannot be used; carries the problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def shortened(text: str, length: int = 40) -> str:
    """Text as a problem quotes it: on one line, and cut with '…' when it is longer than length."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def dotted(path: tuple) -> str:
    """A field path (keys and list indices from a file's root) as people read it: sections[2].blocks[0].text."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def hidden_character(text: str) -> str | None:
    """The first character of text that shows as nothing or as a space without being one (pasted from a web
    page or a chat): a format or control character, a line separator, a no-break or other odd space."""
    return next((c for c in text if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp", "Zs") and c != " "), None)


def did_you_mean(word: str, choices) -> str:
    """A suggestion for a misspelt name, or an empty string.

    A name with an invisible character in it (pasted from a web page or a chat) looks right when
    quoted, so that character is named instead.
    """
    word = str(word)
    hidden = hidden_character(word)
    if hidden is not None:
        name = unicodedata.name(hidden, "an invisible character")
        return f"it holds an invisible character (U+{ord(hidden):04X} {name}): delete it and type the name again"
    choices = [str(c) for c in choices]
    same = [c for c in choices if c.casefold() == word.casefold()]
    matches = same or difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def relative(path: Path, root: Path) -> str:
    """The path as a user sees it: relative to the project when it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


class UsageError(Exception):
    """The caller asked for something that does not exist (exit code 2 on the command line)."""


class OutputError(Exception):
    """The output folder cannot be written (read-only, full disk, no permission): exit code 1."""

    def __init__(self, folder: Path, exc: OSError):
        super().__init__(f"cannot write to {folder}: {exc.strerror or exc}")
        self.folder = folder
