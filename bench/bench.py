"""Benchmark leafletpress builds against the engine: `make bench` (or `python bench/bench.py --help`).

Generates a synthetic library (default 40 conditions x 10 teams = 400 editions) from the real
content in a temporary folder, runs every scenario several times side by side in one run, and
prints one Markdown table of medians and ratios against the targets. Timings are for people,
never for tests.

Every build runs the command line in a fresh process (`python -m leafletpress`) from a snapshot
of the package taken at start, so edits to the working tree during a run cannot change the code
being measured (the manifest hashes the package's code: a code change rebuilds everything).

The Typst rows time a peer engine on the same library in the same run: bench/typst/ typesets the
same trifold from the same YAML with Typst 0.15 (`pip install leafletpress[bench]`; without it
those rows say skipped). Typst's PDFs are not what leafletpress prints: no PDF/X or output intent,
no crop or fold marks, no preflight (see TYPST_LACKS).

The floor rows time WeasyPrint's part of a job alone (its import, then the CPU inside its render and
write_pdf, spread over the cores as if perfectly parallel): what the job would take if leafletpress's
own work took no time, so a target below its floor cannot be met by making leafletpress faster, only
by laying out and painting less (bench/checks.py for `check`, Bench.library_floor for the full build).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import studio as studio_bench  # bench/studio.py: the serve rows (bench/ is on sys.path when run as a script)
import yaml

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "leafletpress"
EPOCH = "1700000000"
TEMPLATE_TEAM = "fysiofits"
TYPST = REPO / "bench" / "typst"
TYPST_SKIPPED = "skipped: pip install leafletpress[bench]"
# What Typst's print-equivalent PDFs lack next to leafletpress's print edition, each checked on
# the PDFs (pdfinfo -box, pdffonts, pypdf): Typst 0.15 sets TrimBox and BleedBox (3 mm bleed),
# embeds subsets of the Lato files it was given, writes ICC-based sRGB colour and can tag a PDF.
TYPST_LACKS = (
    "lacks: PDF/X (Typst 0.15 offers PDF/A and PDF/UA only) and any output intent; crop and fold marks "
    "(MediaBox = BleedBox, nothing drawn outside the trim); fit, imposition and preflight checks (a body "
    "too long for four panels makes a third page, checked here after the run); proofs, manifest, "
    "incremental rebuilds"
)

# Run a command, then report its wall time and the CPU time and peak RSS of it and every
# process it waited for (the pool's workers): getrusage(RUSAGE_CHILDREN) in a wrapper process.
WRAPPER = r"""
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": done.returncode, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "maxrss_kb": usage.ru_maxrss, "stdout": done.stdout}))
"""


# The library built in one process, timing what WeasyPrint does in it (Bench.library_floor).
LIBRARY_FLOOR = r"""
import json, sys, time
started = time.perf_counter()
import weasyprint
imported = time.perf_counter() - started
from pathlib import Path
from weasyprint.document import Document
from leafletpress import api, worker
from leafletpress.options import BuildOptions
root, out = Path(sys.argv[1]), Path(sys.argv[2])
spent = {"engine": 0.0, "finisher": 0.0}
def timed(owner, name, key, sign=1):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[key] += sign * (time.process_time() - started)
    setattr(owner, name, wrapper)
timed(weasyprint.HTML, "render", "engine")
timed(Document, "write_pdf", "engine")
for stage in ("to_ink", "impose", "finish"):  # leafletpress's own, called by write_pdf's finisher
    timed(worker, stage, "engine", -1)
library, pairs = api.list_editions(root)
options = BuildOptions(out=str(out), outputs=("print",))
the_plan = api.plan(library, pairs, options.but(outputs=api._outputs(options.outputs)), out, None)
builder = worker.Worker(root)
started = time.process_time()
results = [builder.run(job) for job in the_plan.jobs]
cpu = time.process_time() - started
assert all(r.status == "built" for r in results), [str(p) for r in results for p in r.problems][:5]
print(json.dumps({"import": imported, "engine": spent["engine"], "cpu": cpu, "editions": len(results)}))
"""


@dataclass
class Sample:
    wall: float
    cpu: float
    maxrss_mb: float
    rendered: int = 0
    reused: int = 0  # editions whose body was laid out for another edition (share.py)


@dataclass
class Scenario:
    name: str
    editions: int
    samples: list[Sample] = field(default_factory=list)
    note: str = ""
    paired: list[float] = field(default_factory=list)  # per-edition ratios against another scenario, timed back to back
    peer: bool = False  # another engine's row (Typst): not leafletpress's memory or targets

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def maxrss_mb(self) -> float:
        return max(s.maxrss_mb for s in self.samples)

    @property
    def per_edition(self) -> float:
        return self.wall / max(self.editions, 1)


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path):
        self.args = args
        self.work = work
        self.root = work / "project"
        self.code = work / "code"
        self.env = {k: v for k, v in os.environ.items() if k not in ("LEAFLETPRESS_JOBS", "PYTHONPATH")}
        self.env.update(SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(self.code), NO_COLOR="1")
        self.teams: list[str] = []
        self.conditions: list[str] = []
        self.typst = importlib.util.find_spec("typst") is not None

    # --- the synthetic library -------------------------------------------------------------

    def make_library(self) -> None:
        shutil.copytree(PACKAGE, self.code / "leafletpress", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(TYPST, self.code / "typst", ignore=shutil.ignore_patterns("__pycache__"))
        for folder in ("leaflets", "styles"):
            shutil.copytree(REPO / folder, self.root / folder)
        leaflets = self.root / "leaflets"
        bases = self._base_conditions()
        for path in (leaflets / "conditions").glob("*.yaml"):
            path.unlink()
        team_yaml = (REPO / "leaflets" / "teams" / f"{TEMPLATE_TEAM}.yaml").read_text("utf-8")
        team_css = (REPO / "styles" / "teams" / f"{TEMPLATE_TEAM}.css").read_text("utf-8")
        for path in (leaflets / "teams").glob("*.yaml"):
            path.unlink()
        for index in range(self.args.conditions):
            base = bases[index % len(bases)]
            slug = f"c{index + 1:02d}-{base.stem}"
            (leaflets / "conditions" / f"{slug}.yaml").write_text(_vary(base.read_text("utf-8"), index // len(bases)), "utf-8")
            self.conditions.append(slug)
        for index in range(self.args.teams):
            slug = f"team{index + 1:02d}"
            css = f"styles/teams/{slug}.css"
            text = re.sub(r"(?m)^name: .*$", f"name: Team {index + 1:02d}", team_yaml)
            text = re.sub(r"(?m)^stylesheet: .*$", f"stylesheet: {css}", text)
            (leaflets / "teams" / f"{slug}.yaml").write_text(text, "utf-8")
            rule = f"\n/* {slug} */\n.cover-team {{ letter-spacing: 0.0{index % 10}em; }}\n"
            (self.root / css).write_text(team_css + rule, "utf-8")
            self.teams.append(slug)
        project = leaflets / "project.yaml"
        data = yaml.safe_load(project.read_text("utf-8"))
        data["editions"] = {team: "all" for team in self.teams}
        data.pop("languages", None)  # the synthetic library is Dutch; the four-language rows build the sample (languages.py)
        for path in leaflets.rglob("*.*.yaml"):
            if path.parent.name != "schema":
                path.unlink()
        project.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    def _base_conditions(self) -> list[Path]:
        """The sample conditions that build cleanly for the template team (the bench measures builds, not failures)."""
        names = sorted(p for p in (REPO / "leaflets" / "conditions").glob("*.yaml") if "." not in p.stem)  # no translations
        out = self.work / "probe"
        result = self.cli(
            "build", "--team", TEMPLATE_TEAM, "--out", str(out), "--edition", "print", "-q", "-j", "2", cwd=REPO, check=False
        )
        if result["code"] not in (0, 1):
            raise SystemExit("the sample project does not build; fix it before benchmarking")
        manifest = json.loads((out / "manifest.json").read_text("utf-8"))["editions"]
        good = [p for p in names if manifest.get(f"{TEMPLATE_TEAM}/{p.stem}", {}).get("status") == "built"]
        if not good:
            raise SystemExit("no sample condition builds cleanly")
        return good

    # --- running things ----------------------------------------------------------------------

    def cli(self, *args: str, cwd: Path | None = None, check: bool = True) -> dict:
        result = self.wrapped([sys.executable, "-m", "leafletpress", *args], cwd=cwd)
        if check and result["code"] != 0:
            raise SystemExit(f"leafletpress {' '.join(args)} exited {result['code']}")
        return result

    def wrapped(self, command: list[str], cwd: Path | None = None) -> dict:
        """Run a command in a fresh process: its exit code, stdout, wall and CPU time and peak RSS (WRAPPER)."""
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, *command],
            cwd=cwd or self.root,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)

    def build(self, out: str, *args: str, defaults: bool = False) -> Sample:
        """One build; print editions without proofs (what the naive loop makes) unless `defaults`."""
        options = () if defaults else ("--edition", "print", "--no-proofs")
        result = self.cli("build", "--out", out, *options, "--format", "json", *args)
        summary = json.loads(result["stdout"])["summary"]
        rendered = summary["built"] + summary["failed"]
        return Sample(result["wall"], result["cpu"], result["maxrss_kb"] / 1024, rendered, summary.get("bodies_reused", 0))

    def timed(self, name: str, editions: int, runs, note: str = "") -> Scenario:
        scenario = Scenario(name, editions, note=note)
        for round_ in range(self.args.repeat):
            sample = runs(round_)
            scenario.samples.append(sample)
            print(f"  {name}: round {round_ + 1}: {sample.wall:.2f}s wall, {sample.cpu:.2f}s CPU", file=sys.stderr)
        return scenario

    # --- the scenarios ------------------------------------------------------------------------

    def run(self) -> dict[str, Scenario]:
        args = self.args
        cold_teams = self.teams[: args.cold_teams]
        selection = [a for t in cold_teams for a in ("--team", t)]
        cold_n = len(cold_teams) * len(self.conditions)
        total = len(self.teams) * len(self.conditions)
        print(f"cold builds: {cold_n} editions ({len(cold_teams)} teams x {len(self.conditions)} conditions)", file=sys.stderr)

        # Rounds interleave the three, so a machine whose load changes treats them alike.
        jobs1 = Scenario("cold build, `--jobs 1`", cold_n)
        jobs2 = Scenario("cold build, `--jobs 2`", cold_n)
        sample = self.html_files(cold_teams)[: args.naive_sample]
        naive = Scenario(
            "naive loop: `weasyprint` CLI per edition",
            cold_n,
            note=f"{len(sample)} editions timed per round, extrapolated per edition",
        )
        defaults = Scenario(
            "cold build, `--jobs 2`, defaults: print + screen + proofs + index",
            cold_n,
            note="what `leafletpress build` does without options",
        )
        for round_ in range(args.repeat):
            jobs1.samples.append(self.build(f"cold-1-{round_}", "--jobs", "1", *selection))
            jobs2.samples.append(self.build(f"cold-2-{round_}", "--jobs", "2", *selection))
            naive.samples.append(self.naive_round(sample, cold_n))
            if not args.skip_defaults:
                defaults.samples.append(self.build(f"cold-d-{round_}", "--jobs", "2", *selection, defaults=True))
            print(
                f"  round {round_ + 1}: --jobs 1 {jobs1.samples[-1].wall:.1f}s, --jobs 2 {jobs2.samples[-1].wall:.1f}s, "
                f"naive {naive.samples[-1].wall:.1f}s (extrapolated)",
                file=sys.stderr,
            )
        for scenario in (jobs1, jobs2, defaults):
            reused = sorted({s.reused for s in scenario.samples})
            if reused:
                scenario.note = "; ".join(filter(None, [scenario.note, f"bodies reused: {', '.join(map(str, reused))}"]))
        floor, ours = self.engine_floor(cold_teams, cold_n)

        print(f"full build of {total} editions, then rebuilds", file=sys.stderr)
        full = Scenario(f"cold full build, `--jobs {args.jobs}`", total)
        full.samples.append(self.build("full", "--jobs", str(args.jobs)))
        typst_library, typst_warm = self.typst_library(total)
        library_floor = self.library_floor(total)
        noop = self.timed("no-op rebuild", total, lambda r: self.build("full", "--jobs", str(args.jobs)))

        def change_condition(round_: int) -> Sample:
            path = self.root / "leaflets" / "conditions" / f"{self.conditions[round_ % len(self.conditions)]}.yaml"
            path.write_text(path.read_text("utf-8") + f"# bench change {round_}\n", "utf-8")
            return self.build("full", "--jobs", str(args.jobs))

        def change_team_css(round_: int) -> Sample:
            path = self.root / "styles" / "teams" / f"{self.teams[round_ % len(self.teams)]}.css"
            path.write_text(path.read_text("utf-8") + f"/* bench change {round_} */\n", "utf-8")
            return self.build("full", "--jobs", str(args.jobs))

        one_condition = self.timed("one condition changed", len(self.teams), change_condition)
        one_team = self.timed("one team stylesheet changed", len(self.conditions), change_team_css)
        for scenario, expected in ((noop, 0), (one_condition, len(self.teams)), (one_team, len(self.conditions))):
            rendered = {s.rendered for s in scenario.samples}
            reused = ", ".join(map(str, sorted({s.reused for s in scenario.samples})))
            scenario.note = f"rendered {', '.join(map(str, sorted(rendered)))} (expected {expected}); bodies reused: {reused}"
        fresh = self.one_edition_fresh(cold_teams)
        return {
            **fresh,
            "typst_library": typst_library,
            "library_floor": library_floor,
            "typst_warm": typst_warm,
            "defaults": defaults,
            "naive": naive,
            "jobs1": jobs1,
            "jobs2": jobs2,
            "floor": floor,
            "ours": ours,
            "full": full,
            "noop": noop,
            "one_condition": one_condition,
            "one_team": one_team,
        }

    def studio(self) -> dict[str, Scenario]:
        """`leafletpress serve` on the sample project: its start, and a save to the open page showing it (bench/studio.py)."""
        found = studio_bench.measure(self.work, self.env, self.args.repeat)
        start = Scenario("serve: start to its page answering, first build running", 20)
        rows = {"studio_start": start}
        for kind, editions in (("one condition", 1), ("one team stylesheet", 5)):
            rows[f"studio_{kind}"] = Scenario(f"serve: save to updated page, {kind} changed", editions)
        if found.skipped:
            for scenario in rows.values():
                scenario.note = found.skipped
            return rows
        start.samples = [Sample(seconds, 0, 0) for seconds in found.start]
        start.note = f"the sample project's 20 editions; the first build was {', '.join(sorted(set(found.start_phase)))} then"
        for kind, saves in found.saves.items():
            scenario = rows[f"studio_{kind}"]
            scenario.samples = [Sample(save.shown, 0, found.rss_mb) for save in saves]
            scenario.paired = [save.shown - save.built for save in saves]
            built = statistics.median(save.built for save in saves)
            rebuilt = ", ".join(map(str, sorted({save.rebuilt for save in saves})))
            scenario.note = (
                f"save to the build's event at the page {built:.2f} s (median); rebuilt {rebuilt}; "
                "serve's defaults: print + screen, proofs at 100 dpi, the contact sheet, 2 workers"
            )
        return rows

    def naive_round(self, sample: list[tuple[Path, list[Path]]], editions: int) -> Sample:
        """The `weasyprint` command once per edition on the HTML and CSS the pipeline produces, scaled to `editions`."""
        weasyprint = shutil.which("weasyprint", path=str(Path(sys.executable).parent)) or "weasyprint"
        wall = cpu = rss = 0.0
        for html, sheets in sample:
            command = [sys.executable, "-c", WRAPPER, weasyprint]
            for sheet in sheets:
                command += ["-s", str(sheet)]
            command += [str(html), str(html.with_suffix(".naive.pdf"))]
            done = json.loads(subprocess.run(command, env=self.env, capture_output=True, text=True, check=True).stdout)
            if done["code"] != 0:
                raise SystemExit(f"weasyprint failed on {html}")
            wall, cpu, rss = wall + done["wall"], cpu + done["cpu"], max(rss, done["maxrss_kb"] / 1024)
        scale = editions / len(sample)
        return Sample(wall * scale, cpu * scale, rss)

    def engine_floor(self, teams: list[str], editions: int) -> tuple[Scenario, Scenario]:
        """Bare WeasyPrint render + write of an edition's HTML, and leafletpress's whole run() for it, in one warm process.

        Interleaved edition by edition, timed in CPU seconds (steadier than wall time on a busy machine).
        """
        script = r"""
import json, sys, time
from pathlib import Path
from weasyprint import CSS, HTML
from leafletpress import worker
from leafletpress.plan.jobs import Job
from leafletpress.api import list_editions
from leafletpress.compose.edition import compose, to_html
from leafletpress.plan.manifest import edition_digest
from leafletpress.typeset.typesetter import fold_css
root, out = Path(sys.argv[1]), Path(sys.argv[2])
teams, count, rounds = json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
library, pairs = list_editions(root)
pairs = [p for p in pairs if p[0] in teams]
pairs = pairs[:: max(1, len(pairs) // count)][:count]
setter = worker.current(root).typesetter  # the floor shares leafletpress's fonts and parsed CSS: both run warm
extra = {"outputs": ("print",)}
work = []
for team, condition, translation in pairs:
    edition = compose(library, team, condition, translation)
    folded = CSS(string=fold_css(edition.fold_spec, edition.shop.bleed))
    sheets = [setter.stylesheet(s)[0] for s in edition.stylesheets] + [folded]
    job = Job(edition, str(root), str(out), edition_digest(library, edition)[0], **extra)
    work.append((to_html(edition, root), sheets, job))
def bare(html, sheets):
    HTML(string=html, base_url=(root / "leaflets").as_uri() + "/").write_pdf(
        out / "floor.pdf", stylesheets=sheets, font_config=setter.font_config, optimize_images=False)
bare(work[0][0], work[0][1]); worker.run(work[0][2])  # warm up both
def timed(step):
    started = time.process_time()
    value = step()
    return time.process_time() - started, value
floor, ours, pairs = [], [], []
for round_ in range(rounds):
    spent = {"floor": [], "ours": []}
    for index, (html, sheets, job) in enumerate(work):
        steps = [("floor", lambda: bare(html, sheets)), ("ours", lambda: worker.run(job))]
        if (round_ + index) % 2:
            steps.reverse()  # alternate which goes first: neither always inherits the other's garbage to collect
        for name, step in steps:
            seconds, value = timed(step)
            spent[name].append(seconds)
            if name == "ours":
                assert value.status == "built", [str(p) for p in value.problems]
        pairs.append(spent["ours"][-1] / spent["floor"][-1])
    floor.append(sum(spent["floor"]) / len(work)); ours.append(sum(spent["ours"]) / len(work))
print(json.dumps({"floor": floor, "ours": ours, "pairs": pairs, "n": len(work)}))
"""
        out = self.work / "floor"
        out.mkdir(exist_ok=True)
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                script,
                str(self.root),
                str(out),
                json.dumps(teams),
                str(self.args.floor_sample),
                str(self.args.repeat),
            ],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(done.stdout)
        note = f"{data['n']} editions per round, CPU seconds, same process"
        floor = Scenario(
            "engine floor: bare WeasyPrint render + write_pdf",
            editions,
            [Sample(t * editions, t * editions, 0) for t in data["floor"]],
            note=note,
        )
        ours = Scenario(
            "leafletpress worker.run() per edition (warm)",
            editions,
            [Sample(t * editions, t * editions, 0) for t in data["ours"]],
            note=note + "; includes HTML + QR, fit, impose, metadata, write, preflight",
            paired=data["pairs"],
        )
        print(
            f"  floor {statistics.median(data['floor']):.3f}s, ours {statistics.median(data['ours']):.3f}s CPU per edition",
            file=sys.stderr,
        )
        return floor, ours

    def library_floor(self, editions: int) -> Scenario:
        """WeasyPrint's part of the full build: the library built in one fresh process (`--jobs 1`, print only),
        timing the CPU spent inside WeasyPrint's render and write_pdf (less the finisher's own stages), over
        the cores as if perfectly parallel, after its import. What the build would take if leafletpress's
        own work (compose, fit, legibility, ink, imposition, finish, preflight, writing) took no time."""
        out = self.work / "library-floor"
        done = subprocess.run(
            [sys.executable, "-c", LIBRARY_FLOOR, str(self.root), str(out)],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(done.stdout)
        if data["editions"] != editions:
            raise SystemExit(f"the library floor built {data['editions']} editions, the library has {editions}")
        cores = os.cpu_count() or 1
        wall = data["import"] + data["engine"] / cores
        print(f"  library floor: {wall:.2f}s (WeasyPrint {data['engine']:.1f} of {data['cpu']:.1f} CPU s)", file=sys.stderr)
        return Scenario(
            "full build's floor: WeasyPrint's part of it alone, its import + its CPU / cores",
            editions,
            [Sample(wall, data["engine"], 0)],
            note=(
                f"one round: import weasyprint {data['import']:.2f} s + {data['engine']:.1f} CPU s inside its render and "
                f"write_pdf / {cores} cores, of {data['cpu']:.1f} CPU s for the whole build in one process: the full build "
                "if leafletpress's own work took no time, perfectly parallel"
            ),
        )

    def typst_library(self, editions: int) -> tuple[Scenario, Scenario]:
        """Typst 0.15 typesetting every edition of the library in one process, a fresh one each round.

        bench/typst/editions.py reads the YAML once, then per edition makes its data (QR code
        included), compiles it and writes the PDF: the library row is that whole process (start,
        import, fonts, YAML, every edition), the warm row the median edition in it.
        """
        library = Scenario("Typst 0.15: one compile per edition, one warm process", editions, peer=True)
        warm = Scenario("Typst 0.15 per edition in that process (warm)", editions, peer=True)
        if not self.typst:
            library.note = warm.note = TYPST_SKIPPED
            return library, warm
        script = str(self.code / "typst" / "editions.py")
        wall, cpu, warnings, pages = [], [], 0, {}
        for round_ in range(self.args.repeat):
            out = self.work / f"typst-{round_}"
            result = self.wrapped([sys.executable, script, "library", str(self.root), str(out)])
            if result["code"] != 0:
                raise SystemExit(f"bench/typst/editions.py library exited {result['code']}")
            data = json.loads(result["stdout"])
            if data["editions"] != editions:
                raise SystemExit(f"Typst typeset {data['editions']} editions, the library has {editions}")
            library.samples.append(Sample(result["wall"], result["cpu"], result["maxrss_kb"] / 1024))
            # The first compile of a process loads the fonts and the template: not a warm edition.
            wall.append(statistics.median(data["edition_s"][1:] or data["edition_s"]))
            cpu.append(statistics.median(data["edition_cpu_s"][1:] or data["edition_cpu_s"]))
            warnings = max(warnings, data["warnings"])
            if round_ == 0:
                pages = _page_counts(out)
            shutil.rmtree(out, ignore_errors=True)
            print(
                f"  Typst library: round {round_ + 1}: {result['wall']:.2f}s wall, {result['cpu']:.2f}s CPU, "
                f"{wall[-1] * 1000:.1f} ms per edition warm",
                file=sys.stderr,
            )
        warm.samples = [Sample(w * editions, c * editions, 0) for w, c in zip(wall, cpu, strict=True)]
        two = pages.get(2, 0)
        checked = f"{two} of {editions} PDFs have the 2 sheet sides" + (
            "" if two == editions else f" (**{editions - two} do not**: {dict(sorted(pages.items()))} pages: count)"
        )
        library.note = (
            f"whole process: start, import typst, fonts, YAML, per edition QR + compile + write; untagged like the "
            f"print edition; {checked}; Typst warnings: {warnings}; {TYPST_LACKS}"
        )
        # Each edition is compiled once per process and each round is a new process: no compile repeats
        # one of the last ~10 the binding keeps (a repeat costs ~3 ms instead of ~18; the same condition
        # for another team in a row is no faster than another condition).
        warm.note = (
            "median edition of each round (its first compile left out): data + QR, compile, write; "
            "every edition compiled once per process, so none is a cached repeat"
        )
        return library, warm

    def one_edition_fresh(self, teams: list[str]) -> dict[str, Scenario]:
        """One edition in a fresh process, three ways, interleaved round by round: the `weasyprint` CLI on
        leafletpress's HTML for it, `leafletpress build` of it on the built library, and Typst."""
        (html, sheets), (team, condition) = self.html_files(teams)[0], self._html_editions[0]
        name = f"{team}/{condition}"
        weasy = Scenario(
            "one edition, fresh process: `weasyprint` CLI", 1, note=f"{name}: the HTML and CSS leafletpress lays out for it"
        )
        ours = Scenario(
            "one edition, fresh process: `leafletpress build`",
            1,
            note=f"`build --team {team} --condition {condition} --edition print --no-proofs --force` on the built library",
        )
        typst = Scenario(
            "one edition, fresh process: Typst 0.15",
            1,
            peer=True,
            note=f"`python bench/typst/editions.py one`: import typst, fonts, that edition's YAML, QR, compile, write {name}",
        )
        if not self.typst:
            typst.note = TYPST_SKIPPED
        script = str(self.code / "typst" / "editions.py")
        for round_ in range(self.args.fresh_repeat):
            weasy.samples.append(self.naive_round([(html, sheets)], 1))
            sample = self.build("full", "--team", team, "--condition", condition, "--force")
            if sample.rendered != 1:
                raise SystemExit(f"leafletpress build of {name} rendered {sample.rendered} editions, not 1")
            ours.samples.append(sample)
            line = f"  one edition: round {round_ + 1}: weasyprint {weasy.samples[-1].wall:.2f}s, leafletpress {sample.wall:.2f}s"
            if self.typst:
                result = self.wrapped(
                    [sys.executable, script, "one", str(self.root), team, condition, str(self.work / "one.pdf")]
                )
                if result["code"] != 0:
                    raise SystemExit(f"bench/typst/editions.py one exited {result['code']}")
                typst.samples.append(Sample(result["wall"], result["cpu"], result["maxrss_kb"] / 1024))
                line += f", Typst {result['wall']:.2f}s"
            print(line, file=sys.stderr)
        return {"fresh_weasyprint": weasy, "fresh_ours": ours, "fresh_typst": typst}

    def html_files(self, teams: list[str]) -> list[tuple[Path, list[Path]]]:
        """The HTML the pipeline lays out for editions of these teams (spread over the conditions), and its stylesheets."""
        if hasattr(self, "_html"):
            return self._html
        script = r"""
import json, sys
from pathlib import Path
from leafletpress.api import list_editions
from leafletpress.compose.edition import compose, to_html
from leafletpress.typeset.typesetter import fold_css
root, out, teams = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
library, pairs = list_editions(root)
pairs = [p for p in pairs if p[0] in teams]
pairs = pairs[::max(1, len(pairs) // 40)]
out.mkdir(parents=True, exist_ok=True)
files = []
for team, condition, translation in pairs:
    edition = compose(library, team, condition, translation)
    fold = out / f"fold-{edition.fold}.css"
    fold.write_text(fold_css(edition.fold_spec, edition.shop.bleed), "utf-8")
    html = out / f"{team}-{condition}.html"
    html.write_text(to_html(edition, root), "utf-8")
    files.append([str(html), [str(root / s) for s in edition.stylesheets] + [str(fold)], team, condition])
print(json.dumps(files))
"""
        done = subprocess.run(
            [sys.executable, "-c", script, str(self.root), str(self.work / "html"), json.dumps(teams)],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        files = json.loads(done.stdout)
        self._html = [(Path(h), [Path(s) for s in sheets]) for h, sheets, _, _ in files]
        self._html_editions = [(team, condition) for _, _, team, condition in files]
        return self._html


def _page_counts(folder: Path) -> dict[int, int]:
    """How many PDFs under folder have how many pages."""
    from pypdf import PdfReader

    counts: dict[int, int] = {}
    for path in folder.rglob("*.pdf"):
        pages = len(PdfReader(path).pages)
        counts[pages] = counts.get(pages, 0) + 1
    return counts


def _vary(text: str, variant: int) -> str:
    """A condition copy whose text differs slightly (so no two editions are byte-for-byte the same job)."""
    if variant == 0:
        return text
    words = ["Vaak", "Soms", "Meestal", "Dikwijls"]
    return re.sub(r"\bVaak\b", words[variant % len(words)], text, count=1) + f"# variant {variant}\n"


def table(by: dict[str, Scenario], args: argparse.Namespace) -> str:
    jobs1, jobs2, naive, floor, ours, noop = (by[k] for k in ("jobs1", "jobs2", "naive", "floor", "ours", "noop"))
    rows = []

    def row(s: Scenario, ratio: str = "", target: str = "", ok: bool | None = None):
        rows.append(table_row(s, ratio, target, ok))

    speedup, cpu_speedup = naive.wall / jobs1.wall, naive.cpu / jobs1.cpu
    row(naive)
    row(jobs1, f"{speedup:.1f}x faster than naive (CPU: {cpu_speedup:.1f}x)", ">= 5x", speedup >= 5)
    parallel = jobs1.wall / jobs2.wall
    row(jobs2, f"{parallel:.2f}x faster than --jobs 1", ">= 1.7x", parallel >= 1.7)
    row(floor)
    # Each edition is timed both ways back to back: the median of those paired ratios is the overhead;
    # it shrugs off the moments a shared machine slows one side. The ratio of the medians is shown too.
    of_medians = ours.per_edition / floor.per_edition - 1
    overhead = statistics.median(ours.paired) - 1 if ours.paired else of_medians
    row(
        ours,
        f"{overhead * 100:+.0f}% over the engine floor (median of paired editions; ratio of medians {of_medians * 100:+.0f}%)",
        "<= +15%",
        overhead <= 0.15,
    )
    typst_library, typst_warm = by["typst_library"], by["typst_warm"]
    if typst_warm.samples:
        engine = (typst_warm.cpu / typst_warm.editions) / (floor.cpu / floor.editions)
        row(typst_warm, f"{engine:.2f}x the engine floor's CPU per edition")
    else:
        row(typst_warm)
    if by["defaults"].samples:
        row(by["defaults"])
    full = by["full"]
    if typst_library.samples and typst_library.editions == full.editions:
        versus = full.wall / typst_library.wall
        row(full, f"{versus:.2f}x Typst's one-process time for the library", "<= 1x Typst, one process", versus <= 1)
    else:
        row(full)
    row(typst_library)
    library_floor = by["library_floor"]
    if typst_library.samples:
        versus = library_floor.wall / typst_library.wall
        row(library_floor, f"{versus:.2f}x Typst's one-process time" + (": the target is below it" if versus >= 1 else ""))
    else:
        row(library_floor)
    row(noop, "", "< 1 s for 400", noop.wall < 1.0)
    row(by["one_condition"])
    row(by["one_team"])
    language_rows(by, row)
    check_rows(by, row)
    studio_rows(by, row)
    weasy, ours_one, typst_one = by["fresh_weasyprint"], by["fresh_ours"], by["fresh_typst"]
    row(weasy)
    versus = ours_one.wall / weasy.wall
    ratio = f"{versus:.2f}x the `weasyprint` CLI" + (
        f", {ours_one.wall / typst_one.wall:.1f}x Typst" if typst_one.samples else ""
    )
    row(ours_one, ratio, "<= `weasyprint` CLI", versus <= 1)
    row(typst_one, f"{typst_one.wall / weasy.wall:.2f}x the `weasyprint` CLI" if typst_one.samples else "")
    peak = max(s.maxrss_mb for s in by.values() if s.samples and not s.peer)
    footer = [
        f"\nPeak RSS of any one process (main or worker): {peak:.0f} MB (target < 300 MB per worker): "
        f"{'met' if peak < 300 else 'NOT met'}.",
        f"{args.repeat} rounds per scenario ({args.fresh_repeat} for one edition in a fresh process), medians; "
        f"{os.cpu_count()} cores; WeasyPrint {_version('weasyprint')}, Typst (Python binding) {_version('typst')}, "
        f"Python {sys.version.split()[0]}; print editions only (`--edition print`).",
    ]
    return "\n".join(TABLE_HEADER + rows + footer)


def languages(bench: Bench) -> dict[str, Scenario]:
    """The four-language sample's cold builds (bench/languages.py), as scenarios."""
    from languages import languages_rows

    found = {}
    for row in languages_rows(bench.cli, bench.work, bench.args.repeat):
        samples = [Sample(r.wall, r.cpu, r.maxrss_mb, r.built) for r in row.rounds]
        found[row.name] = Scenario(row.name, row.editions, samples, row.note)
    return found


def checks(bench: Bench) -> dict[str, Scenario]:
    """`check` of the sample and WeasyPrint's floor for it (bench/checks.py), as scenarios."""
    from checks import check_rows

    rows = check_rows(bench.cli, [sys.executable], bench.env, bench.work, bench.args.repeat)
    return {
        key: Scenario(row.name, row.editions, [Sample(r.wall, r.cpu, r.maxrss_mb) for r in row.rounds], row.note)
        for key, row in zip(("check", "check_floor"), rows, strict=True)
    }


def check_rows(by: dict[str, Scenario], row) -> None:
    """`check` of the sample against its target, and the floor that says whether the target can be met."""
    check, floor = by.get("check"), by.get("check_floor")
    if check is None:
        return
    row(check, f"{check.wall / floor.wall:.2f}x its floor", "< 3 s", check.wall < 3)
    below = "the target is below it: met only by laying out less than this" if floor.wall >= 3 else ""
    row(floor, below)


def language_rows(by: dict[str, Scenario], row) -> None:
    for name, scenario in by.items():
        if name.startswith("four-language sample"):
            row(scenario)


def studio_rows(by: dict[str, Scenario], row) -> None:
    """The serve rows, with their targets: the page within 2 s of starting, within 1 s of a build's end."""
    start = by.get("studio_start")
    if start is None:
        return
    row(start, "", "< 2 s", start.wall < 2 if start.samples else None)
    for key in ("studio_one condition", "studio_one team stylesheet"):
        scenario = by[key]
        if not scenario.samples:
            row(scenario)
            continue
        after = statistics.median(scenario.paired)
        row(scenario, f"page {after:.2f} s after the build's event", "<= 1 s after the build", after <= 1)


def studio_table(by: dict[str, Scenario]) -> str:
    """The serve rows alone (`--only studio`)."""
    rows: list[str] = []
    studio_rows(by, lambda s, ratio="", target="", ok=None: rows.append(table_row(s, ratio, target, ok)))
    return "\n".join(TABLE_HEADER + rows)


def table_row(s: Scenario, ratio: str = "", target: str = "", ok: bool | None = None) -> str:
    """One scenario as a row of the table; a row without samples (skipped) has its note only."""
    if not s.samples:  # a Typst row without the bench extra, a studio row without playwright
        return f"| {s.name} | {s.editions} |  |  |  |  |  |  |  | {s.note} |"
    mark = "" if ok is None else ("yes" if ok else "**no**")
    rss = f"{s.maxrss_mb:.0f}" if s.maxrss_mb else ""
    cpu = f"{s.cpu:.2f}" if s.cpu else ""
    return (
        f"| {s.name} | {s.editions} | {s.wall:.2f} | {s.per_edition * 1000:.0f} | {cpu} | {rss} | "
        f"{ratio} | {target} | {mark} | {s.note} |"
    )


TABLE_HEADER = [
    "| scenario | editions | median wall s | ms per edition | median CPU s | peak RSS MB | ratio | target | met | note |",
    "|---|---:|---:|---:|---:|---:|---|---|---|---|",
]


def _version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conditions", type=int, default=40, help="conditions in the synthetic library [40]")
    parser.add_argument("--teams", type=int, default=10, help="teams in the synthetic library [10]")
    parser.add_argument("--cold-teams", type=int, default=2, help="teams whose editions the cold builds time [2]")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per scenario [3]")
    parser.add_argument("--naive-sample", type=int, default=6, help="editions the naive CLI loop times per round [6]")
    parser.add_argument("--floor-sample", type=int, default=20, help="editions the engine floor times per round [20]")
    parser.add_argument(
        "--fresh-repeat",
        type=int,
        default=5,
        help="rounds of one edition in a fresh process (weasyprint, leafletpress, Typst) [5]",
    )
    parser.add_argument("--jobs", type=int, default=2, help="workers for the full build and the rebuilds [2]")
    parser.add_argument("--skip-defaults", action="store_true", help="skip the cold build with proofs and screen editions")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    parser.add_argument(
        "--only",
        choices=["all", "studio", "languages", "check"],
        default="all",
        help="studio: only the serve rows (the sample project, minutes); languages: only the four-language sample's "
        "cold builds; check: only `check` of the sample and its floor [all]",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="leafletpress-bench-"))
    started = time.perf_counter()
    try:
        bench = Bench(args, work)
        bench.make_library()
        if args.only == "studio":
            print(studio_table(bench.studio()))
        elif args.only == "check":
            rows = []
            check_rows(checks(bench), lambda s, ratio="", target="", ok=None: rows.append(table_row(s, ratio, target, ok)))
            print("\n".join(TABLE_HEADER + rows))
        elif args.only == "languages":
            rows: list[str] = []
            language_rows(languages(bench), lambda s, ratio="", target="", ok=None: rows.append(table_row(s, ratio, target, ok)))
            print("\n".join(TABLE_HEADER + rows))
        else:
            print(f"library: {args.conditions} conditions x {args.teams} teams in {work}", file=sys.stderr)
            scenarios = {**bench.run(), **languages(bench), **checks(bench), **bench.studio()}
            print(table(scenarios, args))
        print(f"\n(bench ran {time.perf_counter() - started:.0f}s)")
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
