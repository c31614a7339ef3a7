"""The build matrix and team sections: which editions exist and what a team may add or replace."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

import leafletpress
from leafletpress.cli import main
from leafletpress.compose.edition import compose
from leafletpress.content.load import load_library
from leafletpress.content.matrix import editions, team_conditions

from .helpers import copy_project

SIX = {"Harmke Berenpas", "Casper Oude Lohuis", "Bregtje Kuppens", "Guido Heerink", "Jordi Koning", "Paul Nip"}


def replace_in(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new), "utf-8")


def add_team_section(project: Path, team: str, item: str) -> None:
    """Append one section (YAML lines starting '  - heading:') to a team's sections."""
    path = project / "leaflets" / "teams" / f"{team}.yaml"
    text = path.read_text("utf-8")
    path.write_text(text + ("" if "\nsections:\n" in text else "sections:\n") + item, "utf-8")


def headings(edition) -> list[str]:
    return [section.heading for section in edition.sections]


# ---------- the matrix ----------


def test_sample_matrix_is_three_teams_with_their_own_conditions(project):
    library = load_library(project)
    assert not library.problems.errors, [str(p) for p in library.problems.items]
    assert len(library.conditions) >= 10 and set(library.teams) >= {"fysiofits", "sport", "ouderen"}
    assert team_conditions(library, "fysiofits") == sorted(library.conditions)
    for team in ("sport", "ouderen"):
        handed_out = team_conditions(library, team)
        assert 0 < len(handed_out) < len(library.conditions), f"{team} should hand out some conditions, not all"
    assert "whiplash" not in team_conditions(library, "sport")


def test_sample_teams_are_made_of_the_seed_therapists_only(project):
    library = load_library(project)
    for slug, source in library.teams.items():
        names = {t.name for t in source.item.therapists}
        assert names <= SIX, f"{slug} names someone who is not in the seed: {names - SIX}"
        contact = source.item.contact
        assert contact.website.split("/")[2].endswith(".example") and contact.email.endswith(".example")


def test_a_team_not_listed_under_editions_gets_no_editions(project):
    replace_in(project, "leaflets/project.yaml", "  ouderen: [", "  # ouderen: [")
    library = load_library(project)
    assert not library.problems.errors
    assert team_conditions(library, "ouderen") == []
    assert all(team != "ouderen" for team, _, _ in editions(library))


def test_without_editions_every_team_gets_every_condition(project):
    text = (project / "leaflets/project.yaml").read_text("utf-8")
    (project / "leaflets/project.yaml").write_text(text[: text.index("editions:")], "utf-8")
    library = load_library(project)
    assert len(editions(library)) == len(library.teams) * len(library.conditions)


def test_list_shows_the_matrix_as_a_table(project):
    result = CliRunner().invoke(main, ["--project", str(project), "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if line.startswith("condition"))
    assert header.split()[-3:] == ["fysiofits", "ouderen", "sport"]
    row = next(line for line in lines if line.startswith("whiplash "))
    assert row.split()[-3:] == ["x", ".", "."]
    row = next(line for line in lines if line.startswith("lage-rugklachten "))
    assert row.split()[-3:] == ["x", "x", "x"]
    library = load_library(project)
    counts = next(line for line in lines if line.split()[:1] == ["editions"])
    assert counts.split()[1:] == [str(len(team_conditions(library, t))) for t in ("fysiofits", "ouderen", "sport")]
    assert "adds 'Terug naar sport' after 'De behandeling'" in result.output


# ---------- team sections ----------


def test_sport_section_goes_after_the_treatment_in_sport_editions_only(project):
    library = load_library(project)
    sport = headings(compose(library, "sport", "enkelverstuiking"))
    assert sport[sport.index("De behandeling") + 1] == "Terug naar sport"
    assert "Terug naar sport" not in headings(compose(library, "fysiofits", "enkelverstuiking"))
    assert "Terug naar sport" not in headings(compose(library, "ouderen", "lage-rugklachten"))


def test_after_an_unknown_heading_is_a_located_error_with_suggestion(project):
    replace_in(project, "leaflets/teams/sport.yaml", "after: De behandeling", "after: De behandelingen")
    library = load_library(project)
    [problem] = [p for p in library.problems.errors if p.file == "leaflets/teams/sport.yaml"]
    lines = (project / problem.file).read_text("utf-8").splitlines()
    assert "after: De behandelingen" in lines[problem.line - 1]
    assert problem.field == "sections[0].after"
    assert "'De behandelingen'" in problem.message and "enkelverstuiking" in problem.message
    assert problem.hint == "did you mean 'De behandeling'?"


def test_replaces_an_unknown_heading_names_the_headings_there(project):
    add_team_section(
        project,
        "ouderen",
        (
            "  - heading: Zo werken wij\n"
            "    replaces: Werkwijze van ons\n"
            "    conditions: [knieartrose]\n"
            "    blocks:\n"
            "      - text: Wij nemen de tijd voor u.\n"
        ),
    )
    library = load_library(project)
    [problem] = [p for p in library.problems.errors if p.file == "leaflets/teams/ouderen.yaml"]
    assert re.fullmatch(r"sections\[\d+\]\.replaces", problem.field) and "knieartrose" in problem.message
    assert "Hoe gaat onze fysiotherapeut te werk?" in problem.hint


def test_replaces_swaps_one_section_for_that_team_only(project):
    add_team_section(
        project,
        "ouderen",
        (
            "  - heading: Afsluiting bij {team}\n"
            "    replaces: Afsluiting\n"
            "    blocks:\n"
            "      - text: Na de behandeling krijgt uw huisarts een kort verslag van {team}.\n"
        ),
    )
    library = load_library(project)
    assert not library.problems.errors, [str(p) for p in library.problems.errors]
    ouderen = compose(library, "ouderen", "knieartrose")
    assert headings(ouderen)[-1] == "Afsluiting bij Team Ouderen"
    assert "Afsluiting" not in headings(ouderen)
    assert ouderen.sections[-1].blocks[0].text.endswith("van Team Ouderen.")
    assert headings(compose(library, "fysiofits", "knieartrose"))[-1] == "Afsluiting"


BLESSURES = (
    "  - heading: Blessures voorkomen\n"
    "    after: Terug naar sport\n"
    "    conditions: [enkelverstuiking]\n"
    "    blocks:\n"
    "      - text: Een goede warming-up helpt.\n"
)


def test_a_team_section_may_follow_another_team_section_listed_before_it(project):
    team_file = project / "leaflets/teams/sport.yaml"
    original = team_file.read_text("utf-8")
    team_file.write_text(original + BLESSURES, "utf-8")
    library = load_library(project)
    assert not library.problems.errors, [str(p) for p in library.problems.errors]
    sport = headings(compose(library, "sport", "enkelverstuiking"))
    assert sport[sport.index("Terug naar sport") + 1] == "Blessures voorkomen"
    # Sections apply in file order: listed first, it cannot follow a section not yet placed.
    team_file.write_text(original.replace("sections:\n", "sections:\n" + BLESSURES), "utf-8")
    assert [p.field for p in load_library(project).problems.errors] == ["sections[0].after"]


def test_a_team_section_for_a_condition_the_team_does_not_hand_out_is_a_warning(project):
    replace_in(project, "leaflets/teams/sport.yaml", "conditions: [achillespees,", "conditions: [whiplash, achillespees,")
    library = load_library(project)
    assert not library.problems.errors
    [warning] = [p for p in library.problems.items if p.file == "leaflets/teams/sport.yaml"]
    assert warning.field == "sections[0].conditions[0]" and "does not hand out 'whiplash'" in warning.message
    assert not warning.is_error and "editions: sport" in warning.hint


# ---------- placeholders ----------


def test_placeholders_resolve_per_edition(project):
    library = load_library(project)
    texts = {team: compose(library, team, "lage-rugklachten").sections for team in ("sport", "fysiofits")}
    sport_text = " ".join(b.text or "" for s in texts["sport"] for b in s.blocks)
    assert "Team Sport kijkt samen met u" in sport_text and "{team}" not in sport_text


def test_unknown_placeholder_is_a_located_error_and_compose_survives(project):
    replace_in(project, "leaflets/conditions/nekklachten.yaml", "Veel mensen hebben", "Bij {praktijk} zien we dat veel mensen")
    library = load_library(project)
    [problem] = library.problems.errors
    assert problem.file == "leaflets/conditions/nekklachten.yaml"
    assert problem.field == "sections[0].blocks[0].text" and "'{praktijk}'" in problem.message
    assert "text:" in (project / problem.file).read_text("utf-8").splitlines()[problem.line - 1]
    edition = compose(library, "fysiofits", "nekklachten")  # left visible, never a crash
    assert "{praktijk}" in edition.sections[0].blocks[0].text


# ---------- team colours ----------


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_cover_is_its_teams_accent_given_once_and_readable(project):
    """The cover's background is var(--accent) in the base stylesheet; a team gives its colour once, in --accent."""
    base = (project / "styles" / "leaflet.css").read_text("utf-8")
    assert re.search(r"@page\s+cover\s*{[^}]*background:\s*var\(--accent\)", base)
    library = load_library(project)
    for slug, source in library.teams.items():
        css = (project / source.item.stylesheet).read_text("utf-8")
        assert "@page cover" not in css, f"{slug}: a repeated cover colour stays behind when --accent changes"
        accent = re.search(r"--accent:\s*(#[0-9a-fA-F]{6})", css).group(1)
        contrast = 1.05 / (_luminance(accent) + 0.05)
        assert contrast >= 4.5, f"{slug}: white on {accent} has contrast {contrast:.2f}:1"


def test_a_typo_in_one_teams_editions_fails_only_that_teams_editions(project):
    """An error under editions.<team> in project.yaml is that team's; the other teams' leaflets still build."""
    replace_in(project, "leaflets/project.yaml", "sport: [achillespees,", "sport: [achilespees,")
    import leafletpress

    report = leafletpress.check(project, jobs=2)
    [error] = report.errors
    assert (error.file, error.field) == ("leaflets/project.yaml", "editions.sport[0]")
    assert "did you mean 'achillespees'?" in error.hint
    failed = {r.slug for r in report.results if r.status == "failed"}
    assert failed == {f"sport/{c}" for c in team_conditions(load_library(project), "sport")}
    assert {r.team for r in report.results if r.status == "checked"} == {"fysiofits", "ouderen"}
    assert report.exit_code == 1


def test_list_with_an_unreadable_project_file_shows_the_editions_check_counts_as_failing(tmp_path):
    """README "Languages": while project.yaml cannot be read every team hands out everything, and those editions fail."""
    project = copy_project(tmp_path / "project", translations=True)
    replace_in(project, "leaflets/project.yaml", "fysiofits: [nl, en, tr, ar]", "fysiofits: [nl, en, tr, ar")
    checked = json.loads(CliRunner().invoke(main, ["--project", str(project), "check", "--format", "json"]).stdout)
    assert checked["summary"]["editions"] == checked["summary"]["failed"] == 39
    result = CliRunner().invoke(main, ["--project", str(project), "list"])
    assert result.exit_code == 1
    assert "leaflets/project.yaml:53: is not valid YAML: a '[' opened on this line is never closed" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "10 conditions x 3 teams: 39 editions, all failing: leaflets/project.yaml cannot be read"
    row = next(line for line in lines if line.startswith("lage-rugklachten "))
    assert row.split()[-12:] == ["nl?", "ar?", "en?", "tr?"] * 3
    row = next(line for line in lines if line.startswith("whiplash "))
    assert row.split()[-3:] == ["nl?"] * 3
    counts = next(line for line in lines if line.split()[:1] == ["editions"])
    assert counts.split()[1:] == ["13", "13", "13"]
    assert any(line.startswith("nl? = an edition in that language, unknown and failing") for line in lines)
    assert result.stdout.count("hands out: unknown (leaflets/project.yaml cannot be read)") == 3


def test_list_shows_a_condition_whose_file_cannot_be_read_marked_with_the_reason(project):
    """Its editions are counted (header, check): its row is there too, each cell marked ?, the file:line below."""
    (project / "leaflets/conditions/whiplash.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(project), "list"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("10 conditions x 3 teams")
    row = next(line for line in lines if line.startswith("whiplash "))
    assert row.split()[1:] == ["?", "?", ".", "."]
    assert "? = an edition whose file cannot be read, failing as in check (title ?: the condition's own file):" in lines
    assert "  whiplash: leaflets/conditions/whiplash.yaml:1 cannot be read" in lines
    row = next(line for line in lines if line.startswith("lage-rugklachten "))
    assert row.split()[-3:] == ["x", "x", "x"]


def test_list_shows_a_team_whose_file_cannot_be_read_in_a_column_marked_with_the_reason(project):
    """check counts its editions as failing: list shows them too, in the team's column, and why below."""
    (project / "leaflets/teams/sport.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(project), "list"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("10 conditions x 3 teams: 20 editions")
    assert lines[2].split()[-3:] == ["fysiofits", "ouderen", "sport"]
    assert next(line for line in lines if line.startswith("achillespees ")).split()[-3:] == ["x", ".", "?"]
    assert next(line for line in lines if line.startswith("whiplash ")).split()[-3:] == ["x", ".", "."]
    counts = next(line for line in lines if line.split()[:1] == ["editions"])
    assert counts.split()[1:] == ["10", "5", "5"]
    assert "  sport: leaflets/teams/sport.yaml:1 cannot be read" in lines
    assert any(line.split()[:2] == ["sport", "?"] and "cannot be read" in line for line in lines)
    checked = leafletpress.check(project, teams=["sport"], jobs=1)
    assert [r.status.value for r in checked.results] == ["failed"] * 5


def test_a_team_renamed_away_from_its_slug_keeps_its_column_and_its_editions_fail(project):
    """QA: 'Sport Team.yaml' left sport's 5 editions out of every count while editions: still names sport."""
    (project / "leaflets/teams/sport.yaml").rename(project / "leaflets/teams/Sport Team.yaml")
    result = CliRunner().invoke(main, ["--project", str(project), "list"])
    lines = result.stdout.splitlines()
    assert lines[2].split()[-3:] == ["fysiofits", "ouderen", "sport"]
    line = next(line for line in lines if line.startswith("  sport: "))
    assert line.startswith("  sport: leaflets/teams/sport.yaml is not there (leaflets/project.yaml:") and line.endswith(
        " names it)"
    )
    checked = leafletpress.check(project, jobs=1)
    assert sum(r.status.value == "failed" for r in checked.results) == 5 and len(checked.results) == 20


def test_a_condition_a_team_lists_without_its_file_has_its_row_and_its_edition_fails(project):
    """check counts ouderen/gone as failing: list has its row, marked ?, and says the file is not there."""
    path = project / "leaflets/project.yaml"
    path.write_text(path.read_text("utf-8").replace("  ouderen: [", "  ouderen: [gone, ", 1), "utf-8")
    lines = CliRunner().invoke(main, ["--project", str(project), "list"]).stdout.splitlines()
    assert next(line for line in lines if line.startswith("gone ")).split()[1:] == ["?", ".", "?", "."]
    assert any(line.startswith("  gone: leaflets/conditions/gone.yaml is not there (leaflets/project.yaml:") for line in lines)
    failed = [r.slug for r in leafletpress.check(project, jobs=1).results if r.status.value == "failed"]
    assert "ouderen/gone" in failed and {slug.split("/")[0] for slug in failed} == {"ouderen"}  # an error in its line


def test_list_marks_the_language_of_a_translation_that_cannot_be_read(tmp_path):
    project = copy_project(tmp_path / "project", translations=True)
    path = project / "leaflets/conditions/lage-rugklachten.tr.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "x: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(project), "list"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    row = next(line for line in lines if line.startswith("lage-rugklachten "))
    assert "tr?" in row.split() and "en" in row.split()
    assert "a language with ? = an edition whose file cannot be read, failing as in check:" in lines
    assert any(line.startswith("  lage-rugklachten.tr: leaflets/conditions/lage-rugklachten.tr.yaml:") for line in lines)
