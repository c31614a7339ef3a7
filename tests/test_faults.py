"""Faults: a killed build, a corrupt manifest, a dying worker, a read-only or full disk.

Promise: no fault leaves a partial PDF or destroys the last good one, and the next build recovers.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import leafletpress
from leafletpress import atomic
from leafletpress.cli import main

from .minimal_project import CONDITION, make_project

LEAFLETPRESS = [sys.executable, "-m", "leafletpress"]
CONDITIONS = ["rug", "nek", "knie", "heup", "enkel", "pols"]


def several_editions(root: Path) -> Path:
    """The tiny project with six conditions, so a build takes long enough to be killed half-way."""
    make_project(root)
    text = (root / CONDITION).read_text()
    for slug in CONDITIONS[1:]:
        (root / f"leaflets/conditions/{slug}.yaml").write_text(text.replace("Rugklachten", slug.capitalize() + "klachten"))
    return root


def pdfs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}


def test_a_killed_build_leaves_old_or_new_pdfs_never_partial(tmp_path):
    root = several_editions(tmp_path / "p")
    out, reference = root / "build", tmp_path / "reference"
    assert leafletpress.build(root, out=out, jobs=2).exit_code == 0
    old = pdfs(out)
    assert sum(name.startswith("print/") for name in old) == len(CONDITIONS)
    for slug in CONDITIONS:  # new content: every PDF changes
        path = root / f"leaflets/conditions/{slug}.yaml"
        path.write_text(path.read_text().replace("Korte tekst", "Nieuwe korte tekst"))
    assert leafletpress.build(root, out=reference, jobs=2).exit_code == 0
    new = pdfs(reference)
    assert set(new) == set(old) and all(new[name] != old[name] for name in new)

    moments = sorted(random.Random(7).uniform(0.3, 4.0) for _ in range(4))
    for moment in moments:
        process = subprocess.Popen(
            [*LEAFLETPRESS, "--project", str(root), "build", "--force", "--jobs", "2", "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            process.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the build and its workers, like a power cut
            process.wait()
        now = pdfs(out)
        assert set(now) == set(old), f"killed at {moment:.1f}s"
        for name, data in now.items():
            assert data in (old[name], new[name]), f"{name} is partial after a kill at {moment:.1f}s"
            assert len(PdfReader(out / name).pages) == len(PdfReader(reference / name).pages) > 0
    # The next ordinary build recovers: every PDF new and complete, a manifest that reads.
    result = subprocess.run([*LEAFLETPRESS, "--project", str(root), "build", "--jobs", "2"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert set(pdfs(out)) == set(new)
    for name in new:  # same text as the reference (bytes differ only if leafletpress itself changed meanwhile)
        assert [page.extract_text() for page in PdfReader(out / name).pages] == [
            page.extract_text() for page in PdfReader(reference / name).pages
        ]
    assert json.loads((out / "manifest.json").read_text())["editions"]
    assert not list(out.rglob(".*.tmp")), "the killed builds' temporary files are cleaned up"


def test_a_damaged_manifest_is_not_trusted_but_rebuilt(tmp_path):
    """End to end, once: a manifest cut off mid-write is ignored, everything is built again and then trusted.
    (Each kind of damage is a unit test of the reader: tests/test_manifest.py.)"""
    root = make_project(tmp_path / "p")
    assert leafletpress.build(root, jobs=1).exit_code == 0
    manifest = root / "build" / "manifest.json"
    manifest.write_text(manifest.read_text()[: len(manifest.read_text()) // 2])
    report = leafletpress.build(root, jobs=1)
    assert report.exit_code == 0
    assert [r.status for r in report.results] == ["built"]
    assert json.loads(manifest.read_text())["editions"]["team-a/rug"]["digest"]
    assert [r.status for r in leafletpress.build(root, jobs=1).results] == ["unchanged"]


CRASHING_BUILD = textwrap.dedent("""
    import json, os, sys
    import leafletpress, leafletpress.worker as worker

    original = worker.Worker.run

    def run(self, job):
        if job.edition.condition == "knie":
            os._exit(9)  # what the kernel's OOM killer or a segfault in a C library looks like
        return original(self, job)

    worker.Worker.run = run  # forked workers inherit the patched class
    report = leafletpress.build(sys.argv[1], jobs=2)
    print(json.dumps({r.slug: [r.status, [str(p) for p in r.problems]] for r in report.results}))
""")


def test_a_worker_that_dies_is_named_and_the_others_finish(tmp_path):
    root = several_editions(tmp_path / "p")
    result = subprocess.run([sys.executable, "-c", CRASHING_BUILD, str(root)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout.splitlines()[-1])
    assert results.pop("team-a/knie") == [
        "failed",
        [
            "leaflets/conditions/knie.yaml: building team-a/knie crashed: the worker process building it died "
            "(out of memory, or killed) (this is a bug in leafletpress; please report it)"
        ],
    ]
    assert {status for status, _ in results.values()} == {"built"}
    assert len(results) == len(CONDITIONS) - 1
    for slug in results:
        assert len(PdfReader(root / "build" / "print" / f"{slug}.pdf").pages) == 2


@pytest.fixture
def read_only_dir(tmp_path):
    """A folder nobody may write to: a read-only tmpfs when we are root (root ignores permissions)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a read-only tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_output_folder_is_one_clear_line(tmp_path, read_only_dir):
    root = make_project(tmp_path / "p")
    out = read_only_dir / "build"
    result = CliRunner().invoke(main, ["--project", str(root), "build", "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    reason = "Read-only file system" if os.geteuid() == 0 else "Permission denied"
    assert (
        f"leafletpress: cannot write to {out}: {reason} (choose a writable folder with --out, or free disk space)"
        in result.output
    )


def test_a_full_disk_keeps_the_last_good_pdf(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    assert leafletpress.build(root, jobs=1).exit_code == 0
    pdf = root / "build/print/team-a/rug.pdf"
    good = pdf.read_bytes()
    (root / CONDITION).write_text((root / CONDITION).read_text().replace("Korte tekst", "Andere tekst"))

    real_fsync = os.fsync

    def full(fd):
        if ".pdf." in os.readlink(f"/proc/self/fd/{fd}"):  # the disk fills up while a new PDF is written
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", full)
    report = leafletpress.build(root, jobs=1)
    assert report.exit_code == 1
    errors = [str(p) for p in report.errors]
    assert (
        f"{pdf.parent.as_posix()}: cannot write rug.pdf: No space left on device (free disk space, or choose a writable folder with --out)"
        in errors
    )
    assert all("No space left on device" in error for error in errors)
    assert pdf.read_bytes() == good
    assert [p.name for p in pdf.parent.iterdir()] == ["rug.pdf"]  # no temporary file left behind
    monkeypatch.undo()
    assert leafletpress.build(root, jobs=1).exit_code == 0  # the failed edition is not skipped next time
    assert pdf.read_bytes() != good


def test_written_files_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic.write_atomic(tmp_path / "a.pdf", b"%PDF-")
    finally:
        os.umask(old)
    assert (tmp_path / "a.pdf").stat().st_mode & 0o777 == 0o644


def test_write_atomic_never_shows_a_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "x.pdf"
    target.write_bytes(b"old complete")
    seen = []
    real_replace = os.replace

    def replace(src, dst):
        seen.append(Path(dst).read_bytes())  # what a reader sees just before the swap
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    atomic.write_atomic(target, b"new complete")
    assert seen == [b"old complete"]
    assert target.read_bytes() == b"new complete"


def test_leftover_temporary_files_are_removed_by_the_next_build(tmp_path):
    root = make_project(tmp_path / "p")
    assert leafletpress.build(root, jobs=1).exit_code == 0
    leftover = root / "build/print/team-a/.rug.pdf.k1ll3d.tmp"
    leftover.write_bytes(b"%PDF-1.7 half")
    os.utime(leftover, (1, 1))  # left by a build killed long ago
    assert leafletpress.build(root, jobs=1).exit_code == 0
    assert not leftover.exists()
