"""Shards: a stable split of the editions that together is exactly the whole matrix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from leafletpress.cli import main
from leafletpress.compose.edition import matrix
from leafletpress.content.load import load_library
from leafletpress.outputs import edition_slug
from leafletpress.plan.planner import reporting_shards
from leafletpress.plan.shard import Shard, parse_shard, shard_of

from .helpers import copy_project

SLUGS = [f"team{t}/condition-{c}" for t in range(7) for c in range(30)]


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8])
def test_every_edition_is_in_exactly_one_shard(count):
    shards = [Shard(k, count) for k in range(1, count + 1)]
    for slug in SLUGS:
        assert sum(shard.holds(slug) for shard in shards) == 1
    assert all(1 <= shard_of(slug, count) <= count for slug in SLUGS)


def test_shards_are_roughly_even():
    sizes = [sum(Shard(k, 4).holds(s) for s in SLUGS) for k in range(1, 5)]
    assert min(sizes) > len(SLUGS) / 4 * 0.6, sizes


def test_adding_editions_moves_no_other_edition():
    before = {slug: shard_of(slug, 4) for slug in SLUGS}
    more = SLUGS + [f"new-team/condition-{c}" for c in range(10)]
    assert {slug: shard_of(slug, 4) for slug in more if slug in before} == before


def test_the_split_does_not_depend_on_the_process():
    """Every CI job must agree on the split: another process, with another string-hash salt, splits the same."""
    here = [shard_of(slug, 4) for slug in SLUGS]
    code = "from leafletpress.plan.shard import shard_of; import sys; print([shard_of(s, 4) for s in sys.argv[1:]])"
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", code, *SLUGS],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.stdout.strip() == str(here)
    assert [shard_of(f"t/c{i}", 3) for i in range(6)] == [_reference(f"t/c{i}", 3) for i in range(6)]


def _reference(slug: str, count: int) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big") % count + 1


@pytest.mark.parametrize(
    "text, expected", [("1/4", Shard(1, 4)), ("4/4", Shard(4, 4)), (" 2 / 3 ", Shard(2, 3)), ("1/1", Shard(1, 1))]
)
def test_parse_shard(text, expected):
    assert parse_shard(text) == expected


@pytest.mark.parametrize("text", ["0/4", "5/4", "1/0", "1", "a/b", "1/2/3", "-1/2", ""])
def test_parse_shard_refuses_what_is_not_k_of_n(text):
    with pytest.raises(ValueError, match="shard"):
        parse_shard(text)


# ---------- which shard reports a problem (docs/ci.md "Sharding") ----------


def _broken_project(tmp_path: Path) -> Path:
    """The sample with translations, one of them broken (its editions' own), and a broken file no edition uses."""
    project = copy_project(tmp_path / "project", translations=True)
    path = project / "leaflets/conditions/lage-rugklachten.tr.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "x: [\n", encoding="utf-8")
    (project / "leaflets/shared/ongebruikt.yaml").write_text("heading: [\n", encoding="utf-8")
    return project


def test_a_problem_is_reported_by_the_shard_of_an_edition_it_is_owned_by_else_by_shard_1(tmp_path):
    project = _broken_project(tmp_path)
    library = load_library(project)
    pairs = matrix(library)
    for count in (2, 3):
        shards = reporting_shards(library, pairs, count)
        assert set(shards) == set(library.problems.items)
        for problem, index in shards.items():
            if problem.file == "leaflets/conditions/lage-rugklachten.tr.yaml":
                assert index == shard_of(edition_slug("fysiofits", "lage-rugklachten", "tr"), count)
            elif problem.file == "leaflets/shared/ongebruikt.yaml":
                assert index == 1


def test_the_shards_together_report_every_problem_once_each_exit_code_what_it_reports(tmp_path):
    project = _broken_project(tmp_path)
    args = ["--project", str(project), "build", "--condition", "lage-rugklachten", "--no-proofs", "--edition", "print"]
    check = ["--project", str(project), "check", "--condition", "lage-rugklachten", "-f", "json"]
    checked = json.loads(CliRunner().invoke(main, check).stdout)
    everything = sorted(json.dumps(p, sort_keys=True) for p in checked["problems"])
    holder = shard_of(edition_slug("fysiofits", "lage-rugklachten", "tr"), 2)
    reported, annotations = [], []
    for k in (1, 2):
        result = CliRunner().invoke(main, [*args, "--shard", f"{k}/2", "-f", "json", "-o", str(tmp_path / f"out{k}")])
        report = json.loads(result.stdout)
        reported += [json.dumps(p, sort_keys=True) for p in report["problems"]]
        failed = report["summary"]["failed"]
        assert failed == (1 if k == holder else 0)
        assert result.exit_code == report["exit_code"] == (1 if report["summary"]["errors"] or failed else 0)
        elsewhere: dict[str, int] = {}
        for index in (holder, 1):  # the broken translation's shard, and shard 1 for the unused file
            if index != k:
                elsewhere[str(index)] = elsewhere.get(str(index), 0) + 1
        assert report["shard"] == f"{k}/2"
        assert report["reported_by_other_shards"] == elsewhere
        github = CliRunner().invoke(main, [*args, "--shard", f"{k}/2", "-f", "github", "-o", str(tmp_path / f"out{k}")])
        annotations += [line for line in github.stdout.splitlines() if line.startswith("::")]
        if elsewhere:
            assert "reported by shard" in github.stdout.splitlines()[-1]
    assert sorted(reported) == everything  # each once: the broken translation's and the unused file's
    assert len(annotations) == len(set(annotations)) == len(everything) == 2
    unsharded = json.loads(CliRunner().invoke(main, [*args, "-f", "json", "-o", str(tmp_path / "full")]).stdout)
    assert "shard" not in unsharded and "reported_by_other_shards" not in unsharded
    assert sorted(json.dumps(p, sort_keys=True) for p in unsharded["problems"]) == everything
