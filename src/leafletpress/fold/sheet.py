"""The imposed sheet's geometry: where trim, bleed, marks and media sit, in PDF points, as the print shop asks.

Kept apart from impose.py (which edits WeasyPrint's PDF objects) so that proofs, preflight and
the CLI can use it without loading a PDF library.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from . import MM_PER_PT, Fold

PT_PER_MM = 1 / MM_PER_PT
MARK_LENGTH_MM = 6.0
MARK_MARGIN_MM = 1.0  # paper beyond the marks' outer ends
MARK_LINE_PT = 0.25


class Marks(StrEnum):
    """Which printer's marks the print PDF carries outside the bleed."""

    NONE = "none"  # what online gang-run printers ask: they add their own
    CROP = "crop"
    CROP_FOLD = "crop+fold"

    @property
    def crop(self) -> bool:
        return self is not Marks.NONE

    @property
    def fold(self) -> bool:
        return self is Marks.CROP_FOLD


@dataclass(frozen=True)
class PrintShop:
    """What the print shop asks of the file (print: in project.yaml); the defaults are what leafletpress always made."""

    bleed: float = 3.0  # mm beyond the trim on every outer edge
    marks: Marks = Marks.CROP_FOLD
    mark_offset: float = 3.0  # mm from the trim to where each mark starts
    safe_margin: float = 4.0  # mm: no text closer than this to the trim or a fold

    def __post_init__(self):
        object.__setattr__(self, "marks", Marks(self.marks))  # "none" as the file says it, or Marks.NONE

    @property
    def slug(self) -> float:
        """Paper beyond the trim on each side of the PDF: the bleed alone without marks, else up to past the marks."""
        if not self.marks.crop:
            return self.bleed
        return max(self.bleed, self.mark_offset + MARK_LENGTH_MM + MARK_MARGIN_MM)


@dataclass(frozen=True)
class SheetGeometry:
    """Where the trim, bleed and media boxes sit on an imposed sheet, in PDF points."""

    media: tuple[float, float, float, float]
    bleed: tuple[float, float, float, float]
    trim: tuple[float, float, float, float]


def sheet_geometry(fold: Fold, shop: PrintShop) -> SheetGeometry:
    mm = PT_PER_MM
    slug = shop.slug
    width, height = fold.sheet_width + 2 * slug, fold.sheet_height + 2 * slug
    trim = (slug, slug, slug + fold.sheet_width, slug + fold.sheet_height)
    bleed = (trim[0] - shop.bleed, trim[1] - shop.bleed, trim[2] + shop.bleed, trim[3] + shop.bleed)
    return SheetGeometry(
        media=(0, 0, width * mm, height * mm),
        bleed=tuple(v * mm for v in bleed),
        trim=tuple(v * mm for v in trim),
    )
