"""A project's own words (words: in leaflets/project.<lang>.yaml): a language leafletpress has no table in, or single
words over a built-in one, in every place the table is used; the built-in tables stay as they are."""

from __future__ import annotations

import copy

import yaml
from click.testing import CliRunner
from pypdf import PdfReader

import leafletpress
from leafletpress.cli import main
from leafletpress.compose.edition import compose
from leafletpress.content.load import load_library
from leafletpress.words import WORDS, join_words, leaflet_words, library_words, word_problems, words

from .minimal_project import FILES
from .test_bad_input import DE_WORDS_YAML, EN_P, EN_PROJECT, ENGLISH, GERMAN, P, write_case


def test_a_language_without_a_table_gets_the_projects_words_everywhere(tmp_path):
    before = copy.deepcopy(WORDS)
    root = write_case(tmp_path / "p", GERMAN)
    report = leafletpress.build(root, jobs=1)
    assert report.exit_code == 0 and not report.problems, [str(p) for p in report.problems]
    page = (root / "build/web/team-a/rug/de/index.html").read_text("utf-8")
    assert "Zum Inhalt" in page and "Rufen Sie 0612345678 an" in page
    assert "Deutsch" in (root / "build/web/team-a/rug/index.html").read_text("utf-8")  # the link to the German page
    screen = PdfReader(root / "build/screen/team-a/rug.de.pdf")
    labels = [a.get_object()["/Contents"] for page in screen.pages for a in page.get("/Annots", [])]
    assert labels == ["Rufen Sie 0612345678 an"]
    assert PdfReader(root / "build/print/team-a/rug.de.pdf").metadata["/Subject"] == "Patienteninformation Back pain"
    dutch = PdfReader(root / "build/screen/team-a/rug.pdf")
    assert [a.get_object()["/Contents"] for page in dutch.pages for a in page.get("/Annots", [])] == ["Bel 0612345678"]
    assert WORDS == before and "de" not in WORDS  # threaded through the edition, never written into the tables


def test_single_words_over_a_built_in_table(tmp_path):
    root = write_case(tmp_path / "p", {**ENGLISH, EN_P: EN_PROJECT + "words:\n  call: Ring {phone}\n  list_and: ' & '\n"})
    library = load_library(root)
    assert not library.problems.errors, [str(p) for p in library.problems.sorted()]
    table = library_words(library, "en")
    assert table == {**WORDS["en"], "call": "Ring {phone}", "list_and": " & "}
    edition = compose(library, "team-a", "rug", "en")
    assert edition.table["call"] == "Ring {phone}" and edition.table["email"] == WORDS["en"]["email"]
    assert compose(library, "team-a", "rug").table == WORDS["nl"]  # the Dutch edition keeps its words
    assert join_words(["a", "b", "c"], "en", table) == "a, b & c"


def test_the_tables_without_project_words_are_as_before():
    assert words("en") is WORDS["en"] and words("de") is None
    assert leaflet_words("de") is WORDS["nl"]
    assert words("de", {"call": "Rufen Sie {phone} an"}) is None  # not all of them: load reports it
    assert words("de", dict(WORDS["en"]))["call"] == WORDS["en"]["call"]


def test_word_problems_name_the_key_and_placeholder():
    assert word_problems({"call": "Bel {phone}"}, "en") == []
    assert [key for key, _, _ in word_problems({"phone": "x", "pages": "{n} Seiten {m}"}, "en")] == ["phone", "pages"]
    [(key, message, hint)] = word_problems(dict(list(WORDS["en"].items())[:-1]), "de")
    assert key is None and "1 missing: practice_page_title" in message and "leafletpress words en" in hint


def test_words_command_prints_a_table_to_paste():
    result = CliRunner().invoke(main, ["words", "en"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.output) == {"words": WORDS["en"]}
    assert "Call {phone}" in result.output
    unknown = CliRunner().invoke(main, ["words", "xx"])
    assert unknown.exit_code == 2 and "built in: ar, en, nl, tr" in unknown.output


def test_the_leaflets_own_language_takes_its_words_from_project_yaml(tmp_path):
    """A practice writing in German: words: in project.yaml gives the words of its own language, and they are used."""
    root = write_case(tmp_path / "p", {P: FILES[P] + "language: de\n" + DE_WORDS_YAML})
    library = load_library(root)
    assert not library.problems.items, [str(p) for p in library.problems.sorted()]
    assert library_words(library, "de")["call"] == "Rufen Sie {phone} an"
    assert compose(library, "team-a", "rug").table["call"] == "Rufen Sie {phone} an"
    report = leafletpress.build(root, jobs=1, outputs=["web"])
    assert report.exit_code == 0, [str(p) for p in report.problems]
    index = (root / "build/web/index.html").read_text("utf-8")  # the practice's index, in its words
    assert '<html lang="de"' in index and "team-a/" in index
    assert "Zum Inhalt" in (root / "build/web/team-a/rug/index.html").read_text("utf-8")
    root_nl = write_case(tmp_path / "nl", {P: FILES[P] + "words:\n  call: Bel ons op {phone}\n"})
    dutch = load_library(root_nl)
    assert not dutch.problems.items and compose(dutch, "team-a", "rug").table["call"] == "Bel ons op {phone}"
    assert WORDS["nl"]["call"] == "Bel {phone}"
