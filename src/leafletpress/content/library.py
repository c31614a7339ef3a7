"""The content as the other stages see it: a Library of validated Sources, each with its file and lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from ..fold import DEFAULT_FOLD
from ..problems import Problem, Problems, Severity
from .folds import FoldSet
from .yamlfile import YamlDocument, dotted


@dataclass
class Source:
    """A validated file: its model, where it lives, and the lines of its fields."""

    slug: str
    path: Path
    doc: YamlDocument
    item: BaseModel
    language: str = ""  # a translation's language (the file <slug>.<language>.yaml); "" for a source

    @property
    def file(self) -> str:
        return self.doc.file

    def problem(self, path: tuple, message: str, hint: str = "", severity: Severity = Severity.ERROR) -> Problem:
        """A problem at a field of this file: its line, and the field as people read it (sections[2].blocks)."""
        return Problem(self.file, self.doc.line_of(path), dotted(path), message, hint, severity)


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
    folds: FoldSet = field(default_factory=FoldSet)  # the built-in folds and the project's own (leaflets/folds.yaml)
    # (folder, slug, language) -> a translation: folder is conditions, shared, teams or project (slug "project")
    translations: dict[tuple[str, str, str], Source] = field(default_factory=dict)

    @property
    def language(self) -> str:
        """The language the leaflets are written in (project.yaml's language:)."""
        return self.project.item.language if self.project is not None else "nl"

    def languages_of(self, team: str) -> list[str]:
        """The languages a team hands out, the project's own first when it is one of them (project.yaml's languages:)."""
        wanted = self.project.item.languages if self.project is not None else None
        if isinstance(wanted, dict):
            wanted = wanted.get(team)
        wanted = list(dict.fromkeys(wanted)) if wanted else [self.language]
        return sorted(wanted, key=lambda code: code != self.language)

    def translation(self, folder: str, slug: str, language: str) -> Source | None:
        """The translation of a source file into a language, if it loaded."""
        return self.translations.get((folder, slug, language))

    def translation_file(self, folder: str, slug: str, language: str) -> str:
        """The project-relative file a translation is (or would be) read from."""
        name = f"{slug}.{language}.yaml"
        return f"leaflets/{name}" if folder == "project" else f"leaflets/{folder}/{name}"

    def translation_file_of(self, folder: str, slug: str, language: str) -> str:
        """The file a translation was read from, loaded or not (a misnamed one: rug.EN.yaml), else where it would be."""
        return self.broken.get(f"{folder}/{slug}.{language}", self.translation_file(folder, slug, language))

    def is_broken(self, folder: str, slug: str) -> bool:
        return f"{folder}/{slug}" in self.broken

    def file_of(self, folder: str, slug: str) -> str:
        """The project-relative file a slug of a folder was read from, loaded or not."""
        loaded = {"conditions": self.conditions, "shared": self.shared, "teams": self.teams}.get(folder, {})
        if slug in loaded:
            return loaded[slug].file
        return self.broken.get(f"{folder}/{slug}", f"leaflets/{folder}/{slug}.yaml")

    def fold_of(self, condition: str) -> str:
        """The fold a condition's editions are printed in: its own fold:, else the project's."""
        source = self.conditions.get(condition)
        own = source.item.fold if source is not None else None
        return own or (self.project.item.fold if self.project is not None else DEFAULT_FOLD)

    def slugs(self, folder: str) -> set[str]:
        """The slugs of a folder's files: those that loaded and those that did not."""
        loaded = {"conditions": self.conditions, "shared": self.shared, "teams": self.teams}[folder]
        broken = {name.split("/", 1)[1] for name in self.broken if name.startswith(folder + "/")}
        return set(loaded) | {name for name in broken if "." not in name}  # rug.en: a translation, not a slug


def find_project(start: Path) -> Path:
    """The project a folder belongs to: it, or the nearest folder above it, holding a leaflets/ folder.

    The nearest, as git finds its repository: a copy of a project inside another one is that copy, also
    when its leaflets/project.yaml is missing (loading it then says so), never the project around it.
    Without one, the folder itself (loading it then says that no project is there).
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "leaflets").is_dir():
            return folder
    return start
