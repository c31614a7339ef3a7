"""The library API on its own: what the CLI calls, usable without it."""

from __future__ import annotations

import os

import pytest

import leafletpress
from leafletpress.api import UsageError


def test_list_editions_is_the_matrix(project):
    library, editions = leafletpress.list_editions(project)
    assert not library.problems.errors
    assert ("fysiofits", "lage-rugklachten", "") in editions  # (team, condition, translation): "" in Dutch
    assert all(team in library.teams and condition in library.conditions for team, condition, _ in editions)


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


def test_the_api_leaves_the_callers_environment_as_it_found_it(project, monkeypatch):
    """The engine reads SOURCE_DATE_EPOCH and FONTCONFIG_FILE from the environment; a library call sets them only
    while it needs them."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("FONTCONFIG_FILE", "/the/callers/fonts.conf")
    leafletpress.check(project, conditions=["lage-rugklachten"], teams=["fysiofits"], jobs=1)
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert os.environ["FONTCONFIG_FILE"] == "/the/callers/fonts.conf"


def test_check_rejects_what_build_rejects_and_writes_nothing(project):
    """A 40 px logo fails preflight-level resolution in check, as it fails build: one validation path."""
    from PIL import Image

    Image.new("RGB", (40, 40), (11, 110, 105)).save(project / "styles" / "images" / "klein.png")
    team = project / "leaflets" / "teams" / "fysiofits.yaml"
    team.write_text(team.read_text("utf-8").replace("styles/images/fysiofits-logo.png", "styles/images/klein.png"), "utf-8")
    checked = leafletpress.check(project, conditions=["lage-rugklachten"], teams=["fysiofits"], jobs=1)
    built = leafletpress.build(project, conditions=["lage-rugklachten"], teams=["fysiofits"], jobs=1)
    assert [str(p) for p in checked.errors] == [str(p) for p in built.errors] != []
    assert checked.errors[0].file == "leaflets/teams/fysiofits.yaml" and checked.errors[0].field == "logo"
    assert [r.status for r in checked.results] == [r.status for r in built.results] == ["failed"]
    assert not (project / "build" / "print" / "fysiofits" / "lage-rugklachten.pdf").exists()
