"""Colour one place: a team's brand colour is given once, as --accent, and every place that shows it follows."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

import leafletpress
from leafletpress.options import ProofOptions

TEAM, CONDITION = "sport", "nekklachten"


def _cover_colour(root: Path) -> tuple[int, int, int]:
    """The colour at the cover's outer top corner, inside the trim (above the logo, clear of the circle)."""
    report = leafletpress.build(
        root, teams=[TEAM], conditions=[CONDITION], jobs=1, outputs=["print"], proofs=ProofOptions(dpi=20)
    )
    assert report.exit_code == 0, [str(p) for p in report.problems]
    with Image.open(root / "build" / "proofs" / TEAM / CONDITION / "panel-cover.png") as image:
        return image.convert("RGB").getpixel((image.width - 2, 2))


def test_changing_the_accent_changes_the_cover_too(project: Path):
    blue = _cover_colour(project)
    assert blue[2] > 140 and blue[0] < 60, blue  # the sport team's #1a5aa6, as the press prints it
    css = project / "styles" / "teams" / f"{TEAM}.css"
    css.write_text(css.read_text("utf-8").replace("--accent: #1a5aa6;", "--accent: #9a3412;"), "utf-8")
    orange = _cover_colour(project)
    assert orange[0] > 110 and orange[2] < 60, orange  # #9a3412: the cover followed, nothing repeated the old blue
