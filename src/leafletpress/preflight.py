"""Preflight: the checks a print shop's prepress runs on a print PDF, each finding located.

Three readers look at every file: pypdf for the structure (boxes, fonts, output intent,
transparency), PDFium for what is drawn where (text size and position, image resolution at
its placed size, through every nested form), and prepress.py's interpreter for the inks
(total ink, rich black, hairlines, bleed, colour spaces, alpha; GWG 2015 sheet-fed CMYK).
"""

from __future__ import annotations

import ctypes
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .fold import MM_PER_PT, Fold
from .prepress import MAX_INK, MIN_LINE_PT, RICH_BLACK_TEXT_PT, Sheet, check_painted, panel_at  # noqa: F401 - thresholds, re-exported

PPI_ERROR = 150  # below this an image prints visibly blurred or blocky
PPI_WARNING = 300  # the usual offset-print target
MIN_TEXT_PT_ERROR = 6.0  # smaller text cannot be read in print
MIN_TEXT_PT_WARNING = 9.0  # the house minimum (README: keep text at least 9 pt), for patients all the more
BOX_TOLERANCE_MM = 0.1
CHECKS = (
    "pages",
    "boxes",
    "fonts",
    "pdf/x",
    "images",
    "text size",
    "safe margin",
    "colour",
    "transparency",
    "ink",
    "rich black",
    "hairlines",
    "bleed",
    "alpha",
)
PDFX_VERSION = re.compile(rb"<pdfxid:GTS_PDFXVersion>([^<]+)</pdfxid:GTS_PDFXVersion>")


@dataclass(frozen=True)
class Finding:
    """One fault, with where it is: page (1-based, 0 for the whole file) and panel or position."""

    check: str  # one of CHECKS
    severity: str  # "error" or "warning"
    message: str
    page: int = 0
    where: str = ""

    def __str__(self) -> str:
        place = ", ".join(part for part in (f"page {self.page}" if self.page else "", self.where) if part)
        return f"{self.severity}: {self.check}: {self.message}" + (f" ({place})" if place else "")


@dataclass
class FileReport:
    """The preflight of one PDF: the facts a print shop asks about and every finding."""

    path: str
    pages: int = 0
    standard: str = ""  # e.g. "PDF/X-4"; "" when the file is not PDF/X
    fonts: int = 0
    min_ppi: float | None = None
    min_text_pt: float | None = None
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def status(self, check: str) -> str:
        """'ok', 'warning' or 'error' for one column of the table."""
        severities = {f.severity for f in self.findings if f.check == check}
        return "error" if "error" in severities else "warning" if "warning" in severities else "ok"

    def add(self, check: str, severity: str, message: str, page: int = 0, where: str = "") -> None:
        self.findings.append(Finding(check, severity, message, page, where))


def preflight(paths: list[Path], fold: Fold, strict: bool = False) -> list[FileReport]:
    """Preflight each PDF against the fold; with strict, warnings count as errors."""
    return [check_pdf(Path(path).read_bytes(), str(path), fold, strict) for path in paths]


def check_pdf(data: bytes, name: str, fold: Fold, strict: bool = False) -> FileReport:
    """Every check on one PDF given as bytes (a build checks what it just wrote, without rereading it)."""
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
    report.standard = _claimed_standard(reader)
    for number, page in enumerate(pages, start=1):
        _check_boxes(report, page, number, fold)
    intent = _check_output_intent(report, reader)
    profile = lru_cache(maxsize=1)(lambda: intent.get_data() if intent is not None else None)
    for number, page in enumerate(pages, start=1):
        _check_painted(report, page, number, fold, profile)
    if report.standard.startswith("PDF/X-1"):
        _check_no_transparency(report, pages, fold)
    fonts: dict[str, tuple[bool, int]] = {}  # base font name -> (embedded, first page it is used on)
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            _check_drawn(report, page, index + 1, pages[index], fold, fonts)
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


def _mm(value: float) -> float:
    return float(value) * MM_PER_PT


def _check_boxes(report: FileReport, page, number: int, fold: Fold) -> None:
    """TrimBox = the flat sheet, BleedBox = trim + bleed on every edge, MediaBox holds both."""
    for key in ("/TrimBox", "/BleedBox"):
        if key not in page:
            report.add("boxes", "error", f"no {key[1:]}; the print shop cannot tell where to cut", number)
    if "/TrimBox" not in page:
        return
    trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
    width, height = _mm(trim.width), _mm(trim.height)
    if abs(width - fold.sheet_width) > BOX_TOLERANCE_MM or abs(height - fold.sheet_height) > BOX_TOLERANCE_MM:
        report.add(
            "boxes",
            "error",
            f"trim is {width:.1f} x {height:.1f} mm; the {fold.name} sheet is {fold.sheet_width:g} x {fold.sheet_height:g} mm",
            number,
        )
    if "/BleedBox" in page:
        edges = {
            "left": _mm(trim.left) - _mm(bleed.left),
            "bottom": _mm(trim.bottom) - _mm(bleed.bottom),
            "right": _mm(bleed.right) - _mm(trim.right),
            "top": _mm(bleed.top) - _mm(trim.top),
        }
        short = {edge: value for edge, value in edges.items() if value < fold.bleed - BOX_TOLERANCE_MM}
        if short:
            report.add(
                "boxes",
                "error",
                "bleed is "
                + ", ".join(f"{v:.1f} mm on the {e}" for e, v in short.items())
                + f"; the print shop needs {fold.bleed:g} mm on every edge",
                number,
            )
    outer = bleed if "/BleedBox" in page else trim
    if (
        _mm(media.left) - _mm(outer.left) > BOX_TOLERANCE_MM
        or _mm(media.bottom) - _mm(outer.bottom) > BOX_TOLERANCE_MM
        or _mm(outer.right) - _mm(media.right) > BOX_TOLERANCE_MM
        or _mm(outer.top) - _mm(media.top) > BOX_TOLERANCE_MM
    ):
        report.add("boxes", "error", "the MediaBox does not contain the bleed and trim boxes", number)


def _claimed_standard(reader: PdfReader) -> str:
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


def _check_painted(report: FileReport, page, number: int, fold: Fold, profile) -> None:
    """Inks, lines, bleed, colour spaces and alpha of everything painted on a sheet side (prepress.py)."""
    contents = page.get_contents()
    if contents is None:
        return
    trim = page.trimbox if "/TrimBox" in page else page.mediabox
    bleed = page.bleedbox if "/BleedBox" in page else trim
    box = lambda r: (float(r.left), float(r.bottom), float(r.right), float(r.top))  # noqa: E731
    sheet = Sheet(number, _side(fold, number), fold, box(trim), box(bleed))
    check_painted(report.add, contents.get_data(), page.get("/Resources"), sheet, report.standard, profile)


def _check_output_intent(report: FileReport, reader: PdfReader):
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


def _check_no_transparency(report: FileReport, pages, fold: Fold) -> None:
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
                _side(fold, number),
            )


def _side(fold: Fold, number: int) -> str:
    """The fold's name for sheet side (page) number, or '' for a page the fold does not have."""
    return fold.sides[number - 1] if number <= len(fold.sides) else ""


def _check_drawn(report: FileReport, page, number: int, pdf_page, fold: Fold, fonts: dict) -> None:
    """What PDFium draws: text sizes, text near the trim or a fold, images' resolution at placed size."""
    side = _side(fold, number)
    trim = pdf_page.trimbox
    left, bottom = float(trim.left), float(trim.bottom)
    width, height = _mm(trim.width), _mm(trim.height)

    def place(x_pt: float, y_pt: float) -> str:
        x, y = _mm(x_pt - left), _mm(y_pt - bottom)
        return f"{panel_at(fold, side, x) if side else ''} at x {x:.1f} mm, y {y:.1f} mm".strip()

    drawn = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=8))
    forms = _Forms()
    texts = [obj for obj in drawn if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT]
    _check_text(report, page, texts, forms, number, fold, side, (left, bottom, width, height), place, fonts)
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


def _check_text(report, page, runs: list, forms: _Forms, number, fold: Fold, side: str, trim, place, fonts: dict) -> None:
    """Fonts, smallest text, and text closer than the safe margin to the trim or a fold; per text object (a run).

    Fonts are those text is drawn with: every one must be embedded (Type 3 fonts count as embedded).
    """
    left, bottom, width, height = trim
    pt = 1 / MM_PER_PT
    margin = (fold.safe_margin - 0.05) * pt
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
            distance = _mm(distance)
            how = f"{distance:.1f} mm from" if distance >= 0 else "across"
            words = " ".join(textpage.get_text_bounded(*box).split())
            words = words if len(words) <= 30 else words[:29] + "…"
            report.add(
                "safe margin",
                "error",
                f"text '{words}' is {how} {edge}; keep text {fold.safe_margin:g} mm clear of "
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
        size = f"{width} x {height} px placed at {_mm(x1 - x0):.0f} x {_mm(y1 - y0):.0f} mm"
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
