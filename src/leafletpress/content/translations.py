"""Translations: each file <slug>.<language>.yaml beside its source holds the source's text in another language.

A translation has the source's sections in the same order (a section it lacks is an error naming
that section), uses the same shared sections (each of which has a translation of its own), and
records what it was translated from: `translated_from: sha256:...`, the hash of the source's text
(`source_hash`). When the source's text changes, check warns on the translation, naming both files,
until a translator has updated it and run `leafletpress translated <file>` (`record_translated`).
A text the source has and the translation leaves out (its subtitle, a picture's description) is a
warning too (`_left_out`).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from pathlib import Path
from typing import NamedTuple

from ..problems import Problem, Severity, did_you_mean, relative, shortened
from ..words import word_problems, words
from .library import Library, Source
from .markup import PLACEHOLDER_RE
from .model import Block
from .yamlfile import dotted

HASH_PREFIX = "sha256:"
HASH_LENGTH = 16  # hex digits kept: enough to see a change, short enough to read in a file's header
FOLDERS = {"project": "project", "conditions": "condition", "shared": "shared", "teams": "team"}


def translation_sources(library: Library, team: str, condition: str, language: str) -> list[Source]:
    """The translations an edition in a language is made from: its condition's, its shared sections', the project's,
    the team's (those that loaded)."""
    found = [library.translation("conditions", condition, language), library.translation("project", "project", language)]
    found.append(library.translation("teams", team, language))
    source = found[0]
    if source is not None:
        found += [library.translation("shared", s.use, language) for s in source.item.sections if s.use]
    return [item for item in found if item is not None]


def source_of(library: Library, translation: Source, folder: str) -> Source | None:
    """The file a translation translates."""
    if folder == "project":
        return library.project
    return {"conditions": library.conditions, "shared": library.shared, "teams": library.teams}[folder].get(translation.slug)


def _blocks(blocks) -> list[dict]:
    return [block.model_dump(exclude_none=True) for block in blocks or []]


def translatable(item, folder: str) -> dict:
    """The part of a source file a translation translates: its printed text, not its settings."""
    if folder == "conditions":
        return {
            "title": item.title,
            "cover": {"subtitle": item.cover.subtitle, "image_alt": item.cover.image_alt},
            "sections": [
                {"use": s.use} if s.use is not None else {"heading": s.heading, "blocks": _blocks(s.blocks)}
                for s in item.sections
            ],
        }
    if folder == "shared":
        return {"heading": item.heading, "blocks": _blocks(item.blocks)}
    if folder == "teams":
        return {
            "sections": [{"heading": s.heading, "blocks": _blocks(s.blocks)} for s in item.sections],
            "logo_alt": item.logo_alt,
        }
    return {
        "back": {"heading": item.back.heading, "blocks": _blocks(item.back.blocks)},
        "qr_caption": item.qr.caption if item.qr else None,
        "logo_alt": item.practice.logo_alt,
    }


def source_hash(item, folder: str) -> str:
    """The hash a translation records of its source: 'sha256:' and the first digits of the text's SHA-256."""
    text = json.dumps(translatable(item, folder), ensure_ascii=False, sort_keys=True)
    return HASH_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _handed_out(library: Library) -> set[str]:
    """The languages the teams hand out, a team's whose file did not load too (languages: in project.yaml says)."""
    return {language for team in library.slugs("teams") for language in library.languages_of(team)}


def check_translations(library: Library) -> None:
    """Every translation against its source: the same sections, shared translations that exist, not lagging behind."""
    handed_out = _handed_out(library)
    for (folder, _slug, language), translation in sorted(library.translations.items()):
        source = source_of(library, translation, folder)
        if source is None or language not in handed_out:
            continue  # the source did not load (its own problem says why), or it is never printed (a warning says so)
        found = _structure(library, translation, source, folder, language)
        found += _lag(translation, source, folder)
        found += _left_out(translation, source, folder)
        builtin = frozenset(words(library.language).values()) if folder == "project" else frozenset()
        found += _untranslated(translation, source, language, builtin)
        library.problems.extend(found)
    _check_handed_out(library)


def _structure(library: Library, translation: Source, source: Source, folder: str, language: str) -> list[Problem]:
    if folder == "conditions":
        return _sections(library, translation, source, language)
    if folder == "shared":
        return _same_blocks(translation, ("blocks",), translation.item.blocks, source, ("blocks",), source.item.blocks)
    if folder == "teams":
        return _team_sections(translation, source)
    return _same_blocks(
        translation, ("back", "blocks"), translation.item.back.blocks, source, ("back", "blocks"), source.item.back.blocks
    )


def _key(section) -> tuple:
    return ("use", section.use) if section.use is not None else ("own", tuple(block.kind for block in section.blocks))


def _sections(library: Library, translation: Source, source: Source, language: str) -> list[Problem]:
    """The condition's sections, paired in order: a missing, extra or moved one is an error naming it."""
    mine, theirs = translation.item.sections, source.item.sections
    problems: list[Problem] = []
    pairs = []
    missing: list[tuple[int, int]] = []  # (source index, translation index it would be at)
    extra: list[int] = []
    matcher = difflib.SequenceMatcher(None, [_key(s) for s in theirs], [_key(s) for s in mine], autojunk=False)
    for op, s1, s2, t1, t2 in matcher.get_opcodes():
        paired = min(s2 - s1, t2 - t1) if op == "replace" else (s2 - s1 if op == "equal" else 0)
        pairs += [(s1 + k, t1 + k) for k in range(paired)]
        missing += [(index, t1 + paired) for index in range(s1 + paired, s2)]
        extra += range(t1 + paired, t2)
    # A shared section that is "missing" in one place and "extra" in another is there, only moved: one problem
    # at it, not two false ones. (An own section is known by its block kinds only, too weak to say it moved.)
    for s_index, at in missing:
        use = theirs[s_index].use
        t_index = next((t for t in extra if use is not None and mine[t].use == use), None)
        if t_index is None:
            problems.append(_missing_section(translation, source, s_index, at))
            continue
        extra.remove(t_index)
        problems.append(_moved_section(translation, source, s_index, t_index))
        pairs.append((s_index, t_index))
    problems += [_extra_section(translation, source, index) for index in extra]
    for s_index, t_index in pairs:
        problems += _pair(library, translation, source, s_index, t_index, language)
    return problems


def _missing_section(translation: Source, source: Source, index: int, at: int) -> Problem:
    section = source.item.sections[index]
    heading = f"'- use: {section.use}'" if section.use is not None else f"'{section.heading}'"
    line = source.doc.line_of(("sections", index))
    near = translation.doc.line_of(("sections", at)) if at < len(translation.item.sections) else 0
    return Problem(
        translation.file,
        near or translation.doc.line_of(("sections",)),
        "sections",
        f"has no translation of the section {heading} ({source.file}:{line})",
        "translate that section here, in the same place as in the source: a translation has every section of its source",
    )


def _moved_section(translation: Source, source: Source, s_index: int, t_index: int) -> Problem:
    """A shared section the translation has, but in another place than its source has it."""
    section = source.item.sections[s_index]
    return translation.problem(
        ("sections", t_index),
        f"the section '- use: {section.use}' is in another place than in {source.file}:"
        f"{source.doc.line_of(('sections', s_index))} (there it is section {s_index + 1} of {len(source.item.sections)})",
        "put the sections in the same order as in the source: a translation follows its source section by section",
    )


def _extra_section(translation: Source, source: Source, index: int) -> Problem:
    section = translation.item.sections[index]  # a condition's (its own, or '- use:') or a team's
    use = getattr(section, "use", None)
    what = f"'- use: {use}'" if use is not None else f"'{section.heading}'"
    return translation.problem(
        ("sections", index),
        f"the section {what} is not in {source.file}",
        "a translation has the sections of its source, in the same order: add it there first, or remove it here",
    )


def _pair(library: Library, translation: Source, source: Source, s_index: int, t_index: int, language: str) -> list[Problem]:
    mine, theirs = translation.item.sections[t_index], source.item.sections[s_index]
    where = ("sections", t_index)
    if theirs.use is not None and mine.use != theirs.use:
        return [
            translation.problem(
                where,
                f"{source.file} uses the shared section '{theirs.use}' here",
                f"write '- use: {theirs.use}' here; its text in this language goes in "
                f"{library.translation_file('shared', theirs.use, language)}",
            )
        ]
    if mine.use is not None and theirs.use is None:
        return [
            translation.problem(
                where + ("use",),
                f"{source.file} has its own section '{theirs.heading}' here, not a shared one",
                "translate its heading and blocks here",
            )
        ]
    if mine.use is not None:
        if library.translation("shared", mine.use, language) is None and not library.is_broken(
            "shared", f"{mine.use}.{language}"
        ):
            return [
                translation.problem(
                    where + ("use",),
                    f"the shared section '{mine.use}' has no translation into '{language}'",
                    f"translate leaflets/shared/{mine.use}.yaml into {library.translation_file('shared', mine.use, language)}",
                )
            ]
        return []
    return _same_blocks(translation, where + ("blocks",), mine.blocks, source, ("sections", s_index, "blocks"), theirs.blocks)


def _shape(blocks: list[Block]) -> list[str]:
    """Each block's kind, with the number of items of a list: text, bullets(4), steps(3), note."""
    shape = []
    for block in blocks:
        value = getattr(block, block.kind)
        shape.append(f"{block.kind}({len(value)})" if isinstance(value, list) else block.kind)
    return shape


def _same_blocks(translation: Source, path: tuple, mine, source: Source, their_path: tuple, theirs) -> list[Problem]:
    """A warning when a translation's blocks differ from its source's in kind or number of items."""
    if _shape(mine) == _shape(theirs):
        return []
    return [
        translation.problem(
            path,
            f"the blocks differ from the source's ({', '.join(_shape(mine))} here; "
            f"{', '.join(_shape(theirs))} in {source.file}:{source.doc.line_of(their_path)})",
            "translate each block and list item of the source, in the same order, so nothing is left out",
            Severity.WARNING,
        )
    ]


def _team_sections(translation: Source, source: Source) -> list[Problem]:
    mine, theirs = translation.item.sections, source.item.sections
    problems = []
    # The line of sections: even when it is empty ('sections: []'); only a file without the key has none.
    line = translation.doc.lines.get(("sections",), 0)
    for index, section in enumerate(theirs[len(mine) :], start=len(mine)):
        problems.append(
            Problem(
                translation.file,
                line,
                "sections",
                f"has no translation of the section '{section.heading}' "
                f"({source.file}:{source.doc.line_of(('sections', index))})",
                "translate the team's sections here, in the same order",
            )
        )
    for index in range(len(theirs), len(mine)):
        problems.append(_extra_section(translation, source, index))
    for index, (own, other) in enumerate(zip(mine, theirs, strict=False)):
        problems += _same_blocks(
            translation, ("sections", index, "blocks"), own.blocks, source, ("sections", index, "blocks"), other.blocks
        )
    return problems


class _OptionalText(NamedTuple):
    """A text a translation may leave out without failing validation (the source may have none either)."""

    mine: tuple  # its field in the translation
    theirs: tuple  # its field in the source
    picture: tuple | None  # the source's picture it describes, or None: it is printed itself
    without: str  # what the edition does without it (compose's fallback)


_NO_DESCRIPTION = "screen readers get no description of the {} in this language"
_OPTIONAL_TEXTS = {
    "conditions": [
        _OptionalText(("cover", "subtitle"), ("cover", "subtitle"), None, "its editions are printed without a subtitle"),
        _OptionalText(("cover", "image_alt"), ("cover", "image_alt"), ("cover", "image"), _NO_DESCRIPTION.format("picture")),
    ],
    "teams": [_OptionalText(("logo_alt",), ("logo_alt",), ("logo",), _NO_DESCRIPTION.format("logo"))],
    "project": [
        _OptionalText(("logo_alt",), ("practice", "logo_alt"), ("practice", "logo"), _NO_DESCRIPTION.format("logo")),
        _OptionalText(("qr", "caption"), ("qr", "caption"), None, "the built-in caption is printed under the QR code"),
    ],
}


def _text_at(data, path: tuple):
    """The value at a path of a file's keys, or None where the file does not have it."""
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _has_text(data, path: tuple) -> bool:
    value = _text_at(data, path)
    return isinstance(value, str) and bool(value.strip())


def _left_out(translation: Source, source: Source, folder: str) -> list[Problem]:
    """A warning for each optional text the source has and the translation leaves out or leaves empty.

    The schema cannot demand it (the source may have none), and the edition still builds, falling back
    as compose does; but a translator who skipped a line would otherwise never hear of it.
    """
    problems = []
    for text in _OPTIONAL_TEXTS.get(folder, ()):
        if not _has_text(source.doc.data, text.theirs) or (text.picture and not _text_at(source.doc.data, text.picture)):
            continue  # the source has no such text, or describes no picture it prints
        if _has_text(translation.doc.data, text.mine):
            continue
        problems.append(
            translation.problem(
                text.mine,
                f"has no text, but {source.file}:{source.doc.line_of(text.theirs)} has one ({dotted(text.theirs)}), "
                f"so {text.without}",
                f"translate it from {source.file}",
                Severity.WARNING,
            )
        )
    return problems


# A passage: running text of four words or more, most of them lower-case words, the kind a translator
# translates. Names, addresses and phone numbers ('FysioFits, Voorbeeldstraat 1, 1234 AB') may stay as
# they are, so they are not counted.
_PASSAGE_WORDS = 4
# Keys whose values are not text a translator translates (paths, slugs, settings, the fingerprint).
_NOT_COMPARED = frozenset({"translated_from", "use", "image", "logo", "stylesheets", "stylesheet", "fold", "url", "terms"})


def _passage(text: str) -> bool:
    words = text.split()
    return len(words) >= _PASSAGE_WORDS and 2 * sum(word.strip(".,;:!?()'\"").islower() for word in words) >= len(words)


def _untranslated(translation: Source, source: Source, language: str, also: frozenset[str] = frozenset()) -> list[Problem]:
    """A translation that is (mostly) the source's own text: a copy saved under the language's name prints the
    leaflet in the wrong language. An error when every passage is the source's, a warning when half or more of
    two or more are. also: what the source prints without writing it (the built-in Dutch words)."""
    theirs = {" ".join(text.split()) for _, text in source.doc.strings(skip=_NOT_COMPARED)} | also
    mine = [(path, " ".join(text.split())) for path, text in translation.doc.strings(skip=_NOT_COMPARED)]
    passages = [(path, text) for path, text in mine if _passage(text)]
    same = [(path, text) for path, text in passages if text in theirs]
    whole = bool(passages) and len(same) == len(passages)
    if not whole and (len(passages) < 2 or 2 * len(same) < len(passages)):
        return []
    if whole:
        counted = f"all {len(passages)} of its texts are" if len(passages) > 1 else "its one text is"
    else:
        counted = f"{len(same)} of its {len(passages)} texts {'is' if len(same) == 1 else 'are'}"
    return [
        translation.problem(
            same[0][0],
            f"{counted} the same as in {source.file} ('{shortened(same[0][1])}'): not translated into "
            f"'{language}' yet, so its editions would print the source's words",
            f"translate {'it' if len(same) == 1 else 'them'} into '{language}' (names and addresses may stay as they are)",
            Severity.ERROR if whole else Severity.WARNING,
        )
    ]


def _lag(translation: Source, source: Source, folder: str) -> list[Problem]:
    """A warning when the source's text changed after the translation was made (or it does not say from what)."""
    recorded = translation.item.translated_from
    now = source_hash(source.item, folder)
    command = f"leafletpress translated {translation.file}"
    if recorded == now:
        return []
    if recorded is None:
        return [
            Problem(
                translation.file,
                1,
                "translated_from",
                f"does not say which text of {source.file} it translates, so a change there would go unnoticed",
                f"check that it matches {source.file}, then run {command}",
                Severity.WARNING,
            )
        ]
    if not re.fullmatch(rf"{HASH_PREFIX}[0-9a-f]{{{HASH_LENGTH}}}", str(recorded)):
        return [
            translation.problem(
                ("translated_from",),
                f"'{shortened(str(recorded))}' is not a fingerprint leafletpress wrote, so it cannot tell whether "
                f"{source.file} changed since this translation was made",
                f"check that it matches {source.file}, then run {command} (it writes the fingerprint)",
                Severity.WARNING,
            )
        ]
    return [
        translation.problem(
            ("translated_from",),
            f"{source.file} has changed since this translation was made ({recorded}, now {now})",
            f"update the translation to what {source.file} says now, then run {command}",
            Severity.WARNING,
        )
    ]


def _check_handed_out(library: Library) -> None:
    """What each language a team hands out needs: the project's translation, the team's, a term for each discipline."""
    from .matrix import languages_errors, team_conditions  # matrix imports this module's neighbours: late
    from .model import ProjectTranslation

    default = library.language
    wanted = library.project.item.languages if library.project is not None else None
    project = library.project
    for where, who, codes in _lists(library, wanted):
        if default not in codes:
            library.problems.add(
                project.problem(
                    where,
                    f"{who} no leaflets in '{default}', the language they are written in: its editions in "
                    f"'{default}' are not built, and their PDFs are removed",
                    f"add {default} to the list, unless that is what you mean",
                    Severity.WARNING,
                )
            )
    for team in wanted if isinstance(wanted, dict) else ():
        if team not in library.teams and not library.is_broken("teams", team):
            library.problems.add(
                Problem(
                    project.file,
                    project.doc.line_of(("languages", team)),
                    f"languages.{team}",
                    f"no team '{team}' in leaflets/teams/",
                    did_you_mean(team, library.teams) or f"available: {', '.join(sorted(library.teams)) or 'none'}",
                )
            )
    needed: dict[str, list[str]] = {}  # language -> teams
    for team in sorted(library.teams):
        for language in library.languages_of(team):
            if language != default:
                needed.setdefault(language, []).append(team)
    for language, teams in sorted(needed.items()):
        project = library.translation("project", "project", language)
        names = ", ".join(library.teams[t].item.name for t in teams)
        if project is None and not library.is_broken("project", f"project.{language}"):
            library.problems.add(
                Problem(
                    library.translation_file("project", "project", language),
                    0,
                    "",
                    f"is missing: {names} {'hands' if len(teams) == 1 else 'hand'} out leaflets in '{language}' "
                    f"(languages: in leaflets/project.yaml), which need their back text in that language",
                    f"copy back: from leaflets/project.yaml into {library.translation_file('project', 'project', language)} "
                    "and translate it",
                )
            )
        for team in teams:
            source = library.teams[team]
            if project is not None and isinstance(project.item, ProjectTranslation):
                library.problems.extend(_terms(project, source))
            applies = [
                s
                for s in source.item.sections
                if any(s.conditions == "all" or c in s.conditions for c in team_conditions(library, team))
            ]
            if (
                applies
                and library.translation("teams", team, language) is None
                and not library.is_broken("teams", f"{team}.{language}")
            ):
                file = library.translation_file("teams", team, language)
                library.problems.add(
                    Problem(
                        file,
                        0,
                        "",
                        f"is missing: {source.item.name} hands out leaflets in '{language}', and its own sections "
                        f"({', '.join(repr(s.heading) for s in applies)}) need that language too",
                        f"translate the sections of {source.file} into {file}",
                    )
                )
    handed_out = _handed_out(library)
    unknown = bool(languages_errors(library))  # who hands out what is not known: no 'never printed' then
    for (_folder, _slug, language), translation in sorted(library.translations.items()):
        if language not in handed_out and language != default and not unknown:
            library.problems.add(
                Problem(
                    translation.file,
                    0,
                    "",
                    f"no team hands out leaflets in '{language}', so this translation is never printed",
                    f"add '{language}' to languages: in leaflets/project.yaml for the teams that hand it out",
                    Severity.WARNING,
                )
            )


def project_word_problems(library: Library) -> list[Problem]:
    """What is wrong with the words the project gives (words: in project.yaml and its translations), located in
    their files; and a warning when the leaflets' own language has no words at all (they print in Dutch)."""
    project = library.project
    given = [(project, project.item.language, project.item.words)]
    given += [
        (s, language, s.item.words) for (folder, _, language), s in sorted(library.translations.items()) if folder == "project"
    ]
    found = []
    for source, language, table in given:
        for key, message, hint in word_problems(table or {}, language):
            path = ("words", key) if key is not None else ("words",)
            found.append(source.problem(path, message, hint))
    spoken = {language for team in library.teams for language in library.languages_of(team)}
    for source, language, table in given:
        if words(language) is None and not table and (source is project or language in spoken):
            own = source is project
            found.append(
                Problem(
                    source.file,
                    project.doc.line_of(("language",)) if own else 0,
                    "language" if own else "",
                    f"leafletpress has no words in '{language}': the few it adds to the print and screen editions "
                    "(the QR code's caption, 'and' between names, link labels) print in Dutch",
                    f"give them under words: in {'leaflets/project.yaml' if own else 'this file'}: leafletpress words en "
                    "prints the English table to copy and translate",
                    Severity.WARNING,
                )
            )
    return found


def _lists(library: Library, wanted) -> list[tuple[tuple, str, list[str]]]:
    """Each list under languages: in project.yaml: (its path, who hands it out, the codes)."""
    if isinstance(wanted, dict):
        names = {team: library.teams[team].item.name if team in library.teams else team for team in wanted}
        return [(("languages", team), f"{names[team]} hands out", list(codes or [])) for team, codes in wanted.items()]
    return [(("languages",), "Every team hands out", list(wanted))] if wanted else []


def _terms(project: Source, team: Source) -> list[Problem]:
    """Every discipline a team's therapists have needs its word in the language (terms: in project.<lang>.yaml)."""
    terms = project.item.terms
    problems, seen = [], set()
    for index, therapist in enumerate(team.item.therapists):
        for position, discipline in enumerate(therapist.disciplines):
            if discipline in terms or discipline in seen or PLACEHOLDER_RE.search(discipline):
                continue  # known, said already, or its placeholder is the error (references.py)
            seen.add(discipline)
            line = team.doc.line_of(("therapists", index, "disciplines", position))
            problems.append(
                Problem(
                    project.file,
                    project.doc.line_of(("terms",)) if "terms" in project.doc.data else 0,
                    "terms",
                    f"no word for the discipline '{discipline}' ({team.file}:{line}) in this language, "
                    "so it would be printed in the leaflets' own language",
                    f"add '{discipline}: <the word in this language>' under terms:",
                )
            )
    return problems


_TRANSLATED_FROM = re.compile(r"^translated_from:.*$", re.MULTILINE)


class NotRecorded(LookupError):
    """`translated` cannot record a file: with the problems of the file that did not load (the translation or its
    source), as check prints them, so the message says what to fix rather than only that it failed."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


def _problems_of(library: Library, file: str) -> list[Problem]:
    return [problem for problem in library.problems.sorted() if problem.file == file]


def record_translated(library: Library, path: Path) -> tuple[str, str]:
    """Write the current hash of a translation's source into its `translated_from:` line; (the line, the source file).

    The rest of the file, comments included, stays as it is; without such a line, one is added
    after the comments at the top.
    """
    root = library.root
    resolved = path.resolve()
    found = next(
        ((folder, source) for (folder, _, _), source in library.translations.items() if source.path.resolve() == resolved),
        None,
    )
    if found is None:
        shown = relative(path, root)
        problems = _problems_of(library, shown)
        if problems:
            raise NotRecorded(f"{shown} did not load: fix it, then run this again", problems)
        raise NotRecorded(f"{path} is not a translation that loaded (a file <slug>.<language>.yaml beside its source)")
    folder, translation = found
    source = source_of(library, translation, folder)
    if source is None:
        key = "project/project" if folder == "project" else f"{folder}/{translation.slug}"
        shown = library.broken.get(key, "")
        raise NotRecorded(
            f"the source of {translation.file}, {shown or 'its source file'}, did not load: fix it, then run this again",
            _problems_of(library, shown),
        )
    line = f"translated_from: {source_hash(source.item, folder)}"
    text = translation.path.read_text("utf-8")
    if _TRANSLATED_FROM.search(text):
        text = _TRANSLATED_FROM.sub(line, text, count=1)
    else:
        lines = text.splitlines(keepends=True)
        at = next((i for i, old in enumerate(lines) if not old.startswith("#")), len(lines))
        lines.insert(at, line + "\n")
        text = "".join(lines)
    translation.path.write_text(text, "utf-8")
    return line, source.file if source.path.is_relative_to(root) else str(source.path)
