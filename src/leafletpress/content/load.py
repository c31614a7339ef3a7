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

from ..problems import ContentError, Problem, Problems, Severity, relative
from . import model, references
from .folds import load_folds
from .library import Library, Source
from .lint import lint
from .matrix import check_team_sections
from .validation import describe, translate
from .yamlfile import read_yaml


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
    library.folds = load_folds(root, library.problems)
    if library.project is not None:
        references.check(library)
        check_team_sections(library)
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
            problems.add(Problem(relative(path, root), 0, "", "ignored: only .yaml files are read here", hint, Severity.WARNING))
