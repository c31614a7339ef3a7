"""`leafletpress new condition|team`: a commented starter file that is valid and fits; check names each
placeholder left in it, and once they are replaced it builds."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import leafletpress
from leafletpress.cli import main
from leafletpress.content import scaffold
from leafletpress.content.yamlfile import read_yaml

from .helpers import REPO


def new(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), "new", *args])


def schema(kind: str) -> dict:
    return json.loads((REPO / "leaflets" / "schema" / f"{kind}.schema.json").read_text("utf-8"))


def test_new_condition_is_valid_check_names_each_placeholder_and_once_replaced_it_builds(project: Path):
    result = new(project, "condition", "frozen-shoulder", "--title", "Frozen shoulder: de bevroren schouder")
    assert result.exit_code == 0, result.output
    path = project / "leaflets" / "conditions" / "frozen-shoulder.yaml"
    assert result.output.startswith(f"created {path.as_posix()}\n")
    assert "editions:" in result.output and "leafletpress check --condition frozen-shoulder" in result.output
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/condition.schema.json\n")
    jsonschema.validate(read_yaml(path, "x").data, schema("condition"))
    report = leafletpress.check(project, conditions=["frozen-shoulder"], teams=["fysiofits"], jobs=1)
    assert report.exit_code == 1
    left = [p for p in report.errors if p.file == "leaflets/conditions/frozen-shoulder.yaml"]
    assert len(left) == text.count("VERVANG: ") == 8  # the comment at the top names the word too
    assert str(left[0]) == (
        "leaflets/conditions/frozen-shoulder.yaml:23: sections[0].blocks[0].text: still holds the placeholder text "
        "that 'leafletpress new' wrote ('VERVANG: leg hier in korte zinnen uit w…') "
        "(write the leaflet's own text here (or remove the line))"
    )
    path.write_text(text.replace("VERVANG: ", ""), "utf-8")  # the author writes the text
    report = leafletpress.build(project, conditions=["frozen-shoulder"], teams=["fysiofits"], jobs=1, proofs=None)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    assert [r.status for r in report.results] == ["built"]
    assert [str(p) for p in report.problems if "frozen-shoulder" in p.file] == []  # not even a house-rule warning
    pdf = project / "build" / "print" / "fysiofits" / "frozen-shoulder.pdf"
    assert len(PdfReader(pdf).pages) == 2
    assert "bevroren schouder" in " ".join(PdfReader(pdf).pages[0].extract_text().split())


def test_new_team_passes_check_once_it_is_given_editions_and_its_details(project: Path):
    result = new(project, "team", "noord")
    assert result.exit_code == 0, result.output
    assert "add 'noord: all'" in result.output
    path = project / "leaflets" / "teams" / "noord.yaml"
    jsonschema.validate(read_yaml(path, "x").data, schema("team"))
    project_file = project / "leaflets" / "project.yaml"
    project_file.write_text(project_file.read_text("utf-8").replace("editions:\n", "editions:\n  noord: all\n"), "utf-8")
    report = leafletpress.check(project, conditions=["lage-rugklachten"], teams=["noord"], jobs=1)
    assert {p.field for p in report.errors} == {
        "therapists[0].name",
        "contact.address[0]",
        "contact.address[1]",
        "contact.phone",
        "contact.email",
        "contact.website",
    }
    left = [p for p in report.errors if "still holds the placeholder text" in p.message]
    assert left and {p.hint for p in left} == {"write the team's own details here (or remove the line)"}
    path.write_text(path.read_text("utf-8").replace("VERVANG ", "").replace("VERVANG", "info"), "utf-8")
    report = leafletpress.check(project, conditions=["lage-rugklachten"], teams=["noord"], jobs=1)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    assert [(r.slug, r.status) for r in report.results] == [("noord/lage-rugklachten", "checked")]


def test_the_title_defaults_to_the_slug_and_may_hold_any_character(project: Path):
    assert scaffold.title_from_slug("frozen-shoulder") == "Frozen shoulder"
    made = scaffold.new_condition(project, "a-b", title='Een "titel": met #, {x} en \\')
    assert read_yaml(made.path, "x").data["title"] == 'Een "titel": met #, {x} en \\'


@pytest.mark.parametrize("slug", ["Knie", "knie_artrose", "knie-", "knie--artrose", "../knie", "", "knie.yaml"])
def test_an_invalid_slug_is_refused_and_nothing_is_written(project: Path, slug: str):
    before = sorted(p.name for p in (project / "leaflets" / "conditions").iterdir())
    result = new(project, "condition", slug)
    assert result.exit_code == 2  # a usage error, as for any other bad argument
    assert f"'{slug}' is not a usable slug" in result.output and "use lowercase letters" in result.output
    assert sorted(p.name for p in (project / "leaflets" / "conditions").iterdir()) == before


def test_an_existing_file_is_never_overwritten(project: Path):
    before = (project / "leaflets" / "teams" / "fysiofits.yaml").read_bytes()
    result = new(project, "team", "fysiofits")
    assert result.exit_code == 1
    assert "leaflets/teams/fysiofits.yaml already exists" in result.output
    assert (project / "leaflets" / "teams" / "fysiofits.yaml").read_bytes() == before


def test_outside_a_project_it_says_where_to_run(tmp_path: Path):
    result = new(tmp_path, "condition", "knie")
    assert result.exit_code == 1
    assert "no leaflets/project.yaml" in result.output and "--project" in result.output


STARTER = REPO / "src" / "leafletpress" / "content" / "starter" / "styles"


def test_the_starter_styles_are_the_sample_projects_so_a_new_project_looks_like_it():
    """A practice that installs leafletpress from PyPI has no sample to copy: the package carries these files."""
    starter = sorted(p.relative_to(STARTER).as_posix() for p in STARTER.rglob("*") if p.is_file())
    assert starter == sorted(
        [
            "leaflet.css",
            "arabic.css",  # the Arabic editions' font and right-to-left rules, for a project that adds Arabic
            *(f"fonts/{p.name}" for p in (REPO / "styles" / "fonts").iterdir()),
            *(f"print/{name}" for name in ("FOGRA39-free.icc", "PROVENANCE.md", "make-profile.sh")),
        ]
    )
    for name in starter:
        assert (STARTER / name).read_bytes() == (REPO / "styles" / name).read_bytes(), (
            f"styles/{name} changed: copy it to {STARTER.relative_to(REPO)}/{name}, so new projects get it too"
        )
    packaged = (REPO / "pyproject.toml").read_text("utf-8")
    assert all(f'"content/starter/styles/{folder}"' in packaged for folder in ("*.css", "fonts/*", "print/*"))


@pytest.mark.parametrize("fold", ["a4-roll-trifold", "a4-gatefold"])
def test_a_new_project_from_nothing_is_valid_names_its_placeholders_and_once_replaced_builds(tmp_path: Path, fold: str):
    folder = tmp_path / "praktijk"
    result = CliRunner().invoke(main, ["new", "project", str(folder), "--fold", fold])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"created {folder.as_posix()}\n") and f"({fold})" in result.output
    for kind, path in (("project", "project.yaml"), ("team", "teams/team.yaml"), ("condition", "conditions/voorbeeld.yaml")):
        jsonschema.validate(read_yaml(folder / "leaflets" / path, "x").data, schema(kind))
    report = leafletpress.check(folder, jobs=1)
    assert report.exit_code == 1
    assert {p.message.split(" (")[0] for p in report.errors} == {"still holds the placeholder text that 'leafletpress new' wrote"}
    assert {p.file for p in report.errors} == {
        "leaflets/project.yaml",
        "leaflets/shared/werkwijze.yaml",
        "leaflets/teams/team.yaml",
        "leaflets/conditions/voorbeeld.yaml",
    }
    for path in (folder / "leaflets").rglob("*.yaml"):  # the practice writes its own text
        text = path.read_text("utf-8")
        path.write_text(text.replace("VERVANG: ", "").replace("VERVANG ", "").replace("VERVANG", "info"), "utf-8")
    report = leafletpress.check(folder, jobs=1)
    assert report.exit_code == 0 and report.problems == [], [str(p) for p in report.problems]
    report = leafletpress.build(folder, jobs=1, proofs=None)
    assert [(r.slug, r.status, r.preflight) for r in report.results] == [("team/voorbeeld", "built", "passed")]
    pdf = PdfReader(folder / "build" / "print" / "team" / "voorbeeld.pdf")
    assert len(pdf.pages) == 2 and "/OutputIntents" in pdf.trailer["/Root"]  # PDF/X through the starter's profile
    assert float(pdf.pages[0].trimbox.width) == pytest.approx(297 / 25.4 * 72, abs=0.3)


def test_a_new_project_needs_an_empty_folder_and_a_fold_that_exists(tmp_path: Path):
    (tmp_path / "vol").mkdir()
    (tmp_path / "vol" / "notities.txt").write_text("x", "utf-8")
    result = CliRunner().invoke(main, ["new", "project", str(tmp_path / "vol")])
    assert result.exit_code == 1 and "is not an empty folder" in result.output
    result = CliRunner().invoke(main, ["new", "project", str(tmp_path / "leeg"), "--fold", "zigzag"])
    assert result.exit_code == 2 and "no fold 'zigzag'" in result.output and "leafletpress folds" in result.output
    assert not (tmp_path / "leeg").exists()
