"""Cross-file checks: the shared sections, teams, conditions, files, placeholders and links a library names must exist."""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem, Problems, Severity, did_you_mean
from . import markup
from .cssrefs import stylesheet_files, stylesheet_problem
from .icc import profile_problem
from .images import IMAGE_HINT, data_problem, image_problem
from .library import Library, Source
from .yamlfile import dotted


def check(library: Library) -> None:
    """Cross-file checks: shared sections, teams, conditions, files and placeholders that must exist.

    A translation's text gets the same placeholder, markup and link checks as its source's: it is printed
    the same way, so an unknown placeholder or a javascript: link must be a located line there too.
    """
    problems = library.problems
    project = library.project
    for source in library.conditions.values():
        for index, section in enumerate(source.item.sections):
            if section.use is not None and section.use not in library.shared and not library.is_broken("shared", section.use):
                problems.add(
                    Problem(
                        source.file,
                        source.doc.line_of(("sections", index, "use")),
                        f"sections[{index}].use",
                        f"no shared section '{section.use}' in leaflets/shared/",
                        did_you_mean(section.use, library.shared) or f"available: {', '.join(sorted(library.shared)) or 'none'}",
                    )
                )
        if source.item.cover.image:
            _check_image(library, source, ("cover", "image"), source.item.cover.image)
    for source in library.teams.values():
        for index, section in enumerate(source.item.sections):
            if section.conditions != "all":
                for position, slug in enumerate(section.conditions):
                    if slug not in library.conditions:
                        _unknown_condition(library, source, ("sections", index, "conditions", position), slug)
        if source.item.stylesheet:
            _check_file(library, source, ("stylesheet",), source.item.stylesheet, (".css",))
        if source.item.logo:
            _check_image(library, source, ("logo",), source.item.logo)
    for index, sheet in enumerate(project.item.stylesheets):
        _check_file(library, project, ("stylesheets", index), sheet, (".css",))
    if project.item.practice.logo:
        _check_image(library, project, ("practice", "logo"), project.item.practice.logo)
    _check_print_profile(library, project)
    _check_editions(library, project)
    _check_folds(library)
    _check_language_stylesheets(library)
    _check_stylesheet_texts(library)
    texts = [project, *library.conditions.values(), *library.shared.values(), *library.teams.values()]
    for source in texts + list(library.translations.values()):
        _check_placeholders(source, problems)


def _check_language_stylesheets(library: Library) -> None:
    """A language's own stylesheets (project.<lang>.yaml) are checked as the project's are: compose adds them
    to that language's editions, so a missing one or one outside the project must stop those editions here."""
    for (folder, _slug, _language), translation in sorted(library.translations.items()):
        if folder == "project":
            for index, sheet in enumerate(translation.item.stylesheets):
                _check_file(library, translation, ("stylesheets", index), sheet, (".css",))


def _check_stylesheet_texts(library: Library) -> None:
    """Every stylesheet the library names, and each it @imports, must be UTF-8 text: once per file, at the file.

    A stylesheet saved as UTF-16 (Notepad's "Unicode") reads as garbage, so the renderer drops its rules (the team's
    colour) with a warning in words no one can read; one that is not UTF-8 has characters printed as '�'. The
    editions made with it fail here, before anything is laid out (their inputs hold the file: plan/planner.py).
    """
    root = library.root
    named = list(library.project.item.stylesheets)
    named += [team.item.stylesheet for team in library.teams.values() if team.item.stylesheet]
    named += [sheet for (folder, _, _), t in library.translations.items() if folder == "project" for sheet in t.item.stylesheets]
    sheets = {(root / sheet).resolve() for sheet in named}
    usable = [path for path in sheets if path.suffix.lower() == ".css" and path.is_relative_to(root) and path.is_file()]
    for path in sorted({file for sheet in usable for file in stylesheet_files(root, sheet)}):
        problem = stylesheet_problem(root, path)
        if problem is not None:
            library.problems.add(problem)


def _check_folds(library: Library) -> None:
    """The project's fold, and each condition's own, must be a fold the project has (built in, or its own)."""
    known = library.folds
    if not known.readable:
        return  # leaflets/folds.yaml could not be read: its problem says so, and which folds it held is unknown
    named = [(library.project, library.project.item.fold)]
    named += [(source, source.item.fold) for source in library.conditions.values() if source.item.fold]
    for source, fold in named:
        if fold in known.folds or fold in known.broken:
            continue  # a fold of the project's own file with a problem: that problem is reported there
        library.problems.add(
            source.problem(
                ("fold",),
                f"unknown fold '{fold}'",
                " ".join(filter(None, [did_you_mean(fold, known.folds), "leafletpress folds lists the folds and their panels"])),
            )
        )


def _check_editions(library: Library, project: Source) -> None:
    """The matrix must name teams and conditions that exist, each once; an empty one would remove every PDF."""
    problems = library.problems
    data = project.doc.data
    if "editions" in data and not data["editions"]:
        problems.add(
            project.problem(
                ("editions",),
                "lists no team, so no leaflet would be built (and the last ones would be removed)",
                "give each team 'all' or a list of condition slugs, or remove 'editions:' to give every team every condition",
            )
        )
    for team, wanted in (project.item.editions or {}).items():
        if team not in library.teams and not library.is_broken("teams", team):
            renamed = _named_like(library.root / "leaflets" / "teams", team)
            problems.add(
                Problem(
                    project.file,
                    project.doc.line_of(("editions", team)),
                    f"editions.{team}",
                    f"no team '{team}' in leaflets/teams/",
                    f"the file is named '{renamed}': rename it to {team}.yaml"
                    if renamed
                    else did_you_mean(team, library.teams) or f"available: {', '.join(sorted(library.teams)) or 'none'}",
                )
            )
        if wanted == "all":
            continue
        seen: set[str] = set()
        for position, slug in enumerate(wanted):
            if slug not in library.conditions:
                _unknown_condition(library, project, ("editions", team, position), slug)
            elif slug in seen:
                problems.add(
                    Problem(
                        project.file,
                        project.doc.line_of(("editions", team, position)),
                        f"editions.{team}[{position}]",
                        f"'{slug}' is listed twice for {team}",
                        "remove one of them (it is built once)",
                        Severity.WARNING,
                    )
                )
            seen.add(slug)


def _unknown_condition(library: Library, source: Source, path: tuple, slug: str) -> None:
    if library.is_broken("conditions", slug):
        return  # its own file's problem is reported already
    renamed = _named_like(library.root / "leaflets" / "conditions", slug)
    library.problems.add(
        source.problem(
            path,
            f"no condition '{slug}' in leaflets/conditions/",
            f"the file is named '{renamed}': rename it to {slug}.yaml"
            if renamed
            else did_you_mean(slug, library.conditions) or "check the spelling of the file name without .yaml",
        )
    )


def _named_like(folder: Path, slug: str) -> str | None:
    """A file in folder whose name is the slug but for capitals or an extension ('Knie.yaml', 'knie.yaml.txt')."""
    for path in sorted(folder.glob("*")) if folder.is_dir() else ():
        if path.name != f"{slug}.yaml" and path.name.casefold().split(".")[0] == slug:
            return path.name
    return None


def _check_file(library: Library, source: Source, path: tuple, value: str, suffixes: tuple[str, ...] = ()) -> bool:
    """A referenced file must exist inside the project; no absolute paths, no escaping with '..'."""
    root = library.root
    target = (root / value).resolve()
    shown = dotted(path)
    if Path(value).is_absolute() or not target.is_relative_to(root):
        library.problems.add(
            Problem(
                source.file,
                source.doc.line_of(path),
                shown,
                f"'{value}' points outside the project",
                "give a path inside the project, relative to its folder, e.g. styles/images/logo.svg",
            )
        )
        return False
    if target.is_dir():
        library.problems.add(source.problem(path, f"'{value}' is a folder, not a file", "name the file inside it"))
        return False
    if not target.is_file():
        near = did_you_mean(Path(value).name, [p.name for p in target.parent.glob("*")]) if target.parent.is_dir() else ""
        library.problems.add(
            Problem(
                source.file,
                source.doc.line_of(path),
                shown,
                f"file '{value}' not found",
                near or "paths are relative to the project folder",
            )
        )
        return False
    if suffixes and target.suffix.lower() not in suffixes:
        library.problems.add(
            Problem(
                source.file,
                source.doc.line_of(path),
                shown,
                f"'{value}' is not a {' or '.join(suffixes)} file",
                f"name a file ending in {' or '.join(suffixes)}",
            )
        )
        return False
    return True


def _check_image(library: Library, source: Source, path: tuple, value: str) -> None:
    """A referenced image must be a PNG, JPEG or self-contained SVG of a sane size (its header checked before anything
    decodes it), and a PNG or JPEG whole: a cut-off one would print with its lower part one colour."""
    if _check_file(library, source, path, value):
        reason = image_problem(library.root / value) or data_problem(library.root / value)
        if reason:
            library.problems.add(source.problem(path, f"'{value}': {reason}", IMAGE_HINT))


def _check_print_profile(library: Library, project: Source) -> None:
    """The output-intent profile must exist and be a CMYK printer profile."""

    profile = project.item.print_settings.profile
    if profile is None:
        return
    before = len(library.problems.items)
    _check_file(library, project, ("print", "profile"), profile)
    if len(library.problems.items) == before:
        reason = profile_problem(library.root / profile)
        if reason:
            library.problems.add(
                Problem(
                    project.file,
                    project.doc.line_of(("print", "profile")),
                    "print.profile",
                    f"'{profile}' {reason}",
                    "ask the print shop for the ICC profile of their press and paper",
                )
            )


def _fills_placeholders(path: tuple) -> bool:
    """Whether compose fills {practice} and {team} in at this path (edition.py's fill): a leaflet's title and
    subtitle, headings, blocks and the QR caption; names, contact details and alt texts are printed as written."""
    return "blocks" in path or path[-1:] == ("heading",) or path in (("title",), ("cover", "subtitle"), ("qr", "caption"))


def _check_placeholders(source: Source, problems: Problems) -> None:
    """Placeholders must be known and links must use an allowed scheme, in every text of a file."""
    for path, text in source.doc.strings():
        if path == ("qr", "url"):
            continue  # a URL pattern with its own placeholders, {team} and {condition}; the model checks it
        if path[:1] == ("words",) and source.path.parent.name == "leaflets":  # project.yaml, project.<lang>.yaml
            continue  # the project's words (project.yaml or a translation's), with their own placeholders: load checks them
        try:
            markup.check(text)
        except markup.MarkupError as exc:
            problems.add(source.problem(path, str(exc), "remove the link or use a web address"))
        stray = markup.leftover(text)
        if path and path[-1] in ("title", "heading", "name") and markup.has_markup(text):
            problems.add(
                source.problem(
                    path,
                    f"a {path[-1]} is printed as plain text: its markup would be printed as typed",
                    "remove the * and [...](...) here; the heading's own style already makes it stand out",
                    Severity.WARNING,
                )
            )
        elif stray:
            problems.add(
                source.problem(
                    path,
                    f"{stray} would be printed as typed: the markup is not complete",
                    "write *emphasis* and **strong** with the same stars on both sides, and links as [text](https://...)",
                    Severity.WARNING,
                )
            )
        for match in markup.PLACEHOLDER_RE.finditer(text):
            if match.group(1) in markup.PLACEHOLDERS and not _fills_placeholders(path):
                problems.add(
                    source.problem(
                        path,
                        f"'{match.group(0)}' would be printed as typed: only titles, headings and texts fill in placeholders",
                        "write the name itself here",
                    )
                )
            elif match.group(1) not in markup.PLACEHOLDERS:
                problems.add(
                    source.problem(
                        path,
                        f"unknown placeholder '{{{match.group(1)}}}'",
                        did_you_mean(match.group(1), markup.PLACEHOLDERS)
                        or f"available: {', '.join('{' + p + '}' for p in markup.PLACEHOLDERS)}",
                    )
                )
