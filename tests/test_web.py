"""The web edition: a static site in build/web/, one page per edition at the address its QR code encodes.

What a page holds, that the site works from disk and from any static host, that it is the same
bytes every time and rebuilt only where its inputs changed. tests/test_browser.py opens it in
Chromium.
"""

from __future__ import annotations

import hashlib
import html as html_text
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import leafletpress
from leafletpress.cli import main
from leafletpress.compose.edition import compose, matrix
from leafletpress.content.load import load_library
from leafletpress.content.markup import plain
from leafletpress.outputs import MANIFEST
from leafletpress.web import brand

from .helpers import REPO, SEED, SEED_TEAM, copy_project


@pytest.fixture(scope="module")
def site(sample_build) -> Path:
    root, report = sample_build
    assert report.exit_code == 0, [str(p) for p in report.problems]
    return root / "build" / "web"


def pages(web: Path) -> list[str]:
    return sorted(p.relative_to(web).as_posix() for p in web.rglob("*.html"))


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_edition_has_its_page_at_the_address_of_its_qr_code_and_every_team_an_index(site):
    library = load_library(REPO)
    editions = matrix(library)
    teams = sorted({team for team, _, _ in editions})
    assert pages(site) == sorted(
        [
            "index.html",
            *(f"{t}/index.html" for t in teams),
            *(f"{t}/{c}/{lang + '/' if lang else ''}index.html" for t, c, lang in editions),
        ]
    )
    for team, condition, translation in editions:
        address = f"/folders/{team}/{condition}/" + (f"{translation}/" if translation else "")
        assert compose(library, team, condition, translation).qr_url.endswith(address)


def test_a_page_is_the_leaflet_in_reading_order_with_real_headings_lists_and_steps(site):
    edition = compose(load_library(REPO), SEED_TEAM, SEED)
    html = (site / SEED_TEAM / SEED / "index.html").read_text("utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl" dir="ltr">')
    assert re.findall(r"<h1>(.*?)</h1>", html) == [edition.title]
    headings = [s.heading for s in edition.sections] + [edition.back.heading, edition.team_name, "Contact", "Deze folder als PDF"]
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", html) == headings
    assert html.count('<ol class="steps">') == 1 and html.count('<ul class="bullets">') == 2
    assert "aspecifieke" in html and "aan te wijzen" in html
    for name, disciplines in edition.therapists:
        assert f'<span class="name">{name}</span>' in html and disciplines in html


def test_a_page_says_what_each_contact_link_does(site):
    html = (site / SEED_TEAM / SEED / "index.html").read_text("utf-8")
    assert '<a class="phone" href="tel:0123456789">Bel 012 345 67 89</a>' in html
    assert '<a class="email" href="mailto:info@fysiofits.example">Mail naar info@fysiofits.example</a>' in html
    assert '<a class="website" href="https://www.fysiofits.example">Website www.fysiofits.example</a>' in html


def test_a_page_offers_its_pdfs_beside_it_with_their_size_and_pages(site):
    folder = site / SEED_TEAM / SEED
    html = (folder / "index.html").read_text("utf-8")
    links = re.findall(r'<a href="([^"]+\.pdf)" type="application/pdf">([^<]+) <span class="file-meta">\(([^)]+)\)', html)
    assert [href for href, _, _ in links] == [f"{SEED}.pdf", f"{SEED}-drukwerk.pdf"]
    build = site.parent
    for (href, _, meta), kind in zip(links, ("screen", "print"), strict=True):
        pdf = folder / href
        assert pdf.read_bytes() == (build / kind / SEED_TEAM / f"{SEED}.pdf").read_bytes()
        count = len(PdfReader(pdf).pages)
        assert html_text.unescape(meta) == f"PDF, {count} pagina's, {-(-pdf.stat().st_size // 1000)} kB"


def test_every_address_in_the_site_is_relative_and_inside_it(site):
    for page in site.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="([^"]*)"', page.read_text("utf-8")):
            assert not href.startswith(("/", "file:", "..//")), (page, href)
            if href.startswith(("https://", "http://", "tel:", "mailto:", "#")):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.is_file() and target.is_relative_to(site.resolve()), (page, href)


def test_the_brand_is_the_stylesheets_custom_properties_only(site):
    sport = (site / "sport" / "team.css").read_text("utf-8")
    assert "--accent: #1a5aa6; /* styles/teams/sport.css:3 */" in sport
    assert "--ink: #1f2a30; /* styles/leaflet.css:" in sport
    assert "@page" not in sport and "font-face" not in sport and "{" not in sport.split(":root {", 1)[1]
    assert "--accent: #0b6e69" in (site / "brand.css").read_text("utf-8")  # the practice's, for its index
    page = (site / "sport" / SEED / "index.html").read_text("utf-8")
    assert '<link rel="stylesheet" href="../../web.css">\n<link rel="stylesheet" href="../team.css">' in page


def test_the_indexes_list_every_leaflet_by_title(site):
    library = load_library(REPO)
    team = (site / "sport" / "index.html").read_text("utf-8")
    conditions = [c for t, c, _ in matrix(library) if t == "sport"]
    titles = sorted((plain(library.conditions[c].item.title) for c in conditions), key=str.casefold)
    assert re.findall(r'<li><a href="[a-z-]+/index.html">([^<]+)</a>', team) == titles
    practice = (site / "index.html").read_text("utf-8")
    assert re.findall(r'<h2 id="team-([a-z]+)"><a href="\1/index.html">', practice) == ["fysiofits", "ouderen", "sport"]


def test_the_manifest_records_every_page_and_the_sites_own_files(sample_build, site):
    root, _ = sample_build
    data = json.loads((root / "build" / MANIFEST).read_text("utf-8"))
    entry = data["editions"][f"{SEED_TEAM}/{SEED}"]
    assert f"web/{SEED_TEAM}/{SEED}/index.html" in entry["outputs"]
    recorded = data["site"]["sha256"]
    assert {
        "web/index.html",
        "web/web.css",
        "web/brand.css",
        "web/logo.svg",
        "web/sport/index.html",
        "web/sport/team.css",
    } <= set(recorded)
    for relative, digest in recorded.items():
        assert hashlib.sha256((root / "build" / relative).read_bytes()).hexdigest() == digest, relative
    in_site = {f"web/{name}" for name in files(site)}
    in_manifest = set(recorded) | {o for e in data["editions"].values() for o in e["outputs"] if o.startswith("web/")}
    assert in_site == in_manifest  # nothing in build/web/ that the manifest does not vouch for


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """The seed condition and one more for two teams, built once with every edition."""
    root = copy_project(tmp_path_factory.mktemp("web"))
    project = root / "leaflets" / "project.yaml"
    text = project.read_text("utf-8")
    text = re.sub(
        r"(?ms)^editions:.*", "editions:\n  fysiofits: [lage-rugklachten, nekklachten]\n  sport: [lage-rugklachten]\n", text
    )
    project.write_text(text, "utf-8")
    assert leafletpress.build(root, jobs=2).exit_code == 0
    return root


@pytest.fixture
def built(small: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(small, tmp_path / "p"))


def stamps(web: Path) -> dict[str, int]:
    return {p.relative_to(web).as_posix(): p.stat().st_mtime_ns for p in web.rglob("*") if p.is_file()}


def test_the_same_inputs_give_the_same_site_byte_for_byte(built, tmp_path):
    before = files(built / "build" / "web")
    report = leafletpress.build(built, jobs=1, force=True, out=tmp_path / "again")
    assert report.exit_code == 0
    assert files(tmp_path / "again" / "web") == before


def test_a_rebuild_writes_nothing_and_a_changed_condition_rewrites_its_pages_only(built):
    web = built / "build" / "web"
    before = stamps(web)
    assert {r.status for r in leafletpress.build(built, jobs=1).results} == {"unchanged"}
    assert stamps(web) == before
    condition = built / "leaflets" / "conditions" / "nekklachten.yaml"
    condition.write_text(condition.read_text("utf-8").replace("Nekpijn is vervelend", "Pijn in de nek is vervelend", 1), "utf-8")
    report = leafletpress.build(built, jobs=1)
    assert [r.slug for r in report.results if r.status == "built"] == ["fysiofits/nekklachten"]
    after = stamps(web)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {f"fysiofits/nekklachten/{name}" for name in ("index.html", "nekklachten.pdf", "nekklachten-drukwerk.pdf")}
    assert "Pijn in de nek is vervelend" in (web / "fysiofits" / "nekklachten" / "index.html").read_text("utf-8")


def test_a_new_title_rewrites_the_indexes_that_list_it(built):
    web = built / "build" / "web"
    before = stamps(web)
    condition = built / "leaflets" / "conditions" / "nekklachten.yaml"
    condition.write_text(re.sub(r"(?m)^title: .*$", "title: Pijn in de nek", condition.read_text("utf-8"), count=1), "utf-8")
    assert leafletpress.build(built, jobs=1).exit_code == 0
    after = stamps(web)
    assert {"index.html", "fysiofits/index.html"} <= {n for n in after if after[n] != before[n]}
    assert after["sport/index.html"] == before["sport/index.html"]
    assert ">Pijn in de nek</a>" in (web / "fysiofits" / "index.html").read_text("utf-8")


def test_a_leaflet_whose_file_cannot_be_read_keeps_its_page_listed_until_it_is_fixed(built):
    """It failed (its file is misnamed): its last good page stays, and so do the indexes that list it, which
    cannot be made without its title; the fix makes them again."""
    web = built / "build" / "web"
    before = files(web)
    conditions = built / "leaflets" / "conditions"
    (conditions / "nekklachten.yaml").rename(conditions / "nekklachten .yaml")
    report = leafletpress.build(built, jobs=1)
    assert [r.slug for r in report.results if r.status == "failed"] == ["fysiofits/nekklachten"]
    after = files(web)
    for name in ("index.html", "fysiofits/index.html", "fysiofits/nekklachten/index.html"):
        assert after[name] == before[name], name
    assert 'href="nekklachten/index.html"' in after["fysiofits/index.html"].decode("utf-8")
    condition = conditions / "nekklachten.yaml"
    (conditions / "nekklachten .yaml").rename(condition)
    condition.write_text(re.sub(r"(?m)^title: .*$", "title: Pijn in de nek", condition.read_text("utf-8"), count=1), "utf-8")
    assert leafletpress.build(built, jobs=1).exit_code == 0
    for name in ("index.html", "fysiofits/index.html"):
        assert ">Pijn in de nek</a>" in (web / name).read_text("utf-8"), name


def test_editions_and_teams_that_leave_the_matrix_lose_their_pages(built):
    project = built / "leaflets" / "project.yaml"
    project.write_text(project.read_text("utf-8").replace("  sport: [lage-rugklachten]\n", ""), "utf-8")
    assert leafletpress.build(built, jobs=1).exit_code == 0
    web = built / "build" / "web"
    assert not (web / "sport").exists()
    assert "sport" not in (web / "index.html").read_text("utf-8")
    assert (web / "fysiofits" / SEED / "index.html").is_file()


def test_a_pdf_rebuilt_means_its_copy_beside_the_page_is_too(built):
    web_copy = built / "build" / "web" / SEED_TEAM / SEED / f"{SEED}-drukwerk.pdf"
    web_copy.write_bytes(b"%PDF-1.7 not ours")
    report = leafletpress.build(built, jobs=1)
    assert [r.slug for r in report.results if r.status == "built"] == [f"{SEED_TEAM}/{SEED}"]
    assert web_copy.read_bytes() == (built / "build" / "print" / SEED_TEAM / f"{SEED}.pdf").read_bytes()


def test_the_web_edition_alone_is_the_site_with_its_pdfs(project: Path):
    result = CliRunner().invoke(
        main, ["--project", str(project), "build", "-c", SEED, "-t", SEED_TEAM, "--edition", "web", "--no-proofs", "-q"]
    )
    assert result.exit_code == 0, result.output
    build = project / "build"
    assert not (build / "print").exists() and not (build / "screen").exists()
    assert sorted(files(build / "web" / SEED_TEAM / SEED)) == ["index.html", f"{SEED}-drukwerk.pdf", f"{SEED}.pdf"]
    assert (build / "web" / "index.html").is_file() and (build / "web" / "web.css").is_file()


def test_editions_combine_on_the_command_line(project: Path):
    args = ["--project", str(project), "build", "-c", SEED, "-t", SEED_TEAM, "--no-proofs", "-q"]
    assert CliRunner().invoke(main, [*args, "--edition", "print", "--edition", "web"]).exit_code == 0
    assert sorted(p.name for p in (project / "build").iterdir() if p.is_dir()) == ["print", "web"]


def test_a_brand_colour_that_makes_web_text_unreadable_is_a_problem_at_its_line(project: Path):
    # The print layout's own contrast checks find such a colour first; this is the web's, for web.css's pairs.
    sheet = project / "styles" / "teams" / "sport.css"
    sheet.write_text(sheet.read_text("utf-8").replace("--accent: #1a5aa6;", "--accent: #8fb0d8;"), "utf-8")
    properties = brand.custom_properties(project, ("styles/leaflet.css", "styles/teams/sport.css"))
    found = [str(p) for p in brand.problems(properties)]
    assert found[0] == (
        "styles/teams/sport.css:3: on the web edition, --on-accent on --accent (the title band) has a contrast of "
        "2.2:1; WCAG AA needs 4.5:1 (make --accent darker)"
    )
    assert brand.problems(brand.custom_properties(REPO, ("styles/leaflet.css", "styles/teams/sport.css"))) == []


def test_a_brand_colour_given_as_ink_is_shown_as_the_light_it_prints_as(tmp_path: Path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "base.css").write_text('@import "ink.css";\n:root { --ink: #1f2a30; }\n@page { --x: 1; }\n', "utf-8")
    (tmp_path / "styles" / "ink.css").write_text(":root { --accent: device-cmyk(1 0 0.5 0.25); --logo: url(a.png); }\n", "utf-8")
    properties = brand.custom_properties(tmp_path, ("styles/base.css",), light=lambda cmyk: (0.0, 0.4, 0.4))
    assert {name: p.value for name, p in properties.items()} == {"--accent": "#006666", "--ink": "#1f2a30"}
    assert (properties["--accent"].file, properties["--accent"].line) == ("styles/ink.css", 1)
    assert (
        brand.custom_properties(tmp_path, ("styles/base.css",))["--accent"].value == "#00bf60"
    )  # no profile: C, M, Y each under K


def test_a_page_a_print_only_build_left_behind_is_rebuilt_by_the_next_web_build_and_removed_with_its_edition(built):
    condition = built / "leaflets" / "conditions" / "nekklachten.yaml"
    condition.write_text(condition.read_text("utf-8").replace("Nekpijn is vervelend", "Pijn in de nek is vervelend", 1), "utf-8")
    assert leafletpress.build(built, jobs=1, outputs=["print"]).exit_code == 0
    page = built / "build" / "web" / "fysiofits" / "nekklachten" / "index.html"
    assert page.is_file()  # the QR codes already printed still lead somewhere: to the last page made
    entry = json.loads((built / "build" / MANIFEST).read_text("utf-8"))["editions"]["fysiofits/nekklachten"]
    assert "web/fysiofits/nekklachten/index.html" in entry["stale"] and entry["outputs"] == ["print/fysiofits/nekklachten.pdf"]
    assert [r.status for r in leafletpress.build(built, jobs=1, conditions=["nekklachten"]).results] == ["built"]
    assert "Pijn in de nek is vervelend" in page.read_text("utf-8")
    assert leafletpress.build(built, jobs=1, outputs=["print"]).exit_code == 0  # nothing changed: nothing goes stale
    project = built / "leaflets" / "project.yaml"
    project.write_text(project.read_text("utf-8").replace("[lage-rugklachten, nekklachten]", "[lage-rugklachten]"), "utf-8")
    assert leafletpress.build(built, jobs=1, outputs=["print"]).exit_code == 0
    assert not page.parent.exists()
    assert "nekklachten" not in (built / "build" / "web" / "fysiofits" / "index.html").read_text("utf-8")


def test_a_qr_address_that_is_not_the_pages_folder_is_a_located_error_when_the_web_edition_is_made(project: Path):
    path = project / "leaflets" / "project.yaml"
    path.write_text(path.read_text("utf-8").replace("/folders/{team}/{condition}", "/folder?t={team}&c={condition}"), "utf-8")
    report = leafletpress.check(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    [problem] = report.errors
    assert str(problem) == (
        "leaflets/project.yaml:36: qr.url: the QR code must lead to the leaflet's web page: the address must end in "
        "{team}/{condition}/, after the address where build/web/ is published (write url: "
        "https://www.fysiofits.example/{team}/{condition}/ and publish build/web/ at "
        "https://www.fysiofits.example/, or build without the web edition: --edition print --edition screen)"
    )
    assert leafletpress.check(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1, outputs=["print", "screen"]).exit_code == 0


def test_a_qr_address_with_a_final_slash_leads_to_the_page_without_a_redirect(project: Path):
    path = project / "leaflets" / "project.yaml"
    path.write_text(path.read_text("utf-8").replace("{team}/{condition}\n", "{team}/{condition}/\n"), "utf-8")
    assert leafletpress.check(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1).exit_code == 0


def test_a_language_the_web_edition_has_no_words_in_is_a_located_error(project: Path):
    path = project / "leaflets" / "project.yaml"
    path.write_text(path.read_text("utf-8").replace("\nlanguage: nl\n", "\nlanguage: fy\n"), "utf-8")
    errors = leafletpress.check(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1).errors
    assert [(p.field, p.message) for p in errors] == [
        ("language", "the web edition has no words in 'fy' (it has: ar, en, nl, tr)")
    ]
    report = leafletpress.build(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    assert [r.status for r in report.results] == ["failed"] and not (project / "build" / "web").exists()


def test_the_contact_sheet_links_each_editions_page(built):
    from leafletpress.look.contact_sheet import render_index

    sheet = render_index(built / "build", load_library(built))
    for slug in ("fysiofits/lage-rugklachten", "fysiofits/nekklachten", "sport/lage-rugklachten"):
        assert f'<a href="web/{slug}/index.html">web page</a>' in sheet
