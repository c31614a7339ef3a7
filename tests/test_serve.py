"""leafletpress serve, as a designer meets it: started on a small copy of the sample, opened in headless Chromium.

One server (a subprocess, as from a terminal) and one page serve the whole module, in order: the
page is there while the first build runs; a saved team stylesheet shows its new proof on the open
page, which the test never reloads; a broken YAML file puts up a banner naming file and line, and
its fix takes it down; the layout fits 1280 and 768 px; paths outside the build folder are
refused; Ctrl-C stops it with nothing but its goodbye.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import CliRunner

from leafletpress.cli import main
from leafletpress.studio.watch import Watcher

from .helpers import BROWSER_ARGS, CHROMIUM, NO_CHROMIUM, SEED, copy_project

TEAMS = ("fysiofits", "ouderen", "sport")
WAIT_MS = 90_000  # a rebuild on a slow CI machine; nothing here is timed but the start
CONDITION_FILE = f"leaflets/conditions/{SEED}.yaml"
SPORT_CSS = "styles/teams/sport.css"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)


class Studio:
    """A running `leafletpress serve` and what it said."""

    def __init__(self, root: Path):
        self.root = root
        env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
        command = [
            sys.executable,
            "-m",
            "leafletpress",
            "serve",
            "--port",
            "0",
            "--dpi",
            "20",
            "--jobs",
            "1",
            "--condition",
            SEED,
        ]
        self.started = time.monotonic()
        # A session of its own, as a terminal's foreground group: Ctrl-C goes to it and to every process it forks.
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
        first = self.process.stdout.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+/)", first)
        assert match, first + self.process.stderr.read()
        self.url = match.group(1)
        self.first_line = first

    def get(self, path: str) -> tuple[int, bytes]:
        """A request with the path sent exactly as written (no client tidies '..' away)."""
        where = urlsplit(self.url)
        connection = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
        try:
            connection.putrequest("GET", path, skip_accept_encoding=True)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def ctrl_c(self) -> tuple[int, str, str]:
        os.killpg(self.process.pid, signal.SIGINT)
        out, err = self.process.communicate(timeout=30)
        return self.process.returncode, out, err


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("studio"))
    path = root / "leaflets" / "project.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["editions"] = {team: "all" for team in TEAMS}  # three teams; --condition picks one edition each
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    running = Studio(root)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.communicate()


@pytest.fixture(scope="module")
def page(studio):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.errors = []
            tab.on("pageerror", lambda error: tab.errors.append(str(error)))
            tab.goto(studio.url)
            yield tab
        finally:
            browser.close()


def _state(studio: Studio) -> dict:
    status, body = studio.get("/state")
    assert status == 200
    return json.loads(body)


def test_the_page_is_there_while_the_first_build_runs(studio: Studio):
    status, body = studio.get("/")
    seconds = time.monotonic() - studio.started
    assert status == 200 and b'id="toolbar"' in body
    assert _state(studio)["phase"] in ("starting", "building")  # the first build is still going on
    assert seconds < 4, f"the page took {seconds:.1f}s"  # 2 s on a quiet machine (see the benchmark); CI is busier


def _until_shown(studio: Studio, page) -> None:
    """Wait until the build is over and the page shows the contact sheet it wrote."""
    page.wait_for_selector("#live[data-phase=idle]", timeout=WAIT_MS)
    sheet = _state(studio)["sheet"]
    page.wait_for_selector(f"html[data-sheet='{sheet}']", timeout=WAIT_MS)


def test_the_open_page_shows_progress_then_every_selected_edition(studio: Studio, page):
    _until_shown(studio, page)
    assert "Up to date" in page.inner_text("#progress")
    cards = page.eval_on_selector_all("article.card", "cards => cards.map(c => c.id)")
    assert sorted(cards) == [f"{team}-{SEED}" for team in TEAMS]  # --condition: only that condition's editions
    assert page.is_hidden("#banner")


@pytest.mark.parametrize("width", [1280, 768])
def test_no_sideways_scrolling_with_three_teams(studio: Studio, page, width: int, tmp_path: Path):
    page.set_viewport_size({"width": width, "height": 900})
    try:
        page.screenshot(path=tmp_path / f"sheet-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{overflow}px wider than a {width}px window"
        widths = page.eval_on_selector_all("article.card", "cards => cards.map(c => c.getBoundingClientRect().right)")
        assert max(widths) <= width
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_a_saved_accent_shows_its_new_proof_on_the_open_page_without_a_reload(studio: Studio, page):
    thumb = f"#sport-{SEED} .thumbs img"
    before = page.get_attribute(thumb, "src")
    page.evaluate("window.notReloaded = true")
    css = studio.root / SPORT_CSS
    css.write_text(css.read_text("utf-8").replace("--accent: #1a5aa6;", "--accent: #9a3412;"), "utf-8")
    page.wait_for_function(f"document.querySelector({thumb!r}).getAttribute('src') !== {before!r}", timeout=WAIT_MS)
    assert page.evaluate("window.notReloaded") is True  # swapped in place: the page was never reloaded
    assert page.get_attribute(f"#fysiofits-{SEED} .thumbs img", "src") is not None
    src = page.get_attribute(thumb, "src").split("?")[0]
    from PIL import Image

    with Image.open(studio.root / "build" / src) as image:  # the thumbnail the page now shows: the cover is orange
        red, _, blue = image.convert("RGB").getpixel((image.width - 3, 3))
    assert red > 110 and blue < 60
    assert page.is_visible(f"#sport-{SEED} .changed-badge")


def test_a_broken_yaml_file_puts_up_a_banner_naming_file_and_line_until_it_is_fixed(studio: Studio, page):
    path = studio.root / CONDITION_FILE
    good = path.read_text("utf-8")
    path.write_text(good.replace("title: Langdurige lage rugklachten", 'title: "Langdurige lage rugklachten', 1), "utf-8")
    page.wait_for_selector("#banner:not([hidden])", timeout=WAIT_MS)
    banner = page.inner_text("#banner")
    assert f"{CONDITION_FILE}:2" in banner and "is not valid YAML" in banner
    assert "what to do: add the closing quote" in banner
    path.write_text(good, "utf-8")
    page.wait_for_selector("#banner", state="hidden", timeout=WAIT_MS)
    _until_shown(studio, page)
    assert page.errors == []


def test_the_server_refuses_every_path_outside_the_build_folder(studio: Studio, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the browser", "utf-8")
    (studio.root / "build" / "linked.txt").symlink_to(secret)
    assert studio.get("/manifest.json")[0] == 200
    for path in (
        "/../leaflets/project.yaml",
        "/%2e%2e/leaflets/project.yaml",
        "/proofs/../../leaflets/project.yaml",
        "/..%2fleaflets%2fproject.yaml",
        "//etc/passwd",
        f"/{secret}",
        "/linked.txt",  # a symbolic link to a file outside
    ):
        status, body = studio.get(path)
        assert status in (400, 403, 404), (path, status)
        assert b"not for the browser" not in body and b"practice" not in body, path


def test_ctrl_c_stops_it_without_a_python_message(studio: Studio):
    code, out, err = studio.ctrl_c()
    assert code == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert out.rstrip().endswith("stopped serving")


def test_watch_and_serve_pass_on_the_selection(project: Path, monkeypatch):
    seen = []
    monkeypatch.setattr(Watcher, "run", lambda self, *args, **kwargs: seen.append(self.options))
    for command in (["watch"], ["serve", "--port", "0"]):
        result = CliRunner().invoke(main, ["--project", str(project), *command, "--team", "sport", "--condition", SEED])
        assert result.exit_code == 0, result.output
    assert [(o.teams, o.conditions, o.index) for o in seen] == [(("sport",), (SEED,), True)] * 2


def test_a_port_already_taken_is_a_usage_error_that_says_what_to_do(project: Path):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["--project", str(project), "serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use (choose another --port, or --port 0)" in result.output
