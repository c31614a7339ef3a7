"""Report: what a build or check did, per edition and problem by problem; formats.py says it for people and tools."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.library import Library
from ..plan.jobs import EditionResult, Status
from ..problems import Problem


@dataclass
class Report:
    """What a build or check did: per-edition results and every problem found, sorted."""

    root: Path
    out: Path | None
    library: Library
    results: list[EditionResult] = field(default_factory=list)
    seconds: float = 0.0
    proofs: list = field(default_factory=list)  # proof.ProofResult per edition, when proofs were asked for
    proof_seconds: float = 0.0

    @property
    def problems(self) -> list[Problem]:
        found = list(self.library.problems.items)
        for result in self.results:
            found.extend(result.problems)
        return sorted(set(found), key=lambda p: (p.file, p.line, p.field, p.message))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def exit_code(self) -> int:
        return 1 if self.errors or any(r.status == Status.FAILED for r in self.results) else 0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)
