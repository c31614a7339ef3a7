"""What a PDF content stream paints, where and in which colour: a small interpreter over its operators.

It follows the graphics state a print check needs (the matrix, the clip as a box, fill and
stroke colour, line width, opacity, text size) into nested forms and patterns, and lists
one `Paint` per fill, stroke, text run, image and shading, located on the page in points.
Glyph shapes are not followed: a text run is where it starts and how big it is set.
The objects behind names (colour spaces, images, forms) come from a `Resources` reader, so
the same interpreter reads WeasyPrint's objects before they are written (ink.py) and a
finished file (preflight/).
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..kept import Kept

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 on the page, in points
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 8  # forms inside forms; deeper nesting is not followed

# One match per operator, with its operands as they are written: the loop runs once per operator, and
# operands are split only for the operators that need them. A TJ array is one operand, whatever its glyphs.
_OPERATION = re.compile(
    rb"((?:\[(?:\((?:\\.|[^\\)])*\)|<[^>]*>|[^\]()<])*\]|\((?:\\.|[^\\)])*\)|<<.*?>>|<[0-9A-Fa-f\s]*>"
    rb"|/[^\s/\[\]<>(){}%]*|[-+]?(?:\d+\.?\d*|\.\d+)(?![\d.])|true|false|null|\s|%[^\r\n]*)*)"
    rb"([A-Za-z'\"][A-Za-z0-9*]*)",
    re.S,
)
_INLINE_IMAGE = re.compile(rb"(?<![^\s])BI\s.*?\sID\s.*?\sEI(?![^\s])", re.S)
_PAINT_OPERATORS = {b"f": "f", b"F": "f", b"f*": "f*", b"S": "S", b"s": "S", b"B": "fS", b"B*": "f*S", b"b": "fS", b"b*": "f*S"}
_INITIAL = {"gray": (0.0,), "rgb": (0.0, 0.0, 0.0), "lab": (0.0, 0.0, 0.0), "cmyk": (0.0, 0.0, 0.0, 1.0)}


@dataclass(frozen=True)
class Colour:
    """A colour as the file gives it: its kind of space and its components."""

    space: str  # gray, rgb, lab, cmyk, spot, registration, pattern or other
    values: tuple[float, ...] = ()
    pattern: str = ""  # for space 'pattern': the pattern's name

    @property
    def ink(self) -> float | None:
        """Total ink as a fraction (1.0 = 100 %); None where the colour is not ink (RGB, Lab) or is registration."""
        if self.space == "cmyk":
            return sum(self.values)
        if self.space == "gray":
            return 1.0 - self.values[0]
        if self.space == "spot":
            return self.values[0] if self.values else 1.0
        return None


BLACK = Colour("gray", (0.0,))


@dataclass(frozen=True)
class Paint:
    """One painting operation, located on the page."""

    kind: str  # fill, stroke, text, image, shading
    box: Box  # what it covers, the clip applied (text: the point where the run starts)
    colour: Colour | None = None  # None for images
    width: float = 0.0  # stroke: line width; fill: thickness (narrowest side); text: size; all in points
    exact: bool = False  # the box is exactly what is painted: a rectangle, clipped by rectangles only
    opaque: bool = True  # no opacity below 1 and no soft mask
    name: str = ""  # image: its XObject name
    image: object = None  # image: what the Resources reader gave for it


@dataclass
class XObject:
    """An XObject as a Resources reader describes it."""

    kind: str  # form or image
    content: bytes = b""  # form
    matrix: Matrix = IDENTITY  # form
    bbox: Box | None = None  # form, in its own space
    resources: Resources | None = None  # form
    image: object = None  # image: anything the caller needs back in Paint.image


@dataclass
class Pattern:
    """A pattern: a tiling cell (content drawn in pattern space) or a shading's colour."""

    matrix: Matrix = IDENTITY
    content: bytes = b""
    resources: Resources | None = None
    shading: Colour | None = None


class Resources(Protocol):
    """Looks up the names a content stream uses."""

    def space(self, name: str) -> Colour:
        """A named colour space as a Colour holding its initial value."""

    def state(self, name: str) -> tuple[float, float, bool]:
        """An ExtGState: fill opacity, stroke opacity, whether it sets a soft mask."""

    def xobject(self, name: str) -> XObject | None: ...

    def pattern(self, name: str) -> Pattern | None: ...

    def shading(self, name: str) -> Colour | None:
        """A shading's colour: its space and its most inked end."""


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    clip: Box | None = None
    clip_exact: bool = True
    fill: Colour = BLACK
    stroke: Colour = BLACK
    line_width: float = 1.0
    fill_alpha: float = 1.0
    stroke_alpha: float = 1.0
    soft_mask: bool = False
    font_size: float = 0.0
    render_mode: int = 0
    leading: float = 0.0
    base: Matrix = IDENTITY  # the matrix of the form or page the content belongs to (where patterns live)


@dataclass
class _Path:
    points: list[tuple[float, float]] = field(default_factory=list)
    rects: list[Box] = field(default_factory=list)
    other: bool = False  # curves, or lines that do not make an upright rectangle
    lines: list[tuple[float, float]] = field(default_factory=list)  # the open subpath's points (m/l)

    def close_lines(self) -> None:
        if len(self.lines) in (4, 5):
            box = _upright_rectangle(self.lines)
            if box is None:
                self.other = True
            else:
                self.rects.append(box)
        elif len(self.lines) > 1:
            self.other = True  # a line or a polygon: not a rectangle (the QR code's modules are 400 such)
        self.lines = []


def paints(content: bytes, resources: Resources, ctm: Matrix = IDENTITY, clip: Box | None = None) -> list[Paint]:
    """Every painting operation of a page's (or form's) content, through the forms it draws, in order."""
    out: list[Paint] = []
    _run(content, resources, _State(ctm=ctm, clip=clip, base=ctm), 0, out)
    return out


def _run(content: bytes, resources: Resources, state: _State, depth: int, out: list[Paint]) -> None:
    if b"BI" in content:
        content = _INLINE_IMAGE.sub(b" ", content)
    stack: list[_State] = []
    path = _Path()
    pending_clip = False
    text_matrix = line_matrix = IDENTITY
    for raw, op in _OPERATION.findall(content):
        if op == b"l" or op == b"m":
            numbers = raw.split()
            if len(numbers) < 2:
                continue
            a, b, c, d, e, f = state.ctm
            x, y = float(numbers[-2]), float(numbers[-1])
            point = (a * x + c * y + e, b * x + d * y + f)
            path.points.append(point)
            if op == b"m":
                path.close_lines()
                path.lines = [point]
            else:
                path.lines.append(point)
            continue
        operands = raw.split()
        if op == b"Tm" and len(operands) >= 6:
            text_matrix = line_matrix = _numbers(operands[-6:])
        elif op == b"TJ" or op == b"Tj":
            _text(state, text_matrix, out)
        elif op == b"q":
            stack.append(copy(state))
        elif op == b"Q":
            if stack:
                state = stack.pop()
        elif op == b"cm" and len(operands) >= 6:
            state.ctm = _multiply(_numbers(operands[-6:]), state.ctm)
        elif op in (b"Td", b"TD") and len(operands) >= 2:
            tx, ty = _numbers(operands[-2:])
            if op == b"TD":
                state.leading = -ty
            line_matrix = text_matrix = _multiply((1, 0, 0, 1, tx, ty), line_matrix)
        elif op in (b"T*", b"'", b'"'):
            line_matrix = text_matrix = _multiply((1, 0, 0, 1, 0, -state.leading), line_matrix)
            if op != b"T*":
                _text(state, text_matrix, out)
        elif op == b"BT":
            text_matrix = line_matrix = IDENTITY
        elif op == b"Tf" and operands:
            state.font_size = float(operands[-1])
        elif op == b"TL" and operands:
            state.leading = float(operands[-1])
        elif op == b"Tr" and operands:
            state.render_mode = int(float(operands[-1]))
        elif op == b"re" and len(operands) >= 4:
            path.close_lines()
            x, y, w, h = _numbers(operands[-4:])
            corners = [_apply(state.ctm, px, py) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
            path.points += corners
            box = _upright_rectangle(corners)
            if box is None:
                path.other = True
            else:
                path.rects.append(box)
        elif op in (b"c", b"v", b"y") and len(operands) >= 4:
            values = _numbers(operands[-6:] if op == b"c" else operands[-4:])
            path.points += [_apply(state.ctm, values[i], values[i + 1]) for i in range(0, len(values), 2)]
            path.other = True
        elif op == b"h":
            pass  # closing a subpath adds no point
        elif op in (b"W", b"W*"):
            pending_clip = True
        elif op in _PAINT_OPERATORS or op == b"n":
            path.close_lines()
            if op != b"n":
                _painted(state, path, _PAINT_OPERATORS[op], resources, depth, out)
            if pending_clip:
                _clip(state, path)
                pending_clip = False
            path = _Path()
        elif op == b"w" and operands:
            state.line_width = float(operands[-1])
        elif op in (b"rg", b"RG") and len(operands) >= 3:
            _set(state, op == b"RG", Colour("rgb", _numbers(operands[-3:])))
        elif op in (b"k", b"K") and len(operands) >= 4:
            _set(state, op == b"K", Colour("cmyk", _numbers(operands[-4:])))
        elif op in (b"g", b"G") and operands:
            _set(state, op == b"G", Colour("gray", _numbers(operands[-1:])))
        elif op in (b"cs", b"CS") and operands:
            _set(state, op == b"CS", _space(resources, operands[-1]))
        elif op in (b"sc", b"scn", b"SC", b"SCN"):
            stroke = op in (b"SC", b"SCN")
            current = state.stroke if stroke else state.fill
            numbers = _numbers([o for o in operands if o[:1] not in b"/"])
            names = [o for o in operands if o[:1] == b"/"]
            if current.space == "pattern" and names:
                _set(state, stroke, Colour("pattern", (), names[-1][1:].decode("latin-1")))
            elif numbers:
                _set(state, stroke, Colour(current.space, numbers))
        elif op == b"gs" and operands:
            fill_alpha, stroke_alpha, soft_mask = resources.state(operands[-1][1:].decode("latin-1"))
            state.fill_alpha, state.stroke_alpha, state.soft_mask = fill_alpha, stroke_alpha, soft_mask
        elif op == b"Do" and operands:
            _draw(state, resources, operands[-1][1:].decode("latin-1"), depth, out)
        elif op == b"sh" and operands:
            colour = resources.shading(operands[-1][1:].decode("latin-1"))
            if colour is not None and state.clip is not None:
                out.append(Paint("shading", state.clip, colour, exact=state.clip_exact, opaque=_opaque(state, False)))


def _text(state: _State, text_matrix: Matrix, out: list[Paint]) -> None:
    if state.render_mode in (3, 7):  # invisible text (a scan's hidden text layer) paints nothing
        return
    matrix = _multiply(text_matrix, state.ctm)
    x, y = matrix[4], matrix[5]
    size = state.font_size * _scale(matrix)
    colour = state.stroke if state.render_mode in (1, 5) else state.fill
    out.append(Paint("text", (x, y, x, y), colour, size, opaque=_opaque(state, False)))


def _painted(state: _State, path: _Path, how: str, resources: Resources, depth: int, out: list[Paint]) -> None:
    if not path.points:
        return
    xs, ys = [p[0] for p in path.points], [p[1] for p in path.points]
    bounds = (min(xs), min(ys), max(xs), max(ys))
    if "f" in how:
        box = _intersect(bounds, state.clip)
        if box is not None:
            exact = state.clip_exact and not path.other and len(path.rects) == 1
            thickness = min(box[2] - box[0], box[3] - box[1])
            if how.startswith("f*") and not path.other and len(path.rects) == 2:
                thickness = min(thickness, _ring(*path.rects))
            if state.fill.space == "pattern":
                _pattern(state, resources, state.fill.pattern, box, depth, out)
            else:
                out.append(Paint("fill", box, state.fill, thickness, exact, _opaque(state, False)))
    if "S" in how:
        half = state.line_width * _scale(state.ctm) / 2
        box = _intersect((bounds[0] - half, bounds[1] - half, bounds[2] + half, bounds[3] + half), state.clip)
        if box is not None:
            out.append(Paint("stroke", box, state.stroke, state.line_width * _scale(state.ctm), opaque=_opaque(state, True)))


def _pattern(state: _State, resources: Resources, name: str, box: Box, depth: int, out: list[Paint]) -> None:
    pattern = resources.pattern(name)
    if pattern is None:  # not followed: still something painted here, in colours not known
        out.append(Paint("fill", box, state.fill, min(box[2] - box[0], box[3] - box[1]), opaque=_opaque(state, False)))
        return
    if pattern.shading is not None:
        out.append(Paint("shading", box, pattern.shading, opaque=_opaque(state, False)))
    elif pattern.content and depth < MAX_DEPTH:
        cell = _State(ctm=_multiply(pattern.matrix, state.base), clip=box, clip_exact=False)
        cell.base = cell.ctm
        _run(pattern.content, pattern.resources or resources, cell, depth + 1, out)


def _draw(state: _State, resources: Resources, name: str, depth: int, out: list[Paint]) -> None:
    xobject = resources.xobject(name)
    if xobject is None:
        return
    if xobject.kind == "image":
        corners = [_apply(state.ctm, x, y) for x, y in ((0, 0), (1, 0), (1, 1), (0, 1))]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        box = _intersect((min(xs), min(ys), max(xs), max(ys)), state.clip)
        if box is not None:
            exact = state.clip_exact and _upright_rectangle(corners) is not None
            out.append(Paint("image", box, None, exact=exact, opaque=_opaque(state, False), name=name, image=xobject.image))
    elif xobject.kind == "form" and depth < MAX_DEPTH:
        inner = replace(state, ctm=_multiply(xobject.matrix, state.ctm))
        inner.base = inner.ctm
        if xobject.bbox is not None:
            x0, y0, x1, y1 = xobject.bbox
            corners = [_apply(inner.ctm, x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            inner.clip = _intersect((min(xs), min(ys), max(xs), max(ys)), state.clip) or (0.0, 0.0, 0.0, 0.0)
            inner.clip_exact = state.clip_exact and _upright_rectangle(corners) is not None
        _form(xobject, xobject.resources or resources, inner, depth + 1, out)


class _Forms:
    """Forms read before, by their content and the state they were drawn in: what they painted, and every
    name they looked up with its answer. A shared body is the same panel form in every edition's PDF, so
    preflight reads it once a worker; a form is taken from here only when each of its names answers the same
    in the resources it is drawn with now, and one that draws forms, pictures or patterns is never kept."""

    def __init__(self):
        self._kept = Kept(64)  # a fold's body panels for the few bodies a worker has in hand (typeset/share.py)

    def get(self, key: tuple, resources: Resources) -> list[Paint] | None:
        kept = self._kept.get(key)
        if kept is None or any(getattr(resources, kind)(name) != answer for kind, name, answer in kept[0]):
            return None
        return kept[1]

    def put(self, key: tuple, asked: list, painted: list[Paint]) -> None:
        self._kept.put(key, (asked, painted))


_FORMS = _Forms()


class _Noting:
    """Resources that note each name a content stream looks up, and whether it draws anything kept elsewhere."""

    def __init__(self, resources: Resources):
        self.resources = resources
        self.asked: list[tuple[str, str, object]] = []
        self.nested = False  # it drew a form, a picture or a pattern: its paints hold what those gave

    def space(self, name: str) -> Colour:
        return self._noted("space", name)

    def state(self, name: str) -> tuple[float, float, bool]:
        return self._noted("state", name)

    def shading(self, name: str) -> Colour | None:
        return self._noted("shading", name)

    def xobject(self, name: str) -> XObject | None:
        self.nested = True
        return self.resources.xobject(name)

    def pattern(self, name: str) -> Pattern | None:
        self.nested = True
        return self.resources.pattern(name)

    def _noted(self, kind: str, name: str):
        answer = getattr(self.resources, kind)(name)
        self.asked.append((kind, name, answer))
        return answer


def _form(xobject: XObject, resources: Resources, state: _State, depth: int, out: list[Paint]) -> None:
    """A form's content, read once for every time it is drawn the same way (_Forms)."""
    key = (xobject.content, tuple(vars(state).values()), depth)
    kept = _FORMS.get(key, resources)
    if kept is not None:
        out.extend(kept)
        return
    noting, start = _Noting(resources), len(out)
    _run(xobject.content, noting, state, depth, out)
    if not noting.nested:
        _FORMS.put(key, noting.asked, out[start:])


def _set(state: _State, stroke: bool, colour: Colour) -> None:
    if stroke:
        state.stroke = colour
    else:
        state.fill = colour


def _space(resources: Resources, name: bytes) -> Colour:
    key = name[1:].decode("latin-1")
    device = {"DeviceGray": "gray", "G": "gray", "DeviceRGB": "rgb", "RGB": "rgb", "DeviceCMYK": "cmyk", "CMYK": "cmyk"}
    if key in device:
        return Colour(device[key], _INITIAL[device[key]])
    if key == "Pattern":
        return Colour("pattern")
    return resources.space(key)


def _clip(state: _State, path: _Path) -> None:
    if not path.points:
        return
    xs, ys = [p[0] for p in path.points], [p[1] for p in path.points]
    state.clip = _intersect((min(xs), min(ys), max(xs), max(ys)), state.clip) or (0.0, 0.0, 0.0, 0.0)
    state.clip_exact = state.clip_exact and not path.other and len(path.rects) == 1


def _opaque(state: _State, stroke: bool) -> bool:
    return (state.stroke_alpha if stroke else state.fill_alpha) >= 1 and not state.soft_mask


def _ring(outer: Box, inner: Box) -> float:
    """The narrowest side of the band between two nested rectangles (a border, filled even-odd)."""
    if outer[0] > inner[0]:
        outer, inner = inner, outer
    sides = (inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3])
    positive = [side for side in sides if side > 1e-6]
    return min(positive) if positive else float("inf")


def _upright_rectangle(points: list[tuple[float, float]]) -> Box | None:
    """The box of four (or five, closed) points that make an upright rectangle; None otherwise."""
    if len(points) == 5 and points[0] == points[4]:
        points = points[:4]
    if len(points) != 4:
        return None
    xs = sorted({round(p[0], 3) for p in points})
    ys = sorted({round(p[1], 3) for p in points})
    if len(xs) > 2 or len(ys) > 2:
        return None
    for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=True):
        if abs(ax - bx) > 1e-3 and abs(ay - by) > 1e-3:
            return None  # a diagonal edge
    return (xs[0], ys[0], xs[-1], ys[-1])


def _intersect(box: Box, clip: Box | None) -> Box | None:
    if clip is None:
        return box
    x0, y0, x1, y1 = max(box[0], clip[0]), max(box[1], clip[1]), min(box[2], clip[2]), min(box[3], clip[3])
    return (x0, y0, x1, y1) if x0 <= x1 and y0 <= y1 else None


def _numbers(tokens: list[bytes]) -> tuple[float, ...]:
    try:
        return tuple(map(float, tokens))
    except ValueError:  # a name or an array among them: the numbers only
        return tuple(float(t) for t in tokens if t[:1] in b"0123456789.-+")


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n: the matrix that maps as m first, n after (PDF's `m cm` on a CTM n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _scale(m: Matrix) -> float:
    return abs(m[0] * m[3] - m[1] * m[2]) ** 0.5
