"""What a worker is given (a Job) and what it gives back (an EditionResult): plain data only.

Kept apart from render.py so that the API can plan a build, skip unchanged editions and
report results without importing WeasyPrint (about 0.5-0.9 s of start-up per process).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .compose import Edition
from .problems import Problem


@dataclass(frozen=True)
class Job:
    """What a worker needs to build one edition: plain data only."""

    edition: Edition
    root: str
    out: str | None  # None: check only, write nothing
    digest: str
    strict: bool = False  # preflight warnings count as errors
    editions: tuple[str, ...] = ("print", "screen")  # which PDFs to write


@dataclass
class EditionResult:
    team: str
    condition: str
    status: str  # built, unchanged, failed, checked
    outputs: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    body_panels: int = 0
    digest: str = ""
    preflight: str = ""  # passed, warnings or failed once the print PDF was checked; "" when it was not

    @property
    def slug(self) -> str:
        return f"{self.team}/{self.condition}"


def print_path(out: Path, edition: Edition) -> Path:
    return out / "print" / edition.team / f"{edition.condition}.pdf"


def screen_path(out: Path, edition: Edition) -> Path:
    return out / "screen" / edition.team / f"{edition.condition}.pdf"


EDITION_PATHS = {"print": print_path, "screen": screen_path}
