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


def test_a_colour_written_again_instead_of_its_custom_property_is_warned_where_it_is(tmp_path: Path):
    from leafletpress.content.csscolours import repeated_colours

    (tmp_path / "base.css").write_text(
        ":root { --accent: #0b6e69; --soft: rgb(227, 241, 239); }\n"
        "h2 { color: var(--accent); }\n"
        "@media print { .note { background: RGB(227,241,239); } }\n",
        "utf-8",
    )
    (tmp_path / "team.css").write_text(
        ":root { --accent: #1a5aa6; }\n@page cover { background: #1A5AA6; }\n.old { color: #0b6e69; }\n", "utf-8"
    )
    found = [(p.file, p.line, p.field, p.message) for p in repeated_colours(tmp_path, [["base.css", "team.css"]])]
    assert found == [
        (
            "base.css",
            3,
            "background",
            "'rgb(227 241 239)' is the value of --soft written again",
        ),  # inside @media, written otherwise
        ("team.css", 2, "background", "'#1a5aa6' is the value of --accent written again"),
    ]  # #0b6e69 is no repeat here: the team's --accent overrides the base's
    assert all(p.hint.startswith("write var(--") for p in repeated_colours(tmp_path, [["base.css", "team.css"]]))
