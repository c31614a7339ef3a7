"""Preflight's drawing reader (PDFium): fonts, text sizes, text near the trim or a fold, pictures at their placed size.

PDFium gives each object's bounds and matrix through every nested form, which is what the
panels of an imposed sheet are.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

from ...fold import MM_PER_PT, Fold
from .findings import MIN_TEXT_PT_ERROR, MIN_TEXT_PT_WARNING, PPI_ERROR, PPI_WARNING, FileReport, mm, side_of
from .prepress import panel_at


def check_page(report: FileReport, page, number: int, pdf_page, fold: Fold, safe_margin: float, fonts: dict) -> None:
    """What PDFium draws: text sizes, text near the trim or a fold, images' resolution at placed size."""
    side = side_of(fold, number)
    trim = pdf_page.trimbox
    left, bottom = float(trim.left), float(trim.bottom)
    width, height = mm(trim.width), mm(trim.height)

    def place(x_pt: float, y_pt: float) -> str:
        x, y = mm(x_pt - left), mm(y_pt - bottom)
        return f"{panel_at(fold, side, x) if side else ''} at x {x:.1f} mm, y {y:.1f} mm".strip()

    drawn = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=8))
    forms = _Forms()
    texts = [obj for obj in drawn if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT]
    box = (left, bottom, width, height)
    _check_text(report, page, texts, forms, number, fold, side, box, place, fonts, safe_margin)
    _check_images(report, [obj for obj in drawn if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE], forms, number, place)


class _Forms:
    """Where the forms an object is drawn in put it on the page: their matrices multiplied, once per form.

    PDFium gives an object's bounds and matrix in the space of the form that holds it.
    """

    def __init__(self):
        self._to_page: dict[int, tuple[object, float]] = {}

    def to_page(self, form) -> tuple[object, float]:
        """The matrix from inside form to the page (None for the page itself) and its scale."""
        if form is None:
            return None, 1.0
        if id(form) not in self._to_page:
            matrix = form.get_matrix()
            outer, _ = self.to_page(form.container)
            if outer is not None:
                matrix = matrix.multiply(outer)
            self._to_page[id(form)] = (matrix, _scale(matrix))
        return self._to_page[id(form)]

    def bounds(self, obj) -> tuple[float, float, float, float]:
        """An object's bounds on the page."""
        matrix, _ = self.to_page(obj.container)
        box = obj.get_bounds()
        return matrix.on_rect(*box) if matrix is not None else box


def _check_text(
    report, page, runs: list, forms: _Forms, number, fold: Fold, side: str, trim, place, fonts: dict, safe_margin: float
) -> None:
    """Fonts, smallest text, and text closer than the asked safe margin to the trim or a fold; per text object (a run).

    Fonts are those text is drawn with: every one must be embedded (Type 3 fonts count as embedded).
    """
    left, bottom, width, height = trim
    pt = 1 / MM_PER_PT
    margin = (safe_margin - 0.05) * pt
    # Vertical lines text must keep clear of: the trim's left and right edges and the folds of this side.
    lines = [("the trim left", left), ("the trim right", left + width * pt)]
    lines += [(f"the fold at {x:g} mm", left + x * pt) for x in (fold.folds_on(side) if side else [])]
    top = bottom + height * pt
    size = ctypes.c_float()
    smallest, smallest_at = None, None
    worst: dict[str, tuple[float, tuple, tuple]] = {}  # per edge: the closest text's distance (pt), box, nearest point
    name = ctypes.create_string_buffer(256)
    seen_fonts: set[int] = set()  # PDFium's font handles already looked at on this page
    for run in runs:
        pdfium_c.FPDFTextObj_GetFontSize(run.raw, ctypes.byref(size))
        font = pdfium_c.FPDFTextObj_GetFont(run.raw)
        handle = ctypes.cast(font, ctypes.c_void_p).value
        if handle not in seen_fonts:
            seen_fonts.add(handle)
            length = pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name))
            base = name.raw[: max(length - 1, 0)].decode("latin-1") or "(unnamed)"
            if base not in fonts:
                fonts[base] = (pdfium_c.FPDFFont_GetIsEmbedded(font) == 1, number)
        # The size is in text space: the run's matrix and its forms' scale it.
        box = forms.bounds(run)
        x0, y0, x1, y1 = box
        points = size.value * _scale(run.get_matrix()) * forms.to_page(run.container)[1]
        if points > 0 and (smallest is None or points < smallest - 0.01):
            smallest, smallest_at = points, (x0, y0)
        # each with the point of the text nearest to that edge, which is where the finding is located
        found = [(edge, _gap(x0, x1, x), (min(max(x, x0), x1), y0)) for edge, x in lines if x0 - margin < x < x1 + margin]
        if y0 < bottom + margin:
            found.append(("the trim bottom", y0 - bottom, (x0, y0)))
        if y1 > top - margin:
            found.append(("the trim top", top - y1, (x0, y1)))
        for edge, distance, at in found:
            if edge not in worst or distance < worst[edge][0]:
                worst[edge] = (distance, box, at)
    if smallest is not None:
        report.min_text_pt = smallest if report.min_text_pt is None else min(report.min_text_pt, smallest)
        if smallest < MIN_TEXT_PT_ERROR - 0.05:
            report.add(
                "text size",
                "error",
                f"text of {smallest:.1f} pt; below {MIN_TEXT_PT_ERROR:g} pt it cannot be read in print: "
                f"set it at least {MIN_TEXT_PT_WARNING:g} pt",
                number,
                place(*smallest_at),
            )
        elif smallest < MIN_TEXT_PT_WARNING - 0.05:
            report.add(
                "text size",
                "warning",
                f"text of {smallest:.1f} pt; below {MIN_TEXT_PT_WARNING:g} pt is hard to read in print, "
                "for patients all the more: set it at least 9 pt",
                number,
                place(*smallest_at),
            )
    if not worst:
        return
    textpage = page.get_textpage()
    try:
        for edge, (distance, box, at) in sorted(worst.items()):
            distance = mm(distance)
            how = f"{distance:.1f} mm from" if distance >= 0 else "across"
            words = " ".join(textpage.get_text_bounded(*box).split())
            words = words if len(words) <= 30 else words[:29] + "…"
            report.add(
                "safe margin",
                "error",
                f"text '{words}' is {how} {edge}; keep text {safe_margin:g} mm clear of "
                "the trim and the folds, or the cut or the fold may touch it",
                number,
                place(*at),
            )
    finally:
        textpage.close()


def _scale(matrix) -> float:
    return abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5


def _gap(start: float, end: float, line: float) -> float:
    """Distance from a glyph spanning start..end to a vertical line; negative when it crosses it."""
    if end <= line:
        return line - end
    if start >= line:
        return start - line
    return -min(line - start, end - line)


def _check_images(report: FileReport, images: list, forms: _Forms, number: int, place) -> None:
    """Effective resolution of every image at the size it is placed, through nested forms' matrices."""
    for image in images:
        # Pixel size and placed size, rather than PDFium's own dpi metadata: that decodes the image (20 ms each).
        width, height = image.get_px_size()
        x0, y0, x1, y1 = forms.bounds(image)
        if min(width, height, x1 - x0, y1 - y0) <= 0:
            continue
        ppi = min(width / (x1 - x0), height / (y1 - y0)) * 72
        report.min_ppi = ppi if report.min_ppi is None else min(report.min_ppi, ppi)
        size = f"{width} x {height} px placed at {mm(x1 - x0):.0f} x {mm(y1 - y0):.0f} mm"
        if ppi < PPI_ERROR:
            report.add(
                "images",
                "error",
                f"image at {ppi:.0f} ppi ({size}); print needs {PPI_WARNING} ppi, below {PPI_ERROR} it looks blurred",
                number,
                place(x0, y0),
            )
        elif ppi < PPI_WARNING:
            report.add(
                "images", "warning", f"image at {ppi:.0f} ppi ({size}); print needs {PPI_WARNING} ppi", number, place(x0, y0)
            )
