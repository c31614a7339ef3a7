"""The command line: parses options, calls the library API, turns reports into output and exit codes."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import __version__, api
from .compose import matrix

EXAMPLES = """
\b
Examples:
  leafletpress build                         build every edition into build/
  leafletpress build --condition nekklachten build one condition for every team
  leafletpress build --team sport --out /tmp/proof
  leafletpress check                         validate content and check that all fits
  leafletpress list                          show conditions, teams and the edition matrix
"""


class Context:
    def __init__(self, project: Path):
        self.project = project


@click.group(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="leafletpress")
@click.option("--project", "-C", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="The project folder (holds leaflets/ and styles/).")
@click.pass_context
def main(ctx: click.Context, project: Path) -> None:
    """Build print-ready trifold patient leaflets from YAML content and CSS."""
    ctx.obj = Context(project)


def _selection(function):
    function = click.option("--condition", "-c", "conditions", multiple=True, metavar="SLUG",
                            help="Only this condition (repeatable).")(function)
    function = click.option("--team", "-t", "teams", multiple=True, metavar="SLUG",
                            help="Only this team's editions (repeatable).")(function)
    function = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                            help="Worker processes [default: LEAFLETPRESS_JOBS or the number of cores].")(function)
    function = click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")(function)
    return function


@main.command()
@_selection
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Output folder.")
@click.option("--force", is_flag=True, help="Rebuild every edition, even those that did not change.")
@click.pass_obj
def build(obj: Context, conditions, teams, jobs, quiet, out, force) -> None:
    """Build the print PDF of every edition (or the selected ones).

    Exit code 0: all built; 1: content or fit errors (the other editions are
    still built); 2: usage errors.
    """
    report = _run(api.build, obj, quiet, out=out, conditions=conditions, teams=teams, jobs=jobs, force=force)
    built, unchanged, failed = report.count("built"), report.count("unchanged"), report.count("failed")
    _summary(report, f"{built} built, {unchanged} unchanged, {failed} failed", quiet)


@main.command()
@_selection
@click.pass_obj
def check(obj: Context, conditions, teams, jobs, quiet) -> None:
    """Validate all content and check that every edition fits; writes nothing."""
    report = _run(api.check, obj, quiet, conditions=conditions, teams=teams, jobs=jobs)
    checked, failed = report.count("checked"), report.count("failed")
    _summary(report, f"{checked} editions fit, {failed} failed", quiet)


@main.command(name="list")
@click.pass_obj
def list_command(obj: Context) -> None:
    """Show the conditions, the teams and the editions (condition x team) the project defines."""
    library, pairs = api.list_editions(obj.project)
    _print_problems(library.problems.sorted())
    if library.project is None:
        sys.exit(1)
    editions = set(pairs)
    teams = sorted(library.teams)
    click.echo(f"{len(library.conditions)} conditions, {len(teams)} teams, {len(pairs)} editions\n")
    width = max([len("condition")] + [len(c) for c in library.conditions])
    click.echo(" " * (width + 2) + "  ".join(teams))
    for slug, source in sorted(library.conditions.items()):
        marks = "  ".join(("x" if (team, slug) in editions else "-").center(len(team)) for team in teams)
        click.echo(f"{slug:<{width}}  {marks}   {source.item.title}")
    click.echo("")
    for slug in teams:
        team = library.teams[slug].item
        click.echo(f"{slug}: {team.name} ({', '.join(t.name for t in team.therapists)})")
    sys.exit(1 if library.problems.errors else 0)


def _run(function, obj: Context, quiet: bool, **options) -> api.Report:
    show = not quiet and sys.stderr.isatty()
    started = time.monotonic()
    failures = 0

    def progress(result, done, total):
        nonlocal failures
        failures += result.status == "failed"
        if show:
            click.echo(f"\r[{done}/{total}] {failures} failed, {time.monotonic() - started:.1f}s  {result.slug:<50.50}",
                       nl=False, err=True)

    try:
        report = function(obj.project, progress=progress, **options)
    except api.UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if show:
        click.echo("\r" + " " * 90 + "\r", nl=False, err=True)
    return report


def _print_problems(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _summary(report: api.Report, counts: str, quiet: bool) -> None:
    _print_problems(report.problems)
    errors, warnings = len(report.errors), len(report.warnings)
    status = "ok" if report.exit_code == 0 else "FAILED"
    click.echo(f"leafletpress: {status}: {counts}; {errors} errors, {warnings} warnings in {report.seconds:.1f}s")
    sys.exit(report.exit_code)
