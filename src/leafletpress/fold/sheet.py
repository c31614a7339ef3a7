"""The imposed sheet's geometry: where trim, bleed, marks and media sit, in PDF points.

Kept apart from impose.py (which edits WeasyPrint's PDF objects) so that proofs, preflight and
the CLI can use it without loading a PDF library.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import MM_PER_PT, Fold

PT_PER_MM = 1 / MM_PER_PT
SLUG_MM = 10.0  # paper beyond the trim on each side: bleed, then the marks
MARK_GAP_MM = 3.0  # marks start this far from the trim, so they never reach into the bleed
MARK_LENGTH_MM = 6.0
MARK_LINE_PT = 0.25


@dataclass(frozen=True)
class SheetGeometry:
    """Where the trim, bleed and media boxes sit on an imposed sheet, in PDF points."""

    media: tuple[float, float, float, float]
    bleed: tuple[float, float, float, float]
    trim: tuple[float, float, float, float]


def sheet_geometry(fold: Fold) -> SheetGeometry:
    mm = PT_PER_MM
    width, height = fold.sheet_width + 2 * SLUG_MM, fold.sheet_height + 2 * SLUG_MM
    trim = (SLUG_MM, SLUG_MM, SLUG_MM + fold.sheet_width, SLUG_MM + fold.sheet_height)
    bleed = (trim[0] - fold.bleed, trim[1] - fold.bleed, trim[2] + fold.bleed, trim[3] + fold.bleed)
    return SheetGeometry(
        media=(0, 0, width * mm, height * mm),
        bleed=tuple(v * mm for v in bleed),
        trim=tuple(v * mm for v in trim),
    )
