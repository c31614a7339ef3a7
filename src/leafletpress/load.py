"""Load stage: the files in leaflets/ become a validated Library, or located problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import markup, model
from .icc import profile_problem
from .images import image_problem
from .lint import lint
from .problems import ContentError, Problem, Problems, did_you_mean, relative
from .yamlfile import YamlDocument, dotted, read_yaml

PLACEHOLDERS = ("practice", "team")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


@dataclass
class Source:
    """A validated file: its model, where it lives, and the lines of its fields."""

    slug: str
    path: Path
    doc: YamlDocument
    item: BaseModel

    @property
    def file(self) -> str:
        return self.doc.file


@dataclass
class Library:
    """Everything in leaflets/, validated; editions are derived from it."""

    root: Path
    project: Source | None = None
    conditions: dict[str, Source] = field(default_factory=dict)
    shared: dict[str, Source] = field(default_factory=dict)
    teams: dict[str, Source] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    broken: dict[str, str] = field(default_factory=dict)  # "folder/slug" -> file, for files that could not be loaded

    def is_broken(self, folder: str, slug: str) -> bool:
        return f"{folder}/{slug}" in self.broken

    def file_of(self, folder: str, slug: str) -> str:
        """The project-relative file a slug of a folder was read from, loaded or not."""
        loaded = {"conditions": self.conditions, "shared": self.shared, "teams": self.teams}.get(folder, {})
        if slug in loaded:
            return loaded[slug].file
        return self.broken.get(f"{folder}/{slug}", f"leaflets/{folder}/{slug}.yaml")

    def slugs(self, folder: str) -> set[str]:
        """The slugs of a folder's files: those that loaded and those that did not."""
        loaded = {"conditions": self.conditions, "shared": self.shared, "teams": self.teams}[folder]
        return set(loaded) | {name.split("/", 1)[1] for name in self.broken if name.startswith(folder + "/")}


def find_project(start: Path) -> Path:
    """The project a folder belongs to: it, or the nearest folder above it, holding leaflets/project.yaml.

    Without one, the folder itself (loading it then says that no project file is there).
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "leaflets" / "project.yaml").is_file():
            return folder
    return start


def load_library(root: Path) -> Library:
    """Read and validate every content file under root/leaflets; never raises for content faults."""
    root = root.resolve()
    library = Library(root)
    content = root / "leaflets"
    project_file = content / "project.yaml"
    if not project_file.is_file():
        where = f"not found: there is no folder {root}" if not root.is_dir() else f"not found in {root}"
        library.problems.add(
            Problem(
                relative(project_file, root),
                0,
                "",
                f"project file {where}",
                "run leafletpress in the folder that holds leaflets/project.yaml or one inside it, or pass --project",
            )
        )
        return library
    library.project = _load(project_file, "project", root, library.problems)
    if library.project is None:
        library.broken["project/project"] = relative(project_file, root)
    for kind, folder, into in (
        ("condition", "conditions", library.conditions),
        ("shared", "shared", library.shared),
        ("team", "teams", library.teams),
    ):
        for path in sorted((content / folder).glob("*.y*ml")):
            source = _load(path, kind, root, library.problems)
            if source is not None:
                into[source.slug] = source
            elif re.fullmatch(model.SLUG_RE, path.stem):  # a file named as no slug is no edition
                library.broken[f"{folder}/{path.stem}"] = relative(path, root)
        _warn_ignored(content / folder, root, library.problems)
    if library.project is not None:
        _check_references(library)
        library.problems.extend(lint(library))
    return library


def _load(path: Path, kind: str, root: Path, problems: Problems) -> Source | None:
    shown = path.relative_to(root).as_posix()  # the file's own name, not where a link leads
    slug = path.stem
    if kind != "project" and not re.fullmatch(model.SLUG_RE, slug):
        problems.add(Problem(shown, 0, "", f"file name '{path.name}' is not a usable slug", f"rename it using {model.SLUG_HELP}"))
        return None
    if path.suffix == ".yml":
        problems.add(Problem(shown, 0, "", "content files end in '.yaml'", f"rename it to {path.stem}.yaml"))
        return None
    if not path.resolve().is_relative_to(root):
        # Never read, and its target never shown: a link could point at any file on the computer.
        problems.add(
            Problem(
                shown,
                0,
                "",
                "is a link to a file outside the project; leafletpress reads content only from inside it",
                f"copy the file into {path.parent.relative_to(root).as_posix()}/ instead of linking to it",
            )
        )
        return None
    try:
        doc = read_yaml(path, shown)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    except OSError as exc:
        problems.add(Problem(shown, 0, "", f"cannot be read: {exc.strerror}"))
        return None
    cls = model.KINDS[kind]
    if doc.data in ({}, None):
        required = [name for name, info in cls.model_fields.items() if info.is_required()]
        problems.add(
            Problem(
                shown, 1, "", "the file is empty", f"a {kind} file needs at least {' and '.join(required)}" if required else ""
            )
        )
        return None
    if not isinstance(doc.data, dict):
        problems.add(
            Problem(
                shown,
                1,
                "",
                f"expected a {kind} file with keys such as {', '.join(list(cls.model_fields)[:3])}, got {_describe(doc.data)}",
            )
        )
        return None
    try:
        item = cls.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(_translate(exc, doc, cls))
        return None
    return Source(slug, path, doc, item)


EDITOR_FILES = ("~", ".swp", ".swo", ".bak", ".tmp")  # an editor's backups and swap files: not content


def _warn_ignored(folder: Path, root: Path, problems: Problems) -> None:
    """A file that is not read (knie.yaml.txt, a Word file) would silently be missing from the leaflets."""
    for path in sorted(folder.glob("*")):
        if not path.is_file() or path.name.startswith((".", "#")) or path.name.endswith(EDITOR_FILES):
            continue
        if path.suffix not in (".yaml", ".yml", ".md"):
            stem = path.name.split(".yaml")[0] if ".yaml" in path.name else path.stem
            twin = path.with_name(f"{stem}.yaml")
            hint = (
                f"it looks like a copy of {twin.name}; delete it if it is"
                if twin.is_file()
                else f"if it holds content, save it as {stem}.yaml"
            )
            problems.add(Problem(relative(path, root), 0, "", "ignored: only .yaml files are read here", hint, "warning"))


def _describe(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if value is None:
        return "nothing"
    text = " ".join(str(value).split())
    return f"the text '{text[:60]}...'" if len(text) > 60 else f"the text '{text}'"


def _translate(exc: ValidationError, doc: YamlDocument, cls: type[BaseModel]) -> list[Problem]:
    """Pydantic's errors as one located line each, in the words of a content author."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = _user_path(error["loc"], doc)
        kind, given = error["type"], error.get("input")
        line = doc.line_of(loc)
        hint = ""
        if kind == "extra_forbidden":
            allowed = _fields_at(cls, loc[:-1])
            message = f"unknown key '{loc[-1]}'"
            hint = did_you_mean(loc[-1], allowed) or (f"allowed here: {', '.join(allowed)}" if allowed else "")
        elif kind == "missing":
            message = f"required key '{loc[-1]}' is missing"
            line = doc.line_of(loc[:-1])
            loc = loc[:-1] + (loc[-1],)
        elif kind in ("string_type",):
            message = f"expected text, got {_describe(given)}"
            if isinstance(given, dict):
                hint = "a ': ' inside text makes YAML read 'key: value'; put the whole text in quotes"
            elif isinstance(given, list):
                hint = "text in [ ] is read as a list; put the whole text in quotes"
        elif kind in ("list_type",):
            message = f"expected a list (lines starting with '- '), got {_describe(given)}"
            if isinstance(given, str):
                hint = "write each item on its own line starting with '- '"
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            message = f"expected keys (name: value), got {_describe(given)}"
        elif kind == "bool_parsing":
            message = f"expected yes or no (true/false), got '{given}'"
        elif kind in ("too_short", "string_too_short"):
            message = "must not be empty"
            if isinstance(given, list):
                hint = "add at least one item: a line starting with '- '"
            else:
                hint = "write some text" if _required(cls, loc) else "write some text, or remove the key"
        elif kind == "literal_error":
            message = f"expected {error['ctx']['expected']}, got {_describe(given)}"
        elif kind == "value_error":
            message = str(error["ctx"]["error"])
        else:
            message = error["msg"][0].lower() + error["msg"][1:]
        problems.append(Problem(doc.file, line, dotted(loc), message, hint))
    # A misspelt required key is reported once, as the unknown key with its did-you-mean.
    suggested = {
        (p.field.rpartition(".")[0], p.hint.split("'")[1])
        for p in problems
        if p.message.startswith("unknown key") and p.hint.startswith("did you mean")
    }
    problems = [
        p
        for p in problems
        if not (p.message.startswith("required key") and (p.field.rpartition(".")[0], p.field.rpartition(".")[2]) in suggested)
    ]
    # A union of 'all' or a list reports both branches; keep the most useful one per place.
    unique = {}
    for problem in problems:
        unique.setdefault((problem.line, problem.field), problem)
    return list(unique.values())


_PYDANTIC_TAGS = ("function-after", "str", "list[str]", "literal['all']")


def _user_path(loc: tuple, doc: YamlDocument) -> tuple:
    """Pydantic's error location without its own tags for union branches ('list[str]', ...): keys and indices only.

    A part that is a key of the document is kept whatever it looks like (a key may be ':[').
    """
    path: tuple = ()
    for part in loc:
        if isinstance(part, int) or path + (part,) in doc.lines:
            path += (part,)
        elif not ("[" in part or part in _PYDANTIC_TAGS):
            path += (part,)  # a missing key, named by the model
    return path


def _fields_at(cls: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed at a field path, for did-you-mean suggestions."""
    current = cls
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = _keys(current).get(part)
        if field_info is None:
            return []
        current = _model_in(field_info.annotation)
        if current is None:
            return []
    return list(_keys(current))


def _keys(cls: type[BaseModel]) -> dict:
    """A model's fields by the key a file uses for them (its alias: 'print' for print_settings)."""
    return {info.alias or name: info for name, info in cls.model_fields.items()}


def _required(cls: type[BaseModel], loc: tuple) -> bool:
    """Whether the key at a field path must be given (so removing it is no way out)."""
    current = cls
    for part in [p for p in loc[:-1] if not isinstance(p, int)]:
        field_info = current.model_fields.get(part)
        current = _model_in(field_info.annotation) if field_info is not None else None
        if current is None:
            return False
    field_info = current.model_fields.get(loc[-1]) if loc else None
    return bool(field_info and field_info.is_required())


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _check_references(library: Library) -> None:
    """Cross-file checks: shared sections, teams, conditions, files and placeholders that must exist."""
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
    from .fold import FOLDS  # the fold is data; the project names one of them

    if project.item.fold not in FOLDS:
        problems.add(
            Problem(
                project.file,
                project.doc.line_of(("fold",)),
                "fold",
                f"unknown fold '{project.item.fold}'",
                did_you_mean(project.item.fold, FOLDS) or f"available: {', '.join(FOLDS)}",
            )
        )
    for source in [project, *library.conditions.values(), *library.shared.values(), *library.teams.values()]:
        _check_placeholders(source, problems)
    from .matrix import check_team_sections  # matrix builds on the Library defined here

    check_team_sections(library)


def _check_editions(library: Library, project: Source) -> None:
    """The matrix must name teams and conditions that exist, each once; an empty one would remove every PDF."""
    problems = library.problems
    data = project.doc.data
    if "editions" in data and not data["editions"]:
        problems.add(
            Problem(
                project.file,
                project.doc.line_of(("editions",)),
                "editions",
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
                        "warning",
                    )
                )
            seen.add(slug)


def _unknown_condition(library: Library, source: Source, path: tuple, slug: str) -> None:
    if library.is_broken("conditions", slug):
        return  # its own file's problem is reported already
    renamed = _named_like(library.root / "leaflets" / "conditions", slug)
    library.problems.add(
        Problem(
            source.file,
            source.doc.line_of(path),
            dotted(path),
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
    """A referenced image must be a PNG, JPEG or self-contained SVG of a sane size (checked without decoding)."""
    if _check_file(library, source, path, value):
        reason = image_problem(library.root / value)
        if reason:
            library.problems.add(
                Problem(
                    source.file,
                    source.doc.line_of(path),
                    dotted(path),
                    f"'{value}': {reason}",
                    "export the picture again as PNG (at most 300 ppi at its printed size), JPEG or plain SVG",
                )
            )


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


def _check_placeholders(source: Source, problems: Problems) -> None:
    """Placeholders must be known and links must use an allowed scheme, in every text of a file."""
    for path, text in source.doc.strings():
        if path == ("qr", "url"):
            continue  # a URL pattern with its own placeholders, {team} and {condition}; the model checks it
        try:
            markup.check(text)
        except markup.MarkupError as exc:
            problems.add(
                Problem(source.file, source.doc.line_of(path), dotted(path), str(exc), "remove the link or use a web address")
            )
        stray = markup.leftover(text)
        if path and path[-1] in ("title", "heading", "name") and markup.has_markup(text):
            problems.add(
                Problem(
                    source.file,
                    source.doc.line_of(path),
                    dotted(path),
                    f"a {path[-1]} is printed as plain text: its markup would be printed as typed",
                    "remove the * and [...](...) here; the heading's own style already makes it stand out",
                    "warning",
                )
            )
        elif stray:
            problems.add(
                Problem(
                    source.file,
                    source.doc.line_of(path),
                    dotted(path),
                    f"{stray} would be printed as typed: the markup is not complete",
                    "write *emphasis* and **strong** with the same stars on both sides, and links as [text](https://...)",
                    "warning",
                )
            )
        for match in PLACEHOLDER_RE.finditer(text):
            if match.group(1) not in PLACEHOLDERS:
                problems.add(
                    Problem(
                        source.file,
                        source.doc.line_of(path),
                        dotted(path),
                        f"unknown placeholder '{{{match.group(1)}}}'",
                        did_you_mean(match.group(1), PLACEHOLDERS)
                        or f"available: {', '.join('{' + p + '}' for p in PLACEHOLDERS)}",
                    )
                )
