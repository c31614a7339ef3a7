"""Paint a shared body once: the body pages kept for other editions are drawn the same in each of their PDFs.

WeasyPrint paints every page of every PDF it writes; a body laid out once for ten teams
(typeset/share.py) was painted ten times, the largest share of what writing a PDF costs. The
pages of a `PaintedBody` paint themselves the first time into a scratch document of their own,
keep what that drawing wrote and what it asked of the document (the fonts and glyphs it used,
with their widths and text; the opacity states it named), and from then on write that into each
PDF instead of drawing again: byte for byte what drawing them would write (tests/test_share.py
and tests/test_replay.py compare the files).

Drawing text writes each glyph's kerning from the width the document's font already holds for
it, and a font holds the width of the size it was first drawn at (rounded per size). So a page
is replayed only into a document whose fonts hold exactly what the scratch document held before
that page: the body's pages painted first, in order (worker._print_pdf writes the body pages
before the cover and the back). Anything else is painted as WeasyPrint paints it, every time: a
page whose drawing adds a resource named by a counter (a group, pattern, shading, image or
graphics state, named after the pages before it), a form field or an emoji, a glyph the font
lacks, and any page drawn with tags (the screen edition numbers its marked content per document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pydyf
from weasyprint.document import Page
from weasyprint.pdf.stream import Stream
from weasyprint.text.fonts import get_pango_font_key

_BY_VALUE = re.compile(r"[aA]\d")  # opacity states, named after their value ('a0.5'): the same in every PDF
_REFUSED = None  # a page whose drawing is not replayed: it is painted every time


def _key(pango_font) -> str:
    return get_pango_font_key(pango_font)[0]


def _state(fonts: dict) -> dict:
    """What a document's fonts hold, as far as drawing reads or writes it: each one's glyph widths and texts."""
    return {key: (dict(font.widths), dict(font.to_unicode)) for key, font in fonts.items()}


@dataclass
class _Recording:
    """What painting one page wrote, and what it added to the document, from the state it started in."""

    ops: list  # the content stream's operators, as the page's drawing appends them
    ctm: list  # the transformation stack the stream was on when the page was drawn
    before: dict  # the fonts' state the page was drawn on (_state)
    new_fonts: list  # pango fonts the page was the first to use, in that order
    glyphs: dict  # font key -> (widths, texts) the page added, in the order it added them
    states: list  # (name, entries) of the opacity states the page named, in the order it named them

    def fits(self, stream: Stream) -> bool:
        """Whether replaying into this stream writes what drawing the page into it would."""
        if stream._tags is not None or [matrix.values for matrix in stream._ctm_stack] != self.ctm:
            return False
        current = (stream._current_color, stream._current_color_stroke, stream._current_alpha, stream._current_alpha_stroke)
        if any(value is not None for value in current) or stream._current_font is not None:
            return False
        fonts = stream._fonts
        return fonts.keys() == self.before.keys() and all(
            (fonts[key].widths, fonts[key].to_unicode) == held for key, held in self.before.items()
        )

    def replay(self, stream: Stream) -> None:
        for pango_font in self.new_fonts:
            stream.add_font(pango_font)  # made as drawing makes it, from the font it first met
        for key, (widths, texts) in self.glyphs.items():
            font = stream._fonts[key]
            font.widths.update(widths)
            font.to_unicode.update(texts)
        states = stream._resources["ExtGState"]
        for name, entries in self.states:
            if name not in states:
                states[name] = pydyf.Dictionary(entries)
        stream.stream.extend(self.ops)


class _RecordingStream(Stream):
    """A scratch document's stream that notes the fonts in the order its drawing first uses them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.first_used: list = []

    def add_font(self, pango_font):
        if _key(pango_font) not in self._fonts:
            self.first_used.append(pango_font)
        return super().add_font(pango_font)


@dataclass
class _Scratch:
    """The scratch document a body's pages are painted into once, at one scale, in order."""

    fonts: dict = field(default_factory=dict)
    recordings: list = field(default_factory=list)  # one per page painted so far: a _Recording or _REFUSED
    broken: bool = False  # a page could not be drawn here: the fonts no longer follow the PDFs' (nothing after replays)


class PaintedBody:
    """The pages of one laid-out body, each painted once and replayed into every PDF after (see the module docstring)."""

    def __init__(self, pages: list[Page]):
        self.pages = [PaintedOnce(page, self, index) for index, page in enumerate(pages)]
        self.scratch: dict[float, _Scratch] = {}

    def recording(self, page: PaintedOnce, like: Stream, scale: float) -> _Recording | None:
        """The page's recording at this scale, made now if every page before it has one; None: paint it."""
        scratch = self.scratch.setdefault(scale, _Scratch())
        if page.index < len(scratch.recordings):
            return scratch.recordings[page.index]
        if scratch.broken or page.index != len(scratch.recordings):
            return _REFUSED  # asked out of order: the scratch fonts would not be this page's
        recording = _record(page, like, scale, scratch)
        scratch.recordings.append(recording)
        return recording


class PaintedOnce(Page):
    """One page of a PaintedBody: the same page (its boxes, size, links and anchors), painted once."""

    def __init__(self, page: Page, body: PaintedBody, index: int):  # noqa: D107
        self.__dict__.update(page.__dict__)
        self.body, self.index = body, index
        self.replayed = 0  # how many PDFs got the recorded drawing (the tests look)

    def paint(self, stream, scale=1):
        recording = self.body.recording(self, stream, scale)
        if recording is _REFUSED or not recording.fits(stream):
            super().paint(stream, scale)
            return
        recording.replay(stream)
        self.replayed += 1

    def draw(self, stream, scale) -> None:
        """Draw as WeasyPrint does (what the recording is made of)."""
        super().paint(stream, scale)


def _record(page: PaintedOnce, like: Stream, scale: float, scratch: _Scratch) -> _Recording | None:
    """Paint the page into the scratch document with a stream made like `like`; what it wrote, or _REFUSED."""
    if like._tags is not None or any(page.forms.values()):
        scratch.broken = True  # not drawn into the scratch: its fonts miss what this page adds
        return _REFUSED
    before = _state(scratch.fonts)
    resources = pydyf.Dictionary(
        {
            "ExtGState": pydyf.Dictionary(),  # this page's own: what it names, in the order it names it
            "XObject": pydyf.Dictionary(),
            "Pattern": pydyf.Dictionary(),
            "Shading": pydyf.Dictionary(),
            "ColorSpace": like._resources["ColorSpace"],
        }
    )
    images: dict = {}
    stream = _RecordingStream(
        scratch.fonts,
        like.page_rectangle,
        resources,
        images,
        None,
        like._color_profiles,
        like._output_intent,
        compress=like.compress,
    )
    stream._ctm_stack = list(like._ctm_stack)
    page.draw(stream, scale)
    states = resources["ExtGState"]
    if images or resources["XObject"] or resources["Pattern"] or resources["Shading"]:
        return _REFUSED
    if not all(_BY_VALUE.match(name) for name in states) or not all(isinstance(op, (bytes, str)) for op in stream.stream):
        return _REFUSED
    fonts = scratch.fonts.values()
    if any(font.missing or font.used_in_forms or font.png or font.svg or font.colr for font in fonts):
        return _REFUSED
    glyphs = {}
    for key, font in scratch.fonts.items():
        widths, texts = before.get(key, ({}, {}))
        added = (
            {g: w for g, w in font.widths.items() if g not in widths},
            {g: t for g, t in font.to_unicode.items() if g not in texts},
        )
        if added[0] or added[1]:
            glyphs[key] = added
    return _Recording(
        list(stream.stream),
        [matrix.values for matrix in like._ctm_stack],
        before,
        list(stream.first_used),
        glyphs,
        [(name, dict(entries)) for name, entries in states.items()],
    )
