"""Preflight catches each fault it claims to catch: on hand-made bad PDFs and on bad content."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    RectangleObject,
)

import leafletpress
from leafletpress.cli import main
from leafletpress.fold import FOLDS
from leafletpress.fold.sheet import PrintShop
from leafletpress.kept import Kept
from leafletpress.pdf import impose
from leafletpress.pdf.preflight import check_pdf, pdfread, preflight

from .helpers import REPO, SEED, SEED_TEAM

FOLD = FOLDS["a4-roll-trifold"]
PT = 72 / 25.4  # points per mm
SLUG = 10  # mm of paper around the trim in the hand-made sheets, as leafletpress imposes
LATO = REPO / "styles" / "fonts" / "Lato-Regular.ttf"


def sheet_pdf(
    content: str = "",
    *,
    pages: int = 2,
    boxes: bool = True,
    bleed: float = 3,
    image_px: int = 0,
    image_space: str = "/DeviceRGB",
    embedded_font: bool = True,
    xmp: str = "",
    intent: bool = False,
    trapped: bool = True,
    alpha: float | None = None,
    marks: bool = True,
) -> bytes:
    """A hand-made sheet PDF; content is drawn in mm from the trim's bottom-left corner on every page.

    Text is set in Lato with its TrueType program embedded, or else in Helvetica, not embedded. With marks,
    each side has the crop and fold marks leafletpress draws (the default print settings ask for them).
    """
    writer = PdfWriter()
    for number in range(pages):
        page = writer.add_blank_page((297 + 2 * SLUG) * PT, (210 + 2 * SLUG) * PT)
        if boxes:
            page.trimbox = RectangleObject([SLUG * PT, SLUG * PT, (SLUG + 297) * PT, (SLUG + 210) * PT])
            page.bleedbox = RectangleObject(
                [(SLUG - bleed) * PT, (SLUG - bleed) * PT, (SLUG + 297 + bleed) * PT, (SLUG + 210 + bleed) * PT]
            )
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        if embedded_font:
            program = DecodedStreamObject()
            program.set_data(LATO.read_bytes())
            font[NameObject("/Subtype")] = NameObject("/TrueType")
            font[NameObject("/BaseFont")] = NameObject("/Lato-Regular")
            font[NameObject("/FontDescriptor")] = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/FontDescriptor"),
                    NameObject("/FontName"): NameObject("/Lato-Regular"),
                    NameObject("/Flags"): NumberObject(32),
                    NameObject("/ItalicAngle"): NumberObject(0),
                    NameObject("/Ascent"): NumberObject(987),
                    NameObject("/Descent"): NumberObject(-213),
                    NameObject("/CapHeight"): NumberObject(717),
                    NameObject("/StemV"): NumberObject(80),
                    NameObject("/FontBBox"): ArrayObject([NumberObject(v) for v in (-150, -250, 1100, 1000)]),
                    NameObject("/FontFile2"): writer._add_object(program),
                }
            )
        resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
        if image_px:
            image = DecodedStreamObject()
            channels = 3 if image_space == "/DeviceRGB" else 4
            image.set_data(bytes([128]) * image_px * image_px * channels)
            for key, value in (
                ("/Type", NameObject("/XObject")),
                ("/Subtype", NameObject("/Image")),
                ("/Width", NumberObject(image_px)),
                ("/Height", NumberObject(image_px)),
                ("/ColorSpace", NameObject(image_space)),
                ("/BitsPerComponent", NumberObject(8)),
            ):
                image[NameObject(key)] = value
            resources[NameObject("/XObject")] = DictionaryObject({NameObject("/Im1"): writer._add_object(image)})
        if alpha is not None:
            state = DictionaryObject({NameObject("/Type"): NameObject("/ExtGState"), NameObject("/ca"): FloatObject(alpha)})
            resources[NameObject("/ExtGState")] = DictionaryObject({NameObject("/G1"): state})
        page[NameObject("/Resources")] = resources
        stream = DecodedStreamObject()
        drawn = f"q {PT:.5f} 0 0 {PT:.5f} {SLUG * PT:.5f} {SLUG * PT:.5f} cm\n{content}\nQ"
        if marks and number < len(FOLD.sides):
            drawn += "\n" + impose.marks(FOLD, FOLD.sides[number], PrintShop())
            resources[NameObject("/ColorSpace")] = DictionaryObject({NameObject("/Registration"): registration(writer)})
        stream.set_data(drawn.encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if xmp:
        metadata = DecodedStreamObject()
        packet = f"<pdfxid:GTS_PDFXVersion>{xmp}</pdfxid:GTS_PDFXVersion>"
        metadata.set_data(f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{packet}</x:xmpmeta>'.encode())
        writer._root_object[NameObject("/Metadata")] = writer._add_object(metadata)
        if trapped:
            writer.add_metadata({"/Trapped": "/False"})
    if intent:
        profile = DecodedStreamObject()
        profile.set_data(b"\0" * 128)
        profile[NameObject("/N")] = NumberObject(4)
        writer._root_object[NameObject("/OutputIntents")] = ArrayObject(
            [
                DictionaryObject(
                    {
                        NameObject("/Type"): NameObject("/OutputIntent"),
                        NameObject("/S"): NameObject("/GTS_PDFX"),
                        NameObject("/DestOutputProfile"): writer._add_object(profile),
                    }
                )
            ]
        )
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def registration(writer: PdfWriter) -> ArrayObject:
    """/Separation /All: the colour the marks are drawn in, on every plate."""
    tint = DictionaryObject(
        {
            NameObject("/FunctionType"): NumberObject(2),
            NameObject("/Domain"): ArrayObject([NumberObject(0), NumberObject(1)]),
            NameObject("/C0"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/C1"): ArrayObject([NumberObject(1)] * 4),
            NameObject("/N"): NumberObject(1),
        }
    )
    return ArrayObject([NameObject("/Separation"), NameObject("/All"), NameObject("/DeviceCMYK"), writer._add_object(tint)])


def text(x_mm: float, y_mm: float, size_pt: float = 10, words: str = "Tekst") -> str:
    """Helvetica text at (x, y) mm from the trim corner; drawn in a mm-scaled space, so the size is divided back."""
    return f"BT /F1 {size_pt / PT:.4f} Tf {x_mm} {y_mm} Td ({words}) Tj ET\n"


def findings(data: bytes, check: str, **options):
    report = check_pdf(data, "hand-made.pdf", FOLD, **options)
    return [f for f in report.findings if f.check == check], report


def test_a_clean_hand_made_sheet_has_only_the_not_pdfx_warning():
    report = check_pdf(sheet_pdf(text(20, 100)), "clean.pdf", FOLD)
    assert [(f.check, f.severity) for f in report.findings] == [("pdf/x", "warning")]


def test_wrong_page_count():
    found, _ = findings(sheet_pdf(pages=3), "pages")
    assert found and "3 pages" in found[0].message and found[0].severity == "error"


def test_missing_trim_and_bleed_boxes():
    found, _ = findings(sheet_pdf(boxes=False), "boxes")
    assert {f.page for f in found} == {1, 2}
    assert any("TrimBox" in f.message for f in found) and any("BleedBox" in f.message for f in found)


def test_bleed_too_small():
    found, _ = findings(sheet_pdf(bleed=1), "boxes")
    assert found and "1.0 mm" in found[0].message and "3 mm" in found[0].message


def test_unembedded_font_is_named():
    found, _ = findings(sheet_pdf(text(20, 100), embedded_font=False), "fonts")
    assert found and "Helvetica is not embedded" in found[0].message and found[0].severity == "error"


def test_claiming_pdfx_without_an_output_intent():
    found, report = findings(sheet_pdf(xmp="PDF/X-4"), "pdf/x")
    assert report.standard == "PDF/X-4"
    messages = " ".join(f.message for f in found)
    assert "no /OutputIntents" in messages
    assert all(f.severity == "error" for f in found)


def test_pdfx_with_intent_needs_trapped():
    found, _ = findings(sheet_pdf(xmp="PDF/X-4", intent=True), "pdf/x")
    assert found == []
    found, _ = findings(sheet_pdf(xmp="PDF/X-4", intent=True, trapped=False), "pdf/x")
    assert [f.message for f in found] == ["/Trapped is not set to True or False in the document info"]


@pytest.mark.parametrize(("pixels", "severity"), [(28, "error"), (100, "warning"), (200, None)])
def test_image_resolution_at_placed_size(pixels, severity):
    # 10 mm wide: 28 px is 71 ppi, 100 px is 254 ppi, 200 px is 508 ppi
    found, report = findings(sheet_pdf("q 10 0 0 10 150 100 cm /Im1 Do Q", image_px=pixels), "images")
    assert report.min_ppi == pytest.approx(pixels / (10 / 25.4), rel=0.01)
    assert [f.severity for f in found] == ([severity] * 2 if severity else [])
    if severity:
        assert found[0].page == 1 and found[0].where.startswith("back at x 150.0 mm")


@pytest.mark.parametrize(("size", "severity"), [(5, "error"), (8, "warning"), (9, None)])
def test_small_text_is_reported_with_its_size(size, severity):
    found, report = findings(sheet_pdf(text(150, 100, size_pt=size)), "text size")
    assert report.min_text_pt == pytest.approx(size, abs=0.05)
    assert [f.severity for f in found] == ([severity] * 2 if severity else [])
    if severity:
        assert f"{size:.1f} pt" in found[0].message and found[0].where == "back at x 150.0 mm, y 100.0 mm"


@pytest.mark.parametrize(
    ("x_mm", "y_mm", "edge", "page"),
    [
        (1, 100, "the trim left", 1),
        (93, 100, "the fold at 97 mm", 1),
        (99, 100, "the fold at 100 mm", 2),
        (202, 100, "the fold at 200 mm", 2),
        (292, 100, "the trim right", 1),
        (150, 2, "the trim bottom", 1),
        (150, 207, "the trim top", 2),
    ],
)
def test_text_inside_the_safe_margin_of_trim_or_fold(x_mm, y_mm, edge, page):
    found, _ = findings(sheet_pdf(text(x_mm, y_mm, words="Te")), "safe margin")
    assert any(edge in f.message and f.page == page for f in found), [(f.page, f.message) for f in found]
    assert all(f.severity == "error" for f in found)


def test_text_well_inside_a_panel_is_fine():
    found, _ = findings(sheet_pdf(text(20, 100) + text(120, 100) + text(220, 100)), "safe margin")
    assert found == []


def test_rgb_in_pdfx1a_is_an_error_and_cmyk_is_not():
    rgb, _ = findings(sheet_pdf("1 0 0 rg 10 10 20 20 re f", xmp="PDF/X-1:2003", intent=True), "colour")
    assert rgb and rgb[0].message.startswith("1 RGB colour;") and rgb[0].where == "flap at x 10.0 mm, y 10.0 mm"
    cmyk, _ = findings(sheet_pdf("0 1 1 0 k 10 10 20 20 re f", xmp="PDF/X-1:2003", intent=True), "colour")
    assert cmyk == []
    image, _ = findings(sheet_pdf("q 10 0 0 10 150 100 cm /Im1 Do Q", image_px=200, xmp="PDF/X-1:2003", intent=True), "colour")
    assert image and image[0].message.startswith("1 RGB picture;")


def test_transparency_in_pdfx1a_is_an_error():
    opaque, _ = findings(sheet_pdf("/G1 gs 0 0 0 1 k 10 10 20 20 re f", xmp="PDF/X-1:2003", intent=True, alpha=1), "transparency")
    assert opaque == []
    faded, _ = findings(
        sheet_pdf("/G1 gs 0 0 0 1 k 10 10 20 20 re f", xmp="PDF/X-1:2003", intent=True, alpha=0.5), "transparency"
    )
    assert faded and faded[0].severity == "error" and "PDF/X-1a" in faded[0].message
    x4, _ = findings(sheet_pdf("/G1 gs 0 0 0 1 k 10 10 20 20 re f", xmp="PDF/X-4", intent=True, alpha=0.5), "transparency")
    assert x4 == []  # PDF/X-4 allows transparency


def test_strict_turns_warnings_into_errors():
    report = check_pdf(sheet_pdf(text(150, 100, size_pt=8)), "x.pdf", FOLD, strict=True)
    assert report.findings and not report.warnings


def test_not_a_pdf(tmp_path):
    (report,) = preflight([_write(tmp_path / "broken.pdf", b"%PDF-1.4 garbage")], FOLD)
    assert report.errors and "not a readable PDF" in report.errors[0].message


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_cli_prints_a_table_and_exits_1_on_errors(tmp_path):
    good = _write(tmp_path / "good.pdf", sheet_pdf(text(20, 100)))
    bad = _write(tmp_path / "bad.pdf", sheet_pdf(text(20, 100), embedded_font=False))
    runner = CliRunner()
    result = runner.invoke(main, ["-C", str(tmp_path), "preflight", str(good)])
    assert result.exit_code == 0, result.output
    assert "safe margin" in result.output.splitlines()[0] and "good.pdf" in result.output
    result = runner.invoke(main, ["-C", str(tmp_path), "preflight", "--strict", str(good)])
    assert result.exit_code == 1
    result = runner.invoke(main, ["-C", str(tmp_path), "preflight", str(good), str(bad)])
    assert result.exit_code == 1
    assert "Helvetica is not embedded" in result.output and "1 failed" in result.output


def test_cli_json_gives_every_finding_for_tools(tmp_path):
    bad = _write(tmp_path / "bad.pdf", sheet_pdf(text(1, 100), embedded_font=False))
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "preflight", "--format", "json", str(bad)])
    assert result.exit_code == 1
    (report,) = json.loads(result.output)
    checks = {(f["check"], f["severity"], f["page"]) for f in report["findings"]}
    assert ("fonts", "error", 1) in checks and ("safe margin", "error", 2) in checks
    assert report["pages"] == 2 and report["standard"] == ""


def test_bad_content_fails_the_build_with_findings_located_in_the_content(project):
    """A 72-ppi cover picture and text pushed to 1 mm from the folds: the build names the YAML line and the
    stylesheet's text, not only the PDF, and exits 1; preflight's own findings of the same faults are not repeated."""
    pdf = project / "build" / "print" / SEED_TEAM / f"{SEED}.pdf"
    assert leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1).exit_code == 0
    good = pdf.read_bytes()
    Image.new("RGB", (227, 100), (200, 120, 40)).save(project / "styles" / "images" / "low.png")
    condition = project / "leaflets" / "conditions" / f"{SEED}.yaml"
    condition.write_text(
        condition.read_text("utf-8").replace("cover:\n", "cover:\n  image: styles/images/low.png\n  image_alt: Een foto\n", 1),
        "utf-8",
    )
    with open(project / "styles" / "teams" / "fysiofits.css", "a", encoding="utf-8") as css:
        css.write("\n@page { margin-left: 1mm; margin-right: 1mm; }\n")
    report = leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    assert report.exit_code == 1
    lines = (project / "leaflets" / "conditions" / f"{SEED}.yaml").read_text("utf-8").splitlines()
    [image] = [p for p in report.errors if "ppi" in p.message]
    assert (image.file, image.field) == (f"leaflets/conditions/{SEED}.yaml", "cover.image")
    assert lines[image.line - 1].strip() == "image: styles/images/low.png"
    assert image.message.startswith("the picture prints at 72 ppi (227 x 100 px placed at 80 x 35 mm on the cover)")
    assert image.hint == "use a picture at least 945 px wide, or an SVG"
    margins = [p for p in report.errors if "keep text 4 mm clear of the trim and the folds" in p.message]
    assert margins and all(p.file.startswith("leaflets/") and p.line > 0 for p in margins)
    assert not [p for p in report.problems if p.message.startswith("preflight")]  # each fault once, at its source
    assert pdf.read_bytes() == good  # a PDF that fails preflight never replaces the last good one


def test_preflight_runs_on_the_build_output_by_default(seed_build):
    root = seed_build.parents[3]
    result = CliRunner().invoke(main, ["-C", str(root), "preflight"])
    assert result.exit_code == 0, result.output
    assert f"{SEED}.pdf" in result.output and "PDF/X-4" in result.output and "1 passed" in result.output


@pytest.mark.parametrize(("ink", "rich"), [("0.6 0.4 0.4 1", True), ("0 0 0 1", False), ("0.9 0.2 0.5 0.3", False)])
def test_rich_black_small_text_without_an_output_intent_is_judged_from_the_inks(ink, rich):
    """No profile to judge black by: text counts as black or grey when black is its strongest ink."""
    found, _ = findings(sheet_pdf(f"{ink} k " + text(150, 100, size_pt=8)), "rich black")
    assert bool(found) == rich
    if rich:
        assert found[0].message.startswith("8.0 pt text in C60 M40 Y40 K100: black or grey type under 12 pt")
        assert found[0].where == "back at x 150.0 mm, y 100.0 mm"


def test_a_pictures_darkest_pixel_is_measured_once_per_picture(monkeypatch):
    """The same logo in every PDF is measured once a worker; another picture of the same size gets its own."""

    def picture(data: bytes) -> DecodedStreamObject:
        stream = DecodedStreamObject()
        stream.set_data(data)
        stream[NameObject("/Width")], stream[NameObject("/Height")] = NumberObject(1), NumberObject(1)
        return stream

    measured = []
    real = pdfread._measure_darkest
    monkeypatch.setattr(pdfread, "_DARKEST", Kept(64))
    monkeypatch.setattr(pdfread, "_measure_darkest", lambda obj: measured.append(1) or real(obj))
    assert pdfread._darkest(picture(b"\xff\xff\xff\xff")) == 400.0
    assert pdfread._darkest(picture(b"\x00\x00\x00\xff")) == 100.0
    assert pdfread._darkest(picture(b"\xff\xff\xff\xff")) == 400.0  # another PDF's object, the same picture
    assert len(measured) == 2
