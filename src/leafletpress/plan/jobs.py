"""What a worker is given (a Job) and what it gives back (an EditionResult): plain data only.

Kept apart from worker.py so that the API can plan a build, skip unchanged editions and
report results without importing WeasyPrint (about 0.5-0.9 s of start-up per process).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from ..compose.edition import Edition
from ..outputs import OUTPUTS, Output, edition_slug
from ..problems import Problem


class Status(StrEnum):
    """What became of an edition in a build."""

    BUILT = "built"
    UNCHANGED = "unchanged"  # its inputs and outputs are as the last build left them: not rendered again
    CHECKED = "checked"  # laid out and preflighted in memory (check): nothing written
    FAILED = "failed"


class Verdict(StrEnum):
    """Preflight's verdict on a print PDF."""

    PASSED = "passed"
    WARNINGS = "warnings"
    FAILED = "failed"


class Fit(StrEnum):
    FITS = "fits"
    OVERFLOW = "overflow"


@dataclass(frozen=True)
class Job:
    """What a worker needs to build one edition: plain data only."""

    edition: Edition
    root: str
    out: str | None  # None: check only, write nothing
    digest: str
    strict: bool = False  # preflight warnings count as errors
    outputs: tuple[Output, ...] = OUTPUTS  # which of the edition's outputs to write
    batch: str = ""  # the build it belongs to: a worker keeps laid-out bodies (share.py) within one build only


@dataclass
class EditionResult:
    team: str
    condition: str
    status: Status
    outputs: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    body_panels: int = 0
    digest: str = ""
    preflight: Verdict | str = ""  # once the print PDF was checked; "" when it was not
    body_reused: bool = False  # its body pages were laid out once for an earlier edition (share.py)
    back_reused: bool = False  # and its back page, with this edition's QR code put in (swap.py)
    fit: Fit | str = ""  # once it was laid out; "" when it was not
    translation: str = ""  # the language of a translated edition; "" in the project's own language

    @property
    def slug(self) -> str:
        return edition_slug(self.team, self.condition, self.translation)


def crashed(job: Job, why: str) -> EditionResult:
    """The result of an edition whose build raised or whose worker died: a failure that names it."""
    edition = job.edition
    return EditionResult(
        edition.team,
        edition.condition,
        Status.FAILED,
        digest=job.digest,
        translation=edition.translation,
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
