"""Visual diff: which editions look different, found by comparing sheet proofs pixel by pixel.

A change is only what a reader could see: two proofs that differ in no pixel by more than
a few levels are the same, whatever changed in the PDF's bytes. Every change gets a
highlighted image: the new proof faded, the changed pixels in colour, a box around them.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from ..atomic import write_atomic
from ..outputs import DIFF, DIFF_INFO, PROOF_INFO, PROOFS, diff_folder, side_file
from .files import png_bytes, read_proof_info

THRESHOLD = 8  # a pixel changed when a channel moved more than this (of 255): below it nobody sees it
HIGHLIGHT = (230, 20, 60)  # old ink, and pixels that changed colour
ARRIVED = (20, 90, 230)  # new ink


@dataclass
class SideChange:
    """One sheet side that looks different: where (pixel box) and how much."""

    side: str
    box: tuple[int, int, int, int]  # left, top, right, bottom of the changed pixels
    changed_pixels: int
    size_changed: bool = False
    image: Image.Image | None = field(default=None, repr=False, compare=False)  # the highlighted difference
    before: Image.Image | Path | None = field(default=None, repr=False, compare=False)  # the old proof (or its file)


@dataclass
class EditionChange:
    slug: str
    status: str  # changed, added, removed
    sides: list[dict] = field(default_factory=list)  # side, box, changed_pixels; image, before: paths in the build


@dataclass
class DiffReport:
    """What differs visibly between two builds (or between a build and the one before it)."""

    against: str
    editions: list[EditionChange] = field(default_factory=list)
    compared: int = 0

    @property
    def changed(self) -> list[EditionChange]:
        return [e for e in self.editions if e.status == "changed"]


def compare_images(old: Image.Image, new: Image.Image, side: str) -> SideChange | None:
    """None if the two proofs look the same; otherwise where they differ, with a highlight image."""
    old, new = old.convert("RGB"), new.convert("RGB")
    if old.size != new.size:
        return SideChange(side, (0, 0, *new.size), new.size[0] * new.size[1], True, _fade(new), old)
    mask = ImageChops.difference(old, new).convert("L")
    mask = mask.point(lambda value: 255 if value > THRESHOLD else 0)
    box = mask.getbbox()
    if box is None:
        return None
    changed = mask.histogram()[255]
    return SideChange(side, box, changed, False, highlight(old, new, mask, box), old)


def highlight(old: Image.Image, new: Image.Image, mask: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """The new proof faded to grey; where it changed, new ink in blue, old ink and recoloured pixels in red."""
    image = _fade(new)
    # Where the new proof is darker, ink arrived: so moved text reads as blue (now) over red (before),
    # instead of one red smear. Only the changed pixels are painted; the box catches the eye.
    darker = ImageChops.subtract(old.convert("L"), new.convert("L")).point(lambda v: 255 if v > THRESHOLD else 0)
    arrived = ImageChops.multiply(mask, darker)
    image.paste(HIGHLIGHT, mask=mask)
    image.paste(ARRIVED, mask=arrived)
    pad = max(4, new.size[0] // 200)
    left, top, right, bottom = box
    outline = (max(0, left - pad), max(0, top - pad), min(new.size[0] - 1, right + pad), min(new.size[1] - 1, bottom + pad))
    ImageDraw.Draw(image).rectangle(outline, outline=HIGHLIGHT, width=max(2, pad // 2))
    return image


def _fade(image: Image.Image) -> Image.Image:
    grey = image.convert("L").convert("RGB")
    return Image.blend(grey, Image.new("RGB", image.size, (255, 255, 255)), 0.6)


def diff_builds(old: Path, new: Path) -> DiffReport:
    """Compare the sheet proofs of two build folders; highlight images go into new/diff/."""
    report = DiffReport(against=str(old))
    slugs_old = _proofed(old / PROOFS)
    slugs_new = _proofed(new / PROOFS)
    clear(new)
    for slug in sorted(slugs_old | slugs_new):
        if slug not in slugs_new:
            report.editions.append(EditionChange(slug, "removed"))
            continue
        if slug not in slugs_old:
            report.editions.append(EditionChange(slug, "added"))
            continue
        report.compared += 1
        old_sides = read_proof_info(old / PROOFS / slug).get("sides", [])
        sides = [s for s in read_proof_info(new / PROOFS / slug).get("sides", []) if s in old_sides]
        changes = []
        for side in sides:
            with (
                Image.open(old / PROOFS / slug / side_file(side)) as before,
                Image.open(new / PROOFS / slug / side_file(side)) as after,
            ):
                change = compare_images(before, after, side)
            if change is not None:
                change.before = old / PROOFS / slug / side_file(side)  # copied into NEW: it must not depend on OLD
                changes.append(change)
        if changes:
            report.editions.append(EditionChange(slug, "changed", save_changes(new, slug, changes)))
    write_report(new, report)
    return report


def _proofed(proofs: Path) -> set[str]:
    return {info.parent.relative_to(proofs).as_posix() for info in proofs.glob(f"*/*/{PROOF_INFO}")} if proofs.is_dir() else set()


def save_changes(out: Path, slug: str, changes: list[SideChange]) -> list[dict]:
    """Write each change's highlight image under out/diff/<slug>/; the changes as plain data."""
    sides = []
    for change in changes:
        entry = {
            "side": change.side,
            "box": list(change.box),
            "changed_pixels": change.changed_pixels,
            "size_changed": change.size_changed,
        }
        for key, image, name in (
            ("image", change.image, f"{change.side}.png"),
            ("before", change.before, f"{change.side}-before.png"),
        ):
            target = diff_folder(out, slug) / name
            if isinstance(image, Path):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(image, target)  # the old proof's PNG as it is: no decoding, no encoding
            elif image is not None:
                write_atomic(target, png_bytes(image))
            else:
                continue
            entry[key] = target.relative_to(out).as_posix()
        sides.append(entry)
    return sides


def clear(out: Path) -> None:
    """Forget the last diff: its images and its report."""
    shutil.rmtree(out / DIFF, ignore_errors=True)
    (out / DIFF_INFO).unlink(missing_ok=True)


def write_report(out: Path, report: DiffReport) -> None:
    data = {"against": report.against, "compared": report.compared, "editions": [asdict(edition) for edition in report.editions]}
    write_atomic(out / DIFF_INFO, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def read_report(out: Path) -> DiffReport | None:
    """The last diff recorded in a build folder, or None."""
    try:
        data = json.loads((out / DIFF_INFO).read_text("utf-8"))
        return DiffReport(data["against"], [EditionChange(**e) for e in data["editions"]], data.get("compared", 0))
    except (OSError, ValueError, KeyError, TypeError):
        return None
