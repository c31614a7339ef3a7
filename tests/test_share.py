"""Shared bodies and backs: an edition that reuses another edition's laid-out body or back is the same PDF, byte for byte."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import leafletpress
from leafletpress.compose.edition import compose, to_html
from leafletpress.plan.jobs import Job, chunks
from leafletpress.typeset.share import QR, back_key, body_key, cover_alone, split

from .helpers import SEED, SEED_TEAM

OTHER = "enkelverstuiking"


def add_branch(root: Path, slug: str = "oost", rule: str = ".cover-team { letter-spacing: 0.05em; }") -> None:
    """A second location of the practice: the house style plus one rule of its own, some of the same therapists."""
    team = (root / "leaflets" / "teams" / f"{SEED_TEAM}.yaml").read_text("utf-8")
    team = team.replace("name: Team FysioFits", "name: FysioFits Oost")
    team = re.sub(r"(?m)^stylesheet: .*$", f"stylesheet: styles/teams/{slug}.css", team)
    team = re.sub(r"  - name: Jordi Koning\n    disciplines: .*\n", "", team)
    (root / "leaflets" / "teams" / f"{slug}.yaml").write_text(team, "utf-8")
    house = (root / "styles" / "teams" / f"{SEED_TEAM}.css").read_text("utf-8")
    (root / "styles" / "teams" / f"{slug}.css").write_text(house + "\n" + rule + "\n", "utf-8")
    project = root / "leaflets" / "project.yaml"
    project.write_text(project.read_text("utf-8").replace("editions:\n", f"editions:\n  {slug}: all\n"), "utf-8")


def test_reused_bodies_and_backs_give_the_same_bytes_as_editions_built_alone(project):
    add_branch(project)
    selection = {"conditions": [SEED, OTHER, "achillespees"], "teams": [SEED_TEAM, "oost"]}
    together = leafletpress.build(project, out="together", jobs=1, **selection)
    assert together.exit_code == 0
    assert sum(r.body_reused for r in together.results) == 3  # the second team of each condition
    # Oost's back, laid out for its first condition (achillespees), with the QR code of the other two put in;
    # FysioFits comes first in each condition, so its editions lay their bodies out and their backs with them.
    assert sorted(r.condition for r in together.results if r.back_reused) == [OTHER, SEED]
    assert all(r.team == "oost" for r in together.results if r.back_reused)
    for team in selection["teams"]:
        for condition in selection["conditions"]:
            alone = leafletpress.build(project, out=f"alone-{team}-{condition}", jobs=1, teams=[team], conditions=[condition])
            assert not any(r.body_reused for r in alone.results)
            for edition in ("print", "screen"):
                a = (project / "together" / edition / team / f"{condition}.pdf").read_bytes()
                b = (project / f"alone-{team}-{condition}" / edition / team / f"{condition}.pdf").read_bytes()
                assert a == b, f"{edition} {team}/{condition}"


def test_two_workers_share_bodies_and_backs_too_and_write_the_same_bytes(project):
    add_branch(project)
    selection = {"conditions": [SEED, OTHER, "achillespees"], "teams": [SEED_TEAM, "oost"], "outputs": ["print"]}
    assert leafletpress.build(project, out="one", jobs=1, **selection).exit_code == 0
    two = leafletpress.build(project, out="two", jobs=2, **selection)
    assert sum(r.body_reused for r in two.results) == 3  # each worker got whole conditions
    assert sum(r.back_reused for r in two.results) == 1  # the worker that got two of the three conditions
    for path in sorted((project / "one" / "print").rglob("*.pdf")):
        assert path.read_bytes() == (project / "two" / path.relative_to(project / "one")).read_bytes()


def test_a_team_that_restyles_the_body_lays_out_its_own(project):
    add_branch(project, rule=":root { --accent: #7a1f5c; }")
    report = leafletpress.build(project, out="build", jobs=1, teams=[SEED_TEAM, "oost"], conditions=[SEED], outputs=["print"])
    assert report.exit_code == 0 and not any(r.body_reused for r in report.results)


def test_the_json_report_counts_reused_bodies_and_backs(project, tmp_path):
    from click.testing import CliRunner

    from leafletpress.cli import main

    add_branch(project)
    args = ["--project", str(project), "build", "--team", SEED_TEAM, "--team", "oost", "--condition", SEED]
    result = CliRunner().invoke(main, [*args, "--edition", "print", "--no-proofs", "--format", "json", "-j", "1"])
    summary = json.loads(result.stdout)["summary"]
    assert summary["bodies_reused"] == 1 and summary["backs_reused"] == 0  # one condition: no back to reuse yet


# --- the body key, on small documents --------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="nl">
<body class="team-{team} condition-rug">
<section class="panel cover" data-panel="cover"><p class="cover-team">{team}</p></section>
<section class="panel back" data-panel="back"><h2>Team {team}</h2></section>
<main class="body"><section class="section"><h2>Wat is het?</h2><p>Tekst.</p></section></main>
</body>
</html>"""
BASE = "h2 { color: var(--accent); } .panel { page: cover; }"


def key(team: str, *sheets: str) -> str | None:
    return body_key(HTML.format(team=team), [BASE, *sheets], "a4-roll-trifold")


def test_rules_the_body_cannot_match_leave_the_key_alone():
    assert key("a") is not None
    assert key("a", ".cover-team { letter-spacing: 1px; }") == key("b", ".cover-team { letter-spacing: 3px; }")
    assert key("a", "@page cover { background: red; }") == key("b", "@page cover { background: blue; }")
    assert key("a", ".cover-team:not(.x) { color: red; }") == key("b")


def test_rules_that_reach_the_body_change_the_key():
    assert key("a", ":root { --accent: red; }") != key("b", ":root { --accent: blue; }")
    assert key("a", "p { font-size: 10pt; }") != key("b", "p { font-size: 11pt; }")
    assert key("a", "@page { margin: 5mm; }") != key("b", "@page { margin: 6mm; }")
    assert key("a", "@font-face { font-family: X; src: url(a.ttf); }") != key("b")
    # A counter reset on the cover numbers the body's steps: the cover rule counts after all.
    assert key("a", ".cover-team { counter-reset: stap 3; }") != key("b")
    assert key("a", ".cover-team { break-after: page; }") != key("b")


def test_a_team_class_on_body_counts_only_when_a_rule_names_it():
    assert key("a") == key("b")  # class="team-a" vs "team-b", named by no rule
    assert key("a", ".team-a h2 { color: red; }") != key("b", ".team-a h2 { color: red; }")


@pytest.mark.parametrize(
    "sheet",
    [
        '@import "other.css";',
        ".back ~ main h2 { color: red; }",
        "main:has(.cover) h2 { color: red; }",
        ".cover::after { content: counter(pages); }",
        ".cover-team { & + main h2 { color: red; } }",
    ],
)
def test_what_cannot_be_reasoned_about_is_not_shared(sheet):
    assert key("a", sheet) is None


def test_sibling_and_position_selectors_on_a_panel_share_nothing():
    # Laid out without its neighbours, a panel would match (or miss) these: a cover alone is a last child.
    for sheet in (".panel:last-child h2 { color: red; }", "section:nth-of-type(2) { color: red; }", ":first-child { margin: 0 }"):
        assert key("a", sheet) is None and back("x", sheet) is None, sheet
    # The same inside a part is the part's own business.
    assert key("a", "li:first-child { margin: 0; }") is not None
    assert back("x", "li:last-child { margin: 0; }") is not None


def test_what_a_part_carries_into_the_next_shares_nothing():
    # A counter or named string set on the cover (or the back) would show its value in the back (or the body).
    assert key("a", ".cover-team { string-set: team content(); }") is None
    assert back("x", ".cover .title { counter-increment: x; }") is None
    assert back("x", ".title { position: fixed; }") is None
    # Set inside the body, it stays there.
    assert key("a", "main h2 { counter-increment: heading; }") is not None
    assert back("x", "main h2 { counter-increment: heading; }") is not None


def fit(team: str, *sheets: str) -> str | None:
    return body_key(HTML.format(team=team), [BASE, *sheets], "a4-roll-trifold", fit_only=True)


def test_the_fit_key_leaves_out_colours_that_var_can_only_put_where_a_colour_goes():
    for a, b in (
        (":root { --accent: #0b6e69; }", ":root { --accent: #7a2e5e; }"),
        (":root { --accent: rgb(11 110 105) !important; }", ":root { --accent: hsl(320 45% 33%) !important; }"),
    ):
        assert fit("a", a) == fit("b", b) and key("a", a) != key("b", b), a
    assert fit("a", ":root { --accent: #0b6e69 !important; }") != fit("b", ":root { --accent: #0b6e69; }")
    assert fit("a", ":root { --accent: #0b6e69; }") != key("a", ":root { --accent: #0b6e69; }")  # never mixed up
    # Anything else the property could hold may move the text: a name (var() could make it a font),
    # an invalid colour (a border shorthand using it is dropped, width and all), a length, a var() inside.
    for value in ("red", "#12345", "2mm", "rgb(var(--x) 0 0)", "#0b6e69 #0b6e69"):
        assert fit("a", f":root {{ --accent: {value}; }}") != fit("b", ":root { --accent: #7a2e5e; }"), value
    assert fit("a", "p { color: #0b6e69; }") != fit("b", "p { color: #7a2e5e; }")  # only custom properties


def test_checks_screen_layout_takes_a_body_laid_out_in_other_colours(project, monkeypatch):
    from leafletpress.typeset.typesetter import SCREEN_CSS, Typesetter

    add_branch(project, rule="")
    css = project / "styles" / "teams" / "oost.css"  # the house style in a plum of its own
    css.write_text(re.sub(r"--accent: #[0-9a-f]+", "--accent: #7a1f5c", css.read_text("utf-8")), "utf-8")
    laid_out = []
    render = Typesetter.render
    monkeypatch.setattr(
        Typesetter,
        "render",
        lambda self, html, *a, **k: (
            laid_out.append(
                ("screen " if SCREEN_CSS in a else "print ") + ("whole" if '<main class="body">' in html else "cover")
            )
            or render(self, html, *a, **k)
        ),
    )
    teams = [SEED_TEAM, "oost"]
    checked = leafletpress.check(project, jobs=1, teams=teams, conditions=[SEED], outputs=["print", "screen"])
    assert checked.exit_code == 0
    assert laid_out.count("print whole") == 2  # drawn in each team's colours: each its own
    assert laid_out.count("screen whole") == 1 and laid_out.count("screen cover") == 1  # measured only: one body
    # And what it measures is what the second team's own layout gives: build lays each out whole, the same verdict.
    built = leafletpress.build(project, out="build", jobs=1, teams=teams, conditions=[SEED], outputs=["print", "screen"])
    assert built.exit_code == 0 and [r.problems for r in built.results] == [r.problems for r in checked.results]


# --- the back key, with the edition's QR code --------------------------------------------------

QR_BACK = """<!DOCTYPE html>
<html lang="nl">
<body class="team-sport condition-{condition}">
<section class="panel cover" data-panel="cover"><h1 class="title">{condition}</h1></section>
<section class="panel back" data-panel="back"><h2>Team Sport</h2>
<figure class="qr"><a href="https://example.org/{condition}" aria-label="Lees deze folder online: example.org/{condition}"><svg width="{size}mm" height="{size}mm" class="qr-code"><title>QR-code naar {condition}</title><path d="M{condition}"/></svg></a><figcaption>Scan</figcaption></figure>
</section>
<main class="body"><section class="section"><h2>{condition}</h2><p>Tekst.</p></section></main>
</body>
</html>"""


def back(condition: str, *sheets: str, size: str = "27.3") -> str | None:
    return back_key(QR_BACK.format(condition=condition, size=size), [BASE, *sheets], "a4-roll-trifold")


def test_the_back_key_leaves_out_the_qr_codes_address_and_drawing_but_not_its_size():
    assert back("rug") is not None
    assert back("rug") == back("nek")  # another condition: another address and code, the same back
    assert back("rug") != back("rug", size="24.1")  # a longer address makes a bigger code
    assert back("rug", ".back h2 { color: red; }") != back("rug")
    assert back("rug", ".title { color: red; }") == back("rug")  # the cover's own rules
    assert back("rug", "a[href$='rug'] { display: none; }") is None  # a rule that reads the address
    assert back("rug", "a[aria-label*='rug'] { display: none; }") is None  # the address in words
    assert back("rug", ".qr a::after { content: attr(href); }") is None  # the address shown


def test_the_templates_qr_code_is_what_the_back_key_leaves_out():
    """A change to how the template writes the code must not quietly stop backs from being shared."""
    library, _ = leafletpress.list_editions(Path(__file__).resolve().parent.parent)
    html = to_html(compose(library, SEED_TEAM, SEED), library.root)
    found = QR.search(html)
    assert found is not None and found.group(2) in compose(library, SEED_TEAM, SEED).qr_url


def test_a_cover_alone_is_the_document_without_back_and_body():
    alone = cover_alone(QR_BACK.format(condition="rug", size="27.3"))
    assert 'class="panel cover"' in alone and "panel back" not in alone and "<main" not in alone
    assert alone.startswith("<!DOCTYPE html>") and alone.rstrip().endswith("</html>")


def test_split_takes_out_exactly_the_body():
    front, body = split(HTML.format(team="a"))
    assert body.startswith('<main class="body">') and body.endswith("</main>")
    assert "<main" not in front and 'class="cover-team"' in front and front.endswith("</html>")
    assert split("<html><body><p>no body</p></body></html>") is None


# --- who works on what ------------------------------------------------------------------------


def jobs_for(pairs) -> list[Job]:
    library, _ = leafletpress.list_editions(Path(__file__).resolve().parent.parent)
    return [Job(compose(library, team, condition), ".", None, "0" * 64) for team, condition in pairs]


def test_chunks_keep_a_conditions_editions_together_and_cover_every_job_once():
    pairs = sorted(
        [(t, c) for t in ("fysiofits", "sport") for c in ("achillespees", "enkelverstuiking", "tenniselleboog")],
        key=lambda p: p[1],
    )
    jobs = jobs_for(pairs)
    pieces = chunks(jobs, 2)
    assert sorted(id(j) for piece in pieces for j in piece) == sorted(id(j) for j in jobs)
    assert all(len({j.edition.condition for j in piece}) == 1 for piece in pieces)
    assert len(pieces) == 3  # one per condition: six editions keep two workers busy


def test_one_condition_for_many_teams_is_cut_so_every_worker_has_work():
    jobs = jobs_for([("fysiofits", SEED), ("sport", SEED), ("ouderen", SEED)] * 4)
    pieces = chunks(jobs, 2)
    assert len(pieces) >= 2 and sum(len(p) for p in pieces) == 12
