"""What B1 means here: sentences of at most 20 words, and no long word the project has not explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafletpress.content.readability import (
    AllowList,
    check_document,
    read_allow_list,
    sentences,
    syllables,
    words,
)
from leafletpress.content.yamlfile import read_yaml

LONG = (
    "Neem contact op met uw huisarts als u direct na het letsel en ook later geen vier stappen kunt zetten, "
    "als een plek op het bot erg pijnlijk is bij drukken."
)


def doc(tmp_path: Path, text: str):
    path = tmp_path / "rug.yaml"
    path.write_text(text, "utf-8")
    return read_yaml(path, "leaflets/conditions/rug.yaml")


@pytest.mark.parametrize(
    "word, expected",
    [("behandeling", 4), ("fysiotherapeut", 6), ("oefentherapie", 5), ("rug", 1), ("a-specifieke", 5), ("röntgenfoto's", 4)],
)
def test_syllables_come_from_the_dutch_hyphenation_dictionary(word, expected):
    assert syllables(word, "nl") == expected


def test_sentences_and_words():
    assert sentences("Rust niet te lang. Blijf bewegen! Wat kunt u doen? 3 keer per dag.") == [
        "Rust niet te lang.",
        "Blijf bewegen!",
        "Wat kunt u doen?",
        "3 keer per dag.",
    ]
    assert sentences("Dit geldt 's nachts ook.") == ["Dit geldt 's nachts ook."]  # no split inside
    assert words("In 90% van de gevallen, hij/zij en a-specifieke pijn.") == [
        "In", "90%", "van", "de", "gevallen", "hij/zij", "en", "a-specifieke", "pijn",
    ]  # fmt: skip


def test_a_long_sentence_is_a_warning_at_its_field(tmp_path):
    source = doc(tmp_path, f"title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - note: {LONG}\n")
    [problem] = check_document(source, "nl", AllowList())
    assert str(problem) == (
        "warning: leaflets/conditions/rug.yaml:5: sections[0].blocks[0].note: a sentence of 31 words "
        "('Neem contact op met uw huisarts …'); B1 readers need sentences of at most 20 "
        "(split it into two or more short sentences)"
    )


def test_a_long_word_is_a_warning_unless_the_project_explains_it(tmp_path):
    source = doc(tmp_path, "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: Oefentherapie helpt vaak.\n")
    [problem] = check_document(source, "nl", AllowList())
    assert problem.message == "long word for B1 readers: 'Oefentherapie' (5 syllables)"
    assert (
        problem.hint
        == "use a shorter, common word, or add it to leaflets/readability.yaml under nl: with the reason it must stay"
    )
    assert check_document(source, "nl", AllowList({"nl": {"oefentherapie": "the usual name of the treatment"}})) == []


def test_titles_are_read_for_long_words_but_not_cut_into_sentences(tmp_path):
    source = doc(tmp_path, f"title: {LONG}\nsections:\n  - use: werkwijze\n")
    assert check_document(source, "nl", AllowList()) == []


def test_a_plural_of_an_allowed_word_is_allowed(tmp_path):
    allowed = AllowList({"nl": {"behandeling": "", "fysiotherapeut": ""}})
    assert allowed.allows("nl", "Fysiotherapeuten") and allowed.allows("nl", "behandelingen")
    assert not allowed.allows("nl", "manipulaties")


def test_a_language_without_a_dictionary_has_its_sentences_measured_but_not_its_words(tmp_path):
    source = doc(tmp_path, "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: Oefentherapie helpt.\n")
    assert check_document(source, "ar", AllowList()) == []
    long = "يبحث أخصائي العلاج الطبيعي معكم عما تعانون منه " * 3 + "ويجري ذلك. " + "ثم تجرى بعض الاختبارات."
    source = doc(tmp_path, f"heading: كيف\nblocks:\n  - text: {long}\n")
    [problem] = check_document(source, "ar", AllowList())
    assert "a sentence of 26 words" in problem.message


def test_the_allow_list_file_is_read_with_located_problems(tmp_path):
    (tmp_path / "leaflets").mkdir()
    (tmp_path / "leaflets" / "readability.yaml").write_text("nl:\n  fysiotherapeut: the profession\nen: oops\n", "utf-8")
    allowed = read_allow_list(tmp_path)
    assert allowed.words == {"nl": {"fysiotherapeut": "the profession"}}
    assert [str(p) for p in allowed.problems] == [
        "warning: leaflets/readability.yaml:3: en: expected words with their reason, as in "
        "'fysiotherapeut: the profession, known to every patient'"
    ]
