"""Ink stage: the print edition's colours and pictures as CMYK ink, before the panels are imposed.

It runs first in the `write_pdf` finisher (worker._print_pdf), on WeasyPrint's pydyf objects,
whose content streams are still plain text (finish.write_options asks for an uncompressed PDF):
every colour operator of a panel, its forms and patterns in sRGB, an sRGB ICC space, Lab or grey
becomes DeviceCMYK from colour.Press (black and grey on the black plate alone); gradients and
transparency groups follow, and pictures.py converts (and flattens) the raster pictures.
Colours a designer gave as device-cmyk() are kept as given. The screen edition goes the other
way (`to_light`): device-cmyk() shown as the sRGB it prints as.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pydyf

from ..kept import Kept
from . import pictures
from .colour import Press, press
from .objects import DEVICE_SPACES, content, pages, resolve, space_kind
from .pdfx import PdfX, default_rgb

# A colour operator, found by itself (searching for operators with their operands at every number of the
# content would cost ten times as much); its operands are then read back from just before it.
_OPERATOR = re.compile(rb"[\s\]>)](rg|RG|g|G|k|K|scn|SCN|sc|SC|cs|CS)(?=[\s\[\]<(/%]|\Z)")
_NUMBERS_BEFORE = re.compile(rb"(?<![^\s\[\]>)])(?:[-+]?(?:\d+\.?\d*|\.\d+)\s+){1,4}\Z")
_NAME_BEFORE = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s+\Z")
_STRINGS = re.compile(rb"\((?:\\.|[^\\)])*\)")  # literal strings: their text is not operators (hex strings cannot spell one)
_LOOK_BACK = 96  # bytes: four numbers and their spaces
_SIZES = {"gray": 1, "rgb": 3, "lab": 3, "cmyk": 4}
Convert = Callable[[str, tuple[float, ...]], tuple[float, ...] | None]


def to_ink(pdf: pydyf.PDF, pdfx: PdfX | None) -> None:
    """Every panel's colours and pictures as CMYK through the output profile; nothing to do without one."""
    if pdfx is None:
        return
    ink = press(pdfx.profile)
    left = _Recolour(pdf, _ink_of(ink), "cmyk", ink.digest).run(pages(pdf))
    left += pictures.to_ink(pdf, ink, pages(pdf))
    if left:
        default_rgb(pdf)  # what could not be converted is at least declared sRGB, so PDF/X-4 stays valid


def to_light(pdf: pydyf.PDF, light: Press | None) -> None:
    """The screen edition's inks (device-cmyk(), CMYK pictures) as the sRGB they print as, so the screen PDF is all sRGB."""
    if light is None:
        return
    page_list = pages(pdf)
    _Recolour(pdf, lambda kind, values: light.light(values) if kind == "cmyk" else None, "rgb", light.digest).run(page_list)
    pictures.to_light(pdf, light, page_list)


def _ink_of(ink: Press) -> Convert:
    def convert(kind: str, values: tuple[float, ...]) -> tuple[float, ...] | None:
        if kind == "rgb":
            return ink.ink(values)
        if kind == "lab":
            return ink.ink_for_lab(values)
        if kind == "gray":
            return (0.0, 0.0, 0.0, round(1.0 - values[0], 4))  # DeviceGray is the black plate on a CMYK press
        return None

    return convert


class _Recolour:
    """Rewrites the colour operators of every content stream reachable from the pages, each stream once."""

    def __init__(self, pdf: pydyf.PDF, convert: Convert, target: str, profile: str):
        self.pdf, self.convert, self.target = pdf, convert, target
        self.conversion = (target, profile)  # what `convert` does: the same for every PDF of this profile
        self.done: set[int] = set()
        self.masks: set[int] = set()  # soft-mask forms: their colours are a mask's luminosity, not ink
        self.left = 0  # what stays in a space the press cannot take

    def run(self, page_list: list) -> int:
        for page in page_list:
            self.stream(resolve(self.pdf, page["Contents"]), page.get("Resources"))
            self._group(page)
        return self.left

    def stream(self, stream, resources) -> None:
        if not isinstance(stream, pydyf.Stream) or id(stream) in self.done or id(stream) in self.masks:
            return
        self.done.add(id(stream))
        resources = resolve(self.pdf, resources) or {}
        kinds = _Kinds(self.pdf, resources)
        for state in (resolve(self.pdf, resources.get("ExtGState")) or {}).values():
            mask = resolve(self.pdf, state).get("SMask") if isinstance(resolve(self.pdf, state), dict) else None
            if isinstance(mask, dict) and "G" in mask:
                self.masks.add(id(resolve(self.pdf, mask["G"])))
        stream.stream = [_recoloured(content(stream), kinds, self.convert, self.conversion)]
        for item in (resolve(self.pdf, resources.get("XObject")) or {}).values():
            obj = resolve(self.pdf, item)
            if isinstance(obj, pydyf.Stream) and obj.extra.get("Subtype") == "/Form":
                self.stream(obj, obj.extra.get("Resources", resources))
                self._group(obj.extra, mask=id(obj) in self.masks)
        for item in (resolve(self.pdf, resources.get("Pattern")) or {}).values():
            obj = resolve(self.pdf, item)
            if isinstance(obj, pydyf.Stream):
                self.stream(obj, obj.extra.get("Resources", resources))
            elif isinstance(obj, dict) and "Shading" in obj:
                self._shading(resolve(self.pdf, obj["Shading"]))
        for item in (resolve(self.pdf, resources.get("Shading")) or {}).values():
            self._shading(resolve(self.pdf, item))

    def _group(self, holder, mask: bool = False) -> None:
        """A transparency group blends in the target space; a soft mask's group in grey, as its alpha is grey."""
        group = resolve(self.pdf, holder.get("Group"))
        if isinstance(group, dict) and "CS" in group:
            group["CS"] = "/DeviceGray" if mask else "/DeviceCMYK" if self.target == "cmyk" else "/DeviceRGB"

    def _shading(self, shading) -> None:
        """A gradient's end colours converted; it then blends in the target space (close enough for two stops)."""
        if not isinstance(shading, dict) or id(shading) in self.done:
            return
        self.done.add(id(shading))
        kind = space_kind(self.pdf, shading.get("ColorSpace"))
        if self.convert(kind, (0.0,) * _SIZES.get(kind, 0)) is None:
            return
        if kind not in _SIZES or not self._function(resolve(self.pdf, shading.get("Function")), kind):
            self.left += 1
            return
        shading["ColorSpace"] = "/DeviceCMYK" if self.target == "cmyk" else "/DeviceRGB"

    def _function(self, function, kind: str) -> bool:
        """Convert an exponential function's C0/C1 (or a stitching function's parts); False for any other."""
        if not isinstance(function, dict):
            return False
        if function.get("FunctionType") == 3:
            parts = [resolve(self.pdf, f) for f in function.get("Functions", [])]
            return all(self._function(part, kind) for part in parts)
        if function.get("FunctionType") != 2:
            return False
        size = _SIZES[kind]
        for key, default in (("C0", [0.0] * size), ("C1", [1.0] * size)):
            values = tuple(float(v) for v in function.get(key, default))
            converted = self.convert(kind, values) if len(values) == size else None
            if converted is None:
                return False
            function[key] = pydyf.Array(converted)
        return True


class _Kinds:
    """The kind of colour space each name in a resource dictionary stands for, asked once per name."""

    def __init__(self, pdf: pydyf.PDF, resources):
        self.pdf, self.spaces, self.cache = pdf, resolve(pdf, resources.get("ColorSpace")) or {}, {}

    def __call__(self, name: bytes) -> str:
        if name not in self.cache:
            key = name.decode("latin-1")
            self.cache[name] = DEVICE_SPACES.get(key) or (
                space_kind(self.pdf, self.spaces.get(key)) if key in self.spaces else "other"
            )
        return self.cache[name]


_RECOLOURED = Kept(32)  # content streams recoloured before: a kept body's panels are the same in every PDF


def _recoloured(data: bytes, kinds: Callable[[bytes], str], convert: Convert, conversion: tuple[str, str]) -> bytes:
    """recolour, taken from before when the content, the conversion and every colour space it names are the same."""
    key = (data, conversion)
    kept = _RECOLOURED.get(key)
    if kept is not None and all(kinds(name) == kind for name, kind in kept[0]):
        return kept[1]
    asked: list[tuple[bytes, str]] = []

    def noting(name: bytes) -> str:
        kind = kinds(name)
        asked.append((name, kind))
        return kind

    result = recolour(data, noting, convert, conversion[0])
    _RECOLOURED.put(key, (asked, result))
    return result


def recolour(data: bytes, kinds: Callable[[bytes], str], convert: Convert, target: str) -> bytes:
    """A content stream with every colour that `convert` takes rewritten into the target space (cmyk or rgb).

    An sc/scn takes the space of the cs before it in the stream. WeasyPrint writes the cs right before
    every sc/scn (and again after each Q), so q and Q need not be followed.
    """
    fill_op, stroke_op, space = (b"k", b"K", b"/DeviceCMYK") if target == "cmyk" else (b"rg", b"RG", b"/DeviceRGB")
    current = {False: "gray", True: "gray"}  # the space of the values that follow, as the source gave it
    strings = [m.span() for m in _STRINGS.finditer(data)] if b"(" in data else []
    pieces, done = [], 0
    for match in _OPERATOR.finditer(data):
        op, at = match.group(1), match.start(1)
        if strings and any(start < at < end for start, end in strings):
            continue
        stroke = op[:1].isupper()
        family = op.lower()
        window = max(done, at - _LOOK_BACK)
        before = data[window - 1 if window else 0 : at]  # one byte more: where the operands start must be a delimiter
        offset = window - 1 if window else 0
        if family == b"cs":
            name = _NAME_BEFORE.search(before)
            if name is None:
                continue
            kind = kinds(name.group(1))
            current[stroke] = kind
            if kind not in _SIZES or convert(kind, (0.0,) * _SIZES[kind]) is None:
                continue
            pieces += [data[done : offset + name.start()], space + b" " + op]
            done = match.end(1)
            continue
        if family in (b"rg", b"g", b"k"):
            current[stroke] = {b"rg": "rgb", b"g": "gray", b"k": "cmyk"}[family]
        numbers = _NUMBERS_BEFORE.search(before)
        kind = current[stroke]
        if numbers is None or (window and numbers.start() == 0):
            continue
        values = tuple(float(v) for v in numbers.group(0).split())
        if len(values) != _SIZES.get(kind, -1):
            continue
        converted = convert(kind, values)
        if converted is None:
            continue
        new_op = op if family in (b"sc", b"scn") else stroke_op if stroke else fill_op  # an sc's space came from its cs
        pieces += [data[done : offset + numbers.start()], _numbers(converted) + b" " + new_op]
        done = match.end(1)
    pieces.append(data[done:])
    return b"".join(pieces)


def _numbers(values: tuple[float, ...]) -> bytes:
    return b" ".join((f"{v:.4f}".rstrip("0").rstrip(".") or "0").encode("ascii") for v in values)
