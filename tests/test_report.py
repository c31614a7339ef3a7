"""`check --format text|json|github` on a project with errors and a warning; colour only on a terminal."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from leafletpress.cli import main
from leafletpress.content.yamlfile import read_yaml
from leafletpress.problems import Problem
from leafletpress.report import formats as reports

ONE_EDITION = ["--condition", "lage-rugklachten", "--team", "fysiofits", "--jobs", "1"]


@pytest.fixture
def project(project: Path) -> Path:
    """The sample project, which prints PDF/X-4 (FOGRA39) as it is: these reports hold only the problems each test makes."""
    return project


@pytest.fixture
def bad_project(project: Path) -> Path:
    """The sample project with a misspelt key, a two-kind block, a bad file name, a bad placeholder and a CSS typo."""
    conditions = project / "leaflets" / "conditions"
    (conditions / "kapot.yaml").write_text(
        "title: Kapot\ntitel: x\nsections:\n  - heading: Kop\n    blocks:\n      - text: Tekst\n        note: twee\n", "utf-8"
    )
    (conditions / "a,b.yaml").write_text("title: x\nsections: [{use: werkwijze}]\n", "utf-8")
    seed = (conditions / "lage-rugklachten.yaml").read_text("utf-8")
    with_placeholder = seed.replace("Lage rugklachten komen", "Nu {50%} korting. Lage rugklachten komen")
    (conditions / "korting.yaml").write_text(with_placeholder, "utf-8")
    with (project / "styles" / "teams" / "fysiofits.css").open("a", encoding="utf-8") as css:
        css.write("\n.cover-title { colr: red; }\n")
    return project


def css_line(project: Path) -> int:
    lines = (project / "styles" / "teams" / "fysiofits.css").read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if "colr" in line)


def placeholder_line(project: Path) -> int:
    doc = read_yaml(project / "leaflets" / "conditions" / "korting.yaml", "korting.yaml")
    return doc.line_of(("sections", 0, "blocks", 0, "text"))


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), "check", *ONE_EDITION, *args])


def test_github_format_is_one_annotation_per_problem_then_the_summary(bad_project: Path, monkeypatch, tmp_path: Path):
    monkeypatch.chdir(bad_project)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    result = run(bad_project, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:-1] == [
        "::error file=leaflets/conditions/a%2Cb.yaml,title=leafletpress::file name 'a,b.yaml' is not a usable slug: it has "
        "',' (rename it to a-b.yaml; slugs are lowercase letters, digits and single hyphens, e.g. 'knie-artrose')",
        "::error file=leaflets/conditions/kapot.yaml,line=2,title=leafletpress%3A titel::"
        "unknown key 'titel' (did you mean 'title'?)",
        "::error file=leaflets/conditions/kapot.yaml,line=6,title=leafletpress%3A sections[0].blocks[0]::"
        "a block has exactly one of 'text', 'bullets', 'steps' or 'note', this one has text, note",
        f"::error file=leaflets/conditions/korting.yaml,line={placeholder_line(bad_project)},"
        "title=leafletpress%3A sections[0].blocks[0].text::"
        "unknown placeholder '{50%25}' (available: {practice}, {team})",
        f"::warning file=styles/teams/fysiofits.css,line={css_line(bad_project)},title=leafletpress::"
        "CSS ignored: `colr: red`, unknown property (check the spelling of the property and its value)",
    ]
    assert re.fullmatch(r"leafletpress: FAILED: 1 edition fits, 0 failed; 4 errors, 1 warning in \d+\.\ds", lines[-1])
    # GitHub shows at most 10 annotations per step; the job summary lists every problem.
    summary = (tmp_path / "summary.md").read_text("utf-8").splitlines()
    assert summary[:3] == ["### leafletpress check: FAILED", "", "1 edition fits, 0 failed; 4 errors, 1 warning"]
    assert "| error | `leaflets/conditions/kapot.yaml` | 2 | titel | unknown key 'titel' (did you mean 'title'?) |" in summary
    assert len([row for row in summary if row.startswith("| error |") or row.startswith("| warning |")]) == 5


def test_github_paths_are_relative_to_the_workspace_when_the_project_is_a_subfolder(bad_project: Path, monkeypatch):
    monkeypatch.chdir(bad_project.parent)
    result = run(bad_project, "--format", "github")
    assert "::error file=project/leaflets/conditions/kapot.yaml,line=2," in result.stdout


def test_json_format_is_the_documented_report(bad_project: Path):
    result = run(bad_project, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    keys = {"format", "leafletpress", "command", "ok", "exit_code", "seconds", "summary", "removed", "problems", "editions"}
    assert set(data) == keys
    assert (data["format"], data["command"], data["ok"], data["exit_code"]) == (1, "check", False, 1)
    assert data["summary"] == {
        "editions": 1,
        "built": 0,
        "unchanged": 0,
        "checked": 1,
        "failed": 0,
        "errors": 4,
        "warnings": 1,
        "bodies_reused": 0,
        "backs_reused": 0,
        "removed": 0,
    }
    assert data["removed"] == []
    assert data["problems"][1] == {
        "file": "leaflets/conditions/kapot.yaml",
        "line": 2,
        "field": "titel",
        "message": "unknown key 'titel'",
        "hint": "did you mean 'title'?",
        "severity": "error",
    }
    assert [p["severity"] for p in data["problems"]] == ["error"] * 4 + ["warning"]
    [edition] = data["editions"]
    assert edition["edition"] == "fysiofits/lage-rugklachten" and edition["status"] == "checked"
    assert [p["message"] for p in edition["problems"]] == ["CSS ignored: `colr: red`, unknown property"]


def test_text_format_puts_problems_on_stderr_and_the_summary_on_stdout(bad_project: Path):
    result = run(bad_project)
    assert result.exit_code == 1
    assert "leaflets/conditions/kapot.yaml:2: titel: unknown key 'titel' (did you mean 'title'?)" in result.stderr
    assert f"warning: styles/teams/fysiofits.css:{css_line(bad_project)}: CSS ignored" in result.stderr
    assert result.stdout.startswith("leafletpress: FAILED: 1 edition fits, 0 failed; 4 errors, 1 warning")
    assert "\x1b[" not in result.output  # not a terminal: no colour


def test_a_clean_check_in_every_format(project: Path):
    for output_format in reports.FORMATS:
        result = run(project, "--format", output_format)
        assert result.exit_code == 0, result.output
    assert json.loads(run(project, "--format", "json").stdout)["ok"] is True
    assert run(project, "--format", "github").stdout.startswith(
        "leafletpress: ok: 1 edition fits, 0 failed; 0 errors, 0 warnings"
    )


def test_annotations_escape_what_github_would_misread():
    problem = Problem("a: b,c.yaml", 3, "x", "50% done\r\nnext line", "", "warning")
    assert reports.annotation(problem, Path("/p"), Path("/p")) == (
        "::warning file=a%3A b%2Cc.yaml,line=3,title=leafletpress%3A x::50%25 done%0D%0Anext line"
    )
    assert reports.annotation(Problem("f.yaml"), Path("/p"), Path("/p")) == "::error file=f.yaml,title=leafletpress::"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert reports.use_colour(FakeTerminal()) is True
    assert reports.use_colour(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert reports.use_colour(FakeTerminal()) is False
    warning = Problem("f.css", 2, "", "CSS ignored", "", "warning")
    assert reports.problem_line(warning, colour=False) == "warning: f.css:2: CSS ignored"
    coloured = reports.problem_line(warning, colour=True)
    assert coloured != "warning: f.css:2: CSS ignored" and "\x1b[" in coloured
    assert coloured.endswith(": f.css:2: CSS ignored")


def test_build_manifest_says_status_inputs_outputs_and_problems_per_edition(seed_build: Path, project: Path):
    import leafletpress

    manifest = json.loads((seed_build.parents[2] / "manifest.json").read_text("utf-8"))
    entry = manifest["editions"]["fysiofits/lage-rugklachten"]
    assert entry["status"] == "built"
    assert "leaflets/conditions/lage-rugklachten.yaml" in entry["inputs"] and "styles/leaflet.css" in entry["inputs"]
    assert "print/fysiofits/lage-rugklachten.pdf" in entry["outputs"]
    assert all(p["severity"] == "warning" for p in entry.get("problems", []))  # warnings are kept, to report again

    seed = project / "leaflets" / "conditions" / "lage-rugklachten.yaml"
    too_long = "\n".join(f"          Zin {n} die de folder veel te lang maakt." for n in range(400))
    seed.write_text(seed.read_text("utf-8") + f"  - heading: Te lang\n    blocks:\n      - text: >-\n{too_long}\n", "utf-8")
    report = leafletpress.build(project, conditions=["lage-rugklachten"], teams=["fysiofits"], jobs=1, proofs=None)
    assert report.exit_code == 1
    entry = json.loads((project / "build" / "manifest.json").read_text("utf-8"))["editions"]["fysiofits/lage-rugklachten"]
    assert entry["status"] == "failed" and entry["problems"]
    assert set(entry["problems"][0]) == set(reports.problem_dict(report.problems[0]))
    assert entry["problems"][0]["file"] == "leaflets/conditions/lage-rugklachten.yaml"


def test_an_edition_blocked_by_a_faulty_input_carries_that_input_s_problems(bad_project: Path):
    result = CliRunner().invoke(
        main, ["--project", str(bad_project), "check", "-c", "korting", "-t", "fysiofits", "--format", "json"]
    )
    [edition] = json.loads(result.stdout)["editions"]
    assert edition["status"] == "failed"
    assert [p["message"] for p in edition["problems"]] == ["unknown placeholder '{50%}'"]
