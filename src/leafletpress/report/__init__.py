"""Report: what a build or check did, per edition and problem by problem; formats.py says it for people and tools."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
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
    # A sharded build: the problems another shard of the matrix reports, with that shard's number
    # (planner.reporting_shards). They stay with this shard's editions that own them, but are not
    # reported here: not in `problems`, the counts, the annotations or the exit code.
    elsewhere: dict[Problem, int] = field(default_factory=dict)
    shard: str | None = None  # 'K/N' for a sharded build
    removed: list[str] = field(default_factory=list)  # editions that left the matrix: their outputs were deleted

    @property
    def problems(self) -> list[Problem]:
        found = list(self.library.problems.items)
        for result in self.results:
            found.extend(result.problems)
        return sorted(set(found) - set(self.elsewhere), key=lambda p: (p.file, p.line, p.field, p.message))

    def reported_elsewhere(self) -> dict[int, int]:
        """How many problems each other shard reports for this one: {shard: problems}."""
        return dict(sorted(Counter(self.elsewhere.values()).items()))

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


TEAM_PREFIX = "in the edition for "


def name_teams(results: list[EditionResult], library: Library) -> None:
    """Name the team in a problem that the same condition's editions for different teams have in different words.

    A fold that does not fit is reported at the condition's section, so the editions of two teams (each
    with its own sections or stylesheet) give two lines at the same file:line that differ only in the
    millimetres: which is which? The same problem in the same words stays one line, as before.
    """

    def team_name(result: EditionResult) -> str:
        team = library.teams.get(result.team)
        return team.item.name if team is not None else result.team

    def unnamed(result: EditionResult, message: str) -> str:
        # An unchanged edition's problem, read back from the manifest, may carry its team's name already.
        return message.removeprefix(f"{TEAM_PREFIX}{team_name(result)}, ")

    groups: dict[tuple, list[tuple[EditionResult, int]]] = {}
    for result in results:
        for index, problem in enumerate(result.problems):
            key = (result.condition, result.translation, problem.file, problem.line, problem.field, problem.hint)
            groups.setdefault(key, []).append((result, index))
    for found in groups.values():
        messages = {unnamed(r, r.problems[i].message) for r, i in found}
        named = len({r.team for r, _ in found}) > 1 and len(messages) > 1
        for result, index in found:
            problem = result.problems[index]
            message = unnamed(result, problem.message)
            if named:
                message = f"{TEAM_PREFIX}{team_name(result)}, {message}"
            if message != problem.message:
                result.problems[index] = replace(problem, message=message)
