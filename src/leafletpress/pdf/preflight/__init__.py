"""Preflight: the checks a print shop's prepress runs on a print PDF, each finding located.

Three readers look at every file: pypdf for the structure (structure.py: boxes, output intent,
transparency), PDFium for what is drawn where (drawn.py: fonts, text size and position, picture
resolution at its placed size, through every nested form), and an interpreter of the content
streams for the inks and the marks (prepress.py: total ink, rich black, hairlines, bleed, colour
spaces, alpha, GWG 2015 sheet-fed CMYK; marks.py: the marks the print shop asked for). The boxes,
the marks and the safe margin are checked against what the print shop asked (fold/sheet.py).
"""

from __future__ import annotations

import time
from functools import lru_cache
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ...fold import Fold
from ...fold.sheet import PrintShop
from . import drawn, prepress, structure
from .findings import (  # noqa: F401 - the limits and the findings, for the build and the tests
    BOX_TOLERANCE_MM,
    CHECKS,
    MAX_INK,
    MIN_LINE_PT,
    MIN_TEXT_PT_ERROR,
    MIN_TEXT_PT_WARNING,
    PPI_ERROR,
    PPI_WARNING,
    RICH_BLACK_TEXT_PT,
    FileReport,
    Finding,
)
from .structure import resource_dicts  # noqa: F401 - tests walk resources with it

LEAFLETPRESS_SHOP = PrintShop()  # what leafletpress makes unless the project's print settings ask otherwise


def preflight(paths: list[Path], fold: Fold, shop: PrintShop = LEAFLETPRESS_SHOP, strict: bool = False) -> list[FileReport]:
    """Preflight each PDF against the fold and what the print shop asks; with strict, warnings count as errors."""
    return [check_pdf(Path(path).read_bytes(), str(path), fold, shop, strict) for path in paths]


def check_pdf(data: bytes, name: str, fold: Fold, shop: PrintShop = LEAFLETPRESS_SHOP, strict: bool = False) -> FileReport:
    """Every check on one PDF given as bytes (a build checks what it just wrote, without rereading it).

    shop: what the print shop asked for (bleed, marks, safe margin); the default is leafletpress's own.
    """
    started = time.perf_counter()
    report = FileReport(name)
    try:
        reader = PdfReader(BytesIO(data))
        pages = list(reader.pages)
    except (PdfReadError, ValueError) as exc:
        report.add("pages", "error", f"not a readable PDF: {exc}")
        return report
    report.pages = len(pages)
    if report.pages != len(fold.sides):
        report.add(
            "pages",
            "error",
            f"{report.pages} pages; the {fold.name} fold has {len(fold.sides)} sheet sides ({', '.join(fold.sides)})",
        )
    report.standard = structure.claimed_standard(reader)
    for number, page in enumerate(pages, start=1):
        structure.check_boxes(report, page, number, fold, shop)
    intent = structure.check_output_intent(report, reader)
    profile = lru_cache(maxsize=1)(lambda: intent.get_data() if intent is not None else None)
    for number, page in enumerate(pages, start=1):
        prepress.check_page(report, page, number, fold, shop, profile)
    if report.standard.startswith("PDF/X-1"):
        structure.check_no_transparency(report, pages, fold)
    fonts: dict[str, tuple[bool, int]] = {}  # base font name -> (embedded, first page it is used on)
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            drawn.check_page(report, page, index + 1, pages[index], fold, shop.safe_margin, fonts)
            page.close()
    finally:
        document.close()
    report.fonts = len(fonts)
    for name, (embedded, page_number) in sorted(fonts.items()):
        if not embedded:
            report.add("fonts", "error", f"font {name} is not embedded; the press would substitute another font", page_number)
    if strict:
        report.findings = [Finding(f.check, "error", f.message, f.page, f.where) for f in report.findings]
    report.findings.sort(key=lambda f: (f.page, CHECKS.index(f.check), f.where, f.message))
    report.seconds = time.perf_counter() - started
    return report
