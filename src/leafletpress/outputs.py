"""Every name in the build folder, in one place: where each edition's outputs go, and the build's own files.

build/
  print/<team>/<condition>.pdf     the print edition (Output.PRINT)
  screen/<team>/<condition>.pdf    the screen edition (Output.SCREEN)
  web/                             the web edition (Output.WEB): a static site, published as it is
    <team>/<condition>/index.html  an edition's page, at the address its QR code encodes
    <team>/<condition>/<condition>.pdf, <condition>-drukwerk.pdf   its screen and print PDFs, to download
    <team>/index.html, team.css, logo.<ext>   a team's index, its brand colours and logo
    index.html, web.css, brand.css, logo.<ext>   the practice's index, the stylesheet, its brand and logo
  proofs/<team>/<condition>/       sheet-side and panel PNGs, proof.json
  diff/<team>/<condition>/         what changed visibly, and diff.json beside it
  index.html                       the contact sheet
  manifest.json                    what the last build did (manifest.shard-K-of-N.json per shard)

An edition in another language than the project's (a translation, e.g. English) is named by its
condition and the language's code: `<condition>.<lang>` wherever a file or folder is named after the
condition (print/<team>/<condition>.en.pdf, proofs/<team>/<condition>.en/, the edition <team>/<condition>.en),
and its web page is one folder deeper than the project language's: web/<team>/<condition>/en/index.html,
with <condition>.en.pdf and <condition>.en-drukwerk.pdf beside it. The project's own language keeps
the names above. A slug has no dot and a language code no hyphen, so the names cannot collide.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class Output(StrEnum):
    """A kind of output an edition has: the print PDF for the press, the screen PDF to read and share, its web page."""

    PRINT = "print"
    SCREEN = "screen"
    WEB = "web"


OUTPUTS = tuple(Output)
INDEX = "index.html"
MANIFEST = "manifest.json"
SHARD_MANIFESTS = "manifest.shard-*-of-*.json"
PROOFS = "proofs"
PROOF_INFO = "proof.json"
DIFF = "diff"
DIFF_INFO = "diff.json"
WEB_CSS = "web.css"
BRAND_CSS = "brand.css"  # the practice's brand colours; a team's are TEAM_CSS in its folder
TEAM_CSS = "team.css"
# Every file name at the root of web/ has a dot in it and a slug cannot (content/model.py), so no team
# can be called like a shared file. No _folders: GitHub Pages (Jekyll) would not publish them.


def edition_name(condition: str, translation: str = "") -> str:
    """What an edition's files are named after: the condition, and the language of a translation (rug.en)."""
    return f"{condition}.{translation}" if translation else condition


def edition_slug(team: str, condition: str, translation: str = "") -> str:
    """An edition's name in the manifest, reports and on the contact sheet: fysiofits/rug, fysiofits/rug.en."""
    return f"{team}/{edition_name(condition, translation)}"


def parse_slug(slug: str) -> tuple[str, str, str]:
    """(team, condition, translation) from an edition's slug."""
    team, _, name = slug.partition("/")
    condition, _, translation = name.partition(".")
    return team, condition, translation


def output_path(out: Path, kind: Output | str, team: str, condition: str, translation: str = "") -> Path:
    """Where an edition's output of this kind is written (for the web edition: its page)."""
    if kind == Output.WEB:
        return web_folder(out, team, condition, translation) / INDEX
    return out / str(kind) / team / f"{edition_name(condition, translation)}.pdf"


def print_path(out: Path, team: str, condition: str, translation: str = "") -> Path:
    return output_path(out, Output.PRINT, team, condition, translation)


def web_folder(out: Path, team: str = "", condition: str = "", translation: str = "") -> Path:
    """The web edition's folder (web/), a team's in it, or an edition's: the QR code's address is its path."""
    if not team:
        return out / Output.WEB
    folder = out / Output.WEB / team / condition
    return folder / translation if translation else folder


def web_pdf_name(kind: Output, condition: str, translation: str = "") -> str:
    """A PDF's name beside an edition's page: what a patient's download is called (rug.pdf, rug.en-drukwerk.pdf)."""
    name = edition_name(condition, translation)
    return f"{name}.pdf" if kind == Output.SCREEN else f"{name}-drukwerk.pdf"


def logo_name(source: str) -> str:
    """The name a logo has in the web edition, e.g. logo.svg."""
    return "logo" + Path(source).suffix.lower()


def shard_manifest(index: int, count: int) -> str:
    return f"manifest.shard-{index}-of-{count}.json"


def proof_folder(out: Path, team: str, condition: str, translation: str = "") -> Path:
    return out / PROOFS / team / edition_name(condition, translation)


def diff_folder(out: Path, slug: str) -> Path:
    return out / DIFF / slug


def side_file(side: str) -> str:
    """A sheet side's proof, e.g. outside.png."""
    return f"{side}.png"


def guides_file(side: str) -> str:
    return f"{side}-guides.png"


def thumb_file(side: str) -> str:
    return f"thumb-{side}.png"


def panel_file(panel: str) -> str:
    return f"panel-{panel}.png"
