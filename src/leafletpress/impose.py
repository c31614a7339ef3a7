"""Impose stage: panel pages onto the two sheet sides, with bleed, crop marks and fold marks.

Each panel page becomes a Form XObject placed at its position on the sheet; its content
stream is copied as it is (still compressed), so imposing costs a few milliseconds.
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    FloatObject,
    NameObject,
    RectangleObject,
)

from .fold import Fold
from .sheet import MARK_GAP_MM, MARK_LENGTH_MM, MARK_LINE_PT, PT_PER_MM, SLUG_MM, sheet_geometry


def impose(panel_pdf: bytes, fold: Fold, page_of_panel: dict[str, int]) -> PdfWriter:
    """Place each panel page on its sheet side; returns the writer so later stages can add metadata."""
    reader = PdfReader(BytesIO(panel_pdf))
    writer = PdfWriter()
    geometry = sheet_geometry(fold)
    for side in fold.sides:
        sheet = writer.add_blank_page(geometry.media[2], geometry.media[3])
        xobjects = DictionaryObject()
        ops = []
        for number, panel in enumerate(fold.panels_on(side)):
            page_index = page_of_panel.get(panel.name)
            if page_index is None:
                continue  # an unused body panel stays blank paper
            page = reader.pages[page_index]
            name = f"/Panel{number}"
            xobjects[NameObject(name)] = writer._add_object(_as_form(page, writer))
            trim = page.trimbox
            x = (SLUG_MM + panel.x) * PT_PER_MM - float(trim.left)
            y = SLUG_MM * PT_PER_MM - float(trim.bottom)
            ops.append(f"q 1 0 0 1 {x:.4f} {y:.4f} cm {name} Do Q")
        ops.append(_marks(fold, side))
        content = DecodedStreamObject()
        content.set_data("\n".join(ops).encode("ascii"))
        sheet[NameObject("/Contents")] = writer._add_object(content.flate_encode())
        sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
        sheet.trimbox = RectangleObject(geometry.trim)
        sheet.bleedbox = RectangleObject(geometry.bleed)
    return writer


def _as_form(page, writer: PdfWriter):
    """A page as a Form XObject, its compressed content stream reused byte for byte."""
    contents = page["/Contents"].get_object()
    if isinstance(contents, ArrayObject):
        form = DecodedStreamObject()
        form.set_data(b"\n".join(part.get_object().get_data() for part in contents))
    else:
        form = EncodedStreamObject()
        form._data = contents._data
        for key in ("/Filter", "/DecodeParms"):
            if key in contents:
                form[NameObject(key)] = contents[key].clone(writer)
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in page.mediabox)
    form[NameObject("/Resources")] = page["/Resources"].clone(writer)
    if "/Group" in page:
        form[NameObject("/Group")] = page["/Group"].clone(writer)
    return form


def _marks(fold: Fold, side: str) -> str:
    """Crop marks at the four trim corners and fold marks at each fold, all outside the bleed."""
    mm = PT_PER_MM
    left, bottom = SLUG_MM, SLUG_MM
    right, top = SLUG_MM + fold.sheet_width, SLUG_MM + fold.sheet_height
    near, far = MARK_GAP_MM, MARK_GAP_MM + MARK_LENGTH_MM
    lines = []
    for x, direction in ((left, -1), (right, 1)):
        for y in (bottom, top):
            lines.append((x + direction * near, y, x + direction * far, y))  # horizontal crop mark
    for y, direction in ((bottom, -1), (top, 1)):
        for x in (left, right):
            lines.append((x, y + direction * near, x, y + direction * far))  # vertical crop mark
    folds = []
    for fold_x in fold.folds_on(side):
        x = left + fold_x
        folds.append((x, bottom - near, x, bottom - far))
        folds.append((x, top + near, x, top + far))
    ops = [f"q {MARK_LINE_PT} w 0 J 1 1 1 1 K"]
    ops += [f"{a * mm:.3f} {b * mm:.3f} m {c * mm:.3f} {d * mm:.3f} l S" for a, b, c, d in lines]
    ops.append("[2 1.5] 0 d")  # fold marks are dashed, as printers expect
    ops += [f"{a * mm:.3f} {b * mm:.3f} m {c * mm:.3f} {d * mm:.3f} l S" for a, b, c, d in folds]
    ops.append("Q")
    return "\n".join(ops)
