"""Languages as leafletpress names them: a code of two or three lowercase letters, and the direction it is written in.

A language code is part of file names (lage-rugklachten.en.yaml, lage-rugklachten.en.pdf) and web
addresses (fysiofits/lage-rugklachten/en/), so it is the ISO 639 code alone: `en`, not `en-GB`.
"""

from __future__ import annotations

import re

LANGUAGE_RE = r"^[a-z]{2,3}$"
LANGUAGE_HELP = "a language code of two or three lowercase letters (ISO 639), e.g. nl, en, tr, ar"
# Written from right to left: the page runs right to left and the fold opens the other way (fold.mirrored).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "sd", "ug", "dv"})


def is_language(code: str) -> bool:
    return bool(re.fullmatch(LANGUAGE_RE, code))


def meant(written: str) -> str | None:
    """The language code a mistyped one most likely means (EN, en-GB, en_GB: en), or None."""
    code = re.split(r"[-_]", written.lower(), maxsplit=1)[0]
    return code if is_language(code) else None


def direction(language: str) -> str:
    """'rtl' for a language written from right to left, else 'ltr'."""
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def split_name(stem: str) -> tuple[str, str]:
    """A content file's stem as (slug, language): 'rug.en' -> ('rug', 'en'); 'rug' -> ('rug', '')."""
    slug, dot, language = stem.rpartition(".")
    return (slug, language) if dot else (stem, "")
