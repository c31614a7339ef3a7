"""Proof stage: PNG images of each print edition's sheet sides and panels, with optional guides.

Proofs live in build/proofs/<team>/<condition>/ beside a small proof.json that remembers which
PDF they were made from; an edition is re-proofed only when its PDF's bytes (or the proof
settings) changed. Before a proof is overwritten, the old and new sheet images are compared,
so every build knows which editions changed visibly (see diff.py).
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

from ..atomic import write_atomic
from ..fold import Fold
from ..fold.sheet import PT_PER_MM, PrintShop, sheet_geometry
from ..options import ProofOptions
from ..outputs import (
    PROOF_INFO,
    PROOFS,
    edition_slug,
    guides_file,
    panel_file,
    print_path,
    proof_folder,
    side_file,
    thumb_file,
)
from ..plan.jobs import Status
from .files import PROOF_FORMAT, png_bytes, read_proof_info

THUMB_WIDTH_PX = 440  # trimmed sheet side in the contact sheet (shown at half size: sharp on HiDPI)

# Guide colours follow the usual DTP convention: bleed red, trim blue, folds green, margins magenta.
GUIDE_COLOURS = {
    "bleed": (230, 30, 40),
    "trim": (0, 120, 255),
    "fold": (0, 170, 60),
    "safe": (220, 0, 200),
}


@dataclass(frozen=True)
class ProofJob:
    """One edition's proofs to make: plain data, safe to send to a worker process."""

    team: str
    condition: str
    pdf: str
    out: str  # the build folder: proofs go to out/proofs/<team>/<condition>/, changes to out/diff/
    fold: Fold
    options: ProofOptions
    shop: PrintShop = PrintShop()  # the bleed and safe margin the guides show, and the paper round the trim
    translation: str = ""  # a translated edition's language: proofs/<team>/<condition>.<lang>/

    @property
    def folder(self) -> Path:
        return proof_folder(Path(self.out), self.team, self.condition, self.translation)

    @property
    def slug(self) -> str:
        return edition_slug(self.team, self.condition, self.translation)


@dataclass
class ProofResult:
    team: str
    condition: str
    status: str  # made, unchanged, missing
    files: list[str] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)  # sides that look different from the last proof (diff.py)
    first: bool = False  # no earlier proof to compare with
    seconds: float = 0.0
    translation: str = ""

    @property
    def slug(self) -> str:
        return edition_slug(self.team, self.condition, self.translation)


def pixels(mm: float, dpi: int) -> int:
    """Pixels PDFium gives for a length (it rounds partial pixels up)."""
    return math.ceil(round(mm / 25.4 * dpi, 6))


def proof_build(out: Path, library, results, options: ProofOptions, workers: int = 1) -> list[ProofResult]:
    """Proof the print PDF of every built or unchanged edition; record which ones changed visibly."""
    from ..compose.edition import compose
    from .diff import DiffReport, EditionChange, clear, write_report

    jobs = []
    for r in results:
        if r.status in (Status.BUILT, Status.UNCHANGED):
            edition = compose(library, r.team, r.condition, r.translation)
            pdf = str(print_path(out, r.team, r.condition, r.translation))
            jobs.append(ProofJob(r.team, r.condition, pdf, str(out), edition.fold_spec, options, edition.shop, r.translation))
    clear(out)  # the diff section describes the last build only
    proofs = make_proofs(jobs, workers)
    compared = [p for p in proofs if p.status == "made" and not p.first]
    changes = [EditionChange(p.slug, "changed", p.changes) for p in compared if p.changes]
    write_report(out, DiffReport("the previous build", changes, len(compared)))
    _remove_stale(out, {r.slug for r in results}, library)
    return proofs


def _remove_stale(out: Path, current: set[str], library) -> None:
    """Proofs of editions that left the project go, like their PDFs."""
    proofs = out / PROOFS
    if not proofs.is_dir() or library.problems.errors:
        return  # a half-loaded library does not say which editions exist
    from ..compose.edition import matrix

    existing = {edition_slug(*edition) for edition in matrix(library)} | current
    for info in proofs.glob(f"*/*/{PROOF_INFO}"):
        if info.parent.relative_to(proofs).as_posix() not in existing:
            shutil.rmtree(info.parent)


def make_proofs(jobs: list[ProofJob], workers: int = 1) -> list[ProofResult]:
    """Proof every job, in worker processes when there are several (PDFium is not thread-safe)."""
    todo = [job for job in jobs if not _up_to_date(job)]
    done = [
        ProofResult(job.team, job.condition, "unchanged", _existing(job), translation=job.translation)
        for job in jobs
        if job not in todo
    ]
    workers = min(workers, len(todo))
    if workers <= 1:
        done += [proof_edition(job) for job in todo]
    else:
        # Workers only import PDFium and Pillow: cheap to start, so a pool per build is fine.
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done += list(pool.map(proof_edition, todo))
    return sorted(done, key=lambda r: (r.team, r.condition, r.translation))


def proof_edition(job: ProofJob) -> ProofResult:
    """Render both sheet sides, crop the panels, draw guides if asked; compare with the last proof."""
    started = time.perf_counter()
    pdf_path, folder = Path(job.pdf), job.folder
    result = ProofResult(job.team, job.condition, "missing", translation=job.translation)
    if not pdf_path.is_file():
        return result
    import pypdfium2 as pdfium  # loaded only where something is rendered: a no-op build never needs it

    data = pdf_path.read_bytes()
    fold, shop = job.fold, job.shop
    dpi = job.options.dpi
    document = pdfium.PdfDocument(data)
    try:
        sheets = {side: _render(document[index], dpi) for index, side in enumerate(fold.sides)}
        thumbs = {side: _thumbnail(document[index], fold, shop) for index, side in enumerate(fold.sides)}
    finally:
        document.close()
    result.first = not all((folder / side_file(side)).is_file() for side in fold.sides)
    if not result.first:
        result.changes = _changes_since_last_proof(job, sheets)
    files: dict[str, Image.Image] = {}
    for side, image in sheets.items():
        files[side_file(side)] = image
        files[thumb_file(side)] = thumbs[side]
        if job.options.guides:
            files[guides_file(side)] = draw_guides(image, fold, shop, side, dpi)
        for panel, box in panel_boxes(fold, shop, side, dpi).items():
            files[panel_file(panel)] = image.crop(box)
    folder.mkdir(parents=True, exist_ok=True)
    for name, image in files.items():
        write_atomic(folder / name, png_bytes(image))
    for stale in folder.glob("*.png"):
        if stale.name not in files:
            stale.unlink()  # e.g. guides from an earlier build with --guides
    info = {
        "format": PROOF_FORMAT,
        "pdf": hashlib.sha256(data).hexdigest(),
        "dpi": dpi,
        "guides": job.options.guides,
        "safe_margin": shop.safe_margin,
        "sides": list(fold.sides),
        "fold": fold.name,
        "direction": fold.direction,  # rtl: the fold's mirror image (fold.mirrored), as a right-to-left edition has it
        "panels": [panel.name for panel in fold.panels],  # reading order, as the contact sheet lists them
        "files": sorted(files),
    }
    write_atomic(folder / PROOF_INFO, (json.dumps(info, indent=2) + "\n").encode())
    result.status, result.files = "made", sorted(files)
    result.seconds = time.perf_counter() - started
    return result


def _up_to_date(job: ProofJob) -> bool:
    pdf = Path(job.pdf)
    info = read_proof_info(job.folder)
    if not info or not pdf.is_file() or info.get("dpi") != job.options.dpi or info.get("guides") != job.options.guides:
        return False
    if info.get("safe_margin") != job.shop.safe_margin:
        return False  # the guides show it, and it is not in the PDF
    if not all((job.folder / name).is_file() for name in info.get("files", [])):
        return False
    return info.get("pdf") == hashlib.sha256(pdf.read_bytes()).hexdigest()


def _existing(job: ProofJob) -> list[str]:
    return list(read_proof_info(job.folder).get("files", []))


def _render(page, dpi: int) -> Image.Image:
    return page.render(scale=dpi / 72).to_pil().convert("RGB")


def _thumbnail(page, fold: Fold, shop: PrintShop) -> Image.Image:
    """The trimmed sheet side, rendered small by PDFium itself (sharper and faster than resizing)."""
    geometry = sheet_geometry(fold, shop)
    scale = THUMB_WIDTH_PX / (geometry.trim[2] - geometry.trim[0])
    media_height = geometry.media[3]
    crop = (geometry.trim[0], geometry.trim[1], geometry.media[2] - geometry.trim[2], media_height - geometry.trim[3])
    return page.render(scale=scale, crop=crop).to_pil().convert("RGB")


def _changes_since_last_proof(job: ProofJob, sheets: dict[str, Image.Image]) -> list[dict]:
    """Compare each new sheet image with the proof it replaces; highlight images go to out/diff/."""
    from .diff import compare_images, save_changes

    changes = []
    for side, image in sheets.items():
        with Image.open(job.folder / side_file(side)) as old:
            change = compare_images(old, image, side)
        if change is not None:
            change.before = job.folder / side_file(side)  # copied as it is, before the new proof replaces it
            changes.append(change)
    return save_changes(Path(job.out), job.slug, changes)


def _px(pt: float, dpi: int) -> int:
    return round(pt / 72 * dpi)


def trim_box_px(fold: Fold, shop: PrintShop, dpi: int) -> tuple[int, int, int, int]:
    """The trim on a sheet proof as (left, top, right, bottom) pixels."""
    geometry = sheet_geometry(fold, shop)
    height = geometry.media[3]
    left, bottom, right, top = geometry.trim
    return _px(left, dpi), _px(height - top, dpi), _px(right, dpi), _px(height - bottom, dpi)


def fold_columns(fold: Fold, shop: PrintShop, side: str, dpi: int) -> list[int]:
    """The pixel column of each fold on a sheet proof of that side."""
    left = sheet_geometry(fold, shop).trim[0]
    return [_px(left + x * PT_PER_MM, dpi) for x in fold.folds_on(side)]


def panel_boxes(fold: Fold, shop: PrintShop, side: str, dpi: int) -> dict[str, tuple[int, int, int, int]]:
    """Each panel's trimmed area on a sheet proof, as (left, top, right, bottom) pixels."""
    geometry = sheet_geometry(fold, shop)
    trim_left = geometry.trim[0]
    _, top, _, bottom = trim_box_px(fold, shop, dpi)
    return {
        panel.name: (
            _px(trim_left + panel.x * PT_PER_MM, dpi),
            top,
            _px(trim_left + (panel.x + panel.width) * PT_PER_MM, dpi),
            bottom,
        )
        for panel in fold.panels_on(side)
    }


def draw_guides(sheet: Image.Image, fold: Fold, shop: PrintShop, side: str, dpi: int) -> Image.Image:
    """A copy of a sheet proof with bleed, trim, folds and each panel's safe margin (as the shop asks) drawn on it."""
    geometry = sheet_geometry(fold, shop)
    height = geometry.media[3]
    image = sheet.copy()
    draw = ImageDraw.Draw(image)
    width = max(1, round(dpi / 100))
    left, bottom, right, top = geometry.bleed
    draw.rectangle(
        (_px(left, dpi), _px(height - top, dpi), _px(right, dpi), _px(height - bottom, dpi)),
        outline=GUIDE_COLOURS["bleed"],
        width=width,
    )
    draw.rectangle(trim_box_px(fold, shop, dpi), outline=GUIDE_COLOURS["trim"], width=width)
    safe = shop.safe_margin * PT_PER_MM
    for panel_left, panel_top, panel_right, panel_bottom in panel_boxes(fold, shop, side, dpi).values():
        inset = _px(safe, dpi)
        _dashed_rectangle(
            draw,
            (panel_left + inset, panel_top + inset, panel_right - inset, panel_bottom - inset),
            GUIDE_COLOURS["safe"],
            width,
            dash=max(4, dpi // 12),
        )
    _, trim_top, _, trim_bottom = trim_box_px(fold, shop, dpi)
    for column in fold_columns(fold, shop, side, dpi):
        _dashed_line(draw, column, trim_top, trim_bottom, GUIDE_COLOURS["fold"], width, dash=max(6, dpi // 8))
    return image


def _dashed_line(draw: ImageDraw.ImageDraw, x: int, y0: int, y1: int, colour, width: int, dash: int) -> None:
    for y in range(y0, y1, 2 * dash):
        draw.line((x, y, x, min(y + dash, y1)), fill=colour, width=width)


def _dashed_rectangle(draw: ImageDraw.ImageDraw, box, colour, width: int, dash: int) -> None:
    left, top, right, bottom = box
    for x in range(left, right, 2 * dash):
        end = min(x + dash, right)
        draw.line((x, top, end, top), fill=colour, width=width)
        draw.line((x, bottom, end, bottom), fill=colour, width=width)
    for y in range(top, bottom, 2 * dash):
        end = min(y + dash, bottom)
        draw.line((left, y, left, end), fill=colour, width=width)
        draw.line((right, y, right, end), fill=colour, width=width)
