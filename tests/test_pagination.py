"""CSS pagination rules the body relies on: steps stay whole, headings stay with their text."""

from __future__ import annotations

import yaml

from leafletpress.compose.edition import compose, to_html
from leafletpress.content.load import load_library
from leafletpress.typeset.fit import walk as _walk
from leafletpress.typeset.typesetter import Typesetter

STEP = "Een stap met uitleg die over meerdere regels loopt, zodat de stap hoog genoeg is om te breken. " * 3


def _pages(project, sections):
    data = {"title": "Proef", "sections": sections}
    (project / "leaflets/conditions/proef.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    library = load_library(project)
    assert not library.problems.errors, library.problems.sorted()
    edition = compose(library, "fysiofits", "proef")
    rendered = Typesetter(project).render(to_html(edition, project), edition.stylesheets, edition.fold_spec, "x", bleed=3)
    return [page._page_box for page in rendered.document.pages]


def _pages_of(pages, predicate) -> dict[int, set[int]]:
    """For each element matching predicate (by identity), the set of page numbers it appears on."""
    found: dict[int, set[int]] = {}
    for number, page in enumerate(pages):
        for box in _walk(page):
            element = getattr(box, "element", None)
            if element is not None and predicate(box):
                found.setdefault(id(element), set()).add(number)
    return found


def test_a_numbered_step_is_never_split_over_two_panels(project):
    pages = _pages(project, [{"heading": "Stappen", "blocks": [{"steps": [STEP] * 9}]}])
    steps = _pages_of(pages, lambda box: box.element_tag == "li" and (box.element.text or "").startswith("Een stap"))
    assert len(steps) == 9
    assert len({min(p) for p in steps.values()}) > 1, "the steps should need more than one panel"
    assert all(len(on) == 1 for on in steps.values())


def test_a_heading_is_never_the_last_thing_on_a_panel(project):
    filler = {"heading": "Inleiding", "blocks": [{"text": "Zin met tekst om de ruimte te vullen. " * 38}]}
    pages = _pages(project, [filler, {"heading": "Volgende kop", "blocks": [{"text": "Tekst na de kop. " * 20}]}])
    headings = _pages_of(pages, lambda box: box.element_tag == "h2" and box.element.text == "Volgende kop")
    paragraphs = _pages_of(pages, lambda box: box.element_tag == "p" and box.element.text.startswith("Tekst na de kop"))
    [heading_pages] = headings.values()
    [paragraph_pages] = paragraphs.values()
    assert min(paragraph_pages) == min(heading_pages)
