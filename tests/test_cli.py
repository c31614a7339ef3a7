"""The command line, through click's CliRunner and once as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
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


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["build", "--shard", "3/2"], "Invalid value for '--shard': shard '3/2': K must be between 1 and N"),
        (["build", "--shard", "x"], "Invalid value for '--shard': shard 'x' is not K/N"),
        (["build", "--shard", "1/0"], "Invalid value for '--shard': shard '1/0'"),
        (["build", "--jobs", "0"], "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1."),
        (["build", "--edition", "foo"], "Invalid value for '--edition': 'foo' is not one of"),
        (["build", "--out", "/etc/passwd"], "Invalid value for '--out' / '-o'"),
        (["build", "--bogus"], "No such option '--bogus'"),
        (["check", "--jobs", "0"], "Invalid value for '--jobs' / '-j'"),
        (["check", "--edition", "foo"], "Invalid value for '--edition'"),
    ],
)
@pytest.mark.parametrize("asked", [["--format", "json"], ["-f", "json"], ["--format=json"], ["-fjson"]])
def test_clicks_own_usage_errors_in_json_are_json_with_exit_code_2(project, args, error, asked):
    """Click's parameter validation (Choice, IntRange, --shard's callback) stops before the command: JSON still."""
    for arguments in ([*args, *asked], [args[0], *asked, *args[1:]]):  # --format before or after the bad option
        result = invoke(project, *arguments)
        assert result.exit_code == 2, result.output
        report = json.loads(result.stdout)
        assert (report["ok"], report["exit_code"], report["command"]) == (False, 2, args[0])
        assert report["error"].startswith(error), report["error"]
        assert (report["summary"], report["editions"]) == (None, [])


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_usage_error_in_the_groups_options_is_json_when_the_command_asks(tmp_path, command):
    """`--project` before the command is the group's: its usage errors come in the command's --format too."""
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("")
    for args in (["--project", str(a_file), command, "-f", "json"], ["--bogus", command, "--format=json"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        report = json.loads(result.stdout)
        assert (report["ok"], report["exit_code"], report["command"]) == (False, 2, command)
        assert ("is a file" in report["error"]) or report["error"] == "No such option '--bogus'.", report["error"]
    result = CliRunner().invoke(main, ["--bogus", command, "--format", "github"])
    assert (result.exit_code, result.stdout) == (2, "::error title=leafletpress::No such option '--bogus'.\n")
    result = CliRunner().invoke(main, ["--bogus", command])  # text: Click's usage text, unchanged
    assert result.exit_code == 2 and result.stdout == ""
    assert "Error: No such option '--bogus'." in result.stderr


def test_clicks_own_usage_errors_in_github_are_an_annotation(project):
    result = invoke(project, "check", "--format", "github", "--jobs", "0")
    assert result.exit_code == 2
    assert result.stdout == "::error title=leafletpress::Invalid value for '--jobs' / '-j': 0 is not in the range x>=1.\n"


def test_clicks_own_usage_errors_in_text_are_unchanged(project):
    result = invoke(project, "build", "--jobs", "0")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage: main build [OPTIONS]" in result.stderr
    assert "Error: Invalid value for '--jobs' / '-j': 0 is not in the range x>=1." in result.stderr


def test_the_project_is_found_from_a_folder_inside_it(project, monkeypatch):
    monkeypatch.chdir(project / "leaflets" / "conditions")
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0, result.output
    assert "lage-rugklachten" in result.output
