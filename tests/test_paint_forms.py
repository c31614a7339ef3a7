"""A form the content interpreter (pdf/paint.py) read before is taken from what it painted then, only when
everything it looked up answers the same: a shared body's panel form is read once a worker, not once a PDF."""

from __future__ import annotations

import pytest

from leafletpress.pdf import paint

PANEL = b"q 0 0 0 1 k 10 10 50 20 re f /a0.5 gs 0 0 0 1 k BT /F1 9 Tf 1 0 0 1 12 40 Tm <0102> Tj ET Q"


class Objects:
    """paint.Resources with one panel form and what its names answer."""

    def __init__(self, alpha: float = 1.0, form: bytes = PANEL, image: bool = False):
        self.alpha, self.form, self.image = alpha, form, image

    def space(self, name: str) -> paint.Colour:
        return paint.Colour("cmyk", (0.0, 0.0, 0.0, 1.0))

    def state(self, name: str) -> tuple[float, float, bool]:
        return self.alpha, 1.0, False

    def xobject(self, name: str) -> paint.XObject | None:
        if name == "Logo" and self.image:
            return paint.XObject("image", image="logo")
        if name == "Panel0":
            return paint.XObject("form", self.form, bbox=(0.0, 0.0, 100.0, 100.0), resources=self)
        return None

    def pattern(self, name: str) -> paint.Pattern | None:
        return None

    def shading(self, name: str) -> paint.Colour | None:
        return None


SHEET = b"q 1 0 0 1 20 30 cm /Panel0 Do Q"


@pytest.fixture(autouse=True)
def forms(monkeypatch):
    """A fresh memory of forms, and a count of the forms' contents the interpreter reads."""
    monkeypatch.setattr(paint, "_FORMS", paint._Forms())
    read: list[bytes] = []
    run = paint._run

    def counting(content, resources, state, depth, out):
        if depth:
            read.append(content)
        return run(content, resources, state, depth, out)

    monkeypatch.setattr(paint, "_run", counting)
    return read


def test_a_form_drawn_the_same_way_again_is_read_once(forms):
    first = paint.paints(SHEET, Objects())
    second = paint.paints(SHEET, Objects())  # another PDF's objects, the same answers
    assert second == first
    assert [p.kind for p in first] == ["fill", "text"]
    assert forms == [PANEL]


def test_a_name_that_answers_otherwise_reads_the_form_again(forms):
    first = paint.paints(SHEET, Objects(alpha=0.5))
    second = paint.paints(SHEET, Objects(alpha=1.0))
    assert not first[1].opaque and second[1].opaque
    assert forms == [PANEL, PANEL]


def test_a_form_drawn_elsewhere_is_read_again(forms):
    here = paint.paints(SHEET, Objects())
    there = paint.paints(SHEET.replace(b"20 30 cm", b"120 30 cm"), Objects())
    assert there[0].box[0] == here[0].box[0] + 100
    assert forms == [PANEL, PANEL]


def test_a_form_that_draws_a_picture_is_never_kept(forms):
    form = PANEL + b" q 10 0 0 10 60 60 cm /Logo Do Q"
    first = paint.paints(SHEET, Objects(form=form, image=True))
    second = paint.paints(SHEET, Objects(form=form, image=True))
    assert second == first and first[-1].kind == "image"
    assert forms == [form, form]
