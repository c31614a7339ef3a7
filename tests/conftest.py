"""Shared fixtures: a throw-away copy of the sample project, and builds made once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import SEED, SEED_TEAM, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The seed edition built once for the whole session; returns its print PDF."""
    import leafletpress

    root = copy_project(tmp_path_factory.mktemp("seed"))
    report = leafletpress.build(root, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    return root / "build" / "print" / SEED_TEAM / f"{SEED}.pdf"


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The whole sample project (every edition in its matrix, every language) built once per session; returns (root, report)."""
    import leafletpress

    root = copy_project(tmp_path_factory.mktemp("sample"), translations=True)
    report = leafletpress.build(root, jobs=2)
    return root, report
