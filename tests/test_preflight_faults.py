"""A fault corpus: each fault a print shop calls about, injected into a real built edition, caught with its message.

The seed edition is built as PDF/X-4 (the default) and as PDF/X-1a; each test edits one panel's
content stream or one object of it with pypdf, as a careless export or a hand edit would, and
preflights the bytes. The clean editions pass without a single finding.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
)

import leafletpress
from leafletpress.fold import FOLDS
from leafletpress.pdf.preflight import check_pdf

from .helpers import SEED, SEED_TEAM, copy_project

FOLD = FOLDS["a4-roll-trifold"]
# Each sheet side's panel forms, left to right as the fold places them.
PANELS = {"flap": (0, 0), "back": (0, 1), "cover": (0, 2), "inside-left": (1, 0), "inside-middle": (1, 1), "inside-right": (1, 2)}
BLEED_PX = 3 / 25.4 * 96  # 3 mm in the CSS pixels WeasyPrint's panel content is drawn in
# what each finding says after counting what it found
PDFX1A_COLOUR = "; PDF/X-1a allows CMYK and grey only: give colours as device-cmyk() and images in CMYK or grey, or use pdf/x-4"


@pytest.fixture(scope="session")
def x1a_build(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("x1a"))
    project = root / "leaflets" / "project.yaml"
    project.write_text(project.read_text("utf-8").replace("standard: pdf/x-4", "standard: pdf/x-1a"), "utf-8")
    report = leafletpress.build(root, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    assert report.exit_code == 0 and not report.warnings, [str(p) for p in report.problems]
    return root / "build" / "print" / SEED_TEAM / f"{SEED}.pdf"


def edited(pdf: Path, panel: str, edit: Callable[[bytes], bytes], objects: Callable | None = None) -> bytes:
    """The PDF with one panel form's content changed by edit (and its objects by objects(writer, form))."""
    writer = PdfWriter(clone_from=PdfReader(pdf))
    page, index = PANELS[panel]
    form = writer.pages[page]["/Resources"]["/XObject"][f"/Panel{index}"].get_object()
    before = form.get_data()
    after = edit(before)
    assert after != before, "the fault was not injected"
    form.set_data(after)
    if objects is not None:
        objects(writer, form)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def caught(data: bytes, check: str) -> list:
    report = check_pdf(data, "faulty.pdf", FOLD)
    return [f for f in report.findings if f.check == check]


def first(pattern: bytes, replacement: bytes) -> Callable[[bytes], bytes]:
    return lambda data: re.sub(pattern, replacement, data, count=1)


def prepended(ops: bytes) -> Callable[[bytes], bytes]:
    """ops drawn first, in the form's own space (WeasyPrint's content then flips it for CSS's y axis, unsaved)."""
    return lambda data: ops + b"\n" + data


def where(panel: str) -> str:
    return rf"{panel} at x -?\d+\.\d mm, y -?\d+\.\d mm"


@pytest.mark.parametrize("build", ["seed_build", "x1a_build"])
def test_the_clean_editions_pass_without_a_finding(build, request):
    report = check_pdf(request.getfixturevalue(build).read_bytes(), "clean.pdf", FOLD)
    assert report.findings == []


@pytest.mark.parametrize("panel", ["flap", "back", "cover", "inside-left", "inside-middle", "inside-right"])
def test_rgb_in_any_panel_of_an_x1a_file(x1a_build, panel):
    """The old scan read the first panel of each side only: every panel is scanned now."""
    found = caught(edited(x1a_build, panel, first(rb"0 0 0 1 k|0 0 0 0 k", b"0.2 0.4 0.6 rg")), "colour")
    assert len(found) == 1 and found[0].severity == "error"
    assert re.fullmatch(r"\d+ RGB text runs?" + re.escape(PDFX1A_COLOUR), found[0].message)
    assert re.fullmatch(where(panel), found[0].where) and found[0].page == PANELS[panel][0] + 1


def test_rgb_in_an_x1a_file_whose_panels_share_one_resource_dictionary(x1a_build):
    """As WeasyPrint wrote them before each panel got its own: one dictionary for all three forms of a side."""

    def share(writer, form):
        forms = [x.get_object() for x in writer.pages[1]["/Resources"]["/XObject"].values()]
        merged = DictionaryObject()
        for other in forms:
            for kind, entries in other["/Resources"].items():
                merged.setdefault(kind, DictionaryObject()).update(entries.get_object())
        shared = writer._add_object(merged)
        for other in forms:
            other[NameObject("/Resources")] = shared

    found = caught(edited(x1a_build, "inside-right", first(rb"0 0 0 1 k", b"0.2 0.4 0.6 rg"), share), "colour")
    assert [f.where.split(" at ")[0] for f in found] == ["inside-right"]


def test_lab_and_icc_rgb_in_an_x1a_file(x1a_build):
    def spaces(writer, form):
        srgb = DecodedStreamObject()
        srgb.set_data(b"\0" * 128)
        srgb[NameObject("/N")] = NumberObject(3)
        white = ArrayObject([FloatObject(0.9642), FloatObject(1), FloatObject(0.8249)])
        form["/Resources"][NameObject("/ColorSpace")] = DictionaryObject(
            {
                NameObject("/L0"): ArrayObject([NameObject("/Lab"), DictionaryObject({NameObject("/WhitePoint"): white})]),
                NameObject("/I0"): ArrayObject([NameObject("/ICCBased"), writer._add_object(srgb)]),
            }
        )

    ops = b"q /L0 cs 50 20 30 scn 30 30 50 50 re f /I0 cs 0.2 0.4 0.6 scn 30 100 50 50 re f Q"
    (found,) = caught(edited(x1a_build, "back", prepended(ops), spaces), "colour")
    assert found.message == "1 Lab colour, 1 RGB colour" + PDFX1A_COLOUR
    assert found.where == "back at x 107.6 mm, y 10.6 mm"


def test_an_rgb_picture_in_an_x1a_file(x1a_build):
    def rgb(writer, form):
        for item in form["/Resources"]["/XObject"].values():
            item.get_object()[NameObject("/ColorSpace")] = NameObject("/DeviceRGB")

    (found,) = caught(edited(x1a_build, "cover", lambda data: data + b"\n", rgb), "colour")
    assert found.message == "1 RGB picture" + PDFX1A_COLOUR and re.fullmatch(where("cover"), found.where)


@pytest.mark.parametrize(
    "ops",
    [b"q 0 0 0 1 K 0.1417 w 30 300 m 200 300 l S Q", b"q 0 0 0 1 k 29.9291 299.9291 170.1417 0.1417 re f Q"],
    ids=["stroked", "filled rule"],
)
def test_a_hairline_of_a_twentieth_of_a_millimetre(seed_build, ops):
    (found,) = caught(edited(seed_build, "flap", prepended(ops)), "hairlines")
    assert found.severity == "error"
    assert found.message == (
        "a line 0.14 pt (0.05 mm) thin; lines under 0.25 pt (0.09 mm) break up or vanish on the plate: make it at least 0.25 pt"
    )
    assert found.where == "flap at x 10.6 mm, y 105.8 mm"


def test_our_own_marks_are_not_hairlines(seed_build):
    """The 0.25 pt crop and fold marks are registration colour beyond the bleed: exempt by design."""
    report = check_pdf(seed_build.read_bytes(), "clean.pdf", FOLD)
    assert [f for f in report.findings if f.check == "hairlines"] == []


def test_a_cover_background_that_stops_at_the_trim(seed_build):
    def at_trim(data: bytes) -> bytes:
        x, y, w, h = (float(v) for v in re.search(rb"(\S+) (\S+) (\S+) (\S+) re", data).groups())
        assert y < 0 and h > 800, "the cover's first rectangle is its full-bleed background"
        old = re.search(rb"\S+ \S+ \S+ \S+ re", data).group(0)
        new = f"{x:f} {y + BLEED_PX:f} {w - BLEED_PX:f} {h - 2 * BLEED_PX:f} re".encode()
        return data.replace(old, new)

    found = caught(edited(seed_build, "cover", at_trim), "bleed")
    message = (
        "a background stops at the trim on the {}; colour that touches the trim must run 3 mm beyond it into the bleed, "
        "or a white edge shows where the cut wanders: extend it (a @page background does by itself)"
    )
    assert [(f.message, f.where) for f in found] == [
        (message.format("bottom"), "cover at x 247.0 mm, y 0.0 mm"),
        (message.format("top"), "cover at x 247.0 mm, y 210.0 mm"),
        (message.format("right"), "cover at x 297.0 mm, y 105.0 mm"),
    ]
    assert all(f.severity == "error" and f.page == 1 for f in found)


def test_rich_black_small_text(seed_build):
    """The shop's conversion of #1f2a30: four inks, 250 % in all, for 11 pt body text."""
    (found,) = caught(edited(seed_build, "inside-left", first(rb"0 0 0 1 k", b"0.75 0.5 0.3 0.95 k")), "rich black")
    assert found.severity == "error"
    assert re.fullmatch(
        r"11\.0 pt text in C75 M50 Y30 K95: black or grey type under 12 pt in more inks than black blurs when the plates "
        r"are a hair apart \(and \d+ more runs\); print it in black ink alone \(C = M = Y = 0\), e\.g\. color: device-cmyk\(0 0 0 1\)",
        found.message,
    )
    assert re.fullmatch(where("inside-left"), found.where) and found.page == 2


def test_coloured_small_text_is_not_rich_black(seed_build):
    """The teal headings are 4-colour by design: a brand colour, not black."""
    assert caught(edited(seed_build, "inside-left", first(rb"0 0 0 1 k", b"0.7333 0 0.3843 0.5098 k")), "rich black") == []


@pytest.mark.parametrize(("points", "severity", "message"), [
    (4, "error", "text of 4.0 pt; below 6 pt it cannot be read in print: set it at least 9 pt"),
    (8, "warning", "text of 8.0 pt; below 9 pt is hard to read in print, for patients all the more: set it at least 9 pt"),
])  # fmt: skip
def test_text_too_small(seed_build, points, severity, message):
    size = f"{points / 0.75:f}".encode()  # WeasyPrint sets text in CSS pixels inside a 0.75 scale
    (found,) = caught(edited(seed_build, "flap", first(rb"(/\w+) 14\.666016 Tf", rb"\1 " + size + b" Tf")), "text size")
    assert (found.severity, found.message) == (severity, message)
    assert re.fullmatch(where("flap"), found.where)


def test_a_picture_with_an_alpha_channel(seed_build):
    def with_alpha(writer, form):
        (logo,) = [x.get_object() for x in form["/Resources"]["/XObject"].values()]
        mask = DecodedStreamObject()
        mask.set_data(bytes(range(236)) * 236)
        for key, value in (
            ("/Type", NameObject("/XObject")),
            ("/Subtype", NameObject("/Image")),
            ("/ColorSpace", NameObject("/DeviceGray")),
        ):
            mask[NameObject(key)] = value
        for key in ("/Width", "/Height"):
            mask[NameObject(key)] = NumberObject(236)
        mask[NameObject("/BitsPerComponent")] = NumberObject(8)
        logo[NameObject("/SMask")] = writer._add_object(mask)

    (found,) = caught(edited(seed_build, "cover", lambda data: data + b"\n", with_alpha), "alpha")
    assert found.severity == "warning"
    assert found.message == (
        "a picture (236 x 236 px) with an alpha channel (transparency): the RIP must flatten it with what is under it; "
        "give it without alpha, flattened onto its background colour, or as SVG"
    )
    assert re.fullmatch(where("cover"), found.where)


def test_ink_over_300_percent(seed_build):
    (found,) = caught(edited(seed_build, "cover", first(rb"0\.7333 0 0\.3843 0\.5098 k", b"0.9 0.8 0.8 0.9 k")), "ink")
    assert found.severity == "error"
    assert found.message == (
        "an area in C90 M80 Y80 K90, 340% total ink; the press takes at most 300% before ink sets off and smears: "
        "use less ink (black text: black alone; dark areas: at most 300% together)"
    )
    assert found.where == "cover at x 197.0 mm, y -3.0 mm"


def test_a_picture_over_300_percent(seed_build):
    def darker(writer, form):
        (logo,) = [x.get_object() for x in form["/Resources"]["/XObject"].values()]
        data = bytearray(zlib.decompress(logo._data))
        data[:8] = bytes([255, 255, 255, 255, 230, 230, 230, 230])  # two pixels of 400 % and 361 %
        logo.set_data(bytes(data))

    (found,) = caught(edited(seed_build, "cover", lambda data: data + b"\n", darker), "ink")
    assert found.message.startswith("a picture whose darkest pixel carries 400% total ink; the press takes at most 300%")
    assert found.message.endswith(", or convert the picture with the print profile")
