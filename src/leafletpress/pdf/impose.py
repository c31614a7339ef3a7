"""Impose stage: panel pages onto the two sheet sides, with the bleed and the marks the print shop asks for.

It runs inside WeasyPrint's PDF writer (see worker._print_pdf), on the pydyf objects the
writer is about to serialise: each panel page's content stream becomes a Form XObject, placed
at its position on a sheet page. Nothing is copied and the PDF is never parsed back, so the
sheet costs no more to write than the panels would.

WeasyPrint gives all pages one resource dictionary; each panel form (and each form and pattern
inside it) gets its own, holding only the fonts, pictures and states its content names, so a
picture on one side cannot make a RIP treat the other side as transparent too. The marks (crop
marks at the trim's corners, dashed fold marks where the fold data puts its lines) are drawn in
the registration colour (/Separation /All), which prints on every plate; with marks: none the
sheet is the bleed box and nothing is drawn outside it.
"""

from __future__ import annotations

import re

import pydyf

from ..fold import Fold
from ..fold.sheet import MARK_LENGTH_MM, MARK_LINE_PT, PT_PER_MM, PrintShop, sheet_geometry
from .objects import add, content, pages, resolve

REGISTRATION = "Registration"  # the sheet's name for /Separation /All
_NAMES = re.compile(rb"/([^\s/\[\]<>(){}%]+)")


def impose(pdf: pydyf.PDF, fold: Fold, shop: PrintShop, page_of_panel: dict[str, int]) -> None:
    """Replace the panel pages of pdf by the fold's sheet sides, each panel placed as a form, marks as the shop asks."""
    panels = pages(pdf)
    geometry = sheet_geometry(fold, shop)
    registration = pydyf.Array(["/Separation", "/All", "/DeviceCMYK", _all_inks()])
    pruned: set[int] = set()
    sheets = pydyf.Array()
    for side in fold.sides:
        xobjects = pydyf.Dictionary()
        ops = []
        for number, panel in enumerate(fold.panels_on(side)):
            page_index = page_of_panel.get(panel.name)
            if page_index is None:
                continue  # an unused body panel stays blank paper
            page = panels[page_index]
            name = f"Panel{number}"
            xobjects[name] = _as_form(pdf, page, pruned).reference
            left, bottom = _lower_left(page["TrimBox"])
            x = (shop.slug + panel.x) * PT_PER_MM - left
            y = shop.slug * PT_PER_MM - bottom
            ops.append(f"q 1 0 0 1 {x:.4f} {y:.4f} cm /{name} Do Q")
        resources = pydyf.Dictionary({"XObject": xobjects})
        if shop.marks.crop:
            ops.append(marks(fold, side, shop))
            resources["ColorSpace"] = pydyf.Dictionary({REGISTRATION: registration})
        content = add(pdf, pydyf.Stream(["\n".join(ops).encode("ascii")], compress=True))
        sheet = pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": pydyf.Array(geometry.media),
                "TrimBox": pydyf.Array(geometry.trim),
                "BleedBox": pydyf.Array(geometry.bleed),
                "Contents": content.reference,
                "Resources": resources,
            }
        )
        sheets.append(add(pdf, sheet).reference)
    for page in panels:
        page.clear()  # the panels live on as forms only; finish.finish drops what pointed at the pages
    pdf.pages["Kids"] = sheets
    pdf.pages["Count"] = len(sheets)


def _as_form(pdf: pydyf.PDF, page: pydyf.Dictionary, pruned: set[int]) -> pydyf.Stream:
    """A page's content stream turned into a Form XObject in place: same drawing, its own resources."""
    form = resolve(pdf, page["Contents"])
    form.extra.update({"Type": "/XObject", "Subtype": "/Form", "BBox": pydyf.Array(page["MediaBox"])})
    form.extra["Resources"] = _own_resources(pdf, page["Resources"], content(form), pruned)
    pruned.add(id(form))
    if "Group" in page:
        form.extra["Group"] = page["Group"]
    return form


def _own_resources(pdf: pydyf.PDF, resources, data: bytes, pruned: set[int]) -> pydyf.Dictionary:
    """The entries of a resource dictionary that a content stream names, with its forms' and patterns' likewise.

    A name anywhere in the content counts as used (a few extra entries at worst); DefaultRGB and its kin
    apply without being named.
    """
    used = {name.decode("latin-1") for name in _NAMES.findall(data)}
    own = pydyf.Dictionary()
    for kind, entries in (resolve(pdf, resources) or {}).items():
        entries = resolve(pdf, entries)
        if not isinstance(entries, dict):
            if entries is not None:
                own[kind] = entries
            continue
        kept = {
            name: value
            for name, value in entries.items()
            if name in used or (kind == "ColorSpace" and name.startswith("Default"))
        }
        if kept:
            own[kind] = pydyf.Dictionary(kept)
        for value in kept.values() if kind in ("XObject", "Pattern") else ():
            inner = resolve(pdf, value)
            if isinstance(inner, pydyf.Stream) and "Resources" in inner.extra and id(inner) not in pruned:
                pruned.add(id(inner))
                inner.extra["Resources"] = _own_resources(pdf, inner.extra["Resources"], content(inner), pruned)
    return own


def _all_inks() -> pydyf.Dictionary:
    """The registration colour's tint transform: tint 1 is 100 % of every ink, as in the plates' marks."""
    return pydyf.Dictionary(
        {
            "FunctionType": 2,
            "Domain": pydyf.Array([0, 1]),
            "C0": pydyf.Array([0, 0, 0, 0]),
            "C1": pydyf.Array([1, 1, 1, 1]),
            "N": 1,
        }
    )


def _lower_left(box) -> tuple[float, float]:
    """A PDF rectangle's lower-left corner (WeasyPrint writes its boxes as [left top right bottom])."""
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1)


def marks(fold: Fold, side: str, shop: PrintShop) -> str:
    """Crop marks at the four trim corners and, with crop+fold, fold marks at each fold line; all outside the bleed.

    Drawn in the registration colour, which the page's resources name REGISTRATION.
    """
    mm = PT_PER_MM
    left, bottom = shop.slug, shop.slug
    right, top = shop.slug + fold.sheet_width, shop.slug + fold.sheet_height
    near, far = shop.mark_offset, shop.mark_offset + MARK_LENGTH_MM
    lines = []
    for x, direction in ((left, -1), (right, 1)):
        for y in (bottom, top):
            lines.append((x + direction * near, y, x + direction * far, y))  # horizontal crop mark
    for y, direction in ((bottom, -1), (top, 1)):
        for x in (left, right):
            lines.append((x, y + direction * near, x, y + direction * far))  # vertical crop mark
    folds = []
    for fold_x in fold.folds_on(side) if shop.marks.fold else ():
        x = left + fold_x
        folds.append((x, bottom - near, x, bottom - far))
        folds.append((x, top + near, x, top + far))
    ops = [f"q {MARK_LINE_PT} w 0 J /{REGISTRATION} CS 1 SCN"]
    ops += [f"{a * mm:.3f} {b * mm:.3f} m {c * mm:.3f} {d * mm:.3f} l S" for a, b, c, d in lines]
    if folds:
        ops.append("[2 1.5] 0 d")  # fold marks are dashed, as printers expect
        ops += [f"{a * mm:.3f} {b * mm:.3f} m {c * mm:.3f} {d * mm:.3f} l S" for a, b, c, d in folds]
    ops.append("Q")
    return "\n".join(ops)
