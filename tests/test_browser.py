"""The web edition in a real browser: axe-core in Debian's headless Chromium finds no WCAG 2.1 A/AA violation on
any page at 320 px or 1280 px, nothing scrolls sideways (at 200 % zoom neither), and every QR code on the
sample's print PDFs leads to its page on a static server.

tests/browser/check.js is the harness (puppeteer-core drives the system's Chromium; nothing downloads a
browser), with its npm packages pinned in package-lock.json: `.ci/run` installs them with `npm ci`, and
without tests/browser/node_modules this module installs them into a temporary copy. It needs node, npm
and chromium (`.ci/run` installs them); it is skipped, saying so, only where they are missing.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp

from leafletpress.compose.edition import compose
from leafletpress.content.load import load_library
from leafletpress.content.markup import plain

from .helpers import REPO

HARNESS = REPO / "tests" / "browser"
NODE, NPM = shutil.which("node"), shutil.which("npm")
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(
    not (NODE and NPM and CHROMIUM),
    reason="needs node, npm and chromium (.ci/run installs them: apt-get install nodejs npm chromium)",
)


@pytest.fixture(scope="module")
def site(sample_build) -> Path:
    root, report = sample_build
    assert report.exit_code == 0, [str(p) for p in report.problems]
    return root / "build" / "web"


@pytest.fixture(scope="module")
def harness(tmp_path_factory) -> Path:
    """check.js with exactly the lockfile's packages."""
    if (HARNESS / "node_modules" / "puppeteer-core").is_dir():
        return HARNESS / "check.js"
    folder = tmp_path_factory.mktemp("browser")
    for name in ("check.js", "package.json", "package-lock.json"):
        shutil.copy(HARNESS / name, folder / name)
    installed = subprocess.run(
        [NPM, "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    return folder / "check.js"


def check(harness: Path, site: Path, *options: str) -> dict:
    """Every page of a site through check.js (one browser for all of them); its JSON summary."""
    done = subprocess.run(
        [NODE, str(harness), str(site), "--jobs", "2", *options],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "CHROMIUM": CHROMIUM, "PYTHON": sys.executable},
    )
    assert done.returncode in (0, 1) and done.stdout.startswith("{"), done.stderr[-3000:]  # else the harness failed
    return json.loads(done.stdout)


@needs_browser
def test_every_page_passes_axe_at_320_and_1280_px_and_reflows_at_200_percent(site, harness):
    summary = check(harness, site)
    assert summary["problems"] == [], "\n".join(json.dumps(p, ensure_ascii=False) for p in summary["problems"])
    pages = list(site.rglob("*.html"))
    assert (
        summary["pages"] == len(pages) == 20 + 3 + 3 + 1
    )  # the Dutch editions, the translations, the team indexes, the practice's
    assert summary["axe_runs"] == 2 * len(pages)  # at 320 px and at 1280 px
    assert summary["needs_review"] == []  # axe decided every check: nothing it gave up on counts as a pass
    assert summary["served"] == "python3 -m http.server" and summary["links_checked"] > len(pages)


@needs_browser
def test_the_harness_finds_what_it_is_for(site, harness, tmp_path):
    """A check that passes proves something only if it fails on a page that is wrong."""
    copy = Path(shutil.copytree(site, tmp_path / "web"))
    for folder in [copy / "fysiofits", copy / "ouderen", *(p for p in (copy / "sport").iterdir() if p.name != "nekklachten")]:
        if folder.is_dir():
            shutil.rmtree(folder)  # two pages are enough: the practice's index and the one made wrong
    team_css = copy / "sport" / "team.css"
    team_css.write_text(re.sub(r"--accent: #[0-9a-f]+", "--accent: #8fb0d8", team_css.read_text("utf-8")), "utf-8")
    page = copy / "sport" / "nekklachten" / "index.html"
    html, found = re.subn(r'<html lang="nl"[^>]*>', "<html>", page.read_text("utf-8"))
    assert found == 1
    page.write_text(html.replace("</main>", '<p style="width:30rem">breed</p><a href="weg.html">weg</a></main>'), "utf-8")
    summary = check(harness, copy)
    found = {(p["kind"], p.get("id")) for p in summary["problems"]}
    assert {("axe", "color-contrast"), ("axe", "html-has-lang"), ("horizontal-scroll", None), ("broken-link", None)} <= found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(site):
    """build/web/ served by `python -m http.server`, as any static host would serve it: its port."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        server.kill()
        server.wait()


def get(port: int, path: str) -> tuple[int, list[str], str]:
    """GET a path, following redirects on the same host: (status, the paths asked for, body)."""
    asked = [path]
    for _ in range(3):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        if response.status not in (301, 302, 307, 308):
            return response.status, asked, body
        path = re.sub(r"^https?://[^/]+", "", response.getheader("Location"))
        asked.append(path)
    return 0, asked, ""


def test_every_qr_code_leads_to_its_page(sample_build, site, served):
    root, _ = sample_build
    library = load_library(root)
    pattern = library.project.item.qr.url
    base = pattern.split("{team}", 1)[0]  # where build/web/ is published
    pdfs = sorted((root / "build" / "print").glob("*/*.pdf"))
    assert len(pdfs) == 20 + 3  # the Dutch editions and the seed leaflet's three translations
    for pdf in pdfs:
        team, (condition, _, translation) = pdf.parent.name, pdf.stem.partition(".")
        outside = pypdfium2.PdfDocument(pdf)[0]  # the sheet side with the back panel
        [url] = [code.text for code in zxingcpp.read_barcodes(outside.render(scale=200 / 72).to_pil())]
        assert url.startswith(base)
        path = url.removeprefix(base)
        assert path.rstrip("/") == "/".join(filter(None, (team, condition, translation)))
        status, asked, body = get(served, "/" + path)
        # The sample's addresses end in "/", so no static host answers them with a redirect first.
        assert (status, asked) == (200, ["/" + path]) and path.endswith("/"), (url, status, asked)
        title = plain(compose(library, team, condition, translation).title)
        assert re.search(r"<h1>(.*?)</h1>", body).group(1) == title.replace("'", "&#39;")
