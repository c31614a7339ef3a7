"""The folds as data: the built-in ones are folds, broken ones are caught, and a project's own are merged in.

What each fold does to a built leaflet (boxes, panels, marks, duplex, reading order) is measured
in tests/test_fold_editions.py; this file is about the data.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from leafletpress.compose.edition import compose
from leafletpress.content.load import load_library
from leafletpress.fold import FOLDS, builtin_data, from_data
from leafletpress.fold.check import faults
from leafletpress.plan.manifest import InputHasher

ROLL4 = Path(__file__).parent / "fixtures" / "folds" / "roll-4.yaml"
ISSUE_FOLDS = {"a4-roll-trifold", "a4-zfold", "a4-bifold", "a4-gatefold", "dl-leporello", "us-letter-trifold"}


def test_the_built_in_folds_are_the_issues_and_every_one_is_a_fold():
    assert set(FOLDS) == ISSUE_FOLDS
    for fold in FOLDS.values():
        assert faults(fold) == [], fold.name


@pytest.mark.parametrize("name", sorted(ISSUE_FOLDS))
def test_every_panel_declares_the_panel_the_geometry_puts_behind_it(name):
    fold = FOLDS[name]
    for panel in fold.panels:
        behind = fold.behind(panel)
        assert behind is not None and panel.behind == behind.name, panel.name
        assert fold.behind(behind) == panel  # turning the sheet over twice gives the panel back


def test_the_widths_the_research_settled_on():
    widths = {name: [p.width for p in fold.panels_on(fold.sides[1])] for name, fold in FOLDS.items()}
    assert widths["a4-roll-trifold"] == [100, 100, 97]
    assert widths["a4-zfold"] == [99, 99, 99]
    assert widths["a4-bifold"] == [148.5, 148.5]
    assert widths["a4-gatefold"] == [73.5, 150, 73.5]  # flaps a quarter less 1/32 in: they meet with 3 mm to spare
    assert widths["dl-leporello"] == [99, 99, 99, 99]
    assert widths["us-letter-trifold"] == [
        pytest.approx(3.6875 * 25.4),
        pytest.approx(3.6875 * 25.4),
        pytest.approx(3.625 * 25.4),
    ]


def test_the_roll_fold_keeps_its_geometry_and_folds_where_its_panels_meet():
    fold = FOLDS["a4-roll-trifold"]
    assert [(p.name, p.side, p.x, p.width) for p in fold.panels] == [
        ("cover", "outside", 197, 100),
        ("flap", "outside", 0, 97),
        ("inside-left", "inside", 0, 100),
        ("inside-middle", "inside", 100, 100),
        ("inside-right", "inside", 200, 97),
        ("back", "outside", 97, 100),
    ]
    assert fold.folds_on("outside") == [97, 197] and fold.folds_on("inside") == [100, 200]


def _broken(name: str, edit) -> list[str]:
    spec = copy.deepcopy(builtin_data()[name])
    edit(spec)
    return [f.message for f in faults(from_data(name, spec))]


def _panel(spec: dict, name: str) -> dict:
    return next(p for p in spec["panels"] if p["name"] == name)


def _inside_as_outside(spec: dict) -> None:
    """The inside laid out 97/100/100 like the outside: both sides tile, but they no longer mirror each other."""
    for name, x, width in (("inside-left", 0, 97), ("inside-middle", 97, 100), ("inside-right", 197, 100)):
        _panel(spec, name).update(x=x, width=width)


@pytest.mark.parametrize(
    "name, edit, expected",
    [
        ("a4-zfold", lambda s: _panel(s, "outside-left").update(role="back"), "a fold has one back panel, this one has 2"),
        ("a4-zfold", lambda s: _panel(s, "cover").update(behind="inside-middle"), "the sheet turned over puts 'inside-left'"),
        ("a4-bifold", lambda s: s.update(sides=["outside"]), "a sheet has two sides"),
        ("dl-leporello", lambda s: _panel(s, "outside-3").update(x=199, width=98), "a gap of 1 mm before 'outside-3'"),
        ("dl-leporello", lambda s: s["folds"]["inside"][1].update(x=200), "no panels meet at inside x 200"),
        ("dl-leporello", lambda s: s["folds"]["inside"][1].update(direction="valley"), "from the inside it is a mountain"),
        ("a4-gatefold", lambda s: s["folds"]["inside"][0].update(order=2), "the inside folds are numbered 2, 2"),
        ("a4-roll-trifold", _inside_as_outside, "nothing of 100 mm is printed behind 'cover'"),
        ("a4-roll-trifold", lambda s: s["panels"].reverse(), "the reading order starts with 'back'"),
    ],
)
def test_a_broken_fold_is_caught_for_the_right_reason(name, edit, expected):
    found = _broken(name, edit)
    assert any(expected in message for message in found), found


def test_the_mirrored_right_to_left_roll_fold_is_data_too():
    """Issue 19's Arabic leaflet opens to the right: its roll fold is the mirror image, and needs no code."""
    spec = copy.deepcopy(builtin_data()["a4-roll-trifold"])
    for panel in spec["panels"]:
        panel["x"] = 297 - panel["x"] - panel["width"]
    for side in spec["folds"].values():
        for line in side:
            line["x"] = 297 - line["x"]
    assert faults(from_data("a4-roll-trifold-rtl", spec)) == []


def _with_roll4(project: Path) -> Path:
    shutil.copy(ROLL4, project / "leaflets" / "folds.yaml")
    return project


def test_a_fold_that_exists_only_in_a_test_file_is_a_fold_the_project_can_use(project):
    library = load_library(_with_roll4(project))
    assert not library.problems.errors, library.problems.sorted()
    assert "roll-4" in library.folds.folds and library.folds.own == {"roll-4"}
    assert set(FOLDS) <= set(library.folds.folds)  # merged over the built-in folds, not instead of them
    fold = library.folds.folds["roll-4"]
    assert [p.name for p in fold.body] == ["flap-2", "flap-1", "inside-1", "inside-2", "inside-3", "inside-4"]


def test_a_condition_may_choose_another_fold_than_the_project(project):
    condition = project / "leaflets" / "conditions" / "knieartrose.yaml"
    condition.write_text(condition.read_text("utf-8") + "fold: a4-zfold\n", "utf-8")
    library = load_library(project)
    assert not library.problems.errors, library.problems.sorted()
    assert compose(library, "fysiofits", "knieartrose").fold_spec == FOLDS["a4-zfold"]
    assert compose(library, "fysiofits", "whiplash").fold_spec == FOLDS[library.project.item.fold] == FOLDS["a4-roll-trifold"]
    assert compose(library, "fysiofits", "hernia").fold_spec == FOLDS["dl-leporello"]  # the sample's long leaflet


def test_the_input_hash_covers_a_project_fold_for_the_editions_printed_in_it(project):
    _with_roll4(project)
    condition = project / "leaflets" / "conditions" / "knieartrose.yaml"
    condition.write_text(condition.read_text("utf-8") + "fold: roll-4\n", "utf-8")

    def digests():
        library = load_library(project)
        hasher = InputHasher(library)
        return {c: hasher.digest(compose(library, "fysiofits", c)) for c in ("knieartrose", "hernia")}

    before = digests()
    assert "leaflets/folds.yaml" in before["knieartrose"][1] and "leaflets/folds.yaml" not in before["hernia"][1]
    data = yaml.safe_load(ROLL4.read_text("utf-8"))
    data["roll-4"]["label"] = "wikkelvouw"
    (project / "leaflets" / "folds.yaml").write_text(yaml.safe_dump(data), "utf-8")
    after = digests()
    assert after["knieartrose"][0] != before["knieartrose"][0]
    assert after["hernia"][0] == before["hernia"][0]


def test_the_print_settings_default_to_what_leafletpress_always_made(project):
    shop = load_library(project).project.item.print_settings.shop
    assert (shop.bleed, str(shop.marks), shop.mark_offset, shop.safe_margin, shop.slug) == (3, "crop+fold", 3, 4, 10)


def test_the_marks_start_beyond_a_larger_bleed_unless_told_otherwise(project):
    settings = project / "leaflets" / "project.yaml"
    settings.write_text(settings.read_text("utf-8").replace("print:\n", "print:\n  bleed: 5\n  safe_margin: 5\n"), "utf-8")
    shop = load_library(project).project.item.print_settings.shop
    assert (shop.bleed, shop.mark_offset, shop.safe_margin, shop.slug) == (5, 5, 5, 12)


def test_the_folds_command_lists_every_fold_with_its_panel_widths(project):
    from click.testing import CliRunner

    from leafletpress.cli import main

    _with_roll4(project)
    result = CliRunner().invoke(main, ["-C", str(project), "folds"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines()[1:] if line.strip()}
    assert (
        " ".join(rows["a4-roll-trifold"].split()) == "a4-roll-trifold A4, 297 x 210 mm 100 x 210 97 + 100 + 100 100 + 100 + 97 4"
    )
    assert "73.5 + 150 + 73.5" in rows["a4-gatefold"] and "148.5 x 210" in rows["a4-bifold"]
    assert "92.075 + 93.6625 + 93.6625" in rows["us-letter-trifold"] and rows["dl-leporello"].endswith(" 6")
    assert rows["roll-4"].startswith("roll-4 *") and "from leaflets/folds.yaml" in result.output

    result = CliRunner().invoke(main, ["-C", str(project), "folds", "a4-zfold"])
    assert result.exit_code == 0
    assert "reading order: cover, inside-left, inside-middle, outside-left, outside-middle, back" in result.output
    assert "cover           cover  x      198  width       99  behind it: inside-left" in result.output

    result = CliRunner().invoke(main, ["-C", str(project), "folds", "zfold"])
    assert result.exit_code == 2 and "no fold 'zfold'; did you mean 'a4-zfold'?" in result.output


def test_the_folds_command_checks_the_projects_own_folds(project):
    from click.testing import CliRunner

    from leafletpress.cli import main

    (project / "leaflets" / "folds.yaml").write_text(ROLL4.read_text("utf-8").replace("width: 397,", "width: 398,"), "utf-8")
    result = CliRunner().invoke(main, ["-C", str(project), "folds"])
    assert result.exit_code == 1
    assert "leaflets/folds.yaml:16: roll-4.sheet.width: the panels of each side are 397 mm wide together" in result.stderr
    assert "roll-4" not in result.stdout and "a4-roll-trifold" in result.stdout


def test_a_folds_data_printed_by_the_folds_command_is_a_project_fold_as_it_stands(project):
    """Adding a fold starts from a copy: `folds --yaml` prints one, renamed it loads as the project's own."""
    from click.testing import CliRunner

    from leafletpress.cli import main

    result = CliRunner().invoke(main, ["-C", str(project), "folds", "--yaml", "a4-gatefold"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.output) == {"a4-gatefold": builtin_data()["a4-gatefold"]}
    own = result.output.replace("a4-gatefold:", "gate-heavy-paper:", 1).replace("73.5", "73").replace("x: 223.5", "x: 224")
    own = own.replace("width: 150", "width: 151").replace("x: 223.5", "x: 224")
    (project / "leaflets" / "folds.yaml").write_text(own, "utf-8")
    library = load_library(project)
    assert not library.problems.errors, library.problems.sorted()
    assert [p.width for p in library.folds.folds["gate-heavy-paper"].panels_on("inside")] == [73, 151, 73]
