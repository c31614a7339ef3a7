"""The build matrix: which team hands out which condition, and where a team's own sections go."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from ..problems import Problem, Severity, did_you_mean
from .library import Library
from .markup import PLACEHOLDER_RE
from .model import SLUG_RE, TeamSection

T = TypeVar("T")


def team_conditions(library: Library, team: str) -> list[str]:
    """The condition slugs a team hands out: project.yaml's `editions`, or every condition when it has none.

    Conditions whose file did not load count too, and so do those a list names that have no file (renamed or
    deleted): their editions fail with that error, they do not disappear from the counts.
    """
    conditions = library.slugs("conditions")
    editions = library.project.item.editions if library.project is not None else None
    if editions is None:
        wanted = "all"
    elif team in editions:
        wanted = editions[team]
    else:
        return []
    if wanted == "all":
        return sorted(conditions)
    return [c for c in dict.fromkeys(wanted) if c in conditions or re.fullmatch(SLUG_RE, c)]  # never '../x


def editions(library: Library) -> list[tuple[str, str, str]]:
    """The (team, condition, translation) editions the project defines, in a stable order, broken files included.

    translation is "" for the edition in the project's own language, else the language of the
    translation it is made from: an edition in another language exists where the team hands that
    language out (languages: in project.yaml) and the condition has a translation into it.
    When project.yaml itself cannot be read, its `editions:` are unknown: every team and every
    condition, as for a project without `editions:`, so that each one is reported as failed.
    """
    if library.project is None and not library.is_broken("project", "project"):
        return []  # not a project at all
    found = []
    unknown = sorted(translated_languages(library)) if languages_errors(library) else []
    # A team editions: names that has no file (renamed, deleted) fails as a broken one does; '/tmp/x' is no team.
    listed = (library.project.item.editions or {}) if library.project is not None else {}
    named = {team for team in listed if re.fullmatch(SLUG_RE, team)}
    for team in sorted(library.slugs("teams") | named):
        languages = library.languages_of(team)
        languages += [language for language in unknown if language not in languages]
        for condition in team_conditions(library, team):
            found += [(team, condition, "" if language == library.language else language) for language in languages]
    return [(t, c, lang) for t, c, lang in found if not lang or has_translation(library, c, lang)]


def languages_errors(library: Library) -> list[Problem]:
    """The errors that leave unknown which team hands out which language: in languages: of project.yaml, or
    project.yaml's own when it did not load.

    While there are any, every team is taken to hand out every language a condition is translated into
    (`editions`), and those editions fail with these errors (plan): as with `editions:`, an edition
    whose team cannot be read fails, it does not disappear from the counts.
    """
    project = "leaflets/project.yaml"
    if library.project is None:
        return [p for p in library.problems.errors if p.file == project] if library.is_broken("project", "project") else []
    return [p for p in library.problems.errors if p.file == project and p.field.split(".")[0].split("[")[0] == "languages"]


def translated_languages(library: Library) -> set[str]:
    """The languages a condition has a translation into, loaded or not."""
    loaded = {language for folder, _, language in library.translations if folder == "conditions"}
    broken = {key.rpartition(".")[2] for key in library.broken if key.startswith("conditions/") and "." in key}
    return (loaded | broken) - {library.language}


def has_translation(library: Library, condition: str, language: str) -> bool:
    """Whether a condition has a translation into a language (one that did not load counts: its editions fail)."""
    return library.translation("conditions", condition, language) is not None or library.is_broken(
        "conditions", f"{condition}.{language}"
    )


def composable(library: Library, condition: str, translation: str = "") -> bool:
    """Whether compose can resolve a condition's edition: its files loaded, its fold is known, and every shared
    section it uses is there (in a translation's language too)."""
    if library.project is None or condition not in library.conditions or library.fold_of(condition) not in library.folds.folds:
        return False
    if not all(s.use is None or s.use in library.shared for s in library.conditions[condition].item.sections):
        return False
    if not translation:
        return True
    source = library.translation("conditions", condition, translation)
    if source is None or library.translation("project", "project", translation) is None:
        return False
    return all(s.use is None or library.translation("shared", s.use, translation) is not None for s in source.item.sections)


def leaflet_languages(library: Library, team: str, condition: str) -> tuple[str, ...]:
    """The languages a team hands a condition out in, as editions name them: "" for the project's own, else the code."""
    if condition not in team_conditions(library, team):
        return ()
    found = ["" if lang == library.language else lang for lang in library.languages_of(team)]
    return tuple(lang for lang in found if not lang or has_translation(library, condition, lang))


def untranslated(library: Library) -> dict[tuple[str, str], list[str]]:
    """(team, language) -> the conditions the team hands out that have no translation into that language."""
    missing: dict[tuple[str, str], list[str]] = {}
    for team in sorted(library.slugs("teams")):
        for language in library.languages_of(team):
            if language != library.language:
                lacking = [c for c in team_conditions(library, team) if not has_translation(library, c, language)]
                if lacking:
                    missing[(team, language)] = lacking
    return missing


def applies_to(section: TeamSection, condition: str) -> bool:
    return section.conditions == "all" or condition in section.conditions


def place_team_sections(
    items: list[T],
    headings: list[str],
    team_sections: list[TeamSection],
    condition: str,
    make: Callable[[int, TeamSection], T],
    fill: Callable[[str], str] = str,
) -> tuple[list[T], list[int]]:
    """Insert or replace a team's sections among a condition's sections (items, with their printed headings).

    A section with `after` goes after that heading, with `replaces` instead of it, with neither
    before the last section. Returns the new items and the indices of team sections whose
    heading matched nothing (validation reports those; nothing is placed for them).
    """
    items, headings, unmatched = list(items), list(headings), []
    for index, extra in enumerate(team_sections):
        if not applies_to(extra, condition):
            continue
        new = make(index, extra)
        target = extra.replaces if extra.replaces is not None else extra.after
        if target is None:
            at = max(len(items) - 1, 0)
            items.insert(at, new)
            headings.insert(at, fill(extra.heading))
            continue
        target = matching(fill(target))
        if target not in map(matching, headings):
            unmatched.append(index)
            continue
        at = [matching(heading) for heading in headings].index(target)
        if extra.replaces is not None:
            items[at], headings[at] = new, fill(extra.heading)
        else:
            items.insert(at + 1, new)
            headings.insert(at + 1, fill(extra.heading))
    return items, unmatched


def matching(heading: str) -> str:
    """A heading as after:, replaces: and required_sections match it: without the soft hyphens (U+00AD) typed
    into it by hand as hyphenation points, which print only at a line end."""
    return heading.replace("\u00ad", "")


def filler(library: Library, team: str) -> Callable[[str], str]:
    """Placeholder substitution for one team's editions: {practice} and {team}."""
    values = {"practice": library.project.item.practice.name, "team": library.teams[team].item.name}
    return lambda text: PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def condition_headings(library: Library, condition: str, fill: Callable[[str], str]) -> list[str] | None:
    """The printed headings of a condition's own sections, shared ones resolved; None if a shared one is missing."""
    headings = []
    for ref in library.conditions[condition].item.sections:
        if ref.use is None:
            headings.append(fill(ref.heading))
        elif ref.use in library.shared:
            headings.append(fill(library.shared[ref.use].item.heading))
        else:
            return None  # reported where the condition names it
    return headings


def check_team_sections(library: Library) -> None:
    """A team section's `after`/`replaces` must name a heading in every condition it applies to."""
    for team, source in sorted(library.teams.items()):
        sections = source.item.sections
        if not sections:
            continue
        fill = filler(library, team)
        handed_out = team_conditions(library, team)
        for index, extra in enumerate(sections):
            if extra.conditions != "all":
                for position, slug in enumerate(extra.conditions):
                    if slug in library.conditions and slug not in handed_out:
                        library.problems.add(
                            Problem(
                                source.file,
                                source.doc.line_of(("sections", index, "conditions", position)),
                                f"sections[{index}].conditions[{position}]",
                                f"{team} does not hand out '{slug}', so this section is never printed there",
                                f"add '{slug}' to editions: {team} in leaflets/project.yaml, or remove it here",
                                Severity.WARNING,
                            )
                        )
        missing: dict[int, list[tuple[str, list[str]]]] = {}
        for condition in sorted(library.conditions):
            named = any(s.conditions != "all" and condition in s.conditions for s in sections)
            if condition not in handed_out and not named:
                continue
            headings = condition_headings(library, condition, fill)
            if headings is None:
                continue
            _, unmatched = place_team_sections(
                headings, headings, sections, condition, lambda _, extra, fill=fill: fill(extra.heading), fill
            )
            for index in unmatched:
                missing.setdefault(index, []).append((condition, headings))
        for index, misses in sorted(missing.items()):
            extra = sections[index]
            key = "replaces" if extra.replaces is not None else "after"
            target = getattr(extra, key)
            known = sorted({h for _, headings in misses for h in headings})
            names = ", ".join(c for c, _ in misses)
            library.problems.add(
                Problem(
                    source.file,
                    source.doc.line_of(("sections", index, key)),
                    f"sections[{index}].{key}",
                    f"no section headed '{target}' in {names}",
                    did_you_mean(target, known) or f"headings there: {'; '.join(known)}",
                )
            )


def table(library: Library) -> str:
    """The matrix as plain text for a terminal: conditions down, teams across (the languages of each
    edition in its cell), then who is in each team and what is not translated."""
    found = editions(library)
    # project.yaml did not load: its editions are those check counts (every team hands out everything), all failing.
    unknown = library.project is None
    mark = "?" if unknown else ""
    # A condition (or a translation) whose file did not load: its editions are counted and fail, as in check.
    # A condition a team's list names that has no file (found has it too): its editions fail, it has its row.
    listed = library.slugs("conditions") | {condition for _, condition, _ in found}
    unreadable = {c: library.file_of("conditions", c) for c in listed if c not in library.conditions}
    for key, file in library.broken.items():
        folder, _, name = key.partition("/")
        slug, dot, language = name.partition(".")
        if folder == "conditions" and dot and slug not in unreadable:
            unreadable[name] = file
    # A team whose file did not load: its editions are counted and fail too, in a column of their own.
    unreadable_teams = {team: library.file_of("teams", team) for team, _, _ in found if team not in library.teams}
    cells: dict[tuple[str, str], list[str]] = {}
    for team, condition, translation in found:
        broken = condition in unreadable or f"{condition}.{translation}" in unreadable or team in unreadable_teams
        cells.setdefault((team, condition), []).append((translation or library.language) + (mark or ("?" if broken else "")))
    teams = sorted(set(library.teams) | set(unreadable_teams))
    conditions = sorted(listed)
    titles = {slug: library.conditions[slug].item.title if slug in library.conditions else "?" for slug in conditions}
    slug_width = max([len("condition")] + [len(c) for c in conditions])
    title_width = max([len("title")] + [len(t) for t in titles.values()])
    shown = {key: " ".join(languages) for key, languages in cells.items()}
    widths = [max([len(team), 3] + [len(shown.get((team, c), "")) for c in conditions]) for team in teams]
    many = (
        unknown
        or any(len(languages) > 1 for languages in cells.values())
        or any(len(library.languages_of(t)) > 1 or library.languages_of(t) != [library.language] for t in teams)
    )

    def row(first: str, second: str, cells_: list[str]) -> str:
        cells_text = "  ".join(cell.center(width) for cell, width in zip(cells_, widths, strict=True))
        return f"{first:<{slug_width}}  {second:<{title_width}}  {cells_text}".rstrip()

    def cell(team: str, slug: str) -> str:
        if (team, slug) not in cells:
            return "."
        if many:
            return shown[(team, slug)]
        return "?" if slug in unreadable or team in unreadable_teams else "x"

    failing = ", all failing: leaflets/project.yaml cannot be read" if unknown else ""
    lines = [
        f"{len(conditions)} conditions x {len(teams)} teams: {len(found)} editions{failing}",
        "",
        row("condition", "title", teams),
        row("-" * slug_width, "-" * title_width, ["-" * w for w in widths]),
    ]
    for slug in conditions:
        lines.append(row(slug, titles[slug], [cell(team, slug) for team in teams]))
    lines.append(row("", "editions", [str(sum(1 for t, _, _ in found if t == team)) for team in teams]))
    built = "the languages of its editions are built" if many else "an edition is built"
    legend = f"{'languages' if many else 'x'} = {built}; . = this team does not hand it out (editions: in leaflets/project.yaml)"
    if unknown:
        legend = (
            f"{library.language}? = an edition in that language, unknown and failing: while leaflets/project.yaml cannot "
            "be read every team is taken to hand out every condition in every language it is translated into"
        )
    lines += ["", legend]
    if (unreadable or unreadable_teams) and not unknown:
        marked = "a language with ?" if many else "?"
        own = " (title ?: the condition's own file)" if any(slug in unreadable for slug in conditions) else ""
        lines.append(f"{marked} = an edition whose file cannot be read, failing as in check{own}:")
        for name, file in sorted({**unreadable, **unreadable_teams}.items()):
            lines.append(f"  {name}: {_unreadable(library, file)}")
    lines.append("")
    name_width = max([len(library.teams[t].item.name) for t in teams if t in library.teams] or [0])
    indent = " " * (max([len(t) for t in teams] or [0]) + 2)
    missing = untranslated(library)
    for slug in teams:
        if slug in unreadable_teams:
            lines.append(f"{slug:<{len(indent) - 2}}  {'?':<{name_width}}  ({_unreadable(library, unreadable_teams[slug])})")
            continue
        team = library.teams[slug].item
        people = ", ".join(t.name for t in team.therapists)
        lines.append(f"{slug:<{len(indent) - 2}}  {team.name:<{name_width}}  {people}")
        if unknown:
            lines.append(f"{indent}hands out: unknown (leaflets/project.yaml cannot be read)")
        elif many:
            lines.append(f"{indent}hands out: {', '.join(library.languages_of(slug))}")
        for extra in team.sections:
            where = (
                f"replaces '{extra.replaces}'"
                if extra.replaces is not None
                else f"after '{extra.after}'"
                if extra.after is not None
                else "before the last section"
            )
            scope = "all its conditions" if extra.conditions == "all" else ", ".join(extra.conditions)
            lines.append(f"{indent}adds '{extra.heading}' {where} in: {scope}")
        grouped: dict[tuple[str, ...], list[str]] = {}
        for (team_slug, language), lacking in missing.items():
            if team_slug == slug:
                grouped.setdefault(tuple(lacking), []).append(language)
        for lacking, languages in grouped.items():
            lines.append(
                f"{indent}not translated into {' or '.join(languages)} (so in {library.language} only): "
                f"{len(lacking)} of its conditions, {', '.join(lacking)}"
            )
        if not unknown and not team_conditions(library, slug):
            lines.append(f"{indent}(no editions: not listed under 'editions:' in leaflets/project.yaml)")
    return "\n".join(lines)


def _unreadable(library: Library, file: str) -> str:
    """Why an edition's file gives it no column or row: it is not there (editions: names it), or it cannot be read."""
    if not (library.root / file).exists():
        return f"{file} is not there ({_where(library, 'leaflets/project.yaml')} names it)"
    return f"{_where(library, file)} cannot be read"


def _where(library: Library, file: str) -> str:
    """A file with the line of its first error (file:line), as check reports it."""
    lines = sorted(p.line for p in library.problems.errors if p.file == file)
    return f"{file}:{lines[0]}" if lines and lines[0] else file
