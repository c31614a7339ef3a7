"""The seed edition as a print shop receives it: geometry in mm, text, panels, fonts."""

from __future__ import annotations

import re

import pytest
import yaml
from pypdf import PdfReader

from leafletpress.fold import FOLDS
from leafletpress.fold.sheet import PrintShop

from .helpers import REPO, box_mm, find_text, text_positions

FOLD = FOLDS["a4-roll-trifold"]
SHOP = PrintShop()  # the sample project asks what leafletpress always made: 3 mm bleed, crop and fold marks
SLUG_MM = SHOP.slug
SEED_FILE = REPO / "tests" / "fixtures" / "seed-lage-rugklachten.txt"  # copy of shared/seed/000_9879c0974426710d.txt
SEED_B1 = REPO / "tests" / "fixtures" / "seed-b1.yaml"  # the seed's sentences the B1 review rewrote, and their rewrites


def test_two_pages_outside_then_inside(seed_build):
    assert len(PdfReader(seed_build).pages) == 2


@pytest.mark.parametrize("page_number", [0, 1])
def test_trim_box_is_the_a4_sheet(seed_build, page_number):
    page = PdfReader(seed_build).pages[page_number]
    left, bottom, width, height = box_mm(page.trimbox)
    assert width == pytest.approx(297, abs=0.1)
    assert height == pytest.approx(210, abs=0.1)
    assert (left, bottom) == (pytest.approx(SLUG_MM, abs=0.1), pytest.approx(SLUG_MM, abs=0.1))


@pytest.mark.parametrize("page_number", [0, 1])
def test_bleed_box_is_3mm_beyond_trim_on_every_side(seed_build, page_number):
    page = PdfReader(seed_build).pages[page_number]
    trim, bleed = box_mm(page.trimbox), box_mm(page.bleedbox)
    assert bleed[0] == pytest.approx(trim[0] - 3, abs=0.05)
    assert bleed[1] == pytest.approx(trim[1] - 3, abs=0.05)
    assert bleed[2] == pytest.approx(trim[2] + 6, abs=0.05)
    assert bleed[3] == pytest.approx(trim[3] + 6, abs=0.05)


@pytest.mark.parametrize("page_number", [0, 1])
def test_media_box_leaves_room_for_marks_outside_the_bleed(seed_build, page_number):
    page = PdfReader(seed_build).pages[page_number]
    media, bleed = box_mm(page.mediabox), box_mm(page.bleedbox)
    assert media[0] <= bleed[0] - 6 and media[1] <= bleed[1] - 6
    assert media[2] >= bleed[2] + 12 and media[3] >= bleed[3] + 12


def _panel_text(pdf, panel) -> str:
    """The text of one panel, found by where its runs start on the sheet."""
    page_number = FOLD.sides.index(panel.side)
    runs = text_positions(pdf, page_number)
    return " ".join(text for text, x, _ in runs if panel.x - 1 <= x < panel.x + panel.width - 1)


def _squash(text: str) -> str:
    """Compare text without whitespace and hyphens: line breaks and hyphenation differ by design."""
    return re.sub(r"[\s\-\u00ad\u2010•\ufffd`'’]", "", text)


def _seed_sentences() -> list[str]:
    """The seed's sentences, headings and list items, with its two slips fixed."""
    text = SEED_FILE.read_text("utf-8").replace("\ufffd", "")
    text = text.replace("teinformeren", "te informeren").replace("onder \nzoek", "onderzoek")
    sentences = []
    for chunk in re.split(r"\n\s*\n|•|\n\s*(?=\d\s)", text):  # paragraphs, bullets, steps
        chunk = re.sub(r"^\s*\d\s+", "", re.sub(r"\s+", " ", chunk).strip())  # drop a step's number
        sentences += [s.strip() for s in re.split(r"(?<=[.?:])\s+", chunk) if len(s.strip()) > 3]
    return sentences


def test_every_sentence_of_the_seed_is_in_the_pdf_as_written_or_as_its_b1_rewrite(seed_build):
    """Nothing of the seed is lost: each sentence is printed as written, or as the plainer text the B1 review
    (tests/fixtures/seed-b1.yaml) put in its place; and no rewrite is listed for a sentence that is still there."""
    reading = _squash(" ".join(_panel_text(seed_build, panel) for panel in FOLD.panels))
    rewrites = {item["seed"]: item["now"] for item in yaml.safe_load(SEED_B1.read_text("utf-8"))}
    sentences = _seed_sentences()
    assert len(sentences) > 40 and set(rewrites) <= set(sentences)
    missing = [s for s in sentences if _squash(rewrites.get(s, s)) not in reading]
    assert not missing
    assert not [s for s in rewrites if _squash(s) in reading]


def test_the_seed_slips_are_fixed(seed_build):
    reading = " ".join(_panel_text(seed_build, panel) for panel in FOLD.panels)
    assert "teinformeren" not in reading and "onder zoek" not in reading


def test_title_lands_on_the_cover_panel(seed_build):
    x, y = find_text(text_positions(seed_build, 0), "Langdurige")
    cover = FOLD.cover
    assert cover.x + SHOP.safe_margin <= x <= cover.x + cover.width - SHOP.safe_margin
    assert SHOP.safe_margin <= y <= FOLD.sheet_height - SHOP.safe_margin


def test_team_and_all_six_therapists_land_on_the_back_panel(seed_build):
    runs = text_positions(seed_build, 0)
    back = FOLD.back
    for name in [
        "Team FysioFits",
        "Harmke Berenpas",
        "Casper Oude Lohuis",
        "Bregtje Kuppens",
        "Guido Heerink",
        "Jordi Koning",
        "Paul Nip",
    ]:
        x, _ = find_text(runs, name)
        assert back.x + SHOP.safe_margin <= x <= back.x + back.width - SHOP.safe_margin, name


def test_body_starts_on_the_flap_and_the_steps_are_inside(seed_build):
    """Reading order is cover, flap, inside: the body's first section opens the flap."""
    flap = FOLD.body[0]
    x, _ = find_text(text_positions(seed_build, 0), "Aandoening")
    assert flap.side == "outside" and flap.x <= x <= flap.x + flap.width
    inside = text_positions(seed_build, 1)
    x, _ = find_text(inside, "De behandeling")
    assert 0 <= x <= FOLD.sheet_width
    assert any("werk?" in text for text, _, _ in inside)


def test_no_text_within_the_safe_margin_of_trim_or_folds(seed_build):
    for side_number, side in enumerate(FOLD.sides):
        edges = [0.0, FOLD.sheet_width, *FOLD.folds_on(side)]
        for text, x, y in text_positions(seed_build, side_number):
            assert all(abs(x - edge) >= SHOP.safe_margin for edge in edges), (text, x)
            assert SHOP.safe_margin <= y <= FOLD.sheet_height - SHOP.safe_margin, (text, y)


def test_every_font_is_embedded(seed_build):
    reader = PdfReader(seed_build)
    fonts = []

    def collect(resources):
        for font in resources.get("/Font", {}).values():
            fonts.append(font.get_object())
        for xobject in resources.get("/XObject", {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                collect(xobject["/Resources"].get_object())

    for page in reader.pages:
        collect(page["/Resources"].get_object())
    assert fonts
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
        assert "Lato" in font["/BaseFont"]


def test_metadata_title_author_language(seed_build):
    reader = PdfReader(seed_build)
    assert reader.metadata.title.startswith("Langdurige lage rugklachten")
    assert reader.metadata.author == "FysioFits"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
