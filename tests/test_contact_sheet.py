"""The contact sheet (build/index.html): complete, self-contained, and loads cleanly in a real browser."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import leafletpress
from leafletpress.look.contact_sheet import render_index
from leafletpress.options import ProofOptions

from .helpers import BROWSER_ARGS, CHROMIUM, NO_CHROMIUM, SEED, SEED_TEAM

HEADING_RULE = ".section h2 {"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The seed edition built twice, the second time with red headings: proofs, a diff and the index."""
    from .helpers import copy_project

    root = copy_project(tmp_path_factory.mktemp("contact"))
    for _ in range(2):
        report = leafletpress.build(
            root, conditions=[SEED], teams=[SEED_TEAM], jobs=1, proofs=ProofOptions(dpi=50, guides=True), index=True
        )
        assert report.exit_code == 0, [str(p) for p in report.problems]
        css = root / "styles" / "leaflet.css"
        css.write_text(css.read_text("utf-8").replace(HEADING_RULE, HEADING_RULE + " color: #d01060 !important;", 1), "utf-8")
    return root / "build"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs["src"])
        elif tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])


def test_every_link_and_image_is_relative_and_on_disk(site: Path):
    html = (site / "index.html").read_text("utf-8")
    parser = _Links()
    parser.feed(html)
    assert len(parser.images) == 2 + 2  # the edition's two sheet sides, and the two highlighted changes
    assert not re.search(r"(https?:)?//", html), "the contact sheet must not reach for the network"
    for href in parser.images + parser.links:
        if href.startswith("#"):
            continue
        assert not href.startswith(("/", "file:")), href
        assert (site / href.split("?")[0]).is_file(), href
    assert any(href.endswith(f"print/{SEED_TEAM}/{SEED}.pdf") for href in parser.links)
    assert "inside + guides" in html and ">fits<" in html and 'id="changes"' in html


def test_status_comes_from_the_manifest_with_preflight_when_recorded(tmp_path: Path):
    manifest = {
        "format": 2,
        "editions": {
            "team-a/griep": {"status": "built", "digest": "x", "preflight": {"status": "failed", "errors": ["text in the fold"]}},
            "team-a/hoest": {
                "status": "failed",
                "digest": "",
                "problems": [
                    {
                        "file": "leaflets/conditions/hoest.yaml",
                        "line": 12,
                        "field": "",
                        "message": "'Behandeling' does not fit",
                        "hint": "shorten the text",
                        "severity": "error",
                    }
                ],
            },
            "team-b/griep": {"status": "built", "digest": "y"},
        },
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    html = render_index(tmp_path)
    assert "preflight: failed" in html and "text in the fold" in html
    assert "does not fit" in html and "leaflets/conditions/hoest.yaml:12" in html
    assert html.count("preflight: ") == 1  # only where the manifest records it
    assert "not in this team's set" in html  # team-b has no hoest edition


def test_an_edition_that_does_not_fit_is_counted_and_filtered_as_failed(tmp_path: Path):
    entry = {"status": "failed", "digest": "", "fit": "overflow", "problems": []}
    manifest = {"format": 2, "editions": {"team-a/griep": {"status": "built", "digest": "x"}, "team-a/hoest": entry}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    html = render_index(tmp_path)
    summary = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.search(r'<p class="summary">(.*?)</p>', html, re.S).group(1)))
    assert summary.strip().startswith("2 editions: 1 fit, 1 failed (1 does not fit)."), summary
    [status] = re.findall(r'data-status="([^"]*overflow[^"]*)"', html)
    assert status.split() == ["overflow", "error"]  # the status filter's "failed" finds it too


PROBE = """<script>
window.addEventListener("load", () => {
  const broken = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute("src"));
  document.body.setAttribute("data-images", document.images.length);
  document.body.setAttribute("data-broken", broken.join(" "));
});
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
def test_contact_sheet_loads_in_headless_chromium_with_every_image(site: Path, tmp_path: Path):
    # The probe is the index plus a script that reports unloaded images; it sits beside the index
    # so that every relative link resolves exactly as in the real file.
    html = (site / "index.html").read_text("utf-8")
    probe = site / "probe.html"
    probe.write_text(html.replace("</body>", PROBE + "</body>"), "utf-8")
    try:
        result = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                f"--user-data-dir={tmp_path / 'profile'}",
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=5000",
                "--dump-dom",
                probe.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        probe.unlink()
    assert result.returncode == 0, result.stderr[-2000:]
    images = re.search(r'data-images="(\d+)"', result.stdout)
    broken = re.search(r'data-broken="([^"]*)"', result.stdout)
    assert images and broken, result.stdout[-2000:]
    assert int(images.group(1)) == 4
    assert broken.group(1) == ""
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line or "ERR_FILE_NOT_FOUND" in line]
    assert console == []


def test_panel_links_follow_the_folds_reading_order(site: Path):
    html = (site / "index.html").read_text("utf-8")
    panels = re.search(r"<p>panels \(a4-roll-trifold\): (.*?)</p>", html).group(1)
    names = re.findall(r">([a-z-]+)</a>", panels)
    assert names == ["cover", "flap", "inside-left", "inside-middle", "inside-right", "back"]  # folds.yaml's panels list


def test_the_folded_preview_shows_the_views_from_the_panel_proofs(site: Path):
    html = (site / "index.html").read_text("utf-8")
    views = json.loads(re.search(r'data-views="([^"]*)"', html).group(1).replace("&#34;", '"').replace("&amp;", "&"))
    assert [v["key"] for v in views] == ["closed", "opened", "spread", "back"]
    assert [p["name"] for p in views[1]["panels"]] == ["inside-left", "flap"]
    for view in views:
        for panel in view["panels"]:
            assert (site / panel["src"].split("?")[0]).is_file()


def _warning(file: str, message: str) -> dict:
    return {"file": file, "line": 3, "field": "", "message": message, "hint": "", "severity": "warning"}


def _three_editions(folder: Path) -> Path:
    """A manifest of three editions (no proofs): two teams, two conditions, one edition with its own warning."""
    everyone = _warning("styles/leaflet.css", "not PDF/X: no output profile")
    manifest = {
        "format": 2,
        "leafletpress": "9.9.9",
        "editions": {
            "team-a/griep": {
                "status": "built",
                "digest": "x",
                "preflight": "warnings",
                "built_at": "2026-01-02 10:00:00 UTC",
                "problems": [everyone, _warning("leaflets/teams/team-a.yaml", "the logo prints at 210 ppi")],
            },
            "team-a/hoest": {"status": "built", "digest": "y", "built_at": "2026-01-03 09:00:00 UTC", "problems": [everyone]},
            "team-b/griep": {"status": "built", "digest": "z", "built_at": "2026-01-01 08:00:00 UTC", "problems": [everyone]},
        },
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    (folder / "index.html").write_text(render_index(folder), "utf-8")
    return folder / "index.html"


def test_each_cards_warnings_are_said_in_words_and_the_footer_says_when_and_by_which_version(tmp_path: Path):
    html = _three_editions(tmp_path).read_text("utf-8")
    assert "warning: leaflets/teams/team-a.yaml:3: the logo prints at 210 ppi" in html  # the card's own, in words
    assert html.count("not PDF/X: no output profile") == 1  # every edition has it: said once, above the editions
    assert html.count("<li>1 warning that every edition has: see Problems in the project, above</li>") == 2
    assert "<li>and 1 warning that every edition has" in html  # team-a/griep: its own warning, and the shared one
    assert "Last built 2026-01-03 09:00:00 UTC" in html and "leafletpress 9.9.9" in html
    assert render_index(tmp_path) == html  # nothing in it changes unless the build folder does


@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
def test_from_disk_the_filters_and_the_search_narrow_the_cards(tmp_path: Path):
    playwright = pytest.importorskip("playwright.sync_api")
    index = _three_editions(tmp_path)
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(index.as_uri())
            visible = "() => [...document.querySelectorAll('article.card')].filter(c => c.offsetParent).map(c => c.id)"
            assert sorted(page.evaluate(visible)) == ["team-a-griep", "team-a-hoest", "team-b-griep"]
            page.select_option("select[data-filter=team]", "team-b")
            assert page.evaluate(visible) == ["team-b-griep"]
            page.select_option("select[data-filter=team]", "")
            page.fill("input[data-filter=q]", "HOEST")
            assert page.evaluate(visible) == ["team-a-hoest"]
            assert page.inner_text("#shown") == "showing 1 of 3"
            page.fill("input[data-filter=q]", "")
            page.select_option("select[data-filter=status]", "warnings")
            assert sorted(page.evaluate(visible)) == ["team-a-griep", "team-a-hoest", "team-b-griep"]
            assert page.is_hidden("#live")  # from disk there is no live build to follow
            assert errors == []
        finally:
            browser.close()


@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
def test_from_disk_a_proof_opens_large_zooms_and_flips_and_the_folded_preview_steps(site: Path):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto((site / "index.html").as_uri())
            page.click(f"#{SEED_TEAM}-{SEED} .thumbs a >> nth=1")  # the inside, which the red headings changed
            assert page.is_visible("#viewer") and "inside" in page.inner_text("#viewer-title")
            assert page.eval_on_selector_all("#flip button", "b => b.map(x => x.textContent)") == ["after", "before", "changes"]
            page.click("[data-zoom='1']")
            natural = page.wait_for_function(
                "(() => { const i = document.querySelector('#stage img'); return i.complete && i.naturalWidth; })()"
            )
            assert page.evaluate("document.querySelector('#stage img').getBoundingClientRect().width") == natural.json_value()
            page.click("[data-flip=before]")
            assert page.get_attribute("#stage img", "src").endswith("inside-before.png")  # the proof it replaced
            page.keyboard.press("Escape")
            page.click(f"#{SEED_TEAM}-{SEED} button.folded")
            shown = "() => [...document.querySelectorAll('.folded-view img')].map(i => i.alt)"
            assert page.evaluate(shown) == ["cover"]
            page.keyboard.press("ArrowRight")
            assert page.evaluate(shown) == ["inside-left", "flap"]
            page.keyboard.press("ArrowRight")
            assert page.evaluate(shown) == ["inside-left", "inside-middle", "inside-right"]
            page.wait_for_function(
                "[...document.querySelectorAll('.folded-view img')].every(i => i.complete && i.naturalWidth > 0)"
            )
            assert errors == []
        finally:
            browser.close()
