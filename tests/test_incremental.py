"""Incremental builds: which editions a rebuild renders after each kind of change, and what it keeps."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import leafletpress
import leafletpress.api
from leafletpress.outputs import MANIFEST as MANIFEST_NAME
from leafletpress.plan.manifest import read_manifest

from .helpers import SEED, SEED_TEAM, copy_project

OTHER = "rug-kopie"  # a second condition, a copy of the seed with one sentence more
TEAM = "noord"  # a second team with its own stylesheet
ALL = {f"{t}/{c}" for t in (SEED_TEAM, TEAM) for c in (SEED, OTHER)}


def make_library(root: Path) -> Path:
    """The sample project cut down to 2 conditions x 2 teams, each team with its own stylesheet."""
    leaflets = root / "leaflets"
    seed = (leaflets / "conditions" / f"{SEED}.yaml").read_text("utf-8")
    (leaflets / "conditions" / f"{OTHER}.yaml").write_text(seed.replace("title: ", "title: Kopie ", 1), "utf-8")
    team = (leaflets / "teams" / f"{SEED_TEAM}.yaml").read_text("utf-8")
    assert f"stylesheet: styles/teams/{SEED_TEAM}.css" in team
    team = team.replace(f"stylesheet: styles/teams/{SEED_TEAM}.css", f"stylesheet: styles/teams/{TEAM}.css")
    (leaflets / "teams" / f"{TEAM}.yaml").write_text(team, "utf-8")
    shutil.copy(root / "styles" / "teams" / f"{SEED_TEAM}.css", root / "styles" / "teams" / f"{TEAM}.css")
    set_matrix(root, {SEED_TEAM: [SEED, OTHER], TEAM: [SEED, OTHER]})
    return root


def set_matrix(root: Path, editions: dict[str, list[str]]) -> None:
    path = root / "leaflets" / "project.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["editions"] = editions
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def build(root: Path, **options) -> dict[str, str]:
    """Build with one worker; each edition's status."""
    report = leafletpress.build(root, jobs=1, **options)
    assert not report.errors, [str(p) for p in report.errors]
    return {r.slug: r.status for r in report.results}


def rendered(statuses: dict[str, str]) -> set[str]:
    return {slug for slug, status in statuses.items() if status != "unchanged"}


def pdfs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}


@pytest.fixture(scope="module")
def built_library(tmp_path_factory) -> Path:
    """The cut-down project, built once for this module."""
    root = make_library(copy_project(tmp_path_factory.mktemp("incremental")))
    assert rendered(build(root)) == ALL
    return root


@pytest.fixture
def library(built_library: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project (PDFs and manifest included) that a test may change."""
    return Path(shutil.copytree(built_library, tmp_path / "project"))


def test_a_rebuild_without_changes_renders_nothing_and_keeps_the_bytes(library):
    before = pdfs(library / "build")
    assert set(build(library).values()) == {"unchanged"}
    assert pdfs(library / "build") == before


def test_a_changed_condition_rebuilds_only_its_editions(library):
    append(library / "leaflets" / "conditions" / f"{OTHER}.yaml", "# a comment changes the file\n")
    assert rendered(build(library)) == {f"{SEED_TEAM}/{OTHER}", f"{TEAM}/{OTHER}"}


def test_a_team_stylesheet_rebuilds_only_that_teams_editions(library):
    append(library / "styles" / "teams" / f"{TEAM}.css", "\n.cover .title { letter-spacing: 0.01em; }\n")
    assert rendered(build(library)) == {f"{TEAM}/{SEED}", f"{TEAM}/{OTHER}"}


def test_a_team_file_rebuilds_only_that_teams_editions(library):
    append(library / "leaflets" / "teams" / f"{SEED_TEAM}.yaml", "# changed\n")
    assert rendered(build(library)) == {f"{SEED_TEAM}/{SEED}", f"{SEED_TEAM}/{OTHER}"}


@pytest.mark.parametrize(
    "changed", ["styles/leaflet.css", "leaflets/project.yaml", "leaflets/shared/werkwijze.yaml", "styles/fonts/Lato-Regular.ttf"]
)
def test_shared_inputs_rebuild_every_edition_that_uses_them(library, changed):
    path = library / changed
    path.write_bytes(path.read_bytes() + (b"\n" if path.suffix != ".ttf" else b"\0"))
    assert rendered(build(library)) == ALL


def test_force_rebuilds_everything(library):
    assert rendered(build(library, force=True)) == ALL


def test_a_selection_rebuilds_only_what_it_selects_and_keeps_the_other_records(library):
    append(library / "styles" / "leaflet.css", "\n")
    assert rendered(build(library, teams=[TEAM])) == {f"{TEAM}/{SEED}", f"{TEAM}/{OTHER}"}
    assert rendered(build(library)) == {f"{SEED_TEAM}/{SEED}", f"{SEED_TEAM}/{OTHER}"}


def test_editions_that_leave_the_matrix_lose_their_pdfs(library):
    out = library / "build"
    set_matrix(library, {SEED_TEAM: [SEED, OTHER], TEAM: [SEED]})
    assert set(build(library)) == ALL - {f"{TEAM}/{OTHER}"}
    assert not (out / "print" / TEAM / f"{OTHER}.pdf").exists()
    assert (out / "print" / SEED_TEAM / f"{OTHER}.pdf").exists()
    assert f"{TEAM}/{OTHER}" not in read_manifest(out)


def test_a_build_that_deletes_an_editions_pdfs_says_so_everywhere(library):
    from click.testing import CliRunner

    from leafletpress.cli import main
    from leafletpress.studio.watch import Watcher

    gone = f"{TEAM}/{OTHER}"
    line = f"removed: {gone}: no longer in the matrix"
    set_matrix(library, {SEED_TEAM: [SEED, OTHER], TEAM: [SEED]})
    text = CliRunner().invoke(main, ["--project", str(library), "build", "--jobs", "1", "--no-proofs"])
    assert text.exit_code == 0 and any(s.startswith(line) for s in text.stdout.splitlines()), text.output
    assert ", 0 failed, 1 removed; " in text.stdout.splitlines()[-1]
    assert not (library / "build" / "print" / TEAM / f"{OTHER}.pdf").exists()
    again = CliRunner().invoke(main, ["--project", str(library), "build", "--jobs", "1", "--no-proofs", "-f", "json"])
    assert (json.loads(again.stdout)["removed"], json.loads(again.stdout)["summary"]["removed"]) == ([], 0)  # said once

    set_matrix(library, {SEED_TEAM: [SEED], TEAM: [SEED]})
    report = json.loads(CliRunner().invoke(main, ["--project", str(library), "build", "-j", "1", "-f", "json"]).stdout)
    assert (report["removed"], report["summary"]["removed"]) == ([f"{SEED_TEAM}/{OTHER}"], 1)
    github = CliRunner().invoke(main, ["--project", str(library), "build", "-j", "1", "-f", "github"])
    assert not any(s.startswith("::notice") for s in github.stdout.splitlines())  # nothing left to remove

    # A project.yaml that does not load fails every team x condition, those not in the matrix too; once it
    # loads again they leave, and nothing of theirs is deleted because they were never built: no line.
    project = library / "leaflets" / "project.yaml"
    good = project.read_text("utf-8")
    project.write_text(good + "x: [\n", "utf-8")
    broken = CliRunner().invoke(main, ["--project", str(library), "build", "-j", "1", "--no-proofs", "-f", "json"])
    assert json.loads(broken.stdout)["summary"]["failed"] > 2  # every team x condition of the sample copy
    project.write_text(good, "utf-8")
    fixed = CliRunner().invoke(main, ["--project", str(library), "build", "-j", "1", "--no-proofs", "-f", "json"])
    assert json.loads(fixed.stdout)["removed"] == [] and json.loads(fixed.stdout)["summary"]["failed"] == 0

    set_matrix(library, {SEED_TEAM: [SEED], TEAM: []})
    printed: list[str] = []
    Watcher(library, jobs=1, proofs=None, echo=printed.append).handle([library / "leaflets" / "project.yaml"])
    summary, *lines = printed[-1].splitlines()
    assert ", 1 removed; " in summary and lines[-1].startswith(f"  removed: {TEAM}/{SEED}: no longer in the matrix")


def test_a_changed_or_deleted_pdf_is_rebuilt(library):
    out = library / "build"
    (out / "print" / TEAM / f"{SEED}.pdf").write_bytes(b"%PDF-1.7 not the one we built")
    (out / "print" / TEAM / f"{OTHER}.pdf").unlink()
    assert rendered(build(library)) == {f"{TEAM}/{SEED}", f"{TEAM}/{OTHER}"}


@pytest.mark.parametrize(
    "content",
    [
        '{"format": 1, "leafletpress": "0.1.0", "editions": {}}',  # an older format
        '{"format": 2, "leafletpress": "0.0.1", "editions": {}}',  # another version
        '{"format": 2, "leafletpress": "0.1.0", "editions": {"a/b": 3}}',
        '{"format": 2, "leafletpress": "0.1.0", "editi',
        "",
        "[]",
        "\0\0\0",
    ],
)
def test_an_untrustworthy_manifest_is_ignored_and_everything_rebuilt(library, content):
    (library / "build" / MANIFEST_NAME).write_text(content, "utf-8")
    assert rendered(build(library)) == ALL
    assert set(read_manifest(library / "build")) == ALL


def test_a_manifest_from_another_version_is_ignored(library, monkeypatch):
    monkeypatch.setattr("leafletpress.plan.manifest.__version__", "9.9.9")
    assert rendered(build(library)) == ALL


def test_a_manifest_never_deletes_files_outside_the_output_folder(library):
    out = library / "build"
    precious = library / "precious.txt"
    precious.write_text("keep me", "utf-8")
    data = json.loads((out / MANIFEST_NAME).read_text("utf-8"))
    data["editions"]["gone/away"] = {
        "digest": "x",
        "status": "built",
        "outputs": ["../precious.txt"],
        "sha256": {"../precious.txt": "0" * 64},
    }
    (out / MANIFEST_NAME).write_text(json.dumps(data), "utf-8")
    build(library)
    assert precious.read_text("utf-8") == "keep me"


def test_the_manifest_records_outputs_relative_to_the_output_folder(library):
    entry = read_manifest(library / "build")[f"{TEAM}/{SEED}"]
    web = f"web/{TEAM}/{SEED}"
    assert entry["outputs"] == [
        f"print/{TEAM}/{SEED}.pdf",
        f"screen/{TEAM}/{SEED}.pdf",
        f"{web}/{SEED}.pdf",
        f"{web}/{SEED}-drukwerk.pdf",
        f"{web}/index.html",
    ]
    assert set(entry["sha256"]) == set(entry["outputs"])
    assert "leaflets/conditions/lage-rugklachten.yaml" in entry["inputs"]
    assert f"styles/teams/{TEAM}.css" in entry["inputs"]


def test_a_moved_output_folder_is_still_trusted(library, tmp_path):
    moved = tmp_path / "elsewhere"
    shutil.move(library / "build", moved)
    assert set(build(library, out=moved).values()) == {"unchanged"}


def test_a_different_build_date_rebuilds_everything(library, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert rendered(build(library)) == ALL


def test_shards_together_equal_one_full_build(library, tmp_path):
    out = tmp_path / "merged"  # as CI merges the artifacts of 3 shard jobs into one folder
    seen: list[str] = []
    for k in (1, 2, 3):
        statuses = build(library, out=out, shard=f"{k}/3")
        assert set(statuses.values()) <= {"built"}
        seen += statuses
    assert sorted(seen) == sorted(ALL)  # each edition in exactly one shard
    assert pdfs(out) == pdfs(library / "build")  # byte for byte what one full build wrote
    assert sorted(p.name for p in out.glob("manifest*.json")) == [f"manifest.shard-{k}-of-3.json" for k in (1, 2, 3)]
    assert set(build(library, out=out).values()) == {"unchanged"}  # a full build trusts the merged shards
    assert [p.name for p in out.glob("manifest*.json")] == [MANIFEST_NAME]
    assert set(read_manifest(out)) == ALL


def test_a_shard_never_deletes_the_other_shards_pdfs(library):
    out = library / "build"
    before = pdfs(out)
    statuses = build(library, shard="1/2", force=True)
    assert statuses and set(statuses) < ALL
    assert set(pdfs(out)) == set(before)
    assert set(read_manifest(out)) == ALL  # the full manifest is left as it was


def test_a_shard_that_is_not_k_of_n_is_a_usage_error(library):
    with pytest.raises(leafletpress.api.UsageError, match="shard"):
        leafletpress.build(library, shard="3/2")


def test_output_is_byte_identical_from_another_folder_and_another_second(built_library, tmp_path):
    # The fixture built a while ago (other seconds) in another folder; build the same inputs here.
    elsewhere = tmp_path / "a" / "much" / "deeper" / "checkout"
    for folder in ("leaflets", "styles"):
        shutil.copytree(built_library / folder, elsewhere / folder)
    assert rendered(build(elsewhere)) == ALL
    assert pdfs(elsewhere / "build") == pdfs(built_library / "build")
    digests = {slug: entry["digest"] for slug, entry in read_manifest(elsewhere / "build").items()}
    assert digests == {slug: entry["digest"] for slug, entry in read_manifest(built_library / "build").items()}


def test_planning_a_build_does_not_import_the_engine(library):
    # A no-op rebuild, `list` and `--version` stay fast: WeasyPrint loads only when something is rendered.
    # (A first build in its own process brings the library up to date with the code as it is now.)
    build_once = "import sys, leafletpress; leafletpress.build(sys.argv[1], jobs=1)"
    subprocess.run([sys.executable, "-c", build_once, str(library)], check=True, capture_output=True)
    code = (
        "import sys, leafletpress, leafletpress.cli; r = leafletpress.build(sys.argv[1], jobs=1); "
        "assert {x.status for x in r.results} == {'unchanged'}, r.results; "
        "print(sorted(m for m in ('weasyprint', 'pypdf') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(library)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "weasyprint" not in done.stdout


def test_the_command_line_prints_no_progress_when_not_on_a_terminal_but_always_the_summary(library):
    from click.testing import CliRunner

    from leafletpress.cli import main

    append(library / "leaflets" / "conditions" / f"{OTHER}.yaml", "# changed\n")
    result = CliRunner().invoke(main, ["--project", str(library), "build", "--jobs", "1", "--no-proofs", "--shard", "1/1"])
    assert result.exit_code == 0, result.output
    assert "\r" not in result.output  # CliRunner is not a terminal
    assert "leafletpress: ok: 2 built, 2 unchanged, 0 failed" in result.output


def test_a_rebuild_reports_the_warnings_of_the_editions_it_skips(library):
    append(library / "styles" / "teams" / f"{TEAM}.css", "\n.cover { colour: red; }\n")  # a misspelt property: a warning
    first = leafletpress.build(library, jobs=1)
    second = leafletpress.build(library, jobs=1)
    assert {r.slug for r in second.results if r.status == "unchanged"} == ALL
    assert second.warnings == first.warnings
    assert any(f"styles/teams/{TEAM}.css" in p.file for p in second.warnings)


def test_an_imported_stylesheet_is_an_input_of_the_editions_that_import_it(library):
    """@import pulls another file into a team's stylesheet: changing that file rebuilds the team's editions."""
    (library / "styles" / "teams" / "noord-kleuren.css").write_text(":root { --accent-soft: #eef5f4; }\n", "utf-8")
    css = library / "styles" / "teams" / f"{TEAM}.css"
    css.write_text('@import "noord-kleuren.css";\n' + css.read_text("utf-8"), "utf-8")
    assert rendered(build(library)) == {f"{TEAM}/{SEED}", f"{TEAM}/{OTHER}"}
    (library / "styles" / "teams" / "noord-kleuren.css").write_text(":root { --accent-soft: #f5eeee; }\n", "utf-8")
    assert rendered(build(library)) == {f"{TEAM}/{SEED}", f"{TEAM}/{OTHER}"}
    assert rendered(build(library)) == set()
