"""Content lint: house rules for condition leaflets that the schema cannot express.

Every condition follows the practice's pattern (`required_sections` in project.yaml; in the
sample: what it is, its symptoms, how we work, the treatment, closing), reuses the shared
sections instead of copying them, has no empty text and no placeholder left from `new`; a
stylesheet gives each colour once (csscolours.py). These
are editorial rules, not structure: the model accepts a leaflet that breaks them, loading
reports them, so `check` and `build` both do, and the tests hold the sample library to them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..problems import Problem, Severity, did_you_mean, shortened
from .csscolours import repeated_colours
from .glyphs import NOT_PRINTED
from .matrix import matching
from .model import Block
from .readability import check_document, read_allow_list
from .scaffold import PLACEHOLDER

if TYPE_CHECKING:
    from .library import Library, Source


def lint(library: Library) -> list[Problem]:
    """Editorial problems in the library's conditions: missing sections, copied shared text, empty text."""
    problems: list[Problem] = []
    shared_texts = {_normal(source.item.blocks): slug for slug, source in library.shared.items()}
    problems += _unknown_required(library)
    for source in library.conditions.values():
        problems += _missing_sections(source, library)
        for index, ref in enumerate(source.item.sections):
            if ref.use is not None:
                continue
            copied = shared_texts.get(_normal(ref.blocks))
            if copied is not None:
                problems.append(
                    source.problem(
                        ("sections", index),
                        f"'{ref.heading}' repeats the text of the shared section '{copied}'",
                        f"replace the section with '- use: {copied}' so a change to it reaches every leaflet",
                        Severity.WARNING,
                    )
                )
            problems += _empty_text(source, ("sections", index, "blocks"), ref.blocks)
    for source in library.shared.values():
        problems += _empty_text(source, ("blocks",), source.item.blocks)
    for source in library.teams.values():
        for index, extra in enumerate(source.item.sections):
            problems += _empty_text(source, ("sections", index, "blocks"), extra.blocks)
    translations = list(library.translations.values())
    for source in [library.project, *library.conditions.values(), *library.shared.values(), *library.teams.values()]:
        problems += _placeholders_left(source)
    for source in translations:
        problems += _placeholders_left(source)
        problems += _empty_translation_text(source)
    problems += reading_level(library)
    return problems + repeated_colours(library.root, _stylesheet_chains(library))


# What the reading-level check does not read: names, addresses, settings and what is only read out (alt text).
_NOT_READ = NOT_PRINTED | {"practice", "name", "therapists", "contact", "terms", "stylesheets", "qr", "required_sections"}
_PROJECT_NOT_READ = _NOT_READ | {"languages", "editions"}


def reading_level(library: Library) -> list[Problem]:
    """B1 warnings (readability.py) for the text of every content file and translation, each in its language."""
    allowed = read_allow_list(library.root)
    problems = list(allowed.problems)
    language = library.language
    for source in [*library.conditions.values(), *library.shared.values(), *library.teams.values()]:
        problems += check_document(source.doc, language, allowed, _NOT_READ)
    problems += check_document(library.project.doc, language, allowed, _PROJECT_NOT_READ)
    for source in library.translations.values():
        problems += check_document(source.doc, source.language, allowed, _NOT_READ)
    return problems


def _empty_translation_text(source: Source) -> list[Problem]:
    """Empty text in a translation's blocks, wherever they are (sections, back)."""
    item, problems = source.item, []
    if getattr(item, "blocks", None):
        problems += _empty_text(source, ("blocks",), item.blocks)
    for index, section in enumerate(getattr(item, "sections", None) or []):
        if getattr(section, "blocks", None):
            problems += _empty_text(source, ("sections", index, "blocks"), section.blocks)
    if getattr(item, "back", None) is not None:
        problems += _empty_text(source, ("back", "blocks"), item.back.blocks)
    return problems


def _stylesheet_chains(library: Library) -> list[list[str]]:
    """Each team's stylesheets as they cascade: the project's, then the team's own (those that are files in the project)."""
    base = list(library.project.item.stylesheets)
    chains = [base + ([team.item.stylesheet] if team.item.stylesheet else []) for team in library.teams.values()] or [base]
    root = library.root
    return [[s for s in chain if (root / s).is_file() and (root / s).resolve().is_relative_to(root)] for chain in chains]


def _placeholders_left(source: Source) -> list[Problem]:
    """Text a starter file from `leafletpress new` holds until it is replaced: never printed."""
    return [
        source.problem(
            path,
            f"still holds the placeholder text that 'leafletpress new' wrote ('{shortened(text)}')",
            "write the team's own details here (or remove the line)"
            if source.path.parent.name == "teams"
            else "write the leaflet's own text here (or remove the line)",
        )
        for path, text in source.doc.strings()
        if PLACEHOLDER in text
    ]


def _unknown_required(library: Library) -> list[Problem]:
    """A shared section required_sections names that leaflets/shared/ does not have: said once, at project.yaml."""
    known = library.slugs("shared")
    return [
        library.project.problem(
            ("required_sections", index, "use"),
            f"no shared section '{required.use}' in leaflets/shared/, so no leaflet can have it",
            did_you_mean(required.use, sorted(known)) or f"name one of: {', '.join(sorted(known)) or 'none yet'}",
            Severity.WARNING,
        )
        for index, required in enumerate(library.project.item.required_sections)
        if required.use is not None and required.use not in known
    ]


def _missing_sections(source: Source, library: Library) -> list[Problem]:
    """The sections of the practice's pattern (project.yaml's required_sections) a condition lacks; a shared
    section that does not exist is project.yaml's mistake (_unknown_required), not each condition's."""
    known = library.slugs("shared")
    required = [
        ("use", r.use) if r.use is not None else ("heading", r.heading)
        for r in library.project.item.required_sections
        if r.use is None or r.use in known
    ]
    have = {("use", ref.use) if ref.use is not None else ("heading", matching(ref.heading)) for ref in source.item.sections}
    missing = [(kind, value) for kind, value in required if (kind, matching(value)) not in have]
    if not missing:
        return []
    shown = [f"'- use: {v}'" if kind == "use" else f"'{v}'" for kind, v in missing]
    return [
        source.problem(
            ("sections",),
            f"missing the section{'s' if len(missing) > 1 else ''} {', '.join(shown)}",
            "every leaflet has these sections (required_sections in leaflets/project.yaml): " + ", ".join(v for _, v in required),
            Severity.WARNING,
        )
    ]


def _empty_text(source: Source, path: tuple, blocks: list[Block]) -> list[Problem]:
    problems = []
    for index, block in enumerate(blocks):
        value = getattr(block, block.kind)
        items = value if isinstance(value, list) else [value]
        if not items or any(not item.strip() for item in items):
            where = path + (index, block.kind)
            problems.append(
                source.problem(
                    where,
                    f"empty {block.kind}" if not isinstance(value, list) else f"an empty item in {block.kind}",
                    "write the text, or remove the block",
                )
            )
    return problems


def _normal(blocks) -> str:
    """The blocks' words, whitespace and case folded, for comparing texts."""
    parts = []
    for block in blocks:
        value = getattr(block, block.kind)
        parts.extend(value if isinstance(value, list) else [value])
    return re.sub(r"\s+", " ", " ".join(parts)).strip().casefold()
