"""The screen edition: one accessible page per panel in reading order, live links; the QR code on paper."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from click.testing import CliRunner
from pypdf import PdfReader
from pypdf.generic import BooleanObject, IndirectObject

import leafletpress
from leafletpress.cli import main
from leafletpress.compose import qr
from leafletpress.compose.edition import compose, to_html
from leafletpress.content import markup
from leafletpress.content.load import load_library
from leafletpress.content.markup import plain
from leafletpress.fold import FOLDS
from leafletpress.languages import split_name

from .helpers import MM_PER_PT, REPO, SEED, SEED_TEAM, TagTree, box_mm

FOLD = FOLDS["a4-roll-trifold"]
QR_URL = f"https://www.fysiofits.example/folders/{SEED_TEAM}/{SEED}/"
TITLE = "Langdurige lage rugklachten (Team FysioFits)"


@pytest.fixture(scope="module")
def screen_pdf(seed_build: Path) -> Path:
    """The seed edition's screen PDF, written by the same build as its print PDF."""
    return seed_build.parents[2] / "screen" / SEED_TEAM / f"{SEED}.pdf"


@pytest.fixture(scope="module")
def reader(screen_pdf: Path) -> PdfReader:
    return PdfReader(screen_pdf)


def structure(reader: PdfReader) -> list[dict]:
    """Every structure element of the tagged PDF, depth first (the order a screen reader follows)."""
    found = []

    def visit(node):
        node = node.get_object()
        if isinstance(node, dict) and node.get("/Type") == "/StructElem":
            found.append(node)
        kids = node.get("/K", []) if isinstance(node, dict) else []
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, IndirectObject) or isinstance(kid, dict):
                visit(kid)

    visit(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def tagged_text(reader: PdfReader) -> str:
    """The text in the order of the structure tree: what a screen reader reads, not the drawing order."""
    tree = TagTree(reader)
    return tree.text(tree.root)


def words(text: str) -> str:
    """Text as a reader hears it: line-end hyphenation joined, whitespace collapsed."""
    text = re.sub(r"[\u2010\u00ad-]\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def test_one_page_per_panel_in_reading_order_at_trim_size(reader):
    sizes = [round(value, 1) for page in reader.pages for value in box_mm(page.mediabox)[2:]]
    assert sizes == [float(value) for panel in FOLD.panels for value in (panel.width, FOLD.sheet_height)]
    for page in reader.pages:
        assert box_mm(page.trimbox) == pytest.approx(box_mm(page.mediabox))  # no bleed, no marks


def test_is_tagged_in_dutch_with_its_title_shown(reader):
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert root["/Lang"] == "nl"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert reader.metadata.title == TITLE
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert f'<rdf:li xml:lang="x-default">{TITLE}</rdf:li>' in xmp
    assert 'pdfuaid:part="1"' in xmp
    assert "OutputIntents" not in root  # a screen file is RGB, with no press condition


def test_headings_lists_and_figures_are_structure(reader):
    kinds = [element["/S"] for element in structure(reader)]
    edition = compose(load_library(REPO), SEED_TEAM, SEED)
    assert kinds.count("/H1") >= 1
    # Every section heading and the two back-panel headings; a list item keeps label and body apart.
    assert kinds.count("/H2") >= len(edition.sections) + 2
    assert {"/L", "/LI", "/LBody", "/Lbl", "/Link"} <= set(kinds)
    figures = [element for element in structure(reader) if element["/S"] == "/Figure"]
    assert {str(figure["/Alt"]) for figure in figures} == {"Logo van Team FysioFits", f"QR-code naar {QR_URL}"}


def test_links_on_the_back_panel_are_live(reader):
    back = reader.pages[-1]
    uris = {annotation.get_object()["/A"]["/URI"] for annotation in back["/Annots"]}
    assert {"tel:0123456789", "mailto:info@fysiofits.example", "https://www.fysiofits.example", QR_URL} <= uris


def test_bookmarks_name_every_section(reader):
    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    edition = compose(load_library(REPO), SEED_TEAM, SEED)
    assert [s.heading for s in edition.sections] + [edition.back.heading] == [
        t for t in titles(reader.outline) if t not in (plain(edition.title), edition.team_name)
    ]


def test_text_reads_in_the_order_of_the_content_file(reader):
    edition = compose(load_library(REPO), SEED_TEAM, SEED)
    expected = [plain(edition.title), plain(edition.subtitle)]
    for section in (*edition.sections, edition.back):
        expected.append(section.heading)
        for block in section.blocks:
            items = getattr(block, block.kind)
            expected += [plain(item) for item in (items if isinstance(items, list) else [items])]
    expected += [name for name, _ in edition.therapists]
    text = words(tagged_text(reader))
    position = 0
    for snippet in expected:
        snippet = words(snippet)[:40]
        found = text.find(snippet, position)
        assert found >= 0, f"{snippet!r} is missing or out of order after {text[max(0, position - 60) : position]!r}"
        position = found + len(snippet)


def test_same_inputs_give_the_same_screen_pdf(project: Path):
    """Byte for byte, including the XMP packet (WeasyPrint's pdf/ua-1 XMP has no random ID or clock time)."""
    pdf = project / "build" / "screen" / SEED_TEAM / f"{SEED}.pdf"
    built = []
    for _ in range(2):
        report = leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1, outputs=["screen"], force=True)
        assert report.exit_code == 0, [str(p) for p in report.problems]
        built.append(pdf.read_bytes())
    assert built[0] == built[1]
    assert not (project / "build" / "print").exists()  # only the edition asked for


def test_links_written_in_content_are_live(project: Path):
    condition = project / "leaflets" / "conditions" / f"{SEED}.yaml"
    text = condition.read_text("utf-8")
    condition.write_text(
        text.replace(
            '      - text: "Kenmerken van langdurige lage rugklachten zijn mogelijk:"',
            '      - text: "Lees ook [de richtlijn](https://www.kennisbank.example/rug). Kenmerken zijn mogelijk:"',
        ),
        "utf-8",
    )
    report = leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1, outputs=["screen"])
    assert report.exit_code == 0, [str(p) for p in report.problems]
    reader = PdfReader(project / "build" / "screen" / SEED_TEAM / f"{SEED}.pdf")
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])]
    assert "https://www.kennisbank.example/rug" in uris


def test_qr_code_on_the_print_edition_scans_to_the_leaflets_address(seed_build: Path):
    dpi = 200
    outside = pypdfium2.PdfDocument(seed_build)[0]
    found = zxingcpp.read_barcodes(outside.render(scale=dpi / 72).to_pil())
    assert [code.text for code in found] == [QR_URL]
    corners = found[0].position
    width_mm = abs(corners.top_right.x - corners.top_left.x) / dpi * 25.4
    assert width_mm >= 20
    assert outside.get_width() * MM_PER_PT > 290  # it was read off the imposed sheet, not a panel


def test_qr_pattern_takes_team_and_condition_only():
    pattern = "https://www.fysiofits.example/folders/{team}/{condition}"
    assert qr.url_for(pattern, "sport", "hernia") == "https://www.fysiofits.example/folders/sport/hernia"
    assert markup.url_pattern_problem(pattern) == ""
    assert "unknown placeholder '{practice}'" in markup.url_pattern_problem("https://x.example/{practice}")
    assert "https://" in markup.url_pattern_problem("ftp://x.example/{team}")
    assert "brace" in markup.url_pattern_problem("https://x.example/{team")


def test_qr_modules_make_a_code_of_at_least_22_mm():
    for url in (QR_URL, QR_URL + "/" + "x" * 120):
        modules = qr._code(url).symbol_size(border=0)[0]
        assert modules * qr.module_mm(url) >= qr.SYMBOL_MM - 0.05


def test_a_bad_qr_pattern_is_a_located_error(project: Path):
    path = project / "leaflets" / "project.yaml"
    path.write_text(path.read_text("utf-8").replace("{condition}", "{folder}"), "utf-8")
    errors = [p for p in load_library(project).problems.errors if p.field == "qr.url"]
    assert len(errors) == 1
    assert "unknown placeholder '{folder}'" in errors[0].message
    assert errors[0].line > 1


def test_an_image_without_alt_text_is_a_located_error(project: Path):
    path = project / "leaflets" / "teams" / f"{SEED_TEAM}.yaml"
    path.write_text(re.sub(r"(?m)^logo_alt:.*\n", "", path.read_text("utf-8")), "utf-8")
    errors = [p for p in load_library(project).problems.errors if p.file.endswith(f"{SEED_TEAM}.yaml")]
    assert [p.field for p in errors] == ["logo_alt"]
    assert 'logo_alt: ""' in errors[0].message  # says how to mark it decorative


def test_a_decorative_image_is_a_background_not_a_figure(project: Path):
    path = project / "leaflets" / "teams" / f"{SEED_TEAM}.yaml"
    path.write_text(re.sub(r"(?m)^logo_alt:.*$", 'logo_alt: ""', path.read_text("utf-8")), "utf-8")
    library = load_library(project)
    assert not library.problems.errors
    html = to_html(compose(library, SEED_TEAM, SEED), project)
    assert '<img class="logo"' not in html
    assert re.search(
        r'<div class="logo decorative" data-src="logo" style="background-image: url\(&#34;file://[^"]+fysiofits-logo\.png', html
    )


def test_an_incremental_build_writes_a_missing_screen_pdf(project: Path):
    screen = project / "build" / "screen" / SEED_TEAM / f"{SEED}.pdf"
    selection = {"conditions": [SEED], "teams": [SEED_TEAM], "jobs": 1}
    result = CliRunner().invoke(
        main,
        ["--project", str(project), "build", "-c", SEED, "-t", SEED_TEAM, "-j", "1", "--edition", "print", "--no-proofs", "-q"],
    )
    assert result.exit_code == 0, result.output
    assert not screen.exists()
    # The print-only build wrote no screen PDF, so the edition is built again although nothing changed.
    assert [r.status for r in leafletpress.build(project, **selection).results] == ["built"]
    assert screen.is_file()
    screen.unlink()
    assert [r.status for r in leafletpress.build(project, **selection).results] == ["built"]
    assert screen.is_file()
    assert [r.status for r in leafletpress.build(project, **selection).results] == ["unchanged"]
    assert [r.status for r in leafletpress.build(project, outputs=["print"], **selection).results] == ["unchanged"]


def test_an_unknown_edition_is_a_usage_error(project: Path):
    with pytest.raises(leafletpress.api.UsageError, match="known: print, screen, web"):
        leafletpress.build(project, outputs=["epub"])
    result = CliRunner().invoke(main, ["--project", str(project), "build", "--edition", "epub"])
    assert result.exit_code == 2


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_every_word_hyphenated_in_the_print_edition_is_found_whole_in_the_screen_edition(sample_build):
    """Search and copy find it: the screen edition is laid out without hyphens at line ends (worker._screen_layout)."""
    root, report = sample_build
    assert report.exit_code == 0, [str(p) for p in report.problems]
    library = load_library(root)
    checked = 0
    for pdf in sorted((root / "build" / "print").glob("*/*.pdf")):
        edition = compose(library, pdf.parent.name, *split_name(pdf.stem))
        content = " ".join(plain(text) for text in content_texts(edition))
        screen = " ".join(pdftotext(root / "build" / "screen" / pdf.parent.name / pdf.name).split())
        for start, end in re.findall(r"(\w+)[-\u2010]\n(\w+)", pdftotext(pdf)):
            typed = f"{start}-{end}" if f"{start}-{end}" in content else start + end  # "a-specifieke": a real hyphen
            assert typed in content, (pdf, start, end)
            assert typed in screen, f"{pdf.stem}: '{typed}', broken at a line end in print, is not found in the screen PDF"
            checked += 1
    assert checked > 200  # the sample's print editions break a few hundred words


def content_texts(edition) -> list[str]:
    texts = [edition.title, edition.subtitle or ""]
    for section in (*edition.sections, edition.back):
        texts.append(section.heading)
        for block in section.blocks:
            value = getattr(block, block.kind)
            texts += value if isinstance(value, list) else [value]
    return texts + [f"{name} {disciplines}" for name, disciplines in edition.therapists]


def test_the_screen_layout_leaves_the_print_pdf_as_it_was(project: Path, seed_build: Path):
    report = leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1, outputs=["print"])
    assert report.exit_code == 0, [str(p) for p in report.problems]
    assert (project / "build" / "print" / SEED_TEAM / f"{SEED}.pdf").read_bytes() == seed_build.read_bytes()


def test_a_screen_edition_that_does_not_fit_without_hyphens_is_an_error(project: Path, monkeypatch):
    # As if the text fitted its panels only with words broken at line ends: the screen layout runs over.
    monkeypatch.setattr(
        "leafletpress.worker.SCREEN_CSS", "html, html * { hyphens: manual !important; } .body p { font-size: 16pt; }"
    )
    report = leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    assert report.exit_code == 1
    [problem] = report.errors
    assert problem.message.startswith("the screen edition (no hyphens at line ends): 'De behandeling' does not fit")
    assert not (project / "build" / "print").exists()  # an edition that fails writes nothing
