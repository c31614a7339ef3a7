"""Decorative pictures (alt text "") drawn as CSS backgrounds, so screen readers skip them.

WeasyPrint tags every <img> as a Figure that needs alt text, but writes backgrounds as
artifacts: outside the structure tree, which is what PDF/UA asks for decoration.
"""

from __future__ import annotations

import re
from pathlib import Path

FALLBACK_RATIO = 2 / 3  # height / width when an SVG gives no size
_NUMBER = r"([0-9]*\.?[0-9]+)"
_VIEWBOX = re.compile(rf"viewBox\s*=\s*[\"'][-0-9.]+[\s,]+[-0-9.]+[\s,]+{_NUMBER}[\s,]+{_NUMBER}")
_SIZE = re.compile(rf"\b(width|height)\s*=\s*[\"']{_NUMBER}(?:px|pt|mm)?[\"']")


def ratio(path: Path) -> float:
    """Height divided by width, from the image's header (PNG, JPEG) or its root element (SVG)."""
    if path.suffix.lower() == ".svg":
        head = path.read_bytes()[:4096].decode("utf-8", "replace")
        root = head[head.find("<svg") :] if "<svg" in head else head
        root = root[: root.find(">") + 1]
        sizes = dict((name, float(value)) for name, value in _SIZE.findall(root))
        if "width" in sizes and "height" in sizes and sizes["width"] > 0:
            return sizes["height"] / sizes["width"]
        match = _VIEWBOX.search(root)
        if match and float(match.group(1)) > 0:
            return float(match.group(2)) / float(match.group(1))
        return FALLBACK_RATIO
    from PIL import Image  # only the header is read; load has checked the file

    with Image.open(path) as image:
        width, height = image.size
    return height / width if width else FALLBACK_RATIO


def style(path: Path, keep_ratio: bool) -> str:
    """Inline CSS that shows the picture as the element's background (with its height from its width)."""
    css = f'background-image: url("{path.resolve().as_uri()}")'
    if keep_ratio:
        css += f"; padding-top: {ratio(path) * 100:.3f}%"  # padding percentages follow the width
    return css
