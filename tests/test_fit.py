"""What "fits" means: every section lands on a panel of the fold, or the edition fails loudly."""

from __future__ import annotations

import re

import yaml
from pypdf import PdfReader

import leafletpress

LONG_PARAGRAPH = " ".join(["De behandeling wordt afgestemd op uw klachten en uw doelen."] * 60)


def _add_condition(project, slug, sections):
    data = {"title": "Proefaandoening", "sections": sections}
    (project / "leaflets" / "conditions" / f"{slug}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_overlong_condition_fails_with_section_and_mm_while_others_build(project):
    _add_condition(
        project,
        "te-lang",
        [
            {"heading": "Aandoening", "blocks": [{"text": "Een korte uitleg."}]},
            {"use": "werkwijze"},
            {"heading": "De behandeling", "blocks": [{"text": LONG_PARAGRAPH}]},
            {"use": "afsluiting"},
        ],
    )
    report = leafletpress.build(project, conditions=["te-lang", "lage-rugklachten"], jobs=1)
    assert report.exit_code == 1
    [error] = report.errors
    message = str(error)
    assert message.startswith("leaflets/conditions/te-lang.yaml:")
    assert re.search(
        r"'De behandeling' does not fit: the text needs [5-9] body panels, the roll fold has 4 \(about \d+ mm too long\)", message
    )
    mm = int(message.split("(about ")[1].split(" mm")[0])
    assert 10 < mm < 400
    assert not (project / "build/print/fysiofits/te-lang.pdf").exists()
    good = project / "build/print/fysiofits/lage-rugklachten.pdf"
    assert len(PdfReader(good).pages) == 2


def test_overflow_names_the_line_of_the_section(project):
    _add_condition(
        project,
        "te-lang",
        [
            {"heading": "Aandoening", "blocks": [{"text": LONG_PARAGRAPH}, {"text": LONG_PARAGRAPH}]},
        ],
    )
    report = leafletpress.check(project, conditions=["te-lang"], jobs=1)
    [error] = report.errors
    lines = (project / "leaflets/conditions/te-lang.yaml").read_text("utf-8").splitlines()
    assert lines[error.line - 1].lstrip().startswith("- ")  # the line where the section starts
    assert "'Aandoening' does not fit" in error.message


def test_a_word_wider_than_its_panel_is_an_error_not_clipped_text(project):
    _add_condition(
        project,
        "lang-woord",
        [
            {"heading": "Aandoening", "blocks": [{"text": "Een " + "x" * 90 + " woord."}]},
        ],
    )
    report = leafletpress.check(project, conditions=["lang-woord"], jobs=1)
    assert report.exit_code == 1
    assert any("runs" in e.message and "past the edge of its panel" in e.message for e in report.errors)


def test_new_panel_starts_a_section_on_the_next_panel(project):
    _add_condition(
        project,
        "nieuw-paneel",
        [
            {"heading": "Aandoening", "blocks": [{"text": "Kort."}]},
            {"heading": "Symptomen", "new_panel": True, "blocks": [{"bullets": ["Pijn.", "Stijfheid."]}]},
            {"heading": "De behandeling", "new_panel": True, "blocks": [{"text": "Oefenen."}]},
            {"heading": "Afsluiting", "new_panel": True, "blocks": [{"text": "Verslag."}]},
        ],
    )
    report = leafletpress.check(project, conditions=["nieuw-paneel"], jobs=1)
    assert report.exit_code == 0
    [result] = report.results
    assert result.body_panels == 4


def test_a_short_leaflet_keeps_its_back_panel_in_place(project):
    """Fewer body panels than the fold has: empty panels fill up, the back stays the back."""
    _add_condition(project, "kort", [{"heading": "Aandoening", "blocks": [{"text": "Kort."}]}])
    report = leafletpress.build(project, conditions=["kort"], jobs=1)
    assert report.exit_code == 0
    reader = PdfReader(project / "build/print/fysiofits/kort.pdf")
    assert len(reader.pages) == 2
    assert "Team FysioFits" in reader.pages[0].extract_text()
