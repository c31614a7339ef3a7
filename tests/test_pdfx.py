"""PDF/X print editions, checked by real readers: qpdf, poppler, Ghostscript and PDFium.

The sample project is PDF/X-4 with the bundled FOGRA39 profile out of the box; the tests also
switch it to a second profile (Debian's Artifex SWOP), as a practice switches to its print shop's,
and build a project that has no profile at all.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pydyf
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

import leafletpress
from leafletpress.fold import FOLDS
from leafletpress.pdf.finish import write_options
from leafletpress.pdf.pdfx import PdfX, conform
from leafletpress.pdf.preflight import MIN_TEXT_PT_WARNING, preflight

from .helpers import REPO, SEED, SEED_TEAM, copy_project

# Debian's libgs-common (pulled in by ghostscript) ships this Artifex CMYK profile; it is never committed.
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
RGB_PROFILE = Path("/usr/share/color/icc/ghostscript/default_rgb.icc")
BUNDLED = REPO / "styles" / "print" / "FOGRA39-free.icc"
FOLD = FOLDS["a4-roll-trifold"]
PRINT_SECTION = re.compile(r"^print:\n(?:[ #].*\n)*", re.M)


def set_print(root: Path, section: str) -> None:
    """Replace the print: section of the project file (section '' removes it)."""
    project = root / "leaflets" / "project.yaml"
    text = project.read_text("utf-8")
    assert PRINT_SECTION.search(text), "the sample project names its profile under print:"
    project.write_text(PRINT_SECTION.sub(section, text), "utf-8")


def configure_print(
    root: Path, standard: str = "pdf/x-4", profile: Path = CMYK_PROFILE, name: str = "CMYK SWOP (Artifex)"
) -> None:
    """Put a profile into the project's styles/ and name it in the project file, as a practice would."""
    assert profile.is_file(), f"{profile} missing: install ghostscript (Debian libgs-common)"
    (root / "styles" / "print").mkdir(exist_ok=True)
    shutil.copy(profile, root / "styles" / "print" / profile.name)
    set_print(root, f"print:\n  profile: styles/print/{profile.name}\n  profile_name: {name}\n  standard: {standard}\n")


def build_seed(root: Path, **options):
    return leafletpress.build(root, conditions=[SEED], teams=[SEED_TEAM], jobs=1, **options)


@pytest.fixture(scope="session")
def pdfx_build(tmp_path_factory) -> Path:
    """The seed edition built as PDF/X-4 with a second CMYK profile (the shop's); returns its print PDF."""
    root = copy_project(tmp_path_factory.mktemp("pdfx"))
    configure_print(root)
    report = build_seed(root)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    assert not report.warnings, [str(p) for p in report.warnings]
    return root / "build" / "print" / SEED_TEAM / f"{SEED}.pdf"


@pytest.fixture(scope="session")
def plain_build(tmp_path_factory) -> Path:
    """The seed edition of a project with no profile at all (no print: section, no bundled file)."""
    root = copy_project(tmp_path_factory.mktemp("plain"))
    set_print(root, "")
    (root / "styles" / "print" / "FOGRA39-free.icc").unlink()
    report = build_seed(root)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    return root / "build" / "print" / SEED_TEAM / f"{SEED}.pdf"


@pytest.fixture(params=["fogra39", "other profile", "plain"])
def print_pdf(request) -> Path:
    """Every kind of print edition: the default (bundled FOGRA39), another profile, and without a profile."""
    return request.getfixturevalue(
        {"fogra39": "seed_build", "other profile": "pdfx_build", "plain": "plain_build"}[request.param]
    )


def test_qpdf_finds_no_damage(print_pdf):
    result = subprocess.run(["qpdf", "--check", str(print_pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_poppler_lists_every_font_as_embedded(print_pdf):
    result = subprocess.run(["pdffonts", str(print_pdf)], capture_output=True, text=True, check=True)
    rows = result.stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        # name, type, encoding, then the emb/sub/uni columns
        embedded = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
        assert embedded and embedded.group(1) == "yes", row


def test_ghostscript_renders_every_page_without_a_word(print_pdf):
    result = subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", str(print_pdf)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == "" and result.stderr.strip() == "", result.stdout + result.stderr


def test_pdfium_renders_every_page_with_ink(print_pdf):
    document = pdfium.PdfDocument(str(print_pdf))
    assert len(document) == 2
    for page in document:
        image = page.render(scale=0.3).to_pil().convert("L")
        low, high = image.getextrema()
        assert high - low > 100, "a blank page"


def test_output_intent_carries_the_embedded_cmyk_profile(pdfx_build):
    root = PdfReader(pdfx_build).trailer["/Root"]
    (intent,) = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "CMYK SWOP (Artifex)"
    assert "/RegistryName" not in intent  # a shop's own name is not a registered condition
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4
    assert profile.get_data() == CMYK_PROFILE.read_bytes()


def test_the_default_build_carries_the_bundled_fogra39_profile(seed_build):
    root = PdfReader(seed_build).trailer["/Root"]
    (intent,) = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/RegistryName"] == "http://www.color.org"
    assert intent["/DestOutputProfile"].get_object().get_data() == BUNDLED.read_bytes()


def test_the_bundled_profile_is_a_cmyk_output_profile_with_a_300_percent_limit():
    from leafletpress.content.icc import profile_problem

    assert profile_problem(BUNDLED) == ""
    header = BUNDLED.read_bytes()[:128]
    assert header[16:20] == b"CMYK" and header[20:24] == b"Lab " and header[12:16] == b"prtr"
    assert 100_000 < BUNDLED.stat().st_size < 150_000  # built without the 127 KB copy of the measurements (-nc)
    assert (REPO / "styles" / "print" / "PROVENANCE.md").is_file()


@pytest.mark.parametrize("build", ["seed_build", "pdfx_build"])
def test_xmp_names_the_pdfx_version_and_info_says_trapped(build, request):
    pdf = request.getfixturevalue(build)
    reader = PdfReader(pdf)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert "<pdf:Trapped>False</pdf:Trapped>" in xmp
    assert "Langdurige lage rugklachten" in xmp  # the title repeats the document info's
    assert reader.metadata["/Trapped"] == "/False"
    assert pdf.read_bytes().startswith(b"%PDF-1.6")


@pytest.mark.parametrize("build", ["seed_build", "pdfx_build"])
def test_pdfx_seed_passes_preflight(build, request):
    (report,) = preflight([request.getfixturevalue(build)], FOLD, strict=True)
    assert report.findings == []
    assert report.standard == "PDF/X-4"
    assert report.min_ppi and report.min_ppi > 300  # the team logo is checked
    assert MIN_TEXT_PT_WARNING <= report.min_text_pt < 11  # something smaller than the 11 pt body text was measured


@pytest.mark.parametrize("build", ["seed_build", "pdfx_build"])
def test_pdfx_build_is_byte_identical_when_rebuilt(build, request, tmp_path):
    pdf = request.getfixturevalue(build)
    report = build_seed(pdf.parents[3], out=tmp_path / "again", force=True)
    assert report.exit_code == 0
    assert (tmp_path / "again" / "print" / SEED_TEAM / f"{SEED}.pdf").read_bytes() == pdf.read_bytes()


def test_pdfx1a_build_passes_because_every_colour_and_picture_is_ink(project):
    """CSS colours and the team's transparent PNG logo become opaque CMYK, so PDF/X-1a needs nothing from the designer."""
    set_print(project, "print:\n  profile: styles/print/FOGRA39-free.icc\n  profile_name: FOGRA39\n  standard: pdf/x-1a\n")
    report = build_seed(project)
    assert report.exit_code == 0 and not report.warnings, [str(p) for p in report.problems]
    pdf = project / "build" / "print" / SEED_TEAM / f"{SEED}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-1.4")
    (checked,) = preflight([pdf], FOLD, strict=True)
    assert checked.standard == "PDF/X-1:2003" and checked.findings == []


def test_pdfx1a_is_declared_in_the_document_info():
    pdf = pydyf.PDF()
    pdf.add_page(pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference, "MediaBox": pydyf.Array([0, 0, 100, 100])}))
    target = PdfX("pdf/x-1a", CMYK_PROFILE.read_bytes(), "CMYK SWOP")
    conform(pdf, target, {"Title": "Proef"}, "ab" * 32, 315532800)
    buffer = BytesIO()
    options = write_options("ab" * 32, target)
    pdf.write(buffer, options["pdf_version"], options["pdf_identifier"], compress=True)
    reader = PdfReader(buffer)
    assert reader.metadata["/GTS_PDFXConformance"] == "PDF/X-1a:2003"
    assert reader.pdf_header == "%PDF-1.4"
    assert reader.trailer["/Root"]["/OutputIntents"][0]["/S"] == "/GTS_PDFX"
    assert b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Proef</rdf:li>' in reader.trailer["/Root"]["/Metadata"].get_data()


def test_brand_colours_given_as_device_cmyk_reach_the_press_as_cmyk(project):
    with open(project / "styles" / "teams" / "fysiofits.css", "a", encoding="utf-8") as css:
        css.write("\n@page cover { background: device-cmyk(0.9 0.3 0.5 0.5); }\n")  # dark enough for white text
    assert build_seed(project).exit_code == 0
    sheet = PdfReader(project / "build" / "print" / SEED_TEAM / f"{SEED}.pdf").pages[0]
    drawn = b"".join(form.get_object().get_data() for form in sheet["/Resources"]["/XObject"].values())
    assert b"/DeviceCMYK cs\n0.9 0.3 0.5 0.5 scn" in drawn


def test_an_rgb_profile_is_refused_where_it_is_named(project):
    configure_print(project, profile=RGB_PROFILE)
    report = leafletpress.check(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    (problem,) = [p for p in report.errors if p.field == "print.profile"]
    assert problem.file == "leaflets/project.yaml" and problem.line > 0
    assert "CMYK" in problem.message


def test_a_missing_profile_is_a_located_error(project):
    set_print(project, "print:\n  profile: styles/print/fogra39.icc\n")
    report = leafletpress.check(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    assert any(p.field == "print.profile" and "not found" in p.message for p in report.errors)


def test_without_a_profile_the_build_says_plainly_it_is_not_pdfx(plain_build):
    (report,) = preflight([plain_build], FOLD)
    assert report.standard == ""
    # with no profile nothing is converted to ink, so the team's PNG logo keeps its alpha channel
    assert [f.check for f in report.findings] == ["pdf/x", "alpha"]
    assert "not PDF/X" in report.findings[0].message and report.findings[0].severity == "warning"
    assert "FOGRA39-free.icc" in report.findings[0].message
    (strict,) = preflight([plain_build], FOLD, strict=True)
    assert strict.errors


def test_a_project_without_print_settings_gets_the_bundled_profile(project):
    """No print: section, but the sample's styles/print/FOGRA39-free.icc: PDF/X-4 FOGRA39, no warning."""
    set_print(project, "")
    report = build_seed(project)
    assert report.exit_code == 0 and not report.warnings, [str(p) for p in report.problems]
    root = PdfReader(project / "build" / "print" / SEED_TEAM / f"{SEED}.pdf").trailer["/Root"]
    assert root["/OutputIntents"][0].get_object()["/OutputConditionIdentifier"] == "FOGRA39"


def test_a_damaged_profile_is_a_located_error(project):
    (project / "styles" / "print" / "cut.icc").write_bytes(BUNDLED.read_bytes()[:60_000])
    set_print(project, "print:\n  profile: styles/print/cut.icc\n")
    report = leafletpress.check(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    (problem,) = [p for p in report.errors if p.field == "print.profile"]
    assert "is damaged: 60000 bytes where its header promises 120404" in problem.message and problem.line > 0
