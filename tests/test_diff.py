"""Visual diff: a heading colour change is reported with a highlight; a change nobody can see is not."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

import leafletpress
from leafletpress.look.diff import ARRIVED, HIGHLIGHT, diff_builds, read_report
from leafletpress.options import ProofOptions

from .helpers import SEED, SEED_TEAM

SLUG = f"{SEED_TEAM}/{SEED}"
HEADING_RULE = ".section h2 {"


def build(root: Path):
    report = leafletpress.build(root, conditions=[SEED], teams=[SEED_TEAM], jobs=1, proofs=ProofOptions(dpi=50))
    assert report.exit_code == 0, [str(p) for p in report.problems]
    return report


def edit_css(root: Path, old: str, new: str) -> None:
    path = root / "styles" / "leaflet.css"
    css = path.read_text("utf-8")
    assert old in css
    path.write_text(css.replace(old, new, 1), "utf-8")


def test_invisible_change_reports_nothing_and_a_heading_colour_is_found(project: Path, tmp_path: Path):
    build(project)
    first = tmp_path / "first"
    shutil.copytree(project / "build", first)

    # A comment changes the stylesheet (every edition is rebuilt) but nothing on paper.
    edit_css(project, HEADING_RULE, "/* headings */\n" + HEADING_RULE)
    report = build(project)
    assert report.count("built") == 1
    assert [p.changes for p in report.proofs] == [[]]
    assert read_report(project / "build").changed == []
    assert diff_builds(first, project / "build").changed == []

    edit_css(project, HEADING_RULE, HEADING_RULE + "\n  color: #d01060 !important;")
    report = build(project)
    [proof] = report.proofs
    assert [c["side"] for c in proof.changes] == ["outside", "inside"]  # section headings on both sides
    last = read_report(project / "build")
    assert [e.slug for e in last.changed] == [SLUG]

    between = diff_builds(first, project / "build")
    assert [(e.slug, e.status) for e in between.editions] == [(SLUG, "changed")]
    for side in between.changed[0].sides:
        with Image.open(project / "build" / side["image"]) as image:
            image = image.convert("RGB")
            # every changed pixel is painted (old ink or new colour in red, new ink in blue), inside the reported box
            changed = image.crop(side["box"]).get_flattened_data()
            assert sum(1 for pixel in changed if pixel in (HIGHLIGHT, ARRIVED)) >= side["changed_pixels"] > 0
            # and the rest of the sheet is faded to grey, so the change stands out
            r, g, b = image.getpixel((image.width // 2, 2))
            assert r == g == b


def test_cli_diff_lists_changed_editions_and_exits_1(project: Path, tmp_path: Path):
    from click.testing import CliRunner

    from leafletpress.cli import main

    build(project)
    first = tmp_path / "first"
    shutil.copytree(project / "build", first)
    runner = CliRunner()
    result = runner.invoke(main, ["-C", str(project), "diff", str(first), str(project / "build")])
    assert result.exit_code == 0, result.output
    assert "0 of 1 editions look different" in result.output

    edit_css(project, HEADING_RULE, HEADING_RULE + "\n  color: #d01060 !important;")
    build(project)
    result = runner.invoke(main, ["-C", str(project), "diff"])  # the last build against the one before
    assert result.exit_code == 1, result.output
    assert f"changed  {SLUG}: outside" in result.output
    assert "index.html#changes" in result.output
    assert (project / "build" / "diff" / SEED_TEAM / SEED / "inside.png").is_file()
