"""The command line, through click's CliRunner and once as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from pypdf import PdfReader

import leafletpress
from leafletpress.cli import main


def invoke(project, *args):
    return CliRunner().invoke(main, ["--project", str(project), *args])


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"leafletpress, version {leafletpress.__version__}"


def test_help_shows_examples():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "leafletpress build --condition" in result.output


def test_list_shows_conditions_teams_and_editions(project):
    result = invoke(project, "list")
    assert result.exit_code == 0, result.output
    assert "lage-rugklachten" in result.output and "fysiofits" in result.output
    assert "Langdurige lage rugklachten" in result.output


def test_build_one_edition(project):
    result = invoke(project, "build", "--condition", "lage-rugklachten", "--team", "fysiofits", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "1 built" in result.output
    assert len(PdfReader(project / "build/print/fysiofits/lage-rugklachten.pdf").pages) == 2


def test_unknown_condition_is_a_usage_error_with_suggestion(project):
    result = invoke(project, "build", "--condition", "lage-rugklacht")
    assert result.exit_code == 2
    assert "no condition 'lage-rugklacht'; did you mean 'lage-rugklachten'?" in result.output


def test_content_error_exits_1_without_traceback(project):
    (project / "leaflets/conditions/kapot.yaml").write_text("titel: x\n", "utf-8")
    result = invoke(project, "check", "--condition", "lage-rugklachten", "--jobs", "1")
    assert result.exit_code == 1
    assert "leaflets/conditions/kapot.yaml:1: titel: unknown key 'titel' (did you mean 'title'?)" in result.output
    assert "Traceback" not in result.output


def test_check_writes_nothing(project):
    result = invoke(project, "check", "--condition", "lage-rugklachten", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert not (project / "build").exists()


def test_missing_project_file_is_explained(tmp_path):
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "check"])
    assert result.exit_code == 1
    assert "leaflets/project.yaml: project file not found" in result.output


def test_real_build_process(project):
    completed = subprocess.run(
        [sys.executable, "-m", "leafletpress", "build", "--condition", "lage-rugklachten", "--jobs", "1"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "leafletpress: ok" in completed.stdout
    assert (project / "build/print/fysiofits/lage-rugklachten.pdf").is_file()


def test_a_usage_error_in_json_is_json_with_exit_code_2(project):
    """A tool asking for --format json gets JSON even when the command stops before it builds anything."""
    result = invoke(project, "build", "--team", "sport", "--condition", "whiplash", "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert (report["ok"], report["exit_code"], report["command"]) == (False, 2, "build")
    assert report["error"] == (
        "no edition to build: team 'sport' does not hand out condition 'whiplash' "
        "(add whiplash to editions: sport in leaflets/project.yaml)"
    )


def test_the_project_is_found_from_a_folder_inside_it(project, monkeypatch):
    monkeypatch.chdir(project / "leaflets" / "conditions")
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0, result.output
    assert "lage-rugklachten" in result.output
