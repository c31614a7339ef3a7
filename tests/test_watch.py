"""Watch mode: a save rebuilds exactly the editions it affects; a broken file is reported and watching goes on."""

from __future__ import annotations

import os
import queue
import threading
from pathlib import Path

import yaml

from leafletpress import worker
from leafletpress.studio.watch import Batch, Watcher, describe

from .helpers import SEED, SEED_TEAM
from .minimal_project import CONDITION, PROJECT, make_project

OTHER = "nekklachten"
WAIT = 120  # seconds a batch may take on a slow CI machine; the test does not time anything


def small_matrix(root: Path) -> None:
    path = root / "leaflets" / "project.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["editions"] = {SEED_TEAM: [SEED, OTHER], "sport": [SEED]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")
    return text


def test_the_watcher_rebuilds_what_a_save_affects_and_survives_a_broken_file(project: Path):
    small_matrix(project)
    batches: queue.Queue[Batch] = queue.Queue()
    printed: list[str] = []
    watcher = Watcher(project, jobs=1, proofs=None, index=False, echo=printed.append)
    handle = watcher.handle
    watcher.handle = lambda changed: batches.put(handle(changed))  # the loop calls handle per batch
    stop, ready = threading.Event(), threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop, ready.set), daemon=True)
    thread.start()
    try:
        first = batches.get(timeout=WAIT)
        assert sorted(first.rebuilt) == sorted([f"{SEED_TEAM}/{SEED}", f"{SEED_TEAM}/{OTHER}", f"sport/{SEED}"])
        assert ready.wait(WAIT)
        _until_watching(project, batches)
        # jobs=1: builds run in this process, whose Typesetter stays warm from batch to batch
        setter = worker.current(project).typesetter
        base_css = setter.stylesheet("styles/leaflet.css")[0]

        edit(project / "styles" / "teams" / "sport.css", ":root {", ":root {\n  --accent: #c2410c;")
        batch = batches.get(timeout=WAIT)
        assert batch.changed == ["styles/teams/sport.css"]
        assert batch.rebuilt == [f"sport/{SEED}"]
        assert worker.current(project).typesetter is setter
        assert setter.stylesheet("styles/leaflet.css")[0] is base_css  # not reparsed: it did not change

        condition = project / "leaflets" / "conditions" / f"{OTHER}.yaml"
        good = edit(condition, "title: ", "title: Nieuwe ")
        batch = batches.get(timeout=WAIT)
        assert batch.rebuilt == [f"{SEED_TEAM}/{OTHER}"]

        condition.write_text(good + "\nsections: [\n", "utf-8")  # a YAML syntax error
        batch = batches.get(timeout=WAIT)
        assert batch.crash == "" and batch.rebuilt == []
        assert any(p.file.endswith(f"{OTHER}.yaml") and p.is_error for p in batch.report.problems)
        assert f"leaflets/conditions/{OTHER}.yaml" in printed[-1]
        assert thread.is_alive()

        condition.write_text(good, "utf-8")
        batch = batches.get(timeout=WAIT)
        assert batch.rebuilt == [f"{SEED_TEAM}/{OTHER}"] and batch.report.errors == []
    finally:
        stop.set()
        thread.join(WAIT)
    assert not thread.is_alive()


def _until_watching(project: Path, batches: queue.Queue) -> None:
    """Touch a file until the watcher reports it: then it is certainly watching (no race with its start)."""
    css = project / "styles" / "leaflet.css"
    for _ in range(100):
        os.utime(css)
        try:
            batch = batches.get(timeout=1)
        except queue.Empty:
            continue
        assert batch.rebuilt == []  # same bytes, new time: nothing to rebuild
        return
    raise AssertionError("the watcher never saw a change")


def test_a_bug_during_a_batch_is_reported_and_the_watcher_goes_on(project: Path, monkeypatch):
    printed: list[str] = []
    watcher = Watcher(project, proofs=None, index=False, echo=printed.append)

    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr(watcher, "build", broken)
    batch = watcher.handle([project / "styles" / "leaflet.css"])
    assert "RuntimeError: a bug" in batch.crash
    assert printed[0].endswith("] changed: styles/leaflet.css")
    assert "still watching" in printed[-1] and "styles/leaflet.css" in printed[-1]
    assert describe(batch) == printed[-1]


def test_a_temp_file_that_came_and_went_within_a_batch_is_not_reported(tmp_path: Path):
    from watchfiles import Change

    from leafletpress.studio.watch import saved

    css = tmp_path / "leaflet.css"
    css.write_text("p {}", "utf-8")
    temp = tmp_path / "sedAb12Cd"
    changes = {
        (Change.added, str(temp)),
        (Change.modified, str(temp)),
        (Change.deleted, str(temp)),
        (Change.deleted, str(css)),
        (Change.added, str(css)),
    }  # sed -i: write a temp file, rename it over
    assert saved(changes) == [css]


def test_the_contact_sheet_shows_an_error_after_a_save_and_goes_back_once_it_is_fixed(tmp_path: Path):
    """watch rewrites build/index.html after every batch: the failed edition's error and its last good PDF, then the fix."""
    root = make_project(tmp_path / "p")
    batches: queue.Queue[Batch] = queue.Queue()
    watcher = Watcher(root, jobs=1, proofs=None, index=True, echo=lambda text: None)
    handle = watcher.handle
    watcher.handle = lambda changed: batches.put(handle(changed))
    stop, ready = threading.Event(), threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop, ready.set), daemon=True)
    thread.start()
    index = root / "build" / "index.html"
    try:
        assert batches.get(timeout=WAIT).rebuilt == ["team-a/rug"]
        assert ready.wait(WAIT)
        _until_watching(root, batches)
        assert "This edition failed" not in index.read_text("utf-8")

        good = edit(root / CONDITION, "title: Rugklachten", "title: Rugklachten\ntitel: dubbel")
        batch = batches.get(timeout=WAIT)
        assert batch.failed == ["team-a/rug"]
        sheet = index.read_text("utf-8")
        assert "leaflets/conditions/rug.yaml:2: titel: unknown key &#39;titel&#39; (did you mean &#39;title&#39;?)" in sheet
        assert "This edition failed: the PDF and proofs shown are the last good ones, built " in sheet

        (root / CONDITION).write_text(good, "utf-8")
        batch = batches.get(timeout=WAIT)
        assert batch.rebuilt == ["team-a/rug"]
        sheet = index.read_text("utf-8")
        assert "titel" not in sheet and "This edition failed" not in sheet

        project = edit(root / PROJECT, "practice:", "practice:\n  nmae: x\n")  # project.yaml itself broken
        batch = batches.get(timeout=WAIT)
        assert batch.failed == ["team-a/rug"]
        assert "unknown key &#39;nmae&#39;" in index.read_text("utf-8")
        (root / PROJECT).write_text(project, "utf-8")
        assert batches.get(timeout=WAIT).rebuilt == ["team-a/rug"]
        assert "nmae" not in index.read_text("utf-8")
    finally:
        stop.set()
        thread.join(WAIT)


def test_each_batch_opens_with_a_header_naming_every_saved_file_before_its_editions(tmp_path: Path):
    """A batch's `built` lines come under its own header: after an error, the fix's edition is not shown under it."""
    root = make_project(tmp_path / "p")
    printed: list[str] = []
    watcher = Watcher(root, jobs=1, proofs=None, index=False, echo=printed.append)
    watcher.handle([])
    assert printed[0].endswith("] start") and printed[1].startswith("  built    team-a/rug ")

    printed.clear()
    good = edit(root / CONDITION, "title: Rugklachten", "title: [Rugklachten")  # a YAML error
    watcher.handle([root / CONDITION])
    assert printed[0].endswith(f"] changed: {CONDITION}")
    assert printed[1].splitlines()[0].startswith("  0 rebuilt, 0 unchanged, 1 failed; 1 error, 0 warnings in ")
    assert len(printed) == 2  # nothing was built: no edition line between the header and the summary

    printed.clear()
    (root / CONDITION).write_text(good, "utf-8")
    css = root / "styles" / "leaflet.css"
    watcher.handle([css, root / CONDITION])  # two saves in one batch: both named, in order
    assert printed[0].endswith(f"] changed: {CONDITION}, styles/leaflet.css")
    assert printed[1].startswith("  built    team-a/rug ")
    assert printed[2].startswith("  1 rebuilt, 0 unchanged, 0 failed; 0 errors, 0 warnings in ")

    printed.clear()
    watcher.handle([root / "styles" / f"{n}.css" for n in range(7)])
    assert printed[0].endswith("] changed: 7 files")
