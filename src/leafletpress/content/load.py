"""Load stage: the files in leaflets/ become a validated Library, or located problems.

Each file is read safely (yamlfile.py) and validated against the content model (model.py);
then the library's cross-file references (references.py), the team sections against the
matrix (matrix.py) and the house rules (lint.py) are checked, so every command sees the same
problems.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from ..languages import LANGUAGE_HELP, is_language, meant, split_name
from ..problems import Problem, Problems, Severity, did_you_mean, relative
from . import model, references
from .folds import load_folds
from .library import Library, Source
from .lint import lint
from .matrix import check_team_sections
from .translations import check_translations, project_word_problems
from .validation import describe, translate
from .yamlfile import read_inside


def load_library(root: Path) -> Library:
    """Read and validate every content file under root/leaflets; never raises for content faults."""
    root = root.resolve()
    library = Library(root)
    content = root / "leaflets"
    project_file = content / "project.yaml"
    if not project_file.is_file():
        library.problems.add(_no_project_file(root))
        return library
    library.project = _load(project_file, "project", root, library.problems)
    if library.project is None:
        library.broken["project/project"] = relative(project_file, root)
    translated = [(path, stem, "project", "project") for path, stem in content_files(content) if stem.startswith("project.")]
    for kind, folder, into in (
        ("condition", "conditions", library.conditions),
        ("shared", "shared", library.shared),
        ("team", "teams", library.teams),
    ):
        for path, stem in content_files(content / folder):
            if "." in stem:  # <slug>.<language>.yaml: a translation, read once every source is
                translated.append((path, stem, kind, folder))
                continue
            source = _load(path, kind, root, library.problems, stem=stem)
            if source is not None:
                into[source.slug] = source
            elif slug := _named_for(path, stem):  # its editions fail with its problem, they do not vanish
                library.broken.setdefault(f"{folder}/{slug}", relative(path, root))
        _warn_ignored(content / folder, root, library.problems)
    for path, stem, kind, folder in translated:
        _load_translation(library, path, stem, kind, folder)
    library.folds = load_folds(root, library.problems)
    if library.project is not None:
        references.check(library)
        check_team_sections(library)
        check_translations(library)
        library.problems.extend(project_word_problems(library))
        library.problems.extend(lint(library))
    return library


def _no_project_file(root: Path) -> Problem:
    """Why root is no project: there is no such folder, no leaflets/ in it, or its leaflets/ has no project.yaml.

    A leaflets/ folder makes root the project (find_project stops there): without its project.yaml it is
    that project missing its file, not a folder inside the project around it.
    """
    shown = "leaflets/project.yaml"
    project_file = root / shown
    if not root.is_dir():
        return Problem(shown, 0, "", f"project file not found: there is no folder {root}", "check the folder given to --project")
    if not (root / "leaflets").is_dir():
        return Problem(
            shown,
            0,
            "",
            f"project file not found in {root}",
            "run leafletpress in the project folder (the one that holds leaflets/) or a folder inside it, or pass --project",
        )
    if project_file.is_dir():
        return Problem(
            shown,
            0,
            "",
            f"the project file is a folder: {project_file}",
            "move that folder out of leaflets/, and put the project file (a YAML file) in its place",
        )
    if project_file.is_symlink():
        return Problem(
            shown,
            0,
            "",
            f"the project file is a link to a file that is not there: {project_file}",
            "replace the link by the project file itself",
        )
    renamed = [path.name for path, stem in content_files(root / "leaflets") if stem == "project"]
    around = next((folder for folder in root.parents if (folder / "leaflets" / "project.yaml").is_file()), None)
    if around is not None and not any((root / "leaflets").iterdir()):
        return Problem(
            shown,
            0,
            "",
            f"project file not found: {root / 'leaflets'} is an empty folder, and the project is {around}",
            f"run leafletpress in {around} (or pass --project {around}), or remove the empty leaflets/ folder here",
        )
    return Problem(
        shown,
        0,
        "",
        f"project file not found: {root / 'leaflets'} has no project.yaml",
        f"the file is named '{renamed[0]}': rename it to project.yaml"
        if renamed
        else "copy it back into leaflets/ from a backup or from the project this folder was copied from, "
        "or start from the one that leafletpress new project NEW-FOLDER writes",
    )


def _load_translation(library: Library, path: Path, stem: str, kind: str, folder: str) -> None:
    """A translation <slug>.<language>.yaml: named after a source that exists, in a language other than the project's."""
    root = library.root
    shown = relative(path, root)
    slug, language = split_name(stem)
    if kind != "project" and not re.fullmatch(model.SLUG_RE, slug):
        library.problems.add(_not_a_slug(path, shown, slug, f".{language}"))
        meant_slug = _named_for(path, slug, f".{language}")
        if meant_slug and is_language(language) and language != library.language:
            library.broken.setdefault(f"{folder}/{meant_slug}.{language}", shown)  # its editions fail with this
        return
    sources = {"project": {"project": library.project}, "conditions": library.conditions}
    sources |= {"shared": library.shared, "teams": library.teams}
    # A name that cannot be a translation (knie.v2.yaml, rug.nl.yaml), of a source that is not there: that source,
    # misnamed; its editions fail with this problem rather than vanish.
    orphan = slug not in sources[folder] and not library.is_broken(folder, slug)
    if not is_language(language):
        code = meant(language)
        source_itself = orphan and code in (None, library.language)
        rename = f"rename it to {slug}.yaml: " if source_itself else f"rename it to {slug}.{code}.yaml: " if code else ""
        library.problems.add(
            Problem(
                shown,
                0,
                "",
                f"file name '{path.name}': '{language}' is not a language code",
                f"{rename}a translation is named <slug>.<language>.yaml, with {LANGUAGE_HELP}",
            )
        )
        if source_itself:
            library.broken[f"{folder}/{slug}"] = shown
        elif code and code != library.language:
            library.broken[f"{folder}/{slug}.{code}"] = shown  # its editions fail with this, they do not vanish
        return
    if library.project is not None and language == library.language:
        written_in = library.file_of(folder, slug) if folder != "project" else "leaflets/project.yaml"
        library.problems.add(
            Problem(
                shown,
                0,
                "",
                f"is a translation into '{language}', the language the leaflets are written in",
                f"rename it to {slug}.yaml, or name the file after the language it is in"
                if orphan
                else f"write this text in {written_in} itself, or name the file after the language it is in",
            )
        )
        if orphan:
            library.broken[f"{folder}/{slug}"] = shown
        return
    if orphan:
        hint = did_you_mean(slug, sources[folder]) if folder != "project" else ""
        library.problems.add(
            Problem(
                shown,
                0,
                "",
                f"is a translation of leaflets/{folder}/{slug}.yaml, which does not exist",
                hint or f"name a translation after the file it translates: <slug>.{language}.yaml beside <slug>.yaml",
            )
        )
        return
    source = _load(path, kind, root, library.problems, model.TRANSLATION_KINDS[kind], slug, stem)
    key = (folder, slug, language)
    if source is not None:
        source.language = language
        library.translations[key] = source
    else:
        library.broken[f"{folder}/{slug}.{language}"] = shown


def _load(
    path: Path, kind: str, root: Path, problems: Problems, cls=None, slug: str | None = None, stem: str | None = None
) -> Source | None:
    """A content file read and validated (stem: what its name says before .yaml; slug: the source's, for a translation)."""
    shown = path.relative_to(root).as_posix()  # the file's own name, not where a link leads
    stem = stem or path.stem
    slug = slug or stem
    if kind != "project" and not re.fullmatch(model.SLUG_RE, slug):
        problems.add(_not_a_slug(path, shown, slug))
        return None
    if path.name != f"{stem}.yaml":  # knie.yml, knie.YAML, knie.yaml.txt: not read, as knie.yaml would be
        problems.add(Problem(shown, 0, "", "content files end in '.yaml'", f"rename it to {stem}.yaml"))
        return None
    doc = read_inside(path, root, problems)
    if doc is None:
        return None
    cls = cls or model.KINDS[kind]
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
                f"expected a {kind} file with keys such as {', '.join(list(cls.model_fields)[:3])}, got {describe(doc.data)}",
            )
        )
        return None
    try:
        item = cls.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(translate(exc, doc, cls))
        return None
    return Source(slug, path, doc, item)


def _named_for(path: Path, slug: str, rest: str = "") -> str | None:
    """The slug a file is named for: its own, or the one its name most likely means ('whiplash ', 'Knie_Pijn':
    whiplash, knie-pijn) unless a file has that name (<slug><rest>.yaml) already; None when it means none."""
    if re.fullmatch(model.SLUG_RE, slug):
        return slug
    meant_slug = model.meant_slug(slug)
    return meant_slug if meant_slug and not path.with_name(f"{meant_slug}{rest}.yaml").exists() else None


def _not_a_slug(path: Path, shown: str, slug: str, rest: str = "") -> Problem:
    """A file named as no slug: what in its name is not allowed, and what to rename it to (rest: '.en', a translation's)."""
    meant_slug = model.meant_slug(slug)
    if not meant_slug:
        hint = f"rename it using {model.SLUG_HELP}"
    elif path.with_name(f"{meant_slug}{rest}.yaml").exists():
        hint = f"{meant_slug}{rest}.yaml is there too: delete this file if it is a copy of it; slugs are {model.SLUG_HELP}"
    else:
        hint = f"rename it to {meant_slug}{rest}.yaml; slugs are {model.SLUG_HELP}"
    return Problem(shown, 0, "", f"file name '{path.name}' is not a usable slug: {_not_in_a_slug(slug)}", hint)


def _not_in_a_slug(name: str) -> str:
    """What in a name a slug does not allow, as its writer sees it."""
    if not name:
        return "the name before the '.' is empty"
    found = []
    if any(char.isspace() for char in name):
        found.append("a space")
    if any(char.isupper() for char in name):
        found.append("capitals")
    odd = sorted({char for char in name if not (char.isspace() or char.isupper() or re.fullmatch(r"[a-z0-9-]", char))})
    if odd:
        found.append(" ".join(f"'{char}'" for char in odd))
    return f"it has {' and '.join(found)}" if found else "a hyphen starts or ends it, or follows another"


EDITOR_FILES = ("~", ".swp", ".swo", ".tmp")  # an editor's swap files and backups: never content
BACKUPS = (".bak",)  # a backup copy: left alone beside the file it copies; without it, that file renamed
# A file named as YAML, but for the extension's case or an extra suffix: knie.yml, knie.YAML, knie.yaml.txt.
YAML_NAME = re.compile(r"(?P<stem>.+?)\.ya?ml(?:[\W_].*)?", re.IGNORECASE | re.DOTALL)


def yaml_stem(name: str) -> str | None:
    """What a file's name says before its .yaml ('knie' for knie.yaml, knie.yml, knie.YAML, knie.yaml.txt), or None."""
    match = YAML_NAME.fullmatch(name)
    return match["stem"] if match else None


def content_files(folder: Path) -> list[tuple[Path, str]]:
    """The files of a folder the loader reads, each with its stem (yaml_stem): <stem>.yaml, and one named so but for
    the extension (knie.yml, knie.YAML, knie.yaml.txt, knie.yaml.bak) when no <stem>.yaml is beside it.

    That one is the file renamed by mistake: loading it says so, and the editions made from it fail (they keep
    their last PDFs) rather than leave the matrix. Beside <stem>.yaml it is a copy, and not read (_warn_ignored).
    """
    names = sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []
    found = []
    for name in names:
        stem = yaml_stem(name)
        if stem is not None and not name.endswith(EDITOR_FILES) and (name == f"{stem}.yaml" or f"{stem}.yaml" not in names):
            found.append((folder / name, stem))
    return found


def _warn_ignored(folder: Path, root: Path, problems: Problems) -> None:
    """A file that is not read (a copy of knie.yaml as knie.yaml.txt, a Word file) would silently be missing from the
    leaflets. (One named as YAML but for its extension is read when it is no copy: content_files.)"""
    read = {path.name for path, _ in content_files(folder)}
    for path in sorted(folder.glob("*")):
        name = path.name
        if not path.is_file() or name in read or name.startswith((".", "#")) or name.endswith((*EDITOR_FILES, *BACKUPS)):
            continue
        if path.suffix != ".md":
            stem = yaml_stem(name) or path.stem
            twin = path.with_name(f"{stem}.yaml")
            hint = (
                f"it looks like a copy of {twin.name}; delete it if it is"
                if twin.is_file()
                else f"if it holds content, save it as {stem}.yaml"
            )
            problems.add(Problem(relative(path, root), 0, "", "ignored: only .yaml files are read here", hint, Severity.WARNING))
