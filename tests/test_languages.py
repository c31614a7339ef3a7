"""What a leaflet in another language is: the sample's seed leaflet in Dutch, English, Turkish and Arabic.

Each language's edition holds its own text (pdftotext finds its translated headings), says its language
(/Lang in both PDFs, <html lang dir> on its web page), is hyphenated by its own rules, and the Arabic one
is laid out right to left: its text extracts in logical order and its panels stand where the mirrored
fold (fold.mirrored) puts them, on both sides of the sheet. A translation names what it was translated
from; when the Dutch changes it warns, and a section it lacks is an error.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

import leafletpress
from leafletpress.cli import main
from leafletpress.content.load import load_library
from leafletpress.fold import FOLDS, mirrored
from leafletpress.fold.check import faults
from leafletpress.hyphenation import turkish_breaks
from leafletpress.outputs import Output, output_path, web_folder
from leafletpress.words import WORDS, join_words

from .helpers import MM_PER_PT, SEED, SEED_TEAM, copy_project

LANGUAGES = ("", "en", "tr", "ar")  # "" is the project's own language, Dutch
# Each language's headings, as its files write them: the title and the five sections.
HEADINGS = {
    "": ["Langdurige lage rugklachten", "Aandoening", "Symptomen", "Hoe gaat onze fysiotherapeut te werk?", "De behandeling", "Afsluiting"],
    "en": ["Long-term low back pain", "The condition", "Symptoms", "How does our physiotherapist work?", "The treatment", "End of treatment"],
    "tr": ["Uzun süreli bel ağrısı", "Rahatsızlık", "Belirtiler", "Fizyoterapistimiz nasıl çalışır?", "Tedavi", "Tedavinin sonu"],
    "ar": ["آلام أسفل الظهر طويلة الأمد", "الحالة", "الأعراض", "كيف يعمل أخصائي العلاج الطبيعي لدينا؟", "العلاج", "نهاية العلاج"],
}  # fmt: skip
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def four_languages(tmp_path_factory) -> Path:
    """The seed leaflet of Team FysioFits in its four languages, built once: the build folder."""
    root = copy_project(tmp_path_factory.mktemp("languages"), translations=True)
    report = leafletpress.build(root, conditions=[SEED], teams=[SEED_TEAM], jobs=2)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    assert sorted(r.slug for r in report.results) == [
        f"{SEED_TEAM}/{SEED}{f'.{lang}' if lang else ''}" for lang in sorted(LANGUAGES)
    ]
    assert not report.problems, [str(p) for p in report.problems]  # the sample in four languages: no warning
    return root / "build"


def pdftotext(pdf: Path, *options: str) -> str:
    """The text poppler reads, bidi controls stripped and whitespace collapsed (never -raw: it is visual order)."""
    text = subprocess.run(["pdftotext", *options, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(BIDI_CONTROLS.sub("", text).split())


@pytest.mark.parametrize("translation", LANGUAGES)
@pytest.mark.parametrize("kind", [Output.PRINT, Output.SCREEN])
def test_every_language_edition_holds_its_translated_headings(four_languages, translation, kind):
    text = pdftotext(output_path(four_languages, kind, SEED_TEAM, SEED, translation))
    for heading in HEADINGS[translation]:
        assert heading in text, (heading, text[:300])
    if translation:
        assert "Aandoening" not in text and "Meer informatie" not in text  # no Dutch left in it


@pytest.mark.parametrize("translation", LANGUAGES)
def test_lang_is_the_edition_s_language_in_print_and_screen(four_languages, translation):
    language = translation or "nl"
    for kind in (Output.PRINT, Output.SCREEN):
        catalog = PdfReader(output_path(four_languages, kind, SEED_TEAM, SEED, translation)).trailer["/Root"]
        assert catalog["/Lang"] == language, kind
    page = (web_folder(four_languages, SEED_TEAM, SEED, translation) / "index.html").read_text("utf-8")
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page


def test_the_pdfs_say_what_they_are_in_their_language(four_languages):
    subjects = {t: PdfReader(output_path(four_languages, Output.PRINT, SEED_TEAM, SEED, t)).metadata.subject for t in LANGUAGES}
    assert subjects == {
        "": "Patiëntenfolder Langdurige lage rugklachten",
        "en": "Patient leaflet: Long-term low back pain",
        "tr": "Hasta broşürü: Uzun süreli bel ağrısı",
        "ar": "نشرة للمرضى: آلام أسفل الظهر طويلة الأمد",
    }
    english = pdftotext(output_path(four_languages, Output.PRINT, SEED_TEAM, SEED, "en"))
    assert "Physiotherapy and Sports physiotherapy" in english  # the disciplines in English, joined in English
    assert "Read this leaflet online" in english
    arabic = pdftotext(output_path(four_languages, Output.PRINT, SEED_TEAM, SEED, "ar"))
    assert "العلاج الطبيعي والعلاج الطبيعي الرياضي" in arabic  # "and" joined to the word after it


def test_arabic_text_extracts_in_logical_order(four_languages):
    for kind in (Output.PRINT, Output.SCREEN):
        text = pdftotext(output_path(four_languages, kind, SEED_TEAM, SEED, "ar"))
        # Whole sentences without digits, as typed: poppler reads them in logical order.
        for sentence in ("يبحث أخصائي العلاج الطبيعي معكم عما تعانون منه.", "نحرص على أن تتمكنوا من الحركة كما كنتم من قبل."):
            assert sentence in text, (kind, sentence)
        assert "منه عما تعانون" not in text  # not in the visual (left-to-right) order


def _word_positions(pdf: Path, page: int) -> list[tuple[str, float]]:
    """(word, its left edge in mm from the trim's left edge) for each word poppler finds on a page (1-based)."""
    reader = PdfReader(pdf)
    box = reader.pages[page - 1]
    trim_left = float(box.trimbox.left) - float(box.mediabox.left)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    return [(BIDI_CONTROLS.sub("", word), (float(x) - trim_left) * MM_PER_PT) for x, word in words]


def _panel_of(positions, word: str, fold, side: str) -> str:
    # -bbox gives each word as drawn: an Arabic word's letters in visual order, right to left reversed.
    xs = [x for text, x in positions if word in (text, text[::-1])]
    assert xs, f"{word!r} is not on the {side}"
    panel = next(p for p in fold.panels_on(side) if p.x - 0.5 <= xs[0] < p.x + p.width)
    return panel.name


@pytest.mark.parametrize(
    "translation, words",
    [
        # One word only that panel holds: the cover's subtitle, the flap's first section, the back text,
        # the first inside panel (werkwijze), the treatment (a new panel: the Dutch werkwijze ends on the middle one).
        ("ar", {"outside": {"والفحص": "cover", "شائعة": "flap", "أمينة": "back"}, "inside": {"الإضافية": "inside-right", "التدليك": "inside-middle"}}),
        ("", {"outside": {"onderzoek": "cover", "hernia": "flap", "handen.": "back"}, "inside": {"vragenlijst": "inside-left", "massage": "inside-right"}}),
    ],
)  # fmt: skip
def test_the_arabic_leaflet_is_the_mirror_image_on_both_sides(four_languages, translation, words):
    """Arabic opens like an Arabic book: on the outside the cover is on the left, the flap on the right;
    inside, the text starts on the right-hand panel and reads to the left (docs/print-shop.md)."""
    pdf = output_path(four_languages, Output.PRINT, SEED_TEAM, SEED, translation)
    fold = mirrored(FOLDS["a4-roll-trifold"]) if translation == "ar" else FOLDS["a4-roll-trifold"]
    for page, side in ((1, "outside"), (2, "inside")):
        positions = _word_positions(pdf, page)
        found = {word: _panel_of(positions, word, fold, side) for word in words[side]}
        assert found == words[side], side
    where = {p.name: (p.side, p.x) for p in fold.panels}
    if translation == "ar":
        assert where["cover"] == ("outside", 0) and where["flap"] == ("outside", 200) and where["back"] == ("outside", 100)
        assert where["inside-right"] == ("inside", 197) and where["inside-left"] == ("inside", 0)


def test_the_fonts_are_embedded(four_languages):
    listing = subprocess.run(
        ["pdffonts", str(output_path(four_languages, Output.PRINT, SEED_TEAM, SEED, "ar"))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows = listing.splitlines()[2:]
    assert any("Naskh-Arabic" in row for row in rows) and any("Lato" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows), listing  # the emb column
    dutch = subprocess.run(
        ["pdffonts", str(output_path(four_languages, Output.PRINT, SEED_TEAM, SEED))], check=True, capture_output=True, text=True
    ).stdout
    assert "Naskh" not in dutch  # only the Arabic editions load the Arabic font (styles/arabic.css)


def test_translated_editions_live_beside_the_dutch_one_and_their_qr_codes_lead_there(four_languages):
    root = four_languages.parent
    library = load_library(root)
    from leafletpress.compose.edition import compose

    for translation in LANGUAGES:
        edition = compose(library, SEED_TEAM, SEED, translation)
        suffix = f"{translation}/" if translation else ""
        assert edition.qr_url == f"https://www.fysiofits.example/folders/{SEED_TEAM}/{SEED}/" + suffix
        folder = web_folder(four_languages, SEED_TEAM, SEED, translation)
        assert folder == four_languages / "web" / SEED_TEAM / SEED / translation if translation else True
        names = {p.name for p in folder.iterdir()}
        name = f"{SEED}.{translation}" if translation else SEED
        assert {"index.html", f"{name}.pdf", f"{name}-drukwerk.pdf"} <= names
    dutch_page = (web_folder(four_languages, SEED_TEAM, SEED) / "index.html").read_text("utf-8")
    for code, name in (("en", "English"), ("tr", "Türkçe"), ("ar", "العربية")):
        assert f'href="../{SEED}/{code}/index.html" hreflang="{code}" lang="{code}"' in dutch_page
        assert name in dutch_page
    team_index = (four_languages / "web" / SEED_TEAM / "index.html").read_text("utf-8")
    assert team_index.count(f'href="{SEED}/') == 4  # the Dutch leaflet, and its three other languages beside it


def test_the_turkish_edition_is_hyphenated_by_turkish_syllables(four_languages):
    text = subprocess.run(
        ["pdftotext", str(output_path(four_languages, Output.PRINT, SEED_TEAM, SEED, "tr")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    broken = re.findall(r"(\w+)\u2010\n(\w+)", text)  # a hyphen WeasyPrint inserted (U+2010) at a line end
    assert broken, "no Turkish word was hyphenated"
    for first, second in broken:
        word = first + second
        assert len(first) in turkish_breaks(word), (first, second)


@pytest.mark.parametrize(
    "word, syllables",
    [
        ("fizyoterapistimiz", "fiz-yo-te-ra-pis-ti-miz"),
        ("İstediğiniz", "İs-te-di-ği-niz"),  # İ is one letter: the breaks after it stay where they are
        ("şikâyetlerinizin", "şi-kâ-yet-le-ri-ni-zin"),
        ("Türkçe", "Türk-çe"),
        ("kireçlenme", "ki-reç-len-me"),
        ("saat", "saat"),  # no break before a vowel
        ("Hollanda'da", "Hol-lan-da'da"),  # none at the apostrophe
    ],
)
def test_turkish_syllables(word, syllables):
    breaks = turkish_breaks(word)
    assert "-".join(word[a:b] for a, b in zip([0, *breaks], [*breaks, len(word)], strict=True)) == syllables


def test_the_mirrored_roll_fold_is_the_one_the_research_drew():
    """fold.mirrored(a4-roll-trifold) is the right-to-left roll fold worked out and built by hand in the research
    (cover 0-100, back 100-200, flap 200-297 outside; inside-right 197-297 backs onto the cover)."""
    drawn = {
        "cover": ("outside", 0, 100),
        "flap": ("outside", 200, 97),
        "inside-right": ("inside", 197, 100),
        "inside-middle": ("inside", 97, 100),
        "inside-left": ("inside", 0, 97),
        "back": ("outside", 100, 100),
    }
    fold = mirrored(FOLDS["a4-roll-trifold"])
    assert [p.name for p in fold.panels] == list(drawn)  # the reading order
    assert {p.name: (p.side, p.x, p.width) for p in fold.panels} == drawn
    assert fold.folds_on("outside") == [100, 200] and fold.folds_on("inside") == [97, 197]
    assert fold.behind(fold.panel("cover")).name == "inside-right"


@pytest.mark.parametrize("name", sorted(FOLDS))
def test_every_fold_has_a_mirror_image_that_is_a_fold(name):
    fold = mirrored(FOLDS[name])
    assert fold.direction == "rtl" and not faults(fold)
    assert [p.role for p in fold.panels] == [p.role for p in FOLDS[name].panels]
    assert mirrored(fold) is fold


def test_every_language_has_every_word():
    keys = set(WORDS["nl"])
    assert all(set(table) == keys for table in WORDS.values())
    assert join_words(["a", "b", "c"], "nl") == "a, b en c"
    assert join_words(["a", "b", "c"], "en") == "a, b and c"
    assert join_words(["a", "b", "c"], "tr") == "a, b ve c"
    assert join_words(["أ", "ب", "ج"], "ar") == "أ، ب وج"


# ---------- translations that lag, and translations that lack ----------


def _problems(root: Path) -> list[str]:
    return [str(p) for p in load_library(root).problems.sorted()]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The whole sample, its translations and languages too."""
    return copy_project(tmp_path / "project", translations=True)


def test_the_sample_has_no_problem_in_any_language(project):
    assert _problems(project) == []


def test_a_changed_dutch_source_makes_its_translations_warn_until_they_are_updated(project):
    source = project / "leaflets/shared/afsluiting.yaml"
    source.write_text(source.read_text("utf-8").replace("een kort eindverslag", "een eindverslag"), "utf-8")
    lagging = [p for p in _problems(project) if "has changed since" in p]
    assert len(lagging) == 3  # en, tr, ar
    assert lagging[0].startswith(
        "warning: leaflets/shared/afsluiting.ar.yaml:5: translated_from: leaflets/shared/afsluiting.yaml has changed "
        "since this translation was made (sha256:d64684e8196d84b3, now sha256:"
    )
    assert lagging[0].endswith(
        "(update the translation to what leaflets/shared/afsluiting.yaml says now, then run "
        "leafletpress translated leaflets/shared/afsluiting.ar.yaml)"
    )
    # Its comments or a setting that is not text (new_panel) do not count; only what a translator translates.
    done = leafletpress.api.record_translated(project, [project / "leaflets/shared/afsluiting.en.yaml"])
    assert done[0][0] == "leaflets/shared/afsluiting.en.yaml" and done[0][1].startswith("translated_from: sha256:")
    assert len([p for p in _problems(project) if "has changed since" in p]) == 2
    assert "DRAFT translation (English)" in (project / "leaflets/shared/afsluiting.en.yaml").read_text("utf-8")  # comments stay


@pytest.mark.parametrize(
    "broken, expected, summary",
    [
        (
            "leaflets/conditions/lage-rugklachten.en.yaml",
            "leaflets/conditions/lage-rugklachten.en.yaml:6: is not valid YAML: the quote opened on this line",
            "leafletpress: nothing recorded: leaflets/conditions/lage-rugklachten.en.yaml did not load",
        ),
        (
            "leaflets/conditions/lage-rugklachten.yaml",
            "leaflets/conditions/lage-rugklachten.yaml:2: is not valid YAML",
            "leafletpress: nothing recorded: the source of leaflets/conditions/lage-rugklachten.en.yaml, "
            "leaflets/conditions/lage-rugklachten.yaml, did not load",
        ),
    ],
)
def test_translated_on_a_file_that_did_not_load_shows_its_problem(project, broken, expected, summary):
    """A YAML error in the translation or in its Dutch source: the located problem, not only 'did not load'."""
    path = project / broken
    path.write_text(re.sub(r"^title: ", 'title: "', path.read_text("utf-8"), count=1, flags=re.MULTILINE), "utf-8")
    translation = project / "leaflets/conditions/lage-rugklachten.en.yaml"
    before = translation.read_text("utf-8")
    result = CliRunner().invoke(main, ["--project", str(project), "translated", str(translation)])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0].startswith(expected)
    assert result.stderr.splitlines()[-1].startswith(summary)
    assert "Usage:" not in result.output
    assert translation.read_text("utf-8") == before


def test_translated_on_a_file_that_is_no_translation_is_a_usage_error(project):
    result = CliRunner().invoke(main, ["--project", str(project), "translated", str(project / "leaflets/project.yaml")])
    assert result.exit_code == 2
    assert "is not a translation that loaded" in result.output


def test_a_translation_without_a_section_fails_naming_the_section(project):
    path = project / "leaflets/conditions/lage-rugklachten.en.yaml"
    data = path.read_text("utf-8")
    start, end = data.index("  - heading: Symptoms"), data.index("  - use: werkwijze")
    path.write_text(data[:start] + data[end:], "utf-8")
    problems = [p for p in _problems(project) if not p.startswith("warning")]
    assert problems == [
        "leaflets/conditions/lage-rugklachten.en.yaml:27: sections: has no translation of the section 'Symptomen' "
        "(leaflets/conditions/lage-rugklachten.yaml:23) (translate that section here, in the same place as in the "
        "source: a translation has every section of its source)"
    ]
    report = leafletpress.check(project, conditions=[SEED], teams=[SEED_TEAM], languages=["en", "nl"], jobs=1)
    failed = {r.slug: r.status for r in report.results}
    assert failed == {f"{SEED_TEAM}/{SEED}": "checked", f"{SEED_TEAM}/{SEED}.en": "failed"}  # only that language fails


def test_a_team_handing_out_a_language_without_a_translation_gets_the_dutch_leaflet_only(project):
    library, editions = leafletpress.list_editions(project)
    assert (SEED_TEAM, "hernia", "") in editions and (SEED_TEAM, "hernia", "en") not in editions
    from leafletpress.content.matrix import table

    assert "not translated into en or tr or ar (so in nl only): 9 of its conditions, achillespees" in table(library)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["--language", "tr", "--condition", "hernia"],
            "no edition to build: condition 'hernia' is handed out only in nl, not in tr "
            "(condition 'hernia' has no translation into tr: leaflets/conditions/hernia.tr.yaml)",
        ),
        (
            ["--language", "en", "--team", "sport"],
            "no edition to build: team 'sport' hands out its conditions only in nl, not in en "
            "(team 'sport' does not hand out en: add it under languages: sport in leaflets/project.yaml)",
        ),
        (
            ["--language", "en", "--language", "tr", "--team", SEED_TEAM, "--condition", "hernia"],
            f"no edition to build: team '{SEED_TEAM}' hands out condition 'hernia' only in nl, not in en or tr "
            "(condition 'hernia' has no translation into en: leaflets/conditions/hernia.en.yaml; "
            "condition 'hernia' has no translation into tr: leaflets/conditions/hernia.tr.yaml)",
        ),
        (["--language", "EN"], "no edition in 'EN'; did you mean 'en'? the project's editions are in: ar, en, nl, tr"),
        (["--language", "xx"], "no edition in 'xx'; the project's editions are in: ar, en, nl, tr"),
        (
            ["--language", "ar", "--team", "sport", "--team", "ouderen"],
            "no edition to build: teams 'sport' or 'ouderen' hand out their conditions only in nl, not in ar "
            "(teams 'ouderen' and 'sport' do not hand out ar: add it under languages: in leaflets/project.yaml)",
        ),
    ],
)
def test_a_language_the_selection_has_no_edition_in_says_which_it_has_and_why(project, args, error):
    """--language that leaves none of the selection's editions: not 'no team hands it out', which is untrue."""
    result = CliRunner().invoke(main, ["--project", str(project), "build", *args, "--format", "json"])
    assert result.exit_code == 2, result.output
    assert yaml.safe_load(result.stdout)["error"] == error


def test_the_reading_level_warns_on_a_long_sentence_and_a_long_word(project):
    path = project / "leaflets/conditions/lage-rugklachten.yaml"
    text = path.read_text("utf-8")
    long = (
        "Neem contact op met uw huisarts als de pijn begon na een val of ongeval, "
        "als u koorts heeft of als u minder kracht krijgt in uw armen."
    )
    text = text.replace("Pijn in de onderrug.", long).replace("Een stijve onderrug", "Een stijve rugwervelkolomspier")
    path.write_text(text, "utf-8")
    problems = [p for p in _problems(project) if "B1" in p]
    assert problems == [
        "warning: leaflets/conditions/lage-rugklachten.yaml:28: sections[1].blocks[1].bullets[1]: a sentence of 28 "
        "words ('Neem contact op met uw huisarts …'); B1 readers need sentences of at most 20 (split it into two or "
        "more short sentences)",
        "warning: leaflets/conditions/lage-rugklachten.yaml:29: sections[1].blocks[1].bullets[2]: long word for B1 "
        "readers: 'rugwervelkolomspier' (6 syllables) (use a shorter, common word, or add it to "
        "leaflets/readability.yaml under nl: with the reason it must stay)",
    ]


def test_the_allow_list_has_a_reason_for_every_word():
    allowed = yaml.safe_load((Path(__file__).parent.parent / "leaflets" / "readability.yaml").read_text("utf-8"))
    assert all(len(str(reason)) > 20 for words in allowed.values() for reason in words.values())


def test_a_translation_that_leaves_out_a_text_warns_and_its_edition_falls_back(project):
    """The subtitle and the logo's description left out in English: a warning each, naming the Dutch file; the
    edition is still composed, without a subtitle and with a Dutch description, as before the warning."""
    from leafletpress.compose.edition import compose

    condition = project / "leaflets/conditions/lage-rugklachten.en.yaml"
    condition.write_text(condition.read_text("utf-8").replace("subtitle: Information about", "subtitle: ''\n# "), "utf-8")
    settings = project / "leaflets/project.en.yaml"
    settings.write_text(settings.read_text("utf-8").replace("logo_alt: FysioFits logo\n", ""), "utf-8")
    library = load_library(project)
    left_out = [str(p) for p in library.problems.sorted() if "has no text, but" in p.message]
    assert left_out == [
        "warning: leaflets/conditions/lage-rugklachten.en.yaml:8: cover.subtitle: has no text, but "
        "leaflets/conditions/lage-rugklachten.yaml:4 has one (cover.subtitle), so its editions are printed without "
        "a subtitle (translate it from leaflets/conditions/lage-rugklachten.yaml)",
        "warning: leaflets/project.en.yaml:6: logo_alt: has no text, but leaflets/project.yaml:7 has one "
        "(practice.logo_alt), so screen readers get no description of the logo in this language (translate it from "
        "leaflets/project.yaml)",
    ]
    assert not library.problems.errors
    edition = compose(library, SEED_TEAM, SEED, "en")
    assert edition.subtitle is None
    assert edition.practice_logo_alt == "Logo van Team FysioFits"  # its team's logo, described in Dutch


def test_a_text_the_source_does_not_have_is_not_asked_of_its_translation(project):
    """No subtitle in Dutch, a decorative logo ("" alt): the translations need neither."""
    source = project / "leaflets/conditions/lage-rugklachten.yaml"
    source.write_text(source.read_text("utf-8").replace("  subtitle: Informatie over klachten, onderzoek en behandeling\n", ""))
    settings = project / "leaflets/project.yaml"
    settings.write_text(settings.read_text("utf-8").replace("logo_alt: Logo van FysioFits", 'logo_alt: ""'), "utf-8")
    for language in ("en", "tr", "ar"):
        for name in (f"conditions/lage-rugklachten.{language}.yaml", f"project.{language}.yaml"):
            path = project / "leaflets" / name
            text = path.read_text("utf-8")
            path.write_text(
                "\n".join(line for line in text.splitlines() if "subtitle:" not in line and "logo_alt:" not in line) + "\n"
            )
    assert not [p for p in _problems(project) if "has no text, but" in p]
