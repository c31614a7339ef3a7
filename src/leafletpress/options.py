"""The options of a build, as one value: what the command line, check, watch and the API pass along.

Plain data only, so a stage can take what it needs without knowing the command line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .outputs import OUTPUTS, Output

DEFAULT_DPI = 100  # an A4 sheet side is ~1250 px wide: fits a screen, costs ~0.1 s to encode


@dataclass(frozen=True)
class ProofOptions:
    """How proofs are made: resolution, and whether a guides overlay is drawn too."""

    dpi: int = DEFAULT_DPI
    guides: bool = False


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how; every field has the default `leafletpress build` uses without options.

    out=None checks without writing anything (`leafletpress check`).
    """

    out: str | Path | None = "build"
    conditions: tuple[str, ...] = ()  # only these conditions; () all
    teams: tuple[str, ...] = ()  # only these teams' editions; () all
    languages: tuple[str, ...] = ()  # only the editions in these languages (nl, en, ...); () all
    outputs: tuple[Output, ...] = OUTPUTS  # which of each edition's outputs to write
    jobs: int | None = None  # worker processes; None: LEAFLETPRESS_JOBS or the number of cores
    force: bool = False  # rebuild editions whose inputs did not change
    strict: bool = False  # preflight warnings fail their edition
    shard: str | None = None  # 'K/N': only the editions of shard K of N
    proofs: ProofOptions | None = None  # None: no proofs
    index: bool = False  # write the contact sheet (build/index.html)

    def but(self, **changes) -> BuildOptions:
        """These options with some changed (the names must be fields)."""
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise TypeError(f"no build option {', '.join(sorted(unknown))}")
        if {"conditions", "teams", "languages"} & set(changes):
            changes = {k: tuple(v) if k in ("conditions", "teams", "languages") else v for k, v in changes.items()}
        if "outputs" in changes:
            changes["outputs"] = tuple(changes["outputs"])
        return replace(self, **changes)

    @property
    def workers(self) -> int:
        """How many worker processes to use."""
        return self.jobs or default_jobs()


def default_jobs() -> int:
    """LEAFLETPRESS_JOBS, or the number of cores."""
    value = os.environ.get("LEAFLETPRESS_JOBS", "")
    return int(value) if value.isdigit() and int(value) > 0 else (os.cpu_count() or 1)
