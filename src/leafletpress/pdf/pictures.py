"""Pictures as ink: WeasyPrint's raster images in the print edition converted to CMYK, and back for screens.

Part of the ink stage (ink.py), on the pydyf objects in the `write_pdf` finisher. A picture with
an alpha channel is flattened, in CMYK, onto the one opaque solid rectangle under it wherever it
is drawn (paint.py finds it; paper when nothing is under it); where that cannot be told (a
gradient, another picture, two different colours) it keeps its alpha and preflight says so.
Converted pictures are kept per process, so a team's logo is converted once.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from io import BytesIO

import pydyf
from PIL import Image

from ..kept import Kept
from . import paint
from .colour import Press
from .objects import content, resolve, space_kind

JPEG_QUALITY = 92  # a photo re-encoded in CMYK: no visible loss at print resolution


def to_ink(pdf: pydyf.PDF, ink: Press, page_list: list) -> int:
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


_PICTURES = Kept(64)  # a team's logo is converted once per process


def _converted(key, source: bytes, alpha: bytes, extra: dict, mask_extra: dict, ink: Press, background):
    if key in _PICTURES:
        return _PICTURES.get(key)
    return _PICTURES.put(key, _convert(source, alpha, extra, mask_extra, ink, background))


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


def to_light(pdf: pydyf.PDF, light: Press, page_list: list) -> None:
    """CMYK pictures as the sRGB they print as, for the screen edition."""
    images: dict[int, pydyf.Stream] = {}
    for page in page_list:
        _collect_images(pdf, page.get("Resources"), images, set())
    for image in images.values():
        if space_kind(pdf, image.extra.get("ColorSpace")) == "cmyk" and image.extra.get("BitsPerComponent") == 8:
            _show_picture(image, light)


def _show_picture(image: pydyf.Stream, light: Press) -> None:
    """A CMYK picture's data replaced by the sRGB it prints as (a JPEG stays a JPEG)."""
    source = b"".join(_chunk(item) for item in image.stream)
    extra = _plain(image.extra)
    key = ("light", light.digest, hashlib.sha256(source).hexdigest(), tuple(sorted(extra.items())))
    shown = _PICTURES.get(key) if key in _PICTURES else _PICTURES.put(key, _light(source, extra, light))
    if shown is not None:
        data, fields = shown
        image.stream = [data]
        for name in ("DecodeParms", "Decode"):
            image.extra.pop(name, None)
        image.extra.update(fields)


def _light(source: bytes, extra: dict, light: Press) -> tuple[bytes, dict] | None:
    picture = _decode(source, extra, "CMYK")
    if picture is None:
        return None
    rgb = light.picture_light(picture)
    if extra.get("Filter") == "/DCTDecode":
        buffer = BytesIO()
        rgb.save(buffer, "JPEG", quality=JPEG_QUALITY)
        return buffer.getvalue(), {"ColorSpace": "/DeviceRGB", "Filter": "/DCTDecode"}
    return zlib.compress(rgb.tobytes()), {"ColorSpace": "/DeviceRGB", "Filter": "/FlateDecode"}


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
