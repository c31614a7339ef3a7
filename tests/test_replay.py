"""A shared body painted once and replayed (pdf/replay.py) writes the bytes drawing it writes, or is drawn."""

from __future__ import annotations

import pytest
from weasyprint import HTML

import leafletpress
from leafletpress import worker
from leafletpress.pdf.replay import PaintedBody

from .helpers import SEED, SEED_TEAM
from .test_share import OTHER, add_branch

PAGES = """<!DOCTYPE html><html lang="nl"><head><style>
@page { size: 100mm 100mm; } section { break-after: page; } h1 { font-size: 30pt; }
</style></head><body>
<section><h1>Omslag</h1></section>
<section><p>De fysiotherapeut kijkt samen met u naar wat u nodig hebt.</p><p style="color: rgb(0 0 0 / 50%)">Half</p></section>
<section><h1>Behandeling</h1><p>Oefeningen voor thuis, elke dag een beetje.</p></section>
</body></html>"""


def _write(document, pages: list) -> bytes:
    return document.copy(pages).write_pdf(uncompressed_pdf=True)


@pytest.fixture(scope="module")
def document():
    return HTML(string=PAGES).render()


def test_a_replayed_body_writes_what_drawing_it_writes(document):
    cover, *body = document.pages
    drawn = _write(document, [*body, cover])
    painted = PaintedBody(body).pages
    assert _write(document, [*painted, cover]) == drawn  # recorded, then replayed
    assert _write(document, [*painted, cover]) == drawn  # replayed again
    assert [page.replayed for page in painted] == [2, 2]


def test_a_body_after_pages_that_used_its_fonts_is_drawn_again(document):
    """The cover's 30 pt title put glyph widths of that size into the font: the body's kerning reads those."""
    cover, *body = document.pages
    drawn = _write(document, [cover, *body])
    painted = PaintedBody(body).pages
    assert _write(document, [cover, *painted]) == drawn
    assert painted[0].replayed == 0


def test_tagged_pages_are_drawn_every_time(document):
    cover, *body = document.pages
    drawn = document.copy([*body, cover]).write_pdf(uncompressed_pdf=True, pdf_tags=True)
    painted = PaintedBody(body).pages
    for _ in range(2):
        assert document.copy([*painted, cover]).write_pdf(uncompressed_pdf=True, pdf_tags=True) == drawn
    assert [page.replayed for page in painted] == [0, 0]


def test_a_page_that_names_a_resource_by_counter_is_drawn_every_time():
    """Opacity makes a group named x0, x1...: its name counts the pages before it, so that page is drawn every
    time; the pages before and after it are replayed (drawn the same way in both, it leaves the fonts alike)."""
    opaque = '<section style="opacity: 0.5"><h1>Oefenen</h1></section><section><h1>Behandeling'
    document = HTML(string=PAGES.replace("<section><h1>Behandeling", opaque)).render()
    cover, *body = document.pages
    assert len(body) == 3
    drawn = _write(document, [*body, cover])
    painted = PaintedBody(body).pages
    for _ in range(2):
        assert _write(document, [*painted, cover]) == drawn
    assert [page.replayed for page in painted] == [2, 0, 2]


def test_pages_asked_out_of_order_are_drawn(document):
    cover, *body = document.pages
    drawn = _write(document, [*reversed(body), cover])
    painted = PaintedBody(body).pages
    assert _write(document, [*reversed(painted), cover]) == drawn
    assert [page.replayed for page in painted] == [0, 0]


def test_a_build_replays_a_shared_body_into_the_other_teams_print_pdfs(project):
    """In a build the second team's print PDF of a condition gets the body the first team's drew (the bytes are
    compared with editions built alone in tests/test_share.py)."""
    add_branch(project)
    report = leafletpress.build(project, jobs=1, conditions=[SEED, OTHER], teams=[SEED_TEAM, "oost"], outputs=["print"])
    assert report.exit_code == 0
    bodies = worker.current(project).bodies.kept()  # the bodies the in-process worker kept
    assert len(bodies) == 2 and all(page.replayed == 2 for pages in bodies for page in pages)
