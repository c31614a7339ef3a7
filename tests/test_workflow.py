"""The GitHub Actions workflow and the pre-commit hook run only the commands docs/ci.md lists, and those commands exist."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml
from click.testing import CliRunner

from leafletpress.cli import main

from .helpers import REPO

WORKFLOW = REPO / ".github" / "workflows" / "leaflets.yml"
APT = (
    "sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends "
    "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
)
# The commands docs/ci.md lists under "In CI"; a workflow step may run nothing else.
ALLOWED = {
    APT,
    "make",
    "make build",
    "make check",
    "make test",
    ".venv/bin/leafletpress check --format github",
    ".venv/bin/leafletpress build --format github",
    ".venv/bin/leafletpress build --format github --shard ${{ matrix.shard }}",
}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def steps(workflow: dict, job: str | None = None) -> list[dict]:
    jobs = [workflow["jobs"][job]] if job else workflow["jobs"].values()
    return [step for j in jobs for step in j["steps"]]


def runs(workflow: dict, job: str | None = None) -> list[str]:
    return [step["run"].strip() for step in steps(workflow, job) if "run" in step]


def uses(workflow: dict, job: str, action: str) -> list[dict]:
    return [step.get("with", {}) for step in steps(workflow, job) if step.get("uses", "").startswith(action + "@")]


def test_every_run_line_is_a_readme_command(workflow):
    assert runs(workflow), "the workflow runs nothing"
    assert set(runs(workflow)) <= ALLOWED, set(runs(workflow)) - ALLOWED


def test_the_ci_guide_lists_every_allowed_command():
    guide = (REPO / "docs" / "ci.md").read_text("utf-8")
    for command in ALLOWED:
        shown = command.replace("${{ matrix.shard }}", "K/N")
        assert shown in guide, f"docs/ci.md does not show {shown!r}"


def test_the_make_commands_exist():
    makefile = (REPO / "Makefile").read_text("utf-8")
    for command in ALLOWED:
        if command.startswith("make "):
            assert re.search(rf"^{command.split()[1]}:", makefile, re.M), command
    # Plain `make` runs the first rule: the one that creates .venv and installs leafletpress.
    first_rule = next(line for line in makefile.splitlines() if re.match(r"^[^\s#.][^=]*:(?!=)", line))
    assert first_rule.startswith("$(STAMP):") and "STAMP := $(VENV)/" in makefile


@pytest.mark.parametrize("command", sorted(c for c in ALLOWED if c.startswith(".venv/bin/leafletpress")))
def test_the_leafletpress_commands_parse(command):
    for shard in ("1/1", "2/4"):
        args = shlex.split(command.replace("${{ matrix.shard }}", shard))[1:]
        result = CliRunner().invoke(main, [*args, "--help"])
        assert result.exit_code == 0, f"{command}: {result.output}"


def test_pull_requests_are_checked_with_annotations(workflow):
    assert "pull_request" in triggers(workflow)
    check = workflow["jobs"]["check"]
    assert "pull_request" in check["if"]
    assert runs(workflow, "check")[-1] == ".venv/bin/leafletpress check --format github"


def test_pushes_to_content_build_incrementally_in_shards_and_upload_pdfs_the_site_and_the_contact_sheet(workflow):
    paths = triggers(workflow)["push"]["paths"]
    assert "leaflets/**" in paths and "styles/**" in paths
    build = workflow["jobs"]["build"]
    assert "matrix.shard" in runs(workflow, "build")[-1]
    assert "LEAFLETPRESS_SHARDS" in build["strategy"]["matrix"]["shard"]
    restored, saved = uses(workflow, "build", "actions/cache/restore"), uses(workflow, "build", "actions/cache/save")
    assert restored[0]["path"] == saved[0]["path"] == "build"
    assert restored[0]["key"] == saved[0]["key"] and "matrix.shard" in restored[0]["key"]
    assert restored[0]["restore-keys"] == "leaflets-build-${{ matrix.shard }}-"
    uploads = {u["name"]: u["path"] for u in uses(workflow, "publish", "actions/upload-artifact")}
    assert uploads["leaflets-pdf"].split() == ["build/print/", "build/screen/"]
    assert "build/index.html" in uploads["contact-sheet"] and "build/print/" in uploads["contact-sheet"]
    assert uploads["leaflets-web"] == "build/web/" and "build/web/" in uploads["contact-sheet"]  # the site to publish


def test_the_pre_commit_hook_runs_leafletpress_check():
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "leafletpress-check" and hook["pass_filenames"] is False
    program, *args = shlex.split(hook["entry"])
    assert program == "leafletpress" and args[0] == "check"
    assert CliRunner().invoke(main, [*args, "--help"]).exit_code == 0
    assert re.match(hook["files"], "leaflets/conditions/knie.yaml") and not re.match(hook["files"], "src/x.py")
