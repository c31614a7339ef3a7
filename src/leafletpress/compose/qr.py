"""QR code stage: the leaflet's web address as a vector QR code, inline SVG for the back panel.

The code is drawn as SVG paths (segno), so it stays sharp at any print resolution, and it is
inlined in the HTML because the renderer's URL fetcher refuses data: and network addresses. segno's own
choice of data mask is most of the time a code takes; qr_mask.best_mask finds the same mask faster.
"""

from __future__ import annotations

import re
from functools import lru_cache

import segno
from markupsafe import Markup

from .qr_mask import best_mask

SYMBOL_MM = 22.0  # the symbol without its quiet zone: phones scan 2 cm codes at reading distance
MIN_MODULE_MM = 0.5  # long addresses make more modules; below this a press smears them together
QUIET_ZONE = 4  # modules of light margin around the symbol, as ISO/IEC 18004 asks
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")  # {team} and {condition}: the content model checks the pattern


def url_for(pattern: str, team: str, condition: str, translation: str = "") -> str:
    """The leaflet's address: {team} and {condition} in the pattern replaced by the slugs, nothing else.

    An edition in another language than the project's lives one folder deeper (outputs.web_folder):
    its address is the project language's with the language's code and a '/' added (.../rug/en/).
    """
    values = {"team": team, "condition": condition}
    url = _PLACEHOLDER_RE.sub(lambda m: values[m.group(1)], pattern)
    return f"{url.rstrip('/')}/{translation}/" if translation else url


def module_mm(url: str) -> float:
    """The size of one module, so that the symbol is at least SYMBOL_MM wide."""
    modules = _code(url).symbol_size(border=0)[0]
    return round(max(SYMBOL_MM / modules, MIN_MODULE_MM), 3)


def svg(url: str, title: str) -> Markup:
    """The QR code for url as inline SVG in millimetres, quiet zone included, dark on white."""
    code = _code(url)
    return Markup(
        code.svg_inline(
            scale=module_mm(url),
            unit="mm",
            border=QUIET_ZONE,
            dark="#000000",
            light="#ffffff",
            title=title,
            svgclass="qr-code",
            lineclass=None,
        )
    )


@lru_cache(maxsize=64)
def _code(url: str) -> segno.QRCode:
    # Level M survives a scuffed or slightly smudged leaflet; micro codes are not read by every phone.
    # best_mask is the mask segno would choose itself with these settings, so the symbol is the same.
    return segno.make(url, error="m", micro=False, boost_error=False, mask=best_mask(url, error="m"))
