"""The sample content library: every edition of the matrix builds, fits, and says the right things."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from leafletpress.content.lint import lint
from leafletpress.content.load import load_library
from leafletpress.content.matrix import editions
from leafletpress.languages import split_name
from leafletpress.outputs import print_path

SEED_CONDITION = "lage-rugklachten"
SPORT_SECTION = "Terug naar sport"


def _joined(text: str) -> str:
    """Text as one line: words hyphenated at a line end joined again."""
    return re.sub(r"\s+", " ", re.sub(r"[\u2010-]\n", "", text))


def pdf_text(path: Path) -> str:
    return " ".join(_joined(page.extract_text()) for page in PdfReader(path).pages)


def pdf_text_of_page(path: Path, index: int) -> str:
    return _joined(PdfReader(path).pages[index].extract_text())


@pytest.fixture(scope="module")
def built(sample_build):
    root, report = sample_build
    library = load_library(root)
    return root, report, library, editions(library)


@pytest.fixture(scope="module")
def texts(built) -> dict[tuple[str, str], str]:
    """The text of every built print PDF, extracted once (pypdf takes a while per imposed sheet)."""
    root, _, _, matrix = built
    return {edition: pdf_text(print_path(root / "build", *edition)) for edition in matrix}


def test_every_edition_in_the_matrix_builds_to_a_two_page_print_pdf_that_fits(built):
    root, report, library, matrix = built
    assert report.exit_code == 0, [str(p) for p in report.errors]
    assert len(matrix) >= 20 and {team for team, _, _ in matrix} == {"fysiofits", "sport", "ouderen"}
    assert sorted((r.team, r.condition, r.translation) for r in report.results if r.status == "built") == sorted(matrix)
    for edition in matrix:
        pdf = print_path(root / "build", *edition)
        assert len(PdfReader(pdf).pages) == 2, pdf
    # In Dutch the text fills the fold; a translation may be shorter (the Arabic seed leaves its last panel empty).
    assert all(r.body_panels == 4 for r in report.results if not r.translation), "no Dutch edition should need fillers"


def test_no_pdf_is_built_for_an_edition_outside_the_matrix(built):
    root, _, _, matrix = built
    made = {(pdf.parent.name, *split_name(pdf.stem)) for pdf in (root / "build" / "print").glob("*/*.pdf")}
    assert made == set(matrix)
    assert ("sport", "whiplash", "") not in made and ("ouderen", "tenniselleboog", "") not in made
    assert ("sport", "lage-rugklachten", "en") not in made  # Team Sport hands out Dutch only


def test_each_team_s_therapists_appear_in_its_own_editions_only(built, texts):
    _, _, library, matrix = built
    everyone = {t.name for source in library.teams.values() for t in source.item.therapists}
    for team, condition, translation in matrix:
        text = texts[team, condition, translation]
        named = {name for name in everyone if name in text}
        assert named == {t.name for t in library.teams[team].item.therapists}, f"{team}/{condition}"
        assert library.teams[team].item.name in text


def test_the_sport_team_section_is_in_its_editions_only(built, texts):
    _, _, library, matrix = built
    wanted = set(library.teams["sport"].item.sections[0].conditions)
    for team, condition, translation in matrix:
        text = texts[team, condition, translation]
        has = SPORT_SECTION in text and "Team Sport kijkt samen met u" in text
        assert has == (team == "sport" and condition in wanted), f"{team}/{condition}"


def test_a_team_section_changes_nothing_else_on_the_inside_of_the_leaflet(built):
    root = built[0] / "build" / "print"

    def inside(team: str) -> str:  # the sheet side with the three inside panels: no team details there
        return pdf_text_of_page(root / team / f"{SEED_CONDITION}.pdf", 1)

    sport, whole = inside("sport"), inside("fysiofits")
    start, end = sport.index(SPORT_SECTION), sport.index("Afsluiting")
    assert sport.index("De behandeling") < start < end and SPORT_SECTION not in whole
    assert sport[:start] + sport[end:] == whole


# ---------- content lint ----------


def test_the_sample_library_passes_the_content_lint(project):
    library = load_library(project)
    assert lint(library) == []


def test_lint_finds_a_missing_section_and_a_copied_shared_one(project):
    path = project / "leaflets/conditions/whiplash.yaml"
    werkwijze = (project / "leaflets/shared/werkwijze.yaml").read_text("utf-8")
    copied = "\n".join("    " + line for line in werkwijze.splitlines() if line and not line.startswith("#"))
    text = path.read_text("utf-8").replace("  - use: werkwijze\n", "  - " + copied.lstrip() + "\n")
    text = text.replace("  - heading: Symptomen", "  - heading: Klachten")
    path.write_text(text, "utf-8")
    library = load_library(project)
    assert not library.problems.errors, [str(p) for p in library.problems.errors]
    found = {p.message: p for p in lint(library)}
    missing = next(p for m, p in found.items() if m.startswith("missing the sections"))
    assert "'Symptomen'" in missing.message and "'- use: werkwijze'" in missing.message
    assert missing.file == "leaflets/conditions/whiplash.yaml" and missing.severity == "warning"
    copy = next(p for m, p in found.items() if "repeats the text of the shared section 'werkwijze'" in m)
    assert copy.hint.startswith("replace the section with '- use: werkwijze'")
    assert path.read_text("utf-8").splitlines()[copy.line - 1].lstrip().startswith("- heading:")


def test_lint_finds_empty_text_and_check_reports_it(project):
    import leafletpress

    path = project / "leaflets/conditions/whiplash.yaml"
    text = path.read_text("utf-8")
    heading = "  - heading: Symptomen\n    blocks:\n"
    path.write_text(text.replace(heading, heading + '      - text: "  "\n'), "utf-8")
    [problem] = lint(load_library(project))
    assert problem.is_error and problem.message == "empty text" and problem.field.endswith("blocks[0].text")
    report = leafletpress.check(project, conditions=["whiplash"], teams=["fysiofits"], jobs=1)
    assert problem in report.errors and report.exit_code == 1
