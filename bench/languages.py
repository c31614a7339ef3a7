"""The benchmark's language rows: the sample project as it is, its seed leaflet in four languages (`--only languages`).

The sample's 23 editions are 20 Dutch ones and Team FysioFits's seed leaflet in English, Turkish and
Arabic. Each round builds them cold into a fresh folder (print editions only, no proofs, like the
other cold rows), then reads from the manifest how long each edition took in its worker, so the
note can say what an edition costs per language.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Round:
    """One measured run of a row (bench/checks.py's rows are made of them too)."""

    wall: float
    cpu: float
    maxrss_mb: float
    built: int = 0


@dataclass
class Row:
    name: str
    editions: int = 0
    rounds: list[Round] = field(default_factory=list)
    note: str = ""


def sample(work: Path) -> Path:
    """A copy of the sample project (the repository's leaflets/ and styles/) in the bench's folder, made once."""
    root = work / "sample"
    if not root.exists():
        for folder in ("leaflets", "styles"):
            shutil.copytree(REPO / folder, root / folder)
    return root


def languages_rows(cli, work: Path, repeat: int) -> list[Row]:
    """The four-language sample, cold, `--jobs 2` and `--jobs 1`; cli runs leafletpress in a fresh, measured process."""
    root = sample(work)
    rows = []
    for jobs in (2, 1):
        seconds: dict[str, list[float]] = {}
        row = Row(f"four-language sample: cold build, `--jobs {jobs}`")
        for round_ in range(repeat):
            out = work / f"languages-{jobs}-{round_}"
            options = ("--edition", "print", "--no-proofs", "--format", "json", "-j", str(jobs))
            result = cli("build", "--out", str(out), *options, cwd=root)
            summary = json.loads(result["stdout"])["summary"]
            row.rounds.append(Round(result["wall"], result["cpu"], result["maxrss_kb"] / 1024, summary["built"]))
            row.editions = summary["built"]
            for slug, entry in json.loads((out / "manifest.json").read_text("utf-8"))["editions"].items():
                seconds.setdefault(slug.partition(".")[2] or "nl", []).append(entry["seconds"])
            print(f"  {row.name}: round {round_ + 1}: {row.rounds[-1].wall:.2f}s wall", file=sys.stderr)
        counts = ", ".join(f"{len(v) // repeat} {code}" for code, v in seconds.items())
        per = ", ".join(f"{code} {statistics.median(v) * 1000:.0f}" for code, v in seconds.items())
        row.note = f"editions: {counts}; median ms per edition in its worker: {per}"
        rows.append(row)
    return rows
