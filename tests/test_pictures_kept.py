"""Raster pictures read once per build (typeset/pictures.py): shared between layouts, their PDF data made once,
and a picture that cannot be read still reported by every layout that asks for it."""

from __future__ import annotations

import pydyf

from leafletpress.compose.edition import compose, to_html
from leafletpress.content.load import load_library
from leafletpress.typeset.pictures import KeptImage
from leafletpress.typeset.typesetter import Typesetter

from .helpers import SEED, SEED_TEAM


def _logos(document) -> list:
    found = []

    def visit(box):
        image = getattr(box, "replacement", None)
        if image is not None and getattr(box, "element", None) is not None and box.element.get("data-src") == "logo":
            found.append(image)
        for child in getattr(box, "children", []):
            visit(child)

    for page in document.pages:
        visit(page._page_box)
    return found


def _render(setter: Typesetter, project, html: str):
    library = load_library(project)
    edition = compose(library, SEED_TEAM, SEED)
    return setter.render(
        html or to_html(edition, project), edition.stylesheets, edition.fold_spec, edition.condition_file, bleed=3
    )


def test_the_layouts_of_a_build_share_a_raster_picture_and_its_pdf_object_is_made_once(project, monkeypatch):
    setter = Typesetter(project)
    setter.start("build 1")
    first, second = _render(setter, project, ""), _render(setter, project, "")
    assert _logos(first.document) and _logos(second.document)
    kept = _logos(second.document)[0]
    assert isinstance(kept, KeptImage) and all(logo is kept for logo in _logos(second.document))
    made = []
    real = KeptImage.__mro__[1].get_x_object
    monkeypatch.setattr(KeptImage.__mro__[1], "get_x_object", lambda self, *a: made.append(1) or real(self, *a))
    a, b = kept.get_x_object(False, 1), kept.get_x_object(False, 1)
    assert made == [1]
    assert a is not b and a.extra is not b.extra and a.extra["SMask"] is not b.extra["SMask"]
    assert a.stream == b.stream and dict(a.extra["DecodeParms"]) == dict(b.extra["DecodeParms"])
    a.extra["SMask"] = pydyf.Stream()  # what writing a PDF does to its copy
    mask = kept.get_x_object(False, 1).extra["SMask"]
    assert isinstance(mask, pydyf.Stream) and mask.stream
    setter.start("build 2")  # a new build reads the files again
    assert not setter.pictures and _logos(_render(setter, project, "").document)[0] is not kept


def test_a_picture_that_cannot_be_read_is_reported_by_every_layout(project):
    setter = Typesetter(project)
    library = load_library(project)
    html = to_html(compose(library, SEED_TEAM, SEED), project).replace("fysiofits-logo.png", "missing-logo.png")
    for _ in range(2):
        rendered = _render(setter, project, html)
        assert any("missing-logo.png" in problem.message and "not found" in problem.message for problem in rendered.problems)
