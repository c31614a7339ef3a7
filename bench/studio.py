"""The benchmark's studio rows: `leafletpress serve` on a copy of the sample project, from a save to the open page.

One `serve` process with its defaults (proofs, the contact sheet, a worker per core) serves the
20 sample editions; headless Chromium (playwright, pointed at the system browser) keeps the
contact sheet open. Each round saves a visible change (a condition's subtitle: 1 edition; Team
Sport's accent: its 5 editions) and reads three clocks, all the browser's Date.now(): the save,
the server-sent event that says the build is over, and the moment the page has swapped in the new
sheet. Also timed: from starting `serve` to its page answering, while the first build runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless=new", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARGS += ["--no-first-run", "--disable-gpu", "--disable-quic"]
CONDITION = "leaflets/conditions/whiplash.yaml"  # one team hands it out: one edition
TEAM_CSS = "styles/teams/sport.css"  # Team Sport: 5 editions
WAIT_MS = 120_000
LISTEN = """() => {
  window.benchEvents = [];
  const source = new EventSource("events");
  source.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    if (state.phase !== "idle") return;
    window.benchEvents.push({ at: Date.now(), batches: state.batches, sheet: state.sheet, rebuilt: state.rebuilt });
  });
}"""


@dataclass
class Save:
    """One save, timed in seconds from the file's write."""

    built: float  # the event saying the build is over reached the page
    shown: float  # the page shows the new contact sheet
    rebuilt: int


@dataclass
class Studio:
    start: list[float] = field(default_factory=list)  # starting serve to its page answering
    start_phase: list[str] = field(default_factory=list)  # what the first build was doing then
    saves: dict[str, list[Save]] = field(default_factory=dict)
    rss_mb: float = 0.0  # the serve process's own peak (its workers are other processes)
    skipped: str = ""


def available() -> str:
    """'' if the studio rows can run here, else why not."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "skipped: pip install leafletpress[test] (playwright)"
    return "" if Path(CHROMIUM).exists() else f"skipped: no {CHROMIUM}"


def measure(work: Path, env: dict, repeat: int) -> Studio:
    """Start serve `repeat` times for the start row, then time `repeat` saves of each kind with one page open."""
    result = Studio(skipped=available())
    if result.skipped:
        return result
    from playwright.sync_api import sync_playwright

    for round_ in range(repeat):
        root = _sample(work / f"studio-{round_}")
        process, url, seconds, phase = _start(root, env)
        result.start.append(seconds)
        result.start_phase.append(phase)
        if round_ < repeat - 1:
            _stop(process)
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.wait_for_selector("#live[data-phase=idle]", timeout=WAIT_MS)
            page.evaluate(LISTEN)
            # serve sends its state on connecting (idle, the first build's): wait for it, or on a busy machine
            # it arrives after the first save and is taken for that save's build (0.00 s, 23 rebuilt).
            page.wait_for_function("window.benchEvents.length > 0", timeout=WAIT_MS)
            for round_ in range(repeat):
                for kind, edit in (("one condition", _edit_condition), ("one team stylesheet", _edit_team)):
                    result.saves.setdefault(kind, []).append(_save(page, root, edit, round_))
                    print(f"  studio: {kind}: round {round_ + 1}: {result.saves[kind][-1]}", file=sys.stderr)
            browser.close()
        result.rss_mb = _peak_rss_mb(process.pid)
    finally:
        _stop(process)
    return result


def _sample(root: Path) -> Path:
    for folder in ("leaflets", "styles"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _start(root: Path, env: dict) -> tuple[subprocess.Popen, str, float, str]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "leafletpress", "serve", "--port", "0"],
        cwd=root,
        env={**env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    url = re.search(r"at (http://\S+/)", process.stdout.readline()).group(1)
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    seconds = time.perf_counter() - started
    with urllib.request.urlopen(url + "state", timeout=30) as response:
        phase = json.loads(response.read())["phase"]
    # Nobody reads what serve prints from here on: a pipe left full would stop it, so drain it.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return process, url, seconds, phase


def _save(page, root: Path, edit, round_: int) -> Save:
    before = page.evaluate("window.benchEvents.length")
    saved = page.evaluate("Date.now()")
    edit(root, round_)
    page.wait_for_function(f"window.benchEvents.length > {before}", timeout=WAIT_MS)
    event = page.evaluate("window.benchEvents[window.benchEvents.length - 1]")
    page.wait_for_function(f"document.documentElement.dataset.sheet === {event['sheet']!r}", timeout=WAIT_MS)
    shown = int(page.evaluate("document.documentElement.dataset.updated || 0"))
    return Save((event["at"] - saved) / 1000, (max(shown, event["at"]) - saved) / 1000, event["rebuilt"])


def _edit_condition(root: Path, round_: int) -> None:
    path = root / CONDITION
    text = path.read_text("utf-8")
    path.write_text(
        re.sub(r"(?m)^  subtitle: .*$", f"  subtitle: Informatie over klachten, versie {round_ + 2}", text, count=1), "utf-8"
    )


def _edit_team(root: Path, round_: int) -> None:
    path = root / TEAM_CSS
    accent = ("#9a3412", "#1a5aa6")[round_ % 2]  # orange and back to blue: every round changes what the page shows
    path.write_text(re.sub(r"--accent: #[0-9a-f]{6};", f"--accent: {accent};", path.read_text("utf-8"), count=1), "utf-8")


def _peak_rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024
    except (OSError, AttributeError):
        return 0.0


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
