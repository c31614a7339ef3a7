"""Shell completion (click's built-in) completes commands and the project's slugs; CI settings come from the environment."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from leafletpress.cli import main
from leafletpress.options import BuildOptions, default_jobs


def complete(*words: str) -> list[str]:
    """What bash would offer after typing the words (the last one is being completed)."""
    env = {
        "_LEAFLETPRESS_COMPLETE": "bash_complete",
        "COMP_WORDS": " ".join(["leafletpress", *words]),
        "COMP_CWORD": str(len(words)),
    }
    result = CliRunner().invoke(main, [], env=env, prog_name="leafletpress")
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.output.splitlines()]


def test_commands_complete():
    offered = complete("")
    assert {"build", "check", "list", "new", "schema"} <= set(offered)


def test_condition_and_team_slugs_complete_from_the_project(project: Path):
    assert complete("--project", str(project), "build", "--condition", "lage") == ["lage-rugklachten"]
    assert complete("--project", str(project), "check", "-t", "fys") == ["fysiofits"]
    (project / "leaflets" / "conditions" / "lage-rugpijn.yaml").write_text("title: x\n", "utf-8")
    assert complete("--project", str(project), "build", "--condition", "lage-rug") == ["lage-rugklachten", "lage-rugpijn"]


def test_bash_completion_script_is_click_s_own():
    result = CliRunner().invoke(main, [], env={"_LEAFLETPRESS_COMPLETE": "bash_source"}, prog_name="leafletpress")
    assert "_LEAFLETPRESS_COMPLETE=bash_complete" in result.output and "complete -o nosort -F" in result.output


def test_leafletpress_jobs_sets_the_default_worker_count(monkeypatch):
    monkeypatch.setenv("LEAFLETPRESS_JOBS", "3")
    assert default_jobs() == 3 == BuildOptions().workers
    monkeypatch.setenv("LEAFLETPRESS_JOBS", "none")
    assert default_jobs() >= 1
