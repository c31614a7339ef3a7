"""Print editions reach the press as ink: proven by tools that are not ours (Ghostscript, pypdf's parser, qpdf).

Ghostscript's tiffsep device writes one image per plate, as a platesetter would: the seed edition's body
text is on the black plate alone, no spot of the sheet carries more than 300 % ink, and the marks
print on every plate (registration). The screen edition stays sRGB.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageMath
from pypdf import PdfReader
from pypdf.generic import ContentStream

import leafletpress
from leafletpress.kept import Kept
from leafletpress.pdf import ink as ink_stage
from leafletpress.pdf.colour import press

from .helpers import REPO, SEED, SEED_TEAM, find_text, text_positions

DPI = 100
SLUG_MM = 10
PROFILE = REPO / "styles" / "print" / "FOGRA39-free.icc"
PLATES = ("Cyan", "Magenta", "Yellow", "Black")


@pytest.fixture(scope="session")
def plates(seed_build, tmp_path_factory) -> dict[int, dict[str, Image.Image]]:
    """The seed edition's separations from Ghostscript's tiffsep device: page -> plate -> ink (0..255, 255 = solid)."""
    out = tmp_path_factory.mktemp("plates")
    result = subprocess.run(
        [
            "gs",
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=tiffsep",
            f"-r{DPI}",
            f"-sOutputFile={out}/p%d.tif",
            str(seed_build),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and not result.stdout.strip() and not result.stderr.strip(), result.stdout + result.stderr
    # tiffsep writes each plate as grey levels of paper: 255 is no ink, 0 is solid ink
    return {
        page: {plate: ImageChops.invert(Image.open(out / f"p{page}({plate}).tif").convert("L")) for plate in PLATES}
        for page in (1, 2)
    }


def pixels(x_mm: float, y_mm: float, height_mm: float = 230) -> tuple[int, int]:
    """A point given in mm from the trim's lower-left corner, as a pixel (column, row from the top) of a plate."""
    return round((x_mm + SLUG_MM) / 25.4 * DPI), round((height_mm - (y_mm + SLUG_MM)) / 25.4 * DPI)


def region(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
    left, bottom = pixels(x0, y0)
    right, top = pixels(x1, y1)
    return (left, top, right, bottom)


def test_body_text_is_on_the_black_plate_only(seed_build, plates):
    runs = text_positions(seed_build, 0)
    first = find_text(runs, "Lage rugklachten komen veel voor")
    last = find_text(runs, "paar dagen tot 3 maanden")
    box = region(first[0] - 0.5, last[1] - 1.5, 87, first[1] + 3.5)  # the first paragraph on the flap, glyphs and all
    for plate in ("Cyan", "Magenta", "Yellow"):
        assert plates[1][plate].crop(box).getextrema() == (0, 0), f"{plate} ink under the body text"
    black = plates[1]["Black"].crop(box)
    assert black.getextrema()[1] == 255  # the text is solid black
    inked = sum(count for level, count in enumerate(black.histogram()) if level)
    assert inked > 0.05 * black.width * black.height  # and it is the text, not a speck


def test_no_spot_of_the_sheet_carries_more_than_300_percent_ink(plates):
    bleed = region(-2.5, -2.5, 299.5, 212.5)  # the marks start at the bleed edge: registration, 400 % by design
    for page, seps in plates.items():
        c, m, y, k = (seps[plate].crop(bleed) for plate in PLATES)
        total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
        highest = total.getextrema()[1] * 100 / 255
        assert 100 < highest <= 300.5, f"page {page}: {highest:.1f}% ink"


def test_crop_and_fold_marks_print_on_every_plate(plates):
    crop_mark = region(-8.5, -0.3, -3.5, 0.3)  # the horizontal crop mark at the lower-left trim corner
    fold_mark = region(96.7, -8.5, 97.3, -3.5)  # the outside's fold mark at 97 mm, below the sheet
    for plate in PLATES:
        assert plates[1][plate].crop(crop_mark).getextrema()[1] == 255, plate
        assert plates[1][plate].crop(fold_mark).getextrema()[1] == 255, plate


def test_ghostscript_ink_coverage_is_mostly_black_inside(seed_build):
    result = subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=inkcov", "-o", "-", str(seed_build)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    pages = [[float(v) for v in line.split()[:4]] for line in result.stdout.splitlines() if line.strip().endswith("CMYK OK")]
    assert len(pages) == 2
    outside, inside = pages
    assert all(0 < v < 1 for v in outside)  # the cover's teal and the logo use all four inks
    assert inside[3] > 3 * max(inside[:3])  # the inside is text: black, with teal headings


def test_ghostscript_converts_to_pdfx3_without_rasterising_a_side(seed_build, tmp_path):
    """The transparent PNG logo made this conversion flatten both sides into page-sized pictures (1.9 MB, no fonts)."""
    out = tmp_path / "x3.pdf"
    subprocess.run(
        ["gs", "-q", "-dPDFX", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite", "-sColorConversionStrategy=CMYK"]
        + ["-sProcessColorModel=DeviceCMYK", f"-sOutputFile={out}", str(seed_build)],
        capture_output=True,
        timeout=120,
        check=True,
    )
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert len(fonts) == 3  # the text is still text
    assert [line.split()[3:5] for line in images] == [["236", "236"]]  # only the logo is a picture
    assert out.stat().st_size < 200_000


def test_the_seed_print_pdf_stays_small(seed_build):
    assert seed_build.stat().st_size < 250_000  # the embedded FOGRA39 profile is about 94 KB of it


# ---- what the PDFs say, read with pypdf's own content-stream parser ----------------------------------


def _operations(holder, reader) -> list[tuple[list, bytes]]:
    return ContentStream(holder.get_contents() if "/Contents" in holder else holder, reader).operations


def _walk(reader: PdfReader):
    """Every content stream of every page with its resources: (holder, resources), pages first, then forms and patterns."""
    seen: set[int] = set()
    stack = list(reader.pages)
    while stack:
        holder = stack.pop()
        key = holder.indirect_reference.idnum if holder.indirect_reference is not None else id(holder)
        if key in seen:
            continue
        seen.add(key)
        resources = holder.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        yield holder, resources
        for kind in ("/XObject", "/Pattern"):
            for item in resources.get(kind, {}).values():
                obj = item.get_object()
                if obj.get("/Subtype") == "/Form" or "/PatternType" in obj and "/Resources" in obj:
                    stack.append(obj)


def _spaces(reader: PdfReader) -> tuple[set[str], set[bytes]]:
    """Every colour space family named anywhere on the pages (resources, images, shadings, groups) and every colour operator."""
    families: set[str] = set()
    operators: set[bytes] = set()

    def family(space) -> str:
        space = space.get_object()
        if isinstance(space, str):
            return space
        name = space[0]
        if name == "/ICCBased":
            return f"/ICCBased N={int(space[1].get_object()['/N'])}"
        return name

    for holder, resources in _walk(reader):
        if "/Group" in holder and "/CS" in holder["/Group"].get_object():
            families.add(family(holder["/Group"].get_object()["/CS"]))
        for space in resources.get("/ColorSpace", {}).values():
            families.add(family(space))
        for item in resources.get("/XObject", {}).values():
            obj = item.get_object()
            if obj.get("/Subtype") == "/Image":
                families.add(family(obj["/ColorSpace"]))
        for shading in resources.get("/Shading", {}).values():
            families.add(family(shading.get_object()["/ColorSpace"]))
        for operands, operator in _operations(holder, reader):
            if operator in (b"rg", b"RG", b"k", b"K", b"g", b"G", b"sc", b"scn", b"SC", b"SCN"):
                operators.add(operator)
            elif operator in (b"cs", b"CS"):
                named = resources.get("/ColorSpace", {})
                families.add(family(named[operands[0]]) if operands[0] in named else str(operands[0]))
    return families, operators


def test_no_print_pdf_of_the_sample_holds_rgb(sample_build):
    root, report = sample_build
    assert report.exit_code == 0 and not report.warnings, [str(p) for p in report.problems]
    pdfs = sorted((root / "build" / "print").rglob("*.pdf"))
    assert len(pdfs) == 23  # 20 Dutch, and the seed in English, Turkish and Arabic
    for pdf in pdfs:
        families, operators = _spaces(PdfReader(pdf))
        assert not families & {"/DeviceRGB", "/CalRGB", "/ICCBased N=3", "/Lab", "/DeviceGray"}, (pdf, families)
        assert families <= {"/DeviceCMYK", "/Separation"}, (pdf, families)
        assert operators <= {b"k", b"K", b"scn", b"SCN"}, (pdf, operators)


def test_no_screen_pdf_of_the_sample_holds_cmyk(sample_build):
    root, _ = sample_build
    pdfs = sorted((root / "build" / "screen").rglob("*.pdf"))
    assert len(pdfs) == 23
    for pdf in pdfs:
        families, operators = _spaces(PdfReader(pdf))
        assert not families & {"/DeviceCMYK", "/Separation", "/DeviceN", "/ICCBased N=4"}, (pdf, families)
        assert not operators & {b"k", b"K"}, (pdf, operators)


def test_body_text_and_qr_code_are_black_ink_alone_and_white_stays_white(seed_build):
    reader = PdfReader(seed_build)
    outside = reader.pages[0]["/Resources"]["/XObject"]
    back = outside["/Panel1"].get_object()  # outside: flap, back, cover
    fills = [tuple(float(v) for v in operands) for operands, op in _operations(back, reader) if op == b"k"]
    strokes = {tuple(float(v) for v in operands) for operands, op in _operations(back, reader) if op == b"K"}
    assert (0, 0, 0, 1) in fills  # the therapists' names and the contact details
    assert (0, 0, 0, 0) in fills  # the QR code's white quiet zone knocks out to paper
    assert strokes == {(0, 0, 0, 1)}  # the QR code's modules
    assert not any(0.9 < k < 1 for *_, k in fills)  # no screened near-black


def test_each_panel_form_holds_only_the_resources_it_uses(seed_build):
    reader = PdfReader(seed_build)
    for page in reader.pages:
        for name, item in page["/Resources"]["/XObject"].items():
            form = item.get_object()
            data = form.get_data()
            used_fonts = set(re.findall(rb"/([A-Z]{6}) [\d.]+ Tf", data))
            assert {f[1:].encode() for f in form["/Resources"]["/Font"]} == used_fonts, name
            has_picture = b" Do" in data
            assert ("/XObject" in form["/Resources"]) == has_picture, name
    cover = reader.pages[0]["/Resources"]["/XObject"]["/Panel2"].get_object()
    (logo,) = [x.get_object() for x in cover["/Resources"]["/XObject"].values()]
    assert logo["/ColorSpace"] == "/DeviceCMYK" and "/SMask" not in logo  # flattened onto the cover colour


def test_the_flattened_logo_matches_the_cover_colour_around_it(seed_build):
    reader = PdfReader(seed_build)
    cover = reader.pages[0]["/Resources"]["/XObject"]["/Panel2"].get_object()
    (logo,) = [x.get_object() for x in cover["/Resources"]["/XObject"].values()]
    picture = Image.frombytes("CMYK", (int(logo["/Width"]), int(logo["/Height"])), logo.get_data())
    background = [tuple(float(v) for v in operands) for operands, op in _operations(cover, reader) if op == b"k"][0]
    corner = picture.getpixel((0, 0))  # transparent in the PNG: now exactly the ink around it
    assert corner == tuple(round(v * 255) for v in background)


def test_device_cmyk_in_css_is_kept_in_print_and_shown_as_its_srgb_on_screen(project):
    with open(project / "styles" / "teams" / "fysiofits.css", "a", encoding="utf-8") as css:
        css.write("\n.section h2 { color: device-cmyk(1 0.7 0 0.2); }\n")  # a dark blue: readable on white
    report = leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    printed = PdfReader(project / "build" / "print" / SEED_TEAM / f"{SEED}.pdf")
    forms = [x.get_object().get_data() for page in printed.pages for x in page["/Resources"]["/XObject"].values()]
    assert any(b"/DeviceCMYK cs\n1 0.7 0 0.2 scn" in data for data in forms)
    families, operators = _spaces(PdfReader(project / "build" / "screen" / SEED_TEAM / f"{SEED}.pdf"))
    assert "/DeviceCMYK" not in families and not operators & {b"k", b"K"}
    blue = press(PROFILE.read_bytes()).light((1.0, 0.7, 0.0, 0.2))
    assert blue[0] < 0.2 and blue[1] < 0.35 and blue[2] > 0.45  # the printed blue, as a screen shows it
    assert b"scn" in operators and "/DeviceRGB" in families  # the headings, now in the sRGB of the printed blue


def test_sample_profile_regenerates_from_its_script(tmp_path):
    """styles/print/make-profile.sh gives the committed profile back, byte for byte but for colprof's date stamp."""
    source = Path("/usr/share/color/icc/FOGRA39L.ti3")
    if not source.is_file() or subprocess.run(["which", "colprof"], capture_output=True).returncode:
        pytest.skip("needs Debian's argyll and icc-profiles-free (.ci/run installs them)")
    target = tmp_path / "again.icc"
    subprocess.run(
        [str(PROFILE.parent / "make-profile.sh"), str(source), str(target)], capture_output=True, check=True, timeout=900
    )
    made, committed = target.read_bytes(), PROFILE.read_bytes()
    assert len(made) == len(committed)
    assert made[:24] == committed[:24] and made[36:] == committed[36:]  # bytes 24-35: the creation date and time


def test_a_logo_on_a_gradient_keeps_its_alpha_and_preflight_says_so(project):
    """Under the logo is no single colour to flatten it onto: it stays transparent, the gradient becomes CMYK."""
    with open(project / "styles" / "teams" / "fysiofits.css", "a", encoding="utf-8") as css:
        css.write("\n.cover .brand { background: linear-gradient(90deg, #f08a24, #0b6e69); }\n")
    report = leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    assert report.exit_code == 0
    (warning,) = report.warnings
    assert "preflight alpha: a picture (236 x 236 px) with an alpha channel" in warning.message and "cover at" in warning.message
    reader = PdfReader(project / "build" / "print" / SEED_TEAM / f"{SEED}.pdf")
    families, operators = _spaces(reader)
    assert families <= {"/DeviceCMYK", "/Separation", "/Pattern"} and operators <= {b"k", b"K", b"scn", b"SCN"}
    cover = reader.pages[0]["/Resources"]["/XObject"]["/Panel2"].get_object()
    (logo,) = [x.get_object() for x in cover["/Resources"]["/XObject"].values()]
    assert logo["/ColorSpace"] == "/DeviceCMYK" and "/SMask" in logo
    (shading,) = [s.get_object() for _, resources in _walk(reader) for s in resources.get("/Shading", {}).values()]
    assert shading["/ColorSpace"] == "/DeviceCMYK"
    (part,) = shading["/Function"]["/Functions"]  # WeasyPrint stitches one exponential function per stop pair
    assert [float(v) for v in part["/C0"]] == [0, 0.5294, 0.9098, 0.0353]  # the orange highlight as ink
    assert [float(v) for v in part["/C1"]] == [0.7333, 0, 0.3843, 0.5098]  # the teal accent as ink


def _with_cover_photo(project: Path, picture: Image.Image) -> None:
    """A 950 x 600 px cover photo, left half one colour and right half another (80 mm wide: 300 ppi)."""
    picture.save(project / "styles" / "images" / "photo.jpg", quality=95)
    condition = project / "leaflets" / "conditions" / f"{SEED}.yaml"
    text = condition.read_text("utf-8").replace(
        "cover:\n", "cover:\n  image: styles/images/photo.jpg\n  image_alt: Een foto\n", 1
    )
    condition.write_text(text, "utf-8")


def _halves(mode: str, left: tuple, right: tuple) -> Image.Image:
    picture = Image.new(mode, (950, 600), left)
    picture.paste(Image.new(mode, (475, 600), right), (475, 0))
    return picture


def test_a_jpeg_photo_prints_as_the_profile_s_ink(project, tmp_path):
    _with_cover_photo(project, _halves("RGB", (220, 40, 40), (40, 90, 200)))
    assert leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1).exit_code == 0
    pdf = project / "build" / "print" / SEED_TEAM / f"{SEED}.pdf"
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"950\s+600\s+cmyk\s+4\s+8\s+jpeg", images)  # re-encoded as a CMYK JPEG
    # Ghostscript draws DeviceCMYK as it is: the plates get the profile's inks for the photo's colours
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", "-r50", f"-sOutputFile={tmp_path}/c.tif", str(pdf)],
        check=True,
        timeout=120,
    )
    sheet = Image.open(tmp_path / "c.tif")
    ink = press(PROFILE.read_bytes())
    row = [sheet.getpixel((x, sheet.height // 2 - 60)) for x in range(sheet.width * 2 // 3, sheet.width)]
    for colour in ((220, 40, 40), (40, 90, 200)):
        expected = tuple(round(v * 255) for v in ink.ink(tuple(v / 255 for v in colour)))
        assert any(all(abs(a - b) <= 4 for a, b in zip(pixel, expected, strict=True)) for pixel in row), (colour, expected)


def test_a_cmyk_jpeg_is_kept_in_print_and_shown_in_srgb_on_screen(project):
    _with_cover_photo(project, _halves("CMYK", (0, 0, 0, 0), (255, 0, 0, 0)))  # paper white and process cyan
    assert leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1).exit_code == 0
    lists = {
        edition: subprocess.run(
            ["pdfimages", "-list", str(project / "build" / edition / SEED_TEAM / f"{SEED}.pdf")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for edition in ("print", "screen")
    }
    assert re.search(r"950\s+600\s+cmyk\s+4\s+8\s+jpeg", lists["print"])
    assert re.search(r"950\s+600\s+rgb\s+3\s+8\s+jpeg", lists["screen"])
    families, _ = _spaces(PdfReader(project / "build" / "screen" / SEED_TEAM / f"{SEED}.pdf"))
    assert "/DeviceCMYK" not in families
    page = pdfium.PdfDocument(project / "build" / "screen" / SEED_TEAM / f"{SEED}.pdf")[0]
    shown = page.render(scale=50 / 72).to_pil().convert("RGB")
    row = {shown.getpixel((x, shown.height // 2 - 40)) for x in range(shown.width)}
    cyan = tuple(round(v * 255) for v in press(PROFILE.read_bytes()).light((1.0, 0.0, 0.0, 0.0)))
    assert any(all(abs(a - b) <= 4 for a, b in zip(pixel, cyan, strict=True)) for pixel in row), (cyan, sorted(row)[:10])


def test_transparency_and_gradients_leave_no_rgb(project):
    """Opacity, shadows and see-through gradients: painted in CMYK, their soft masks' groups in grey."""
    with open(project / "styles" / "teams" / "fysiofits.css", "a", encoding="utf-8") as css:
        css.write(
            "\n.section h2 { box-shadow: 2px 2px 3px rgba(0, 0, 0, 0.4); }\n.back h2 { opacity: 0.6; }\n"
            ".cover .title { background: linear-gradient(rgba(240, 138, 36, 0.5), rgba(11, 110, 105, 0.2)); }\n"
        )
    report = leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    assert report.exit_code == 0 and not report.warnings, [str(p) for p in report.problems]
    reader = PdfReader(project / "build" / "print" / SEED_TEAM / f"{SEED}.pdf")
    families, operators = _spaces(reader)
    assert families <= {"/DeviceCMYK", "/Separation", "/DeviceGray", "/Pattern"}, families
    assert operators <= {b"k", b"K", b"scn", b"SCN"}, operators
    groups = {}
    for _holder, resources in _walk(reader):
        for state in resources.get("/ExtGState", {}).values():
            mask = state.get_object().get("/SMask")
            if mask is not None and mask != "/None":
                groups[mask["/G"].get_object()["/Group"]["/CS"]] = True
    assert groups and set(groups) == {"/DeviceGray"}  # a soft mask's luminosity is its grey alpha


def test_a_content_stream_seen_again_is_recoloured_once(monkeypatch):
    """A kept body's panels are the same in every edition's PDF: recoloured once, unless a name it uses means
    another colour space in this PDF's resources."""
    monkeypatch.setattr(ink_stage, "_RECOLOURED", Kept(32))
    calls = []
    real = ink_stage.recolour
    monkeypatch.setattr(ink_stage, "recolour", lambda *a: calls.append(a[0]) or real(*a))
    data = b"/cs0 cs 0.2 0.4 0.6 scn 0 0 10 10 re f"
    to_cmyk = lambda kind, values: (0.1, 0.2, 0.3, 0.4) if kind == "rgb" else None  # noqa: E731
    conversion = ("cmyk", "profile digest")
    first = ink_stage._recoloured(data, lambda name: "rgb", to_cmyk, conversion)
    assert first == b"/DeviceCMYK cs 0.1 0.2 0.3 0.4 scn 0 0 10 10 re f"
    assert ink_stage._recoloured(data, lambda name: "rgb", to_cmyk, conversion) == first
    assert len(calls) == 1
    assert ink_stage._recoloured(data, lambda name: "cmyk", to_cmyk, conversion) == data  # /cs0 is CMYK here
    assert ink_stage._recoloured(data, lambda name: "rgb", to_cmyk, ("cmyk", "another profile")) == first
    assert len(calls) == 3
