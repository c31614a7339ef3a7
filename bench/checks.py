"""The benchmark's `check` rows: `leafletpress check` of the sample project, and WeasyPrint's part of it.

`check` does everything build does but write: for each of the sample's 23 editions the print
layout, its PDF and preflight, and the screen edition's layout without hyphens (build rejects a
screen edition that overflows, so check must see it; editions whose bodies differ only in colour
share that layout). The floor row runs WeasyPrint alone on the same editions in one fresh process:
its import, then the layouts check makes (a print layout per edition, a screen layout per distinct
body) and a bare `write_pdf` of each print one, in CPU seconds spread over every core as if
perfectly parallel. Nothing of leafletpress's own is in it (loading and validating the content, fit,
legibility, ink, imposition, preflight, a second layout with filler panels), so it is what `check`
would take if all of that took no time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from languages import Round, Row, sample

FLOOR = r"""
import json, sys, time
started = time.perf_counter()
import weasyprint  # noqa: F401 - what every process that lays out pays first
imported = time.perf_counter() - started
from pathlib import Path
from leafletpress.api import list_editions
from leafletpress.compose.edition import compose, to_html
from leafletpress.typeset import share
from leafletpress.typeset.typesetter import SCREEN_CSS, Typesetter, fold_css
root = Path(sys.argv[1])
library, pairs = list_editions(root)
setter = Typesetter(root)
cpu, editions, screen_bodies = 0.0, 0, set()
for team, condition, translation in pairs:
    edition = compose(library, team, condition, translation)
    html = to_html(edition, root)
    sheets = [setter.text(path) for path in edition.stylesheets] + [SCREEN_CSS]
    fit_key = share.body_key(html, sheets, fold_css(edition.fold_spec, edition.shop.bleed), fit_only=True)
    started = time.process_time()
    for extra in ("", SCREEN_CSS):
        if extra and fit_key is not None and fit_key in screen_bodies:
            continue  # check measures this body's screen layout once (share.py's fit key)
        document = setter.render(html, edition.stylesheets, edition.fold_spec, edition.condition_file, extra,
                                 bleed=edition.shop.bleed).document
        if not extra:
            document.write_pdf()
    cpu += time.process_time() - started
    editions += 1
    screen_bodies.add(fit_key)
print(json.dumps({"import": imported, "cpu": cpu, "editions": editions}))
"""


def check_rows(cli, python: list[str], env: dict, work: Path, repeat: int) -> tuple[Row, Row]:
    """`check` of the sample in a fresh process (cli: measured), and WeasyPrint's floor for it (python: how to run a script)."""
    root = sample(work)
    check = Row("`check` of the sample project, fresh process")
    floor = Row("`check`'s floor: WeasyPrint's part of it alone, its import + the layouts and PDFs / cores")
    cores = os.cpu_count() or 1
    parts = []
    for round_ in range(repeat):
        result = cli("check", "--format", "json", cwd=root)
        summary = json.loads(result["stdout"])["summary"]
        check.rounds.append(Round(result["wall"], result["cpu"], result["maxrss_kb"] / 1024))
        check.editions = summary["checked"]
        done = subprocess.run([*python, "-c", FLOOR, str(root)], env=env, capture_output=True, text=True, check=True)
        found = json.loads(done.stdout)
        floor.editions = found["editions"]
        floor.rounds.append(Round(found["import"] + found["cpu"] / cores, found["cpu"], 0))
        parts.append(found)
        print(f"  check: round {round_ + 1}: {check.rounds[-1].wall:.2f}s, floor {floor.rounds[-1].wall:.2f}s", file=sys.stderr)
    check.note = "default jobs (one per core); print and screen layouts, the print PDF and its preflight, the web colours"
    middle = sorted(parts, key=lambda p: p["import"] + p["cpu"] / cores)[len(parts) // 2]
    floor.note = (
        f"import weasyprint {middle['import']:.2f} s + {middle['cpu']:.2f} CPU s of the layouts check makes and a bare "
        f"`write_pdf` each / {cores} cores: `check` if leafletpress's own work took no time, perfectly parallel"
    )
    return check, floor
