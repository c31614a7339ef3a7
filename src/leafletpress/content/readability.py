"""Reading level: the short sentences and common words that B1 readers need (Pharos, the Dutch centre
for health literacy), as warnings at the file, line and field of the text.

Two measures, both rough and both consistent, which is what a warning needs:
- a sentence of more than MAX_WORDS words;
- a word of LONG_SYLLABLES syllables or more, counted with the hyphenation dictionary of the
  text's language (a printer's break points: pyphen, which WeasyPrint uses too), unless the
  project's allow-list names it: condition names and medical words a leaflet explains.

The allow-list is one file, leaflets/readability.yaml: per language, each word with the reason
it may stay. A word counts as allowed with a plural or an 's ending too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..languages import LANGUAGE_HELP, is_language, meant
from ..problems import ContentError, Problem, Severity
from . import markup
from .yamlfile import YamlDocument, dotted, read_yaml

MAX_WORDS = 20  # Pharos: a B1 sentence has at most 15 to 20 words
LONG_SYLLABLES = 5  # Dutch compounds of 4 are everyday (behandeling, oefeningen); 5 catches the jargon
ALLOW_LIST = "leaflets/readability.yaml"
# Languages whose long words are counted, by their hyphenation dictionary. Sentences are measured in every
# language; long words not in Turkish (it builds long words from suffixes: fizyoterapistimiz is everyday)
# nor Arabic (no dictionary, and its prefixes and suffixes are written joined too).
DICTIONARIES = {"nl": "nl_NL", "en": "en_GB"}
# Fields whose text is read as running text; titles and names are read but not split into sentences.
NOT_SENTENCES = frozenset({"title", "heading", "name", "disciplines"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9\"'“({])")  # {team} may start a sentence too
_SENTENCE_END_UNCASED = re.compile(r"(?<=[.!?؟])\s+")
UNCASED = frozenset({"ar", "fa", "ur", "he"})  # scripts without capital letters
_WORD = re.compile(r"[^\W\d_](?:[\w'’/-]*\w)?|\d+%?", re.UNICODE)
_PLURAL = ("s", "en", "'s", "’s")


@dataclass
class AllowList:
    """Long words a project accepts, per language, each with its reason."""

    words: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> word -> reason
    problems: list[Problem] = field(default_factory=list)

    def allows(self, language: str, word: str) -> bool:
        allowed = self.words.get(language, {})
        lower = word.casefold()
        return lower in allowed or any(lower.endswith(end) and lower[: -len(end)] in allowed for end in _PLURAL)


def read_allow_list(root: Path) -> AllowList:
    """leaflets/readability.yaml, or an empty list when the project has none.

    Its mistakes are warnings, as the reading level's are: the check runs without the part it cannot read.
    """
    path = root / ALLOW_LIST
    if not path.is_file():
        return AllowList()
    try:
        doc = read_yaml(path, ALLOW_LIST)
    except ContentError as exc:
        return AllowList(problems=[_warning(p) for p in exc.problems])
    allowed = AllowList(problems=[_warning(p) for p in doc.problems])
    if not isinstance(doc.data, dict):
        allowed.problems.append(_warning(Problem(ALLOW_LIST, 1, "", "expected languages (nl:, en: ...) with words under them")))
        return allowed
    for language, words in doc.data.items():
        problem = _language_problem(doc, str(language)) or _words_problem(doc, language, words)
        if problem is not None:
            allowed.problems.append(problem)
            continue
        for word, reason in words.items():
            if not str(reason or "").strip():
                allowed.problems.append(
                    _warning(
                        Problem(
                            ALLOW_LIST,
                            doc.line_of((language, word)),
                            f"{language}.{word}",
                            f"'{word}' has no reason",
                            f"say why it must stay, as in '{word}: the name patients know it by'",
                        )
                    )
                )
        allowed.words[language] = {str(word).casefold(): str(reason or "") for word, reason in words.items()}
    return allowed


def _language_problem(doc: YamlDocument, language: str) -> Problem | None:
    if is_language(language):
        return None
    code = meant(language)
    hint = f"write {code}:" if code else f"a list is named by {LANGUAGE_HELP}"
    message = f"'{language}' is not a language code: its words are not allowed"
    return _warning(Problem(ALLOW_LIST, doc.line_of((language,)), language, message, hint))


def _words_problem(doc: YamlDocument, language, words) -> Problem | None:
    if isinstance(words, dict):
        return None
    return _warning(
        Problem(
            ALLOW_LIST,
            doc.line_of((language,)),
            str(language),
            "expected words with their reason, as in 'fysiotherapeut: the profession, known to every patient'",
        )
    )


def _warning(problem: Problem) -> Problem:
    return replace(problem, severity=Severity.WARNING)


@lru_cache(maxsize=65536)
def syllables(word: str, language: str) -> int:
    """A word's syllables as its language's hyphenation dictionary splits it (each part of a-b on its own)."""
    dictionary = _dictionary(DICTIONARIES[language])
    parts = [part for part in re.split(r"[-/]", word.removesuffix("'s").removesuffix("’s")) if part]
    return sum(dictionary.inserted(part).count("-") + 1 for part in parts)


@lru_cache(maxsize=4)
def _dictionary(name: str):
    import pyphen  # WeasyPrint's hyphenation dictionaries; loaded once (about 70 ms for Dutch)

    return pyphen.Pyphen(lang=name)


def sentences(text: str, language: str = "nl") -> list[str]:
    """A text's sentences: split after '.', '!' or '?' when a capital, a digit or a quote follows
    (in a script without capitals, Arabic, after '.', '!', '?' or '؟' and a space)."""
    pattern = _SENTENCE_END_UNCASED if language in UNCASED else _SENTENCE_END
    return [part for part in pattern.split(" ".join(text.split())) if part]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def check_document(doc: YamlDocument, language: str, allowed: AllowList, skip: frozenset[str] = frozenset()) -> list[Problem]:
    """Warnings for the long sentences and long words of a content file's printed text."""
    problems = []
    for path, value in doc.strings(skip=skip):
        text = markup.plain(value)
        if not path or not isinstance(path[-1], (str, int)):
            continue
        key = next((part for part in reversed(path) if isinstance(part, str)), "")
        if key not in NOT_SENTENCES:
            problems += [_long_sentence(doc, path, s) for s in sentences(text, language) if len(words(s)) > MAX_WORDS]
        if language not in DICTIONARIES:
            continue
        long_words = [w for w in dict.fromkeys(words(text)) if syllables(w, language) >= LONG_SYLLABLES]
        long_words = [w for w in long_words if not allowed.allows(language, w)]
        if long_words:
            problems.append(_long_words(doc, path, long_words, language))
    return problems


def _long_sentence(doc: YamlDocument, path: tuple, sentence: str) -> Problem:
    count = len(words(sentence))
    start = " ".join(sentence.split()[:6])
    return Problem(
        doc.file,
        doc.line_of(path),
        dotted(path),
        f"a sentence of {count} words ('{start} …'); B1 readers need sentences of at most {MAX_WORDS}",
        "split it into two or more short sentences",
        Severity.WARNING,
    )


def _long_words(doc: YamlDocument, path: tuple, found: list[str], language: str) -> Problem:
    named = ", ".join(f"'{w}' ({syllables(w, language)} syllables)" for w in found[:4]) + (" and more" if len(found) > 4 else "")
    return Problem(
        doc.file,
        doc.line_of(path),
        dotted(path),
        f"long {'word' if len(found) == 1 else 'words'} for B1 readers: {named}",
        f"use a shorter, common word, or add it to {ALLOW_LIST} under {language}: with the reason it must stay",
        Severity.WARNING,
    )
