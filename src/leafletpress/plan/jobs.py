"""What a worker is given (a Job) and what it gives back (an EditionResult): plain data only.

Kept apart from render.py so that the API can plan a build, skip unchanged editions and
report results without importing WeasyPrint (about 0.5-0.9 s of start-up per process).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from ..compose.edition import Edition
from ..problems import Problem


@dataclass(frozen=True)
class Job:
    """What a worker needs to build one edition: plain data only."""

    edition: Edition
    root: str
    out: str | None  # None: check only, write nothing
    digest: str
    strict: bool = False  # preflight warnings count as errors
    editions: tuple[str, ...] = ("print", "screen")  # which PDFs to write
    batch: str = ""  # the build it belongs to: a worker keeps laid-out bodies (share.py) within one build only


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
    body_reused: bool = False  # its body pages were laid out once for an earlier edition (share.py)
    fit: str = ""  # "fits" or "overflow" once it was laid out; "" when it was not

    @property
    def slug(self) -> str:
        return f"{self.team}/{self.condition}"


def print_path(out: Path, edition: Edition) -> Path:
    return out / "print" / edition.team / f"{edition.condition}.pdf"


def screen_path(out: Path, edition: Edition) -> Path:
    return out / "screen" / edition.team / f"{edition.condition}.pdf"


EDITION_PATHS = {"print": print_path, "screen": screen_path}


def crashed(job: Job, why: str) -> EditionResult:
    """The result of an edition whose build raised or whose worker died: a failure that names it."""
    edition = job.edition
    return EditionResult(
        edition.team,
        edition.condition,
        "failed",
        digest=job.digest,
        problems=[
            Problem(
                edition.condition_file,
                0,
                "",
                f"building {edition.slug} crashed: {why}",
                "this is a bug in leafletpress; please report it",
            )
        ],
    )


def chunks(jobs: list[Job], workers: int) -> list[list[Job]]:
    """Jobs in the pieces workers take one at a time: a condition's editions together, so one
    worker lays their shared body out once (share.py), cut only when there are fewer
    conditions than workers (one condition changed, ten teams), so every worker has work.

    jobs must be sorted by condition.
    """
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        groups.setdefault(job.edition.condition, []).append(job)
    cuts = max(1, math.ceil(workers / len(groups))) if groups else 1
    pieces = []
    for group in groups.values():
        size = math.ceil(len(group) / min(cuts, len(group)))
        pieces += [group[start : start + size] for start in range(0, len(group), size)]
    return pieces
