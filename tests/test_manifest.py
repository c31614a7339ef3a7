"""Reading the manifest: only a record that is whole, of this version and true on disk is trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leafletpress.plan.manifest import FORMAT, file_stat, read_manifest, read_previous, reusable, sha256_file
from leafletpress.plan.shard import Shard
from leafletpress.version import __version__

SLUG = "team-a/rug"
PDF = "print/team-a/rug.pdf"


def write(out: Path, editions: dict, name: str = "manifest.json", **top) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    path.write_text(json.dumps({"format": FORMAT, "leafletpress": __version__, "editions": editions, **top}), "utf-8")
    return path


def built_entry(out: Path, text: bytes = b"%PDF-1.6 a leaflet") -> dict:
    """A manifest entry for a PDF that is on disk as recorded."""
    pdf = out / PDF
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(text)
    return {"digest": "d1", "status": "built", "outputs": [PDF], "sha256": {PDF: sha256_file(pdf)}, "stat": {PDF: file_stat(pdf)}}


def test_a_whole_manifest_is_read(tmp_path):
    entry = built_entry(tmp_path)
    write(tmp_path, {SLUG: entry})
    assert read_manifest(tmp_path) == {SLUG: entry}
    assert read_previous(tmp_path, None) == {SLUG: entry}


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "",
        lambda text: "\x00\x01 not json",
        lambda text: json.dumps({**json.loads(text), "editions": ["not", "a", "dict"]}),
        lambda text: json.dumps({**json.loads(text), "editions": {SLUG: {"digest": 5}}}),
        lambda text: json.dumps({**json.loads(text), "editions": {SLUG: "built"}}),
        lambda text: json.dumps({**json.loads(text), "editions": {SLUG: {"digest": "d", "outputs": "print/x.pdf"}}}),
        lambda text: json.dumps({**json.loads(text), "format": FORMAT + 1}),
        lambda text: json.dumps({**json.loads(text), "leafletpress": "0.0.1"}),
        lambda text: json.dumps([json.loads(text)]),
    ],
    ids=[
        "truncated",
        "empty",
        "garbage",
        "editions-a-list",
        "digest-a-number",
        "entry-a-word",
        "outputs-a-word",
        "another-format",
        "another-version",
        "a-list",
    ],
)
def test_a_damaged_manifest_is_read_as_nothing(tmp_path, damage):
    path = write(tmp_path, {SLUG: built_entry(tmp_path)})
    path.write_text(damage(path.read_text("utf-8")), "utf-8")
    assert read_manifest(tmp_path) == {}


def test_a_record_whose_pdf_changed_on_disk_is_not_trusted(tmp_path):
    write(tmp_path, {SLUG: built_entry(tmp_path)})
    (tmp_path / PDF).write_bytes(b"%PDF-1.6 edited by hand")
    assert read_previous(tmp_path, None) == {}


def test_a_record_whose_pdf_is_gone_or_outside_the_folder_is_not_trusted(tmp_path):
    entry = built_entry(tmp_path)
    write(tmp_path, {SLUG: {**entry, "outputs": ["../elsewhere.pdf"], "sha256": {"../elsewhere.pdf": "x"}}})
    assert read_previous(tmp_path, None) == {}
    write(tmp_path, {SLUG: entry})
    (tmp_path / PDF).unlink()
    assert read_previous(tmp_path, None) == {}


def test_a_file_touched_but_not_changed_is_still_trusted(tmp_path):
    """Size and time differ from the record, the content hash does not: the record stands."""
    entry = built_entry(tmp_path)
    write(tmp_path, {SLUG: entry})
    (tmp_path / PDF).write_bytes(b"%PDF-1.6 a leaflet")  # the same bytes, a new modification time
    assert read_previous(tmp_path, None) == {SLUG: entry}


def test_a_shard_reads_its_own_manifest_first_and_only_its_own_editions(tmp_path):
    shard = Shard(1, 2)
    ours = built_entry(tmp_path)
    theirs = {**ours, "digest": "from the full build"}
    other = next(f"team-b/c{i}" for i in range(100) if not shard.holds(f"team-b/c{i}"))
    write(tmp_path, {SLUG: theirs, other: theirs})
    write(tmp_path, {SLUG: ours}, name="manifest.shard-1-of-2.json")
    previous = read_previous(tmp_path, shard if shard.holds(SLUG) else Shard(2, 2))
    assert previous[SLUG]["digest"] == "d1" and other not in previous


@pytest.mark.parametrize(
    "entry, digest, strict, expected",
    [
        ({"status": "built", "digest": "d1", "outputs": [PDF]}, "d1", False, True),
        ({"status": "built", "digest": "d1", "outputs": [PDF]}, "d2", False, False),  # an input changed
        ({"status": "failed", "digest": "", "outputs": [PDF]}, "", False, False),  # never skip a failure
        ({"status": "built", "digest": "d1", "outputs": []}, "d1", False, False),  # nothing to keep
        ({"status": "built", "digest": "d1", "outputs": [PDF], "preflight": "warnings"}, "d1", True, False),  # --strict
        (None, "d1", False, False),
    ],
)
def test_reusable(entry, digest, strict, expected):
    assert reusable(entry, digest, strict) is expected
