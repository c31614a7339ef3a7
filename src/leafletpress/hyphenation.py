"""Hyphenation beyond pyphen's dictionaries: Turkish, from its syllable rules, registered with pyphen.

pyphen (what WeasyPrint hyphenates with) has no Turkish dictionary, so `hyphens: auto` did
nothing in a Turkish leaflet. Turkish needs none: its syllables follow three rules, and a break
may come between any two syllables (Türk Dil Kurumu, Yazım Kılavuzu, "Satır sonunda kelimelerin
bölünmesi"):

- no break before a vowel (a vowel never starts a line: "sa-at" stays "saat");
- one consonant between two vowels starts the next syllable: ge-le-cek;
- of two or more consonants between vowels, the last one starts it: Türk-çe, İs-tan-bul, elekt-rik.

`register()` puts these rules into pyphen's registry under `tr`, as an object with the interface of a
pyphen dictionary, so WeasyPrint's `hyphens: auto` and the reading-level check (content/readability.py)
use them with no file and no pattern licence. Words are lowercased the Turkish way first (İ -> i,
I -> ı, one letter each): pyphen's own str.lower() turns İ into two code points and moves every
break after it one letter to the right.
"""

from __future__ import annotations

from pathlib import Path

TURKISH_VOWELS = frozenset("aeıioöuüâîû")
TURKISH = "tr"
_REGISTERED_AS = Path("<leafletpress: Turkish syllable rules>")  # a key in pyphen's cache, not a file


def turkish_lower(word: str) -> str:
    """Lowercase as Turkish does, one letter for one letter: İ -> i, I -> ı."""
    return "".join("i" if c == "İ" else "ı" if c == "I" else c.lower()[:1] or c for c in word)


def turkish_breaks(word: str) -> list[int]:
    """Where a Turkish word may be broken: the index of the first letter of each syllable after the first."""
    lower = turkish_lower(word)
    vowels = [i for i, c in enumerate(lower) if c in TURKISH_VOWELS]
    breaks = []
    for before, after in zip(vowels, vowels[1:], strict=False):
        between = lower[before + 1 : after]
        if not between or not all(c.isalpha() for c in between):
            continue  # two vowels side by side, or an apostrophe or hyphen between them: no break
        breaks.append(after - 1)  # the last consonant starts the next syllable
    return breaks


class TurkishSyllables:
    """A pyphen HyphDict from the Turkish syllable rules: the `positions` pyphen.Pyphen asks for."""

    def positions(self, word: str) -> list:
        import pyphen

        return [pyphen.DataInt(i) for i in turkish_breaks(word)]


def register() -> None:
    """Make pyphen (and so WeasyPrint) hyphenate `lang="tr"` text by the Turkish syllable rules. Idempotent."""
    import pyphen

    pyphen.LANGUAGES[TURKISH] = _REGISTERED_AS
    pyphen.LANGUAGES_LOWERCASE[TURKISH] = TURKISH
    pyphen.hdcache[_REGISTERED_AS] = TurkishSyllables()
