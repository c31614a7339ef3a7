"""Every name in the build folder, in one place: where each edition's outputs go, and the build's own files.

build/
  print/<team>/<condition>.pdf     the print edition (Output.PRINT)
  screen/<team>/<condition>.pdf    the screen edition (Output.SCREEN)
  proofs/<team>/<condition>/       sheet-side and panel PNGs, proof.json
  diff/<team>/<condition>/         what changed visibly, and diff.json beside it
  index.html                       the contact sheet
  manifest.json                    what the last build did (manifest.shard-K-of-N.json per shard)
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class Output(StrEnum):
    """A kind of output an edition has: the print PDF for the press, the screen PDF to read and share."""

    PRINT = "print"
    SCREEN = "screen"


OUTPUTS = tuple(Output)
INDEX = "index.html"
MANIFEST = "manifest.json"
SHARD_MANIFESTS = "manifest.shard-*-of-*.json"
PROOFS = "proofs"
PROOF_INFO = "proof.json"
DIFF = "diff"
DIFF_INFO = "diff.json"


def output_path(out: Path, kind: Output | str, team: str, condition: str) -> Path:
    """Where an edition's output of this kind is written."""
    return out / str(kind) / team / f"{condition}.pdf"


def print_path(out: Path, team: str, condition: str) -> Path:
    return output_path(out, Output.PRINT, team, condition)


def screen_path(out: Path, team: str, condition: str) -> Path:
    return output_path(out, Output.SCREEN, team, condition)


def shard_manifest(index: int, count: int) -> str:
    return f"manifest.shard-{index}-of-{count}.json"


def proof_folder(out: Path, team: str, condition: str) -> Path:
    return out / PROOFS / team / condition


def diff_folder(out: Path, slug: str) -> Path:
    return out / DIFF / slug


def side_file(side: str) -> str:
    """A sheet side's proof, e.g. outside.png."""
    return f"{side}.png"


def guides_file(side: str) -> str:
    return f"{side}-guides.png"


def thumb_file(side: str) -> str:
    return f"thumb-{side}.png"


def panel_file(panel: str) -> str:
    return f"panel-{panel}.png"
