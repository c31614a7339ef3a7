"""Ink stage: the print edition's colours and pictures as CMYK ink, before the panels are imposed.

It runs first in the `write_pdf` finisher (render._write_print), on WeasyPrint's pydyf objects,
whose content streams are still plain text (output.write_options asks for an uncompressed PDF):
every colour operator of a panel, its forms and patterns in sRGB, an sRGB ICC space, Lab or grey
becomes DeviceCMYK from colour.Press (black and grey on the black plate alone), and gradients and
raster pictures follow. A picture with an alpha channel is flattened onto the one solid colour
under it, so no transparency is left for the press to flatten; where that colour cannot be told,
the alpha stays (preflight says so). Colours a designer gave as device-cmyk() are kept as given.
The screen edition goes the other way (`to_light`): device-cmyk() shown as the sRGB it prints as.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Callable
from io import BytesIO

import pydyf
from PIL import Image

from . import paint
from .colour import Press, press
from .pdfobjects import content, pages, resolve
from .pdfx import PdfX, default_rgb

JPEG_QUALITY = 92  # a photo re-encoded in CMYK: no visible loss at print resolution

# A colour operator, found by itself (searching for operators with their operands at every number of the
# content would cost ten times as much); its operands are then read back from just before it.
_OPERATOR = re.compile(rb"[\s\]>)](rg|RG|g|G|k|K|scn|SCN|sc|SC|cs|CS)(?=[\s\[\]<(/%]|\Z)")
_NUMBERS_BEFORE = re.compile(rb"(?<![^\s\[\]>)])(?:[-+]?(?:\d+\.?\d*|\.\d+)\s+){1,4}\Z")
_NAME_BEFORE = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s+\Z")
_STRINGS = re.compile(rb"\((?:\\.|[^\\)])*\)")  # literal strings: their text is not operators (hex strings cannot spell one)
_LOOK_BACK = 96  # bytes: four numbers and their spaces
_SIZES = {"gray": 1, "rgb": 3, "lab": 3, "cmyk": 4}
_DEVICE = {"DeviceGray": "gray", "G": "gray", "DeviceRGB": "rgb", "RGB": "rgb", "DeviceCMYK": "cmyk", "CMYK": "cmyk"}
Convert = Callable[[str, tuple[float, ...]], tuple[float, ...] | None]


def to_ink(pdf: pydyf.PDF, pdfx: PdfX | None) -> None:
    """Every panel's colours and pictures as CMYK through the output profile; nothing to do without one."""
    if pdfx is None:
        return
    ink = press(pdfx.profile)
    left = _Recolour(pdf, _ink_of(ink), "cmyk").run(pages(pdf))
    left += _pictures(pdf, ink, pages(pdf))
    if left:
        default_rgb(pdf)  # what could not be converted is at least declared sRGB, so PDF/X-4 stays valid


def to_light(pdf: pydyf.PDF, light: Press | None) -> None:
    """The screen edition's inks (device-cmyk(), CMYK pictures) as the sRGB they print as, so the screen PDF is all sRGB."""
    if light is None:
        return
    page_list = pages(pdf)
    _Recolour(pdf, lambda kind, values: light.light(values) if kind == "cmyk" else None, "rgb").run(page_list)
    images: dict[int, pydyf.Stream] = {}
    for page in page_list:
        _collect_images(pdf, page.get("Resources"), images, set())
    for image in images.values():
        if space_kind(pdf, image.extra.get("ColorSpace")) == "cmyk" and image.extra.get("BitsPerComponent") == 8:
            _show_picture(image, light)


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

    def __init__(self, pdf: pydyf.PDF, convert: Convert, target: str):
        self.pdf, self.convert, self.target = pdf, convert, target
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
        stream.stream = [recolour(content(stream), kinds, self.convert, self.target)]
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
            self.cache[name] = _DEVICE.get(key) or (space_kind(self.pdf, self.spaces.get(key)) if key in self.spaces else "other")
        return self.cache[name]


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


def space_kind(pdf: pydyf.PDF, value) -> str:
    """gray, rgb, lab, cmyk, registration, spot, pattern, indexed or other: what a colour space is."""
    value = resolve(pdf, value)
    if isinstance(value, str):
        return _DEVICE.get(value.lstrip("/"), "pattern" if value == "/Pattern" else "other")
    if not isinstance(value, list) or not value:
        return "other"
    family = value[0]
    if family == "/ICCBased":
        profile = resolve(pdf, value[1])
        components = profile.extra.get("N") if isinstance(profile, pydyf.Stream) else None
        return {1: "gray", 3: "rgb", 4: "cmyk"}.get(components, "other")
    if family == "/Separation":
        return "registration" if value[1] == "/All" else "spot"
    return {"/Lab": "lab", "/CalRGB": "rgb", "/CalGray": "gray", "/DeviceN": "spot", "/Indexed": "indexed"}.get(family, "other")


def _numbers(values: tuple[float, ...]) -> bytes:
    return b" ".join((f"{v:.4f}".rstrip("0").rstrip(".") or "0").encode("ascii") for v in values)


# ---- pictures -------------------------------------------------------------------------------------


def _pictures(pdf: pydyf.PDF, ink: Press, page_list: list) -> int:
    """Raster images as CMYK; one with alpha flattened onto the solid colour under it. Returns how many stay RGB."""
    images: dict[int, pydyf.Stream] = {}
    for page in page_list:
        _collect_images(pdf, page.get("Resources"), images, set())
    backgrounds: dict[int, set] = {key: set() for key, image in images.items() if "SMask" in image.extra}
    if backgrounds:  # what is under each transparent picture, wherever it is drawn
        for page in page_list:
            data = content(resolve(pdf, page["Contents"]))
            if b"Do" not in data:
                continue
            drawn = list(paint.paints(data, _Objects(pdf, page.get("Resources"))))
            for index, item in enumerate(drawn):
                if item.kind == "image" and id(item.image) in backgrounds:
                    backgrounds[id(item.image)].add(_background(drawn, index))
    left = 0
    for key, image in images.items():
        under = backgrounds.get(key, set())
        background = next(iter(under)) if len(under) == 1 else None  # drawn on two colours, or not found: not one
        if not _convert_picture(pdf, image, ink, background):
            left += space_kind(pdf, image.extra.get("ColorSpace")) == "rgb"
    return left


def _collect_images(pdf: pydyf.PDF, resources, images: dict, seen: set) -> None:
    """Every image XObject a resource dictionary reaches, through forms and patterns."""
    resources = resolve(pdf, resources)
    if not isinstance(resources, dict) or id(resources) in seen:
        return
    seen.add(id(resources))
    for kind in ("XObject", "Pattern"):
        for item in (resolve(pdf, resources.get(kind)) or {}).values():
            obj = resolve(pdf, item)
            if not isinstance(obj, pydyf.Stream):
                continue
            if obj.extra.get("Subtype") == "/Image":
                images[id(obj)] = obj
            elif "Resources" in obj.extra:
                _collect_images(pdf, obj.extra["Resources"], images, seen)


def _background(drawn: list[paint.Paint], index: int) -> tuple | None:
    """The ink under drawn[index]: the last opaque solid rectangle that covers it; paper if nothing is under it."""
    box = drawn[index].box
    for below in reversed(drawn[:index]):
        if below.kind == "text" or not _overlap(below.box, box):
            continue
        if below.kind == "fill" and below.exact and below.opaque and below.colour.space == "cmyk" and _covers(below.box, box):
            return below.colour.values
        return None  # a shape, a picture or a stroke under part of it: not one colour
    return (0.0, 0.0, 0.0, 0.0)


def _convert_picture(pdf: pydyf.PDF, image: pydyf.Stream, ink: Press, background: tuple | None) -> bool:
    """Replace an RGB (or transparent) image's data by CMYK; False when it is kept as it was."""
    extra = image.extra
    kind = space_kind(pdf, extra.get("ColorSpace"))
    mask = resolve(pdf, extra.get("SMask"))
    flatten = isinstance(mask, pydyf.Stream) and background is not None
    if kind != "rgb" and not flatten or kind not in ("rgb", "gray") or extra.get("BitsPerComponent") != 8 or "Decode" in extra:
        return False
    source = b"".join(_chunk(item) for item in image.stream)
    alpha = b"".join(_chunk(item) for item in mask.stream) if flatten else b""
    key = (ink.digest, hashlib.sha256(source + alpha).hexdigest(), tuple(sorted(_plain(extra).items())), background)
    converted = _converted(key, source, alpha, _plain(extra), _plain(mask.extra) if flatten else {}, ink, background)
    if converted is None:
        return False
    data, fields = converted
    image.stream = [data]
    for name in ("DecodeParms", "Decode") + (("SMask",) if flatten else ()):
        extra.pop(name, None)
    extra.update(fields)
    return True


_PICTURES: dict[tuple, tuple[bytes, dict] | None] = {}  # a team's logo is converted once per process


def _converted(key, source: bytes, alpha: bytes, extra: dict, mask_extra: dict, ink: Press, background):
    if key not in _PICTURES:
        if len(_PICTURES) > 64:
            _PICTURES.clear()
        _PICTURES[key] = _convert(source, alpha, extra, mask_extra, ink, background)
    return _PICTURES[key]


def _convert(source: bytes, alpha: bytes, extra: dict, mask_extra: dict, ink: Press, background):
    picture = _decode(source, extra)
    if picture is None:
        return None
    cmyk = ink.picture(picture)
    if alpha:
        mask = _decode(alpha, mask_extra)
        if mask is None or mask.size != cmyk.size:
            return None
        paper = Image.new("CMYK", cmyk.size, tuple(round(v * 255) for v in background))
        cmyk = Image.composite(cmyk, paper, mask.convert("L"))
    if extra.get("Filter") == "/DCTDecode":
        buffer = BytesIO()
        cmyk.save(buffer, "JPEG", quality=JPEG_QUALITY)
        # Pillow writes Adobe CMYK JPEGs, whose components are stored inverted
        return buffer.getvalue(), {"ColorSpace": "/DeviceCMYK", "Filter": "/DCTDecode", "Decode": pydyf.Array([1, 0] * 4)}
    return zlib.compress(cmyk.tobytes()), {"ColorSpace": "/DeviceCMYK", "Filter": "/FlateDecode"}


def _show_picture(image: pydyf.Stream, light: Press) -> None:
    """A CMYK picture's data replaced by the sRGB it prints as (a JPEG stays a JPEG)."""
    source = b"".join(_chunk(item) for item in image.stream)
    extra = _plain(image.extra)
    key = ("light", light.digest, hashlib.sha256(source).hexdigest(), tuple(sorted(extra.items())))
    if key not in _PICTURES:
        picture = _decode(source, extra, "CMYK")
        if picture is None:
            _PICTURES[key] = None
        else:
            rgb = light.picture_light(picture)
            if extra.get("Filter") == "/DCTDecode":
                buffer = BytesIO()
                rgb.save(buffer, "JPEG", quality=JPEG_QUALITY)
                _PICTURES[key] = buffer.getvalue(), {"ColorSpace": "/DeviceRGB", "Filter": "/DCTDecode"}
            else:
                _PICTURES[key] = zlib.compress(rgb.tobytes()), {"ColorSpace": "/DeviceRGB", "Filter": "/FlateDecode"}
    if _PICTURES[key] is not None:
        data, fields = _PICTURES[key]
        image.stream = [data]
        for name in ("DecodeParms", "Decode"):
            image.extra.pop(name, None)
        image.extra.update(fields)


def _decode(data: bytes, extra: dict, mode: str | None = None) -> Image.Image | None:
    """The pixels of an image XObject's data (8 bits per component: Flate, with or without PNG predictors, or JPEG)."""
    width, height = int(extra.get("Width", 0)), int(extra.get("Height", 0))
    colours = {"/DeviceRGB": 3, "/DeviceGray": 1, "/DeviceCMYK": 4}.get(extra.get("ColorSpace"), 3)
    mode = mode or {3: "RGB", 1: "L", 4: "CMYK"}[colours]
    try:
        if extra.get("Filter") == "/DCTDecode":
            picture = Image.open(BytesIO(data))  # an Adobe CMYK JPEG comes out as true ink values
            picture.load()
            return picture.convert(mode)
        if extra.get("Filter") != "/FlateDecode":
            return None
        parameters = dict(extra.get("DecodeParms") or ())
        if int(parameters.get("Predictor", 1)) > 1:
            if colours == 4 or int(parameters["Predictor"]) < 10:
                return None  # PNG has no CMYK, and TIFF predictors are not WeasyPrint's
            # PNG rows: Pillow's PNG decoder undoes the filters
            header = struct.pack(">IIBBBBB", width, height, 8, 2 if colours == 3 else 0, 0, 0, 0)
            picture = Image.open(
                BytesIO(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b""))
            )
            picture.load()
            return picture
        return Image.frombytes(mode, (width, height), zlib.decompress(data))
    except (OSError, ValueError, zlib.error):
        return None


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _chunk(item) -> bytes:
    return item if isinstance(item, bytes) else item.data


def _plain(extra) -> dict:
    """An image dictionary's entries that decide its pixels, as hashable values."""
    keep = {}
    for name in ("Width", "Height", "ColorSpace", "Filter", "BitsPerComponent"):
        if name in extra:
            keep[name] = extra[name]
    parameters = extra.get("DecodeParms")
    if isinstance(parameters, dict):
        keep["DecodeParms"] = tuple(sorted((k, v) for k, v in parameters.items()))
    return keep


def _overlap(a: paint.Box, b: paint.Box) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.01 and min(a[3], b[3]) - max(a[1], b[1]) > 0.01


def _covers(outer: paint.Box, inner: paint.Box) -> bool:
    return (
        outer[0] <= inner[0] + 0.01
        and outer[1] <= inner[1] + 0.01
        and outer[2] >= inner[2] - 0.01
        and outer[3] >= inner[3] - 0.01
    )


class _Objects:
    """paint.Resources over WeasyPrint's pydyf objects."""

    def __init__(self, pdf: pydyf.PDF, resources):
        self.pdf = pdf
        self.resources = resolve(pdf, resources) or {}

    def _entry(self, kind: str, name: str):
        entries = resolve(self.pdf, self.resources.get(kind)) or {}
        return resolve(self.pdf, entries.get(name))

    def space(self, name: str) -> paint.Colour:
        kind = space_kind(self.pdf, self._entry("ColorSpace", name))
        return paint.Colour(
            kind, {"gray": (0.0,), "rgb": (0.0,) * 3, "lab": (0.0,) * 3, "cmyk": (0.0, 0.0, 0.0, 1.0)}.get(kind, (1.0,))
        )

    def state(self, name: str) -> tuple[float, float, bool]:
        state = self._entry("ExtGState", name) or {}
        mask = state.get("SMask", "/None")
        return float(state.get("ca", 1)), float(state.get("CA", 1)), mask not in ("/None", None)

    def xobject(self, name: str) -> paint.XObject | None:
        obj = self._entry("XObject", name)
        if not isinstance(obj, pydyf.Stream):
            return None
        if obj.extra.get("Subtype") == "/Image":
            return paint.XObject("image", image=obj)
        matrix = tuple(float(v) for v in obj.extra.get("Matrix", paint.IDENTITY))
        bbox = tuple(float(v) for v in obj.extra["BBox"]) if "BBox" in obj.extra else None
        return paint.XObject("form", content(obj), matrix, bbox, _Objects(self.pdf, obj.extra.get("Resources", self.resources)))

    def pattern(self, name: str) -> paint.Pattern | None:
        return None  # a picture drawn inside a pattern is not flattened: what is under it is not known here

    def shading(self, name: str) -> paint.Colour | None:
        return paint.Colour("other")
