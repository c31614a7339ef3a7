"""Preflight's structure reader (pypdf): page count and boxes, the PDF/X output intent and metadata, transparency."""

from __future__ import annotations

import re

from pypdf import PdfReader

from ...fold import Fold
from ...fold.sheet import MARK_LENGTH_MM, PrintShop
from .findings import BOX_TOLERANCE_MM, FileReport, mm, side_of

PDFX_VERSION = re.compile(rb"<pdfxid:GTS_PDFXVersion>([^<]+)</pdfxid:GTS_PDFXVersion>")


def check_boxes(report: FileReport, page, number: int, fold: Fold, shop: PrintShop) -> None:
    """TrimBox = the flat sheet, BleedBox = trim + the asked bleed on every edge, MediaBox = what the marks asked need."""
    for key in ("/TrimBox", "/BleedBox"):
        if key not in page:
            report.add("boxes", "error", f"no {key[1:]}; the print shop cannot tell where to cut", number)
    if "/TrimBox" not in page:
        return
    trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
    width, height = mm(trim.width), mm(trim.height)
    if abs(width - fold.sheet_width) > BOX_TOLERANCE_MM or abs(height - fold.sheet_height) > BOX_TOLERANCE_MM:
        report.add(
            "boxes",
            "error",
            f"trim is {width:.1f} x {height:.1f} mm; the {fold.name} sheet is {fold.sheet_width:g} x {fold.sheet_height:g} mm",
            number,
        )
    if "/BleedBox" in page:
        short = {edge: value for edge, value in _beyond(trim, bleed).items() if value < shop.bleed - BOX_TOLERANCE_MM}
        if short:
            report.add(
                "boxes",
                "error",
                "bleed is "
                + ", ".join(f"{v:.1f} mm on the {e}" for e, v in short.items())
                + f"; the print shop needs {shop.bleed:g} mm on every edge",
                number,
            )
    outer = bleed if "/BleedBox" in page else trim
    if any(value < -BOX_TOLERANCE_MM for value in _beyond(outer, media).values()):
        report.add("boxes", "error", "the MediaBox does not contain the bleed and trim boxes", number)
    _check_media(report, number, _beyond(trim, media), shop)


def _beyond(inner, outer) -> dict[str, float]:
    """How far outer reaches beyond inner on each edge, in mm."""
    return {
        "left": mm(inner.left) - mm(outer.left),
        "bottom": mm(inner.bottom) - mm(outer.bottom),
        "right": mm(outer.right) - mm(inner.right),
        "top": mm(outer.top) - mm(inner.top),
    }


def _check_media(report: FileReport, number: int, slug: dict[str, float], shop: PrintShop) -> None:
    """Without marks the page ends at the bleed; with marks it holds them."""
    if not shop.marks.crop:
        wide = {edge: value for edge, value in slug.items() if value > shop.bleed + BOX_TOLERANCE_MM}
        if wide:
            edges = ", ".join(f"{v - shop.bleed:.1f} mm on the {e}" for e, v in wide.items())
            report.add(
                "boxes",
                "error",
                f"the MediaBox reaches beyond the bleed ({edges}); the print shop asked for no marks, so the page "
                "must end at the bleed (MediaBox = BleedBox)",
                number,
            )
        return
    need = shop.mark_offset + MARK_LENGTH_MM
    if any(value < need - BOX_TOLERANCE_MM for value in slug.values()):
        report.add(
            "boxes",
            "error",
            f"the MediaBox leaves no room for the marks: they reach {need:g} mm beyond the trim",
            number,
        )


def claimed_standard(reader: PdfReader) -> str:
    """The PDF/X version the file claims, from its XMP (or, for PDF/X-1a, its document info)."""
    root = reader.trailer["/Root"]
    if "/Metadata" in root:
        match = PDFX_VERSION.search(root["/Metadata"].get_object().get_data())
        if match:
            return match.group(1).decode("utf-8", "replace")
    info = reader.trailer.get("/Info")
    if info is not None and "/GTS_PDFXVersion" in info.get_object():
        return str(info.get_object()["/GTS_PDFXVersion"])
    return ""


def check_output_intent(report: FileReport, reader: PdfReader):
    """PDF/X needs a CMYK output intent with its profile embedded, the version in XMP, and /Trapped.

    Returns the CMYK profile's stream (read only when a colour must be judged by it), or None.
    """
    root = reader.trailer["/Root"]
    intents = [i.get_object() for i in root.get("/OutputIntents", [])]
    pdfx = [i for i in intents if i.get("/S") == "/GTS_PDFX"]
    profile = pdfx[0].get("/DestOutputProfile") if pdfx else None
    profile = profile.get_object() if profile is not None else None
    data = profile if profile is not None and int(profile.get("/N", 0)) == 4 else None
    if not report.standard:
        report.add(
            "pdf/x",
            "warning",
            "not PDF/X: no output intent, so the print shop must guess the colours; "
            "put a CMYK profile in styles/print/ (the sample project's FOGRA39-free.icc, or the print shop's) "
            "and name it under print: profile in leaflets/project.yaml",
        )
        return data
    if not pdfx:
        report.add("pdf/x", "error", f"claims {report.standard} but has no /OutputIntents with /S /GTS_PDFX")
        return None
    if profile is None:
        if "/RegistryName" not in pdfx[0]:
            report.add("pdf/x", "error", "the output intent names no registered condition and embeds no ICC profile")
    elif data is None:
        report.add("pdf/x", "error", "the output intent's profile is not a CMYK profile")
    info = reader.trailer.get("/Info")
    trapped = info.get_object().get("/Trapped") if info is not None else None
    if trapped not in ("/True", "/False"):
        report.add("pdf/x", "error", "/Trapped is not set to True or False in the document info")
    if "/Metadata" not in root:
        report.add("pdf/x", "error", "no XMP metadata, where PDF/X records its version")
    return data


def check_no_transparency(report: FileReport, pages, fold: Fold) -> None:
    """PDF/X-1a allows no transparency: no soft masks, no alpha below 1, no blend modes, no transparency groups."""
    for number, page in enumerate(pages, start=1):
        transparent: set[int] = set()  # each transparent object once, however many forms share it
        for holder, resources in resource_dicts(page, set()):
            group = holder.get("/Group")
            if group is not None and group.get_object().get("/S") == "/Transparency":
                transparent.add(id(holder))
            states = resources.get("/ExtGState")
            for state in states.get_object().values() if states is not None else ():
                state = state.get_object()
                if (
                    state.get("/SMask", "/None") != "/None"
                    or float(state.get("/CA", 1)) < 1
                    or float(state.get("/ca", 1)) < 1
                    or state.get("/BM", "/Normal") not in ("/Normal", "/Compatible")
                ):
                    transparent.add(id(state))
            xobjects = resources.get("/XObject")
            for item in xobjects.get_object().values() if xobjects is not None else ():
                if "/SMask" in item.get_object():
                    transparent.add(id(item.get_object()))
        found = len(transparent)
        if found:
            report.add(
                "transparency",
                "error",
                f"{found} transparent objects (alpha, soft masks or blending); PDF/X-1a "
                "allows none: use images without an alpha channel and opaque colours, or use pdf/x-4",
                number,
                side_of(fold, number),
            )


def resource_dicts(holder, seen: set[int]):
    """Every resource dictionary reachable from a page: its own, its forms', patterns' and Type 3 fonts'."""
    holder = holder.get_object()
    if "/Resources" not in holder:
        return
    resources = holder["/Resources"].get_object()
    if id(resources) in seen:
        return
    seen.add(id(resources))
    yield holder, resources
    for kind in ("/XObject", "/Pattern", "/Font"):
        entries = resources.get(kind)
        for item in entries.get_object().values() if entries is not None else ():
            obj = item.get_object()
            if obj.get("/Subtype") in ("/Form", "/Type3") or "/PatternType" in obj:
                yield from resource_dicts(obj, seen)
