"""Check an image file before anything decodes it: its type, its size, and for SVG what it may load."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 300 ppi A4 sheet is 8.7 megapixels
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")

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
