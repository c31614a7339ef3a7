"""Check an image file before anything decodes it: its type, its size, and for SVG what it may load; and, for
the pictures a build prints, that a PNG's or JPEG's data is all there."""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ElementTree
from functools import lru_cache
from pathlib import Path

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 300 ppi A4 sheet is 8.7 megapixels
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
IMAGE_HINT = "export the picture again as PNG (at most 300 ppi at its printed size), JPEG or plain SVG"

# In SVG, href and url() may name other files; only references inside the same SVG (#id) and
# inline data are harmless, anything else would make the renderer fetch a file or an address.
_SVG_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def image_problem(path: Path) -> str:
    """Why an image must not be decoded (wrong type, too big, loads other files), from its header only."""
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return f"is not an image leafletpress can print: use {', '.join(IMAGE_SUFFIXES)}"
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"image is {size // 1_048_576} MB, more than {MAX_IMAGE_BYTES // 1_048_576} MB"
    if path.suffix.lower() == ".svg":
        return _svg_problem(path.read_bytes())
    from PIL import Image  # Pillow reads the header lazily; the pixels stay undecoded here

    try:
        with Image.open(path) as image:
            width, height = image.size
            kind = image.format
    except Image.DecompressionBombError:
        return f"image has more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels (a decompression bomb?)"
    except Exception:  # noqa: BLE001 - Pillow raises many types for "not an image"
        return "is not a readable PNG or JPEG image"
    if kind not in ("PNG", "JPEG"):
        return f"is a {kind} image; use PNG or JPEG"
    if width * height > MAX_IMAGE_PIXELS:
        return f"image is {width} x {height} pixels, more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels"
    return ""


CUT_OFF = "is not a readable PNG or JPEG image: the file is cut off partway through the picture"


def data_problem(path: Path) -> str:
    """Why a PNG or JPEG whose header image_problem accepted cannot be printed whole: its data is cut off or damaged.

    A picture cut off while it was copied or downloaded has a good header, and WeasyPrint, which lets Pillow
    load truncated files, would print its top with the rest one colour. The check reads each version of a file
    once per process (by its size and time): a PNG's chunks are checked against their CRCs without decoding a
    pixel, a JPEG is decoded at an eighth of its size (every byte of it is read, few pixels made).
    """
    if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        return ""
    stat = path.stat()
    return _data_problem(path.resolve(), stat.st_mtime_ns, stat.st_size)


_STRICT = threading.Lock()  # Pillow's LOAD_TRUNCATED_IMAGES is one setting for the whole process


@lru_cache(maxsize=64)
def _data_problem(path: Path, _mtime: int, _size: int) -> str:
    from PIL import Image, ImageFile

    try:
        with Image.open(path) as image:
            if image.format == "PNG":
                image.verify()  # every chunk there and matching its CRC, up to IEND
                return ""
            image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
            with _STRICT:
                # WeasyPrint sets it (weasyprint/images.py); loading pads a cut-off file unless it is off.
                allowed, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
                try:
                    image.load()
                finally:
                    ImageFile.LOAD_TRUNCATED_IMAGES = allowed
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for a damaged file
        if "truncated" in str(exc).lower():
            return CUT_OFF
        return "is not a readable PNG or JPEG image"
    return ""


def _svg_problem(data: bytes) -> str:
    if b"<!doctype" in data.lower() or b"<!entity" in data.lower():
        return "SVG files with a DOCTYPE or entities are not allowed"
    try:
        # No DOCTYPE means no entities: ElementTree cannot be made to expand or fetch anything here.
        tree = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"is not a readable SVG file ({exc})"
    for element in tree.iter():
        for name, value in element.attrib.items():
            refs = [value.strip()] if name.endswith("href") else _SVG_URL.findall(value)
            for ref in refs:
                if ref and not ref.startswith(("#", "data:")):
                    return f"SVG loads another file or address ('{ref[:60]}'); only self-contained SVG files are allowed"
        if element.tag.endswith("style") and element.text:
            for ref in _SVG_URL.findall(element.text):
                if ref and not ref.startswith(("#", "data:")):
                    return f"SVG loads another file or address ('{ref[:60]}'); only self-contained SVG files are allowed"
            if "@import" in element.text:
                return "SVG style sheets may not @import other files"
    return ""
