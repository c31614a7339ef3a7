"""The library API on its own: what the CLI calls, usable without it."""

from __future__ import annotations

import pytest

import leafletpress
from leafletpress.api import UsageError


def test_list_editions_is_the_matrix(project):
    library, editions = leafletpress.list_editions(project)
    assert not library.problems.errors
    assert ("fysiofits", "lage-rugklachten") in editions
    assert all(team in library.teams and condition in library.conditions for team, condition in editions)


def test_check_reports_results_without_writing(project):
    report = leafletpress.check(project, conditions=["lage-rugklachten"], teams=["fysiofits"], jobs=1)
    assert report.exit_code == 0
    assert [(r.slug, r.status) for r in report.results] == [("fysiofits/lage-rugklachten", "checked")]
    assert not (project / "build").exists()


def test_build_to_another_folder(project, tmp_path):
    out = tmp_path / "elders"
    report = leafletpress.build(project, out=out, conditions=["lage-rugklachten"], teams=["fysiofits"], jobs=1)
    assert report.exit_code == 0
    assert (out / "print/fysiofits/lage-rugklachten.pdf").is_file()


def test_unknown_team_raises_usage_error(project):
    with pytest.raises(UsageError, match="no team 'sportt'"):
        leafletpress.build(project, teams=["sportt"])
