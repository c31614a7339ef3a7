"""The command line: parses options, calls the library API, turns reports into output and exit codes."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
import time
from pathlib import Path

import click

from . import api
from .content import scaffold
from .content import schema as schemas
from .content.library import find_project
from .content.matrix import table as matrix_table
from .fold import DEFAULT_FOLD
from .options import DEFAULT_DPI, BuildOptions, ProofOptions
from .outputs import INDEX, OUTPUTS
from .plan.jobs import Status
from .problems import OutputError, UsageError, did_you_mean
from .report import Report
from .report import formats as reports
from .version import __version__

EXAMPLES = """
\b
Examples:
  leafletpress build                         build every edition into build/
  leafletpress build --condition nekklachten build one condition for every team
  leafletpress build --team sport --out /tmp/proof
  leafletpress check                         validate content and check that all fits
  leafletpress check --format github         the same, as GitHub Actions annotations
  leafletpress new condition frozen-shoulder start a leaflet from a commented file
  leafletpress new project praktijk --fold a4-zfold   a practice's first project, from nothing
  leafletpress list                          show conditions, teams and the edition matrix
  leafletpress folds                         the folds with their panel widths; folds a4-gatefold: one in detail
  leafletpress watch --guides                rebuild on every save; open build/index.html
  leafletpress serve --open                  the same, and the contact sheet live in your browser
  leafletpress diff old-build build          which editions look different, with highlights
"""


class Context:
    def __init__(self, project: Path):
        self.project = project


class ReportingCommand(click.Command):
    """A command with --format (build, check): its usage errors, Click's own included, come in the format asked for.

    docs/ci.md promises a JSON report (`ok: false`, `exit_code: 2`, `error`) or a GitHub annotation for every
    exit 2, also when Click rejects an option (a Choice, an IntRange, --shard's callback) before the command runs.
    """

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, list(args), parent=parent, **extra)
        except click.UsageError as exc:
            self.report_usage_error(exc, asked_format(list(args)))
            raise

    def report_usage_error(self, exc: click.UsageError, output_format: str) -> None:
        """The one place a usage error becomes JSON or an annotation: exits unless text was asked for."""
        if output_format == "text":
            return
        click.echo(reports.failure(self.name, output_format, exc.format_message(), exc.exit_code))
        sys.exit(exc.exit_code)


def asked_format(args: list[str]) -> str:
    """The --format a command's arguments ask for, read by hand: Click has rejected them (the last one wins,
    as in Click; -f may close a cluster of short flags: -qf json, -qfjson)."""
    asked = "text"
    for index, arg in enumerate(args):
        value = None
        if arg == "--format" or (arg.startswith("-") and not arg.startswith("--") and arg.endswith("f")):
            value = args[index + 1] if index + 1 < len(args) else None
        elif arg.startswith("--format="):
            value = arg.removeprefix("--format=")
        elif arg.startswith("-") and not arg.startswith("--") and "f" in arg:
            value = arg[arg.index("f") + 1 :]
        if value in reports.FORMATS:
            asked = value
    return asked


class ReportingGroup(click.Group):
    """The main group: a usage error in its own options (`--project` before the command) is reported in the
    --format that the command after them asks for, when that command is a ReportingCommand (build, check)."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, list(args), parent=parent, **extra)
        except click.UsageError as exc:
            args = list(args)
            for index, arg in enumerate(args):
                command = self.commands.get(arg)
                if isinstance(command, ReportingCommand):
                    command.report_usage_error(exc, asked_format(args[index + 1 :]))
                    break
            raise


@click.group(cls=ReportingGroup, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="leafletpress")
@click.option(
    "--project",
    "-C",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The project folder (holds leaflets/ and styles/) [default: the current folder or the nearest one above it "
    "that holds leaflets/, as git finds its repository].",
)
@click.pass_context
def main(ctx: click.Context, project: Path | None) -> None:
    """Build print-ready folded patient leaflets from YAML content and CSS."""
    ctx.obj = Context(project if project is not None else find_project(Path.cwd()))


def _slugs(folder: str):
    """Shell completion for --condition/--team: the file names in leaflets/<folder>/."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        project = ctx.find_root().params.get("project") or find_project(Path.cwd())
        return sorted(p.stem for p in (Path(project) / "leaflets" / folder).glob("*.yaml") if p.stem.startswith(incomplete))

    return complete


# The options build, check and watch share, declared once; a command names the ones it takes and
# gets them as one BuildOptions value (`options`), the value the library API takes.
_SHARED = {
    "conditions": click.option(
        "--condition",
        "-c",
        "conditions",
        multiple=True,
        metavar="SLUG",
        shell_complete=_slugs("conditions"),
        help="Only this condition (repeatable).",
    ),
    "teams": click.option(
        "--team",
        "-t",
        "teams",
        multiple=True,
        metavar="SLUG",
        shell_complete=_slugs("teams"),
        help="Only this team's editions (repeatable).",
    ),
    "languages": click.option(
        "--language",
        "-l",
        "languages",
        multiple=True,
        metavar="CODE",
        help="Only the editions in this language, e.g. nl or en (repeatable).",
    ),
    "jobs": click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes [default: LEAFLETPRESS_JOBS or the number of cores].",
    ),
    "out": click.option(
        "--out",
        "-o",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("build"),
        show_default=True,
        help="The build folder.",
    ),
    "force": click.option("--force", is_flag=True, help="Rebuild every edition, even those that did not change."),
    "strict": click.option(
        "--strict", is_flag=True, help="Preflight warnings (e.g. images below 300 ppi, text below 9 pt) fail the build too."
    ),
    "shard": click.option(
        "--shard",
        metavar="K/N",
        callback=lambda ctx, param, value: _shard(value),
        help="Build only shard K of N (1-based), for CI matrix jobs; the N shards together build every edition.",
    ),
    "outputs": click.option(
        "--edition",
        "outputs",
        type=click.Choice([*(str(kind) for kind in OUTPUTS), "all"]),
        multiple=True,
        default=["all"],
        show_default=True,
        help="print: imposed sheets for the press; screen: accessible PDF, one page per panel in reading order; "
        "web: each leaflet's web page (build/web/), where its QR code leads. Repeat for several: "
        "--edition print --edition web.",
    ),
    "proofs": click.option(
        "--proofs/--no-proofs", default=True, show_default=True, help="PNG proofs of every sheet side and panel."
    ),
    "guides": click.option("--guides", is_flag=True, help="Also proofs with trim, bleed, folds and safe margin drawn on."),
    "dpi": click.option(
        "--dpi", type=click.IntRange(min=20, max=600), default=DEFAULT_DPI, show_default=True, help="Proof resolution."
    ),
}


def _build_options(*names: str, **fixed):
    """Add the shared options named to a command, which receives them as one BuildOptions (`options`).

    fixed: BuildOptions fields the command always sets (e.g. index=True for build).
    """

    def decorate(function):
        @functools.wraps(function)
        def command(*args, **params):
            given = {name: params.pop(name) for name in names}
            params["options"] = _options_from(given, fixed)
            return function(*args, **params)

        for name in reversed(names):
            command = _SHARED[name](command)
        return command

    return decorate


def _options_from(given: dict, fixed: dict) -> BuildOptions:
    values = dict(fixed)
    proofs = given.pop("proofs", None)
    guides, dpi = given.pop("guides", False), given.pop("dpi", DEFAULT_DPI)
    if proofs:
        values["proofs"] = ProofOptions(dpi=dpi, guides=guides)
    outputs = given.pop("outputs", ("all",))
    values["outputs"] = OUTPUTS if "all" in outputs else tuple(dict.fromkeys(outputs))
    values.update(given)
    return BuildOptions().but(**values)


def _report_options(function):
    """--format and --quiet: how build and check say what happened."""
    function = click.option(
        "--format",
        "-f",
        "output_format",
        type=click.Choice(reports.FORMATS),
        default="text",
        show_default=True,
        help="text for people, json for tools, github for workflow annotations.",
    )(function)
    return click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")(function)


@main.command(cls=ReportingCommand)
@_build_options(
    "conditions",
    "teams",
    "languages",
    "jobs",
    "out",
    "force",
    "shard",
    "strict",
    "outputs",
    "proofs",
    "guides",
    "dpi",
    index=True,
)
@_report_options
@click.pass_obj
def build(obj: Context, options: BuildOptions, quiet: bool, output_format: str) -> None:
    """Build the print PDF of every edition (or the selected ones), its proofs and build/index.html.

    Exit code 0: all built; 1: content or fit errors (the other editions are
    still built); 2: usage errors.
    """
    report = _run(api.build, obj, options, output_format, quiet or output_format != "text")
    if output_format == "text" and not quiet:
        _proof_summary(report)
    _summary(report, "build", output_format)


def _shard(value: str | None):
    """--shard K/N as a Shard, or a usage error that says what K/N means."""
    if value is None:
        return None
    from .plan.shard import parse_shard

    try:
        return parse_shard(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _proof_summary(report: Report) -> None:
    made = [p for p in report.proofs if p.status == "made"]
    if report.proofs:
        each = f" ({sum(p.seconds for p in made) / len(made):.2f}s per edition)" if made else ""
        changed = sum(1 for p in made if p.changes)
        click.echo(
            f"proofs: {len(made)} made, {len(report.proofs) - len(made)} unchanged in {report.proof_seconds:.1f}s"
            f"{each}; {changed} look different from the last build"
        )
    if (report.out / INDEX).is_file():  # not when nothing could be loaded or written
        click.echo(f"contact sheet: {(report.out / INDEX).as_uri()}")


@main.command()
@_build_options("conditions", "teams", "languages", "jobs", "out", "proofs", "guides", "dpi", index=True)
@click.pass_obj
def watch(obj: Context, options: BuildOptions) -> None:
    """Rebuild on every save in leaflets/ or styles/ and say what changed (Ctrl-C stops).

    Only the editions a change affects are rebuilt (of the selected ones: --condition, --team),
    in this warm process when it is one, by --jobs workers when it is many; build/index.html shows
    them all, with what changed visibly highlighted.
    """
    from .studio.interrupt import quiet_ctrl_c
    from .studio.watch import Watcher

    quiet_ctrl_c()
    watcher = Watcher(obj.project, options, echo=click.echo)
    try:
        watcher.run()
    except KeyboardInterrupt:
        pass  # Ctrl-C during a build: the PDFs are written atomically, nothing is left half-written
    click.echo("stopped watching")


@main.command()
@_build_options("conditions", "teams", "languages", "jobs", "out", "proofs", "guides", "dpi", index=True)
@click.option(
    "--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port to serve on (0: any free one)."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to serve on; any but a loopback address lets others on the network see the leaflets.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the contact sheet in the default browser.")
@click.pass_obj
def serve(obj: Context, options: BuildOptions, port: int, host: str, open_browser: bool) -> None:
    """Watch, and serve build/ (contact sheet, proofs, PDFs) on a local web server that shows every save live.

    An open contact sheet updates itself when a rebuild is done, shows the build's progress, and
    a banner with each error that stops an edition (file, line, what to do) until it is fixed.
    Rebuilds what a save affects, as watch does (of the selected editions: --condition, --team).
    Ctrl-C stops.
    """
    from .studio.interrupt import quiet_ctrl_c
    from .studio.serve import serve as serve_studio

    quiet_ctrl_c()
    try:
        serve_studio(obj.project, options, host=host, port=port, open_browser=open_browser, echo=click.echo)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except KeyboardInterrupt:
        pass  # as for watch: every output is written atomically
    click.echo("stopped serving")


@main.command()
@click.argument("old", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.argument("new", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path))
@_SHARED["out"]
@click.pass_obj
def diff(obj: Context, old, new, out) -> None:
    """Which editions look different: OLD against NEW (two build folders, by their proofs).

    With no folders: what the last build of --out changed visibly against the build before it.
    Highlight images go to NEW/diff/ and a section of NEW/index.html. Exit code 0: nothing
    changed visibly; 1: something did.
    """
    from .look.contact_sheet import write_index
    from .look.diff import diff_builds, read_report

    new = new or (out if out.is_absolute() else obj.project / out)
    if old is None:
        report = read_report(new)
        if report is None:
            raise click.UsageError(f"{new} holds no record of a last build's changes: name OLD, or build with proofs first")
    else:
        report = diff_builds(old, new)
        library, _ = api.list_editions(obj.project)
        write_index(new, library if library.project else None)
    for edition in report.editions:
        sides = ", ".join(f"{s['side']} ({s['changed_pixels']:,} px)" for s in edition.sides)
        click.echo(f"{edition.status:8} {edition.slug}" + (f": {sides}" if sides else ""))
        for side in edition.sides:
            click.echo(f"         {new / side['image']}")
    click.echo(
        f"diff: {len(report.changed)} of {report.compared} editions look different against {report.against}; "
        f"see {(new / INDEX).resolve().as_uri()}#changes"
    )
    sys.exit(1 if report.changed else 0)


@main.command(cls=ReportingCommand)
@_build_options("conditions", "teams", "languages", "jobs", "strict", "outputs", out=None)
@_report_options
@click.pass_obj
def check(obj: Context, options: BuildOptions, quiet: bool, output_format: str) -> None:
    """Everything build does and rejects, without writing: content, fit, legibility, preflight.

    Give it the --edition and --strict options the build has, and it rejects what that build would.
    Exit code 0: all fit; 1: content, fit or print errors; 2: usage errors.
    """
    report = _run(api.check, obj, options, output_format, quiet or output_format != "text")
    _summary(report, "check", output_format)


@main.command()
@click.argument("pdfs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@_SHARED["out"]
@click.option("--strict", is_flag=True, help="Warnings count as errors.")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table for people; json: every result and finding, for tools.",
)
@click.pass_obj
def preflight(obj: Context, pdfs, out, strict, output_format) -> None:
    """Check print PDFs as a print shop's prepress does (default: every PDF in build/print).

    Checks page count, trim/bleed/media boxes against the fold, embedded fonts, the PDF/X
    output intent, image resolution at placed size, smallest text, text within the safe
    margin of the trim and folds, and RGB in PDF/X-1a. Exit code 0: no errors; 1: errors.
    """
    try:
        results = api.preflight(obj.project, pdfs, out=out, strict=strict)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    failed = sum(1 for r in results if r.errors)
    if output_format == "json":
        click.echo(json.dumps([dataclasses.asdict(r) for r in results], indent=2, ensure_ascii=False))
        sys.exit(1 if failed else 0)
    click.echo(reports.preflight_table(results))
    warned = sum(1 for r in results if r.warnings and not r.errors)
    click.echo(
        f"\npreflight: {len(results)} PDFs, {len(results) - failed - warned} passed, {warned} with warnings, {failed} failed"
    )
    sys.exit(1 if failed else 0)


@main.command(name="list")
@click.pass_obj
def list_command(obj: Context) -> None:
    """Show the conditions, the teams and the editions (condition x team x language) the project defines."""
    library, pairs = api.list_editions(obj.project)
    _print_problems(library.problems.sorted())
    if library.project is None and not library.is_broken("project", "project"):
        sys.exit(1)  # not a project at all; one whose project.yaml cannot be read shows the editions check counts
    click.echo(matrix_table(library))
    sys.exit(1 if library.problems.errors else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.pass_obj
def translated(obj: Context, files: tuple[Path, ...]) -> None:
    """Record that translations match their sources now: write each source's hash into translated_from:.

    Run it after updating a translation (leaflets/conditions/<slug>.<lang>.yaml and the like) to what its
    source says now; check then no longer warns that the translation lags behind.
    """
    try:
        done = api.record_translated(obj.project, files)
    except LookupError as exc:
        problems = getattr(exc, "problems", [])
        if not problems:  # not a translation at all: the command was asked for the wrong file
            raise click.UsageError(str(exc)) from None
        _print_problems(problems)  # what is wrong with the file that did not load, as check prints it
        click.echo(f"leafletpress: nothing recorded: {exc}", err=True)
        sys.exit(1)
    for file, line, source in done:
        click.echo(f"{file}: {line} (the text of {source})")


@main.command()
@click.argument("names", nargs=-1, metavar="[FOLD]...")
@click.option("--yaml", "as_yaml", is_flag=True, help="Print the named folds' data, to copy into leaflets/folds.yaml.")
@click.pass_obj
def folds(obj: Context, names: tuple[str, ...], as_yaml: bool) -> None:
    """List the folds with their sheet, closed size and panel widths; name folds to see their panels in detail.

    The project's own folds (leaflets/folds.yaml) are listed and checked too: exit code 1 when one
    has a problem, 2 when a fold named does not exist.
    """
    from .fold.listing import detail, source, table

    found, problems = api.folds(obj.project)
    _print_problems(problems)
    unknown = [name for name in names if name not in found.folds]
    if unknown:
        hint = did_you_mean(unknown[0], found.folds)
        raise click.UsageError(
            f"no fold '{unknown[0]}'" + (f"; {hint}" if hint else f"; known: {', '.join(sorted(found.folds))}")
        )
    if as_yaml and not names:
        raise click.UsageError("name the folds whose data to print, e.g. leafletpress folds --yaml a4-roll-trifold")
    if as_yaml:
        click.echo("\n".join(source(api.fold_source(obj.project, name), name) for name in names), nl=False)
    elif names:
        click.echo("\n\n".join(detail(found.folds[name]) for name in names))
    else:
        click.echo(table(found.folds, found.own))
    sys.exit(1 if any(p.is_error for p in problems) else 0)


@main.command(name="words")
@click.argument("language", default="en")
def words_command(language: str) -> None:
    """Print a built-in table of the words leafletpress adds (link labels, the web page's frame) as YAML.

    Paste it under words: in leaflets/project.<lang>.yaml (in leaflets/project.yaml for the
    language the leaflets are written in) and translate it, for a language leafletpress has no
    words in; or keep the few words to change, for one it has.
    """
    import yaml

    from .words import WORDS

    if language not in WORDS:
        hint = did_you_mean(language, WORDS)
        raise click.UsageError(
            f"no built-in words in '{language}'" + (f"; {hint}" if hint else f"; built in: {', '.join(sorted(WORDS))}")
        )
    table = yaml.safe_dump({"words": WORDS[language]}, allow_unicode=True, sort_keys=False, width=1000)
    click.echo(table, nl=False)


@main.command()
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a committed schema is out of date.")
@click.pass_obj
def schema(obj: Context, check_only: bool) -> None:
    """Write the JSON Schema of each content file kind to leaflets/schema/ (for editors)."""
    if check_only:
        stale = schemas.stale_schemas(obj.project)
        for kind in stale:
            click.echo(f"leaflets/schema/{kind}.schema.json is out of date with the content model", err=True)
        if stale:
            raise click.ClickException("run 'leafletpress schema' and commit leaflets/schema/")
        click.echo("leafletpress: schemas are up to date")
        return
    changed = schemas.write_schemas(obj.project)
    for path in changed:
        click.echo(f"wrote {path.relative_to(obj.project.resolve()) if path.is_relative_to(obj.project.resolve()) else path}")
    click.echo(f"leafletpress: {len(changed)} schemas written, {len(schemas.SCHEMA_KINDS) - len(changed)} unchanged")


@main.group()
def new() -> None:
    """Start a new condition, team or whole project from commented files that build at once."""


def _scaffolded(made) -> None:
    click.echo(f"created {made.path.as_posix()}")
    for step in made.next_steps:
        click.echo(f"  - {step}")


@new.command(name="condition")
@click.argument("slug")
@click.option("--title", help="The title on the cover [default: made from the slug].")
@click.pass_obj
def new_condition(obj: Context, slug: str, title: str | None) -> None:
    """Create leaflets/conditions/SLUG.yaml."""
    try:
        _scaffolded(scaffold.new_condition(obj.project, slug, title))
    except scaffold.SlugError as exc:
        raise click.BadParameter(str(exc), param_hint="SLUG") from None
    except scaffold.ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None


@new.command(name="team")
@click.argument("slug")
@click.pass_obj
def new_team(obj: Context, slug: str) -> None:
    """Create leaflets/teams/SLUG.yaml."""
    try:
        _scaffolded(scaffold.new_team(obj.project, slug))
    except scaffold.SlugError as exc:
        raise click.BadParameter(str(exc), param_hint="SLUG") from None
    except scaffold.ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None


@new.command(name="project")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--fold", default=DEFAULT_FOLD, show_default=True, help="The fold its leaflets are printed in (see leafletpress folds)."
)
def new_project(folder: Path, fold: str) -> None:
    """Create a project in FOLDER (new or empty): practice, one team, one condition, stylesheet, fonts, profile."""
    try:
        _scaffolded(scaffold.new_project(folder, fold))
    except scaffold.SlugError as exc:
        raise click.BadParameter(str(exc), param_hint="--fold") from None
    except scaffold.ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None


def _run(function, obj: Context, options: BuildOptions, output_format: str, quiet: bool) -> Report:
    show = not quiet and sys.stderr.isatty()
    started = time.monotonic()
    failures = 0

    def progress(result, done, total):
        nonlocal failures
        failures += result.status == Status.FAILED
        if show:
            click.echo(
                f"\r[{done}/{total}] {failures} failed, {time.monotonic() - started:.1f}s  {result.slug:<50.50}",
                nl=False,
                err=True,
            )

    command = function.__name__
    try:
        report = function(obj.project, options, progress=progress)
    except UsageError as exc:
        if output_format != "text":  # a tool reading the output still gets the format it asked for
            click.echo(reports.failure(command, output_format, str(exc), 2))
            sys.exit(2)
        raise click.UsageError(str(exc)) from None
    except OutputError as exc:
        if show:
            click.echo("\r" + " " * 90 + "\r", nl=False, err=True)
        message = f"{exc} (choose a writable folder with --out, or free disk space)"
        if output_format != "text":
            click.echo(reports.failure(command, output_format, message, 1))
        click.echo(f"leafletpress: {message}", err=True)
        sys.exit(1)
    if show:
        click.echo("\r" + " " * 90 + "\r", nl=False, err=True)
    return report


def _print_problems(problems) -> None:
    colour = reports.use_colour(sys.stderr)
    for problem in problems:
        click.echo(reports.problem_line(problem, colour), err=True, color=colour)


def _summary(report: Report, command: str, output_format: str) -> None:
    if output_format == "json":
        click.echo(reports.to_json(report, command))
    elif output_format == "github":
        click.echo(reports.to_github(report, command))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:  # set by GitHub Actions: a file whose Markdown appears on the run's page
            with open(summary, "a", encoding="utf-8") as file:
                file.write(reports.to_markdown(report, command))
    else:
        _print_problems(report.problems)
        for line in reports.removed_lines(report):
            click.echo(line)
        colour = reports.use_colour(sys.stdout)
        click.echo(reports.summary_line(report, command, colour), color=colour)
    sys.exit(report.exit_code)
