"""Compose stage: one edition (condition x team) resolved from the library, and its HTML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import templating
from ..content import markup
from ..content.library import Library, Source
from ..content.markup import PLACEHOLDER_RE
from ..content.matrix import condition_headings, editions, leaflet_languages, place_team_sections
from ..content.model import Block, PrintSettings
from ..content.yamlfile import dotted
from ..fold import Fold, for_direction
from ..fold.sheet import PrintShop
from ..languages import direction as text_direction
from ..outputs import edition_slug
from ..words import join_words, leaflet_words, library_words
from . import decorative, qr
from .links import contact_links, shown_address


@dataclass(frozen=True)
class Section:
    """A section as printed in one edition, remembering the file and line it came from."""

    heading: str
    blocks: tuple[Block, ...]
    new_panel: bool
    file: str
    line: int
    # Where the edition's own content names it: a shared section's '- use:' line in the condition file.
    ref_file: str = ""
    ref_line: int = 0


@dataclass(frozen=True)
class Edition:
    """Everything needed to typeset one leaflet; plain data, safe to send to a worker."""

    condition: str
    team: str
    title: str
    subtitle: str | None
    cover_image: str | None
    cover_image_alt: str | None
    practice: str
    practice_logo: str | None
    practice_logo_alt: str | None
    team_name: str
    therapists: tuple[tuple[str, str], ...]  # (name, disciplines as one phrase)
    contact: tuple[tuple[str, str], ...]  # (kind, value)
    back: Section
    sections: tuple[Section, ...]
    stylesheets: tuple[str, ...]  # project-relative paths, base first
    fold: str
    fold_spec: Fold  # the fold's data: built in, or the project's own (leaflets/folds.yaml); mirrored for rtl
    language: str
    condition_file: str
    print_settings: PrintSettings = PrintSettings()
    qr_url: str | None = None  # the leaflet's web page, printed as a QR code on the back panel
    qr_caption: str = ""
    # Where each part printed outside the body comes from, by the name the template gives it
    # (data-src): (name, file, line, field path), so a problem seen in the layout names its source.
    sources: tuple[tuple[str, str, int, str], ...] = ()
    translation: str = ""  # the language of the translation it is made from; "" in the project's own language
    direction: str = "ltr"  # rtl for a language written from right to left: <html dir>, the mirrored fold
    subject: str = ""  # the PDFs' Subject ("Patiëntenfolder ..."), in the edition's language
    description: str = ""  # the screen PDF's and the HTML's description, in the edition's language
    # The languages the team hands this leaflet out in (translations; "" the project's own), its own among
    # them: the web page links the others.
    alternates: tuple[str, ...] = ()
    source_language: str = "nl"  # the language the leaflets are written in (project.yaml's language:)
    # The words leafletpress adds in the edition's language, the project's own among them (words: in
    # project.<lang>.yaml); () for the built-in table. And each alternate's language by its own name.
    words: tuple[tuple[str, str], ...] = ()
    language_names: tuple[tuple[str, str], ...] = ()

    @property
    def table(self) -> dict[str, str]:
        """The words of the edition's language: its own, else the built-in table (Dutch for a language without)."""
        return dict(self.words) or leaflet_words(self.language)

    @property
    def slug(self) -> str:
        return edition_slug(self.team, self.condition, self.translation)

    def source(self, name: str) -> tuple[str, int, str] | None:
        """(file, line, field) of a part the template names with data-src, or None."""
        return next(((file, line, field) for key, file, line, field in self.sources if key == name), None)

    @property
    def shop(self) -> PrintShop:
        """What the print shop asks of the file: bleed, marks, mark offset, safe margin."""
        return self.print_settings.shop


def matrix(library: Library) -> list[tuple[str, str, str]]:
    """The (team, condition, translation) editions the project defines, in a stable order."""
    return editions(library)


def compose(library: Library, team_slug: str, condition_slug: str, translation: str = "") -> Edition:
    """Resolve shared sections, team sections, placeholders and (for a translation) the text in its language."""
    project = library.project.item
    condition_source = library.conditions[condition_slug]
    team_source = library.teams[team_slug]
    condition, team = condition_source.item, team_source.item
    language = translation or project.language
    words = leaflet_words(language, library_words(library, language))
    values = {"practice": project.practice.name, "team": team.name}
    texts = _Texts(library, translation, condition_slug, team_slug)

    def fill(text: str) -> str:
        # An unknown placeholder is reported by load; it stays visible rather than crashing compose.
        return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)

    def fill_blocks(blocks) -> tuple[Block, ...]:
        out = []
        for block in blocks:
            kind = block.kind
            value = getattr(block, kind)
            value = [fill(item) for item in value] if isinstance(value, list) else fill(value)
            out.append(Block(**{kind: value}))
        return tuple(out)

    sections = []
    for index, ref in enumerate(condition.sections):
        if ref.use is not None:
            shared = texts.shared(ref.use)
            new_panel = shared.item.new_panel if shared.item.new_panel is not None else library.shared[ref.use].item.new_panel
            sections.append(
                Section(
                    fill(shared.item.heading),
                    fill_blocks(shared.item.blocks),
                    ref.new_panel or new_panel,
                    shared.file,
                    1,
                    texts.condition.file,
                    texts.condition.doc.line_of(("sections", index)),
                )
            )
        else:
            own, file, line = texts.section(index, ref)
            new_panel = own.new_panel if own.new_panel is not None else ref.new_panel
            sections.append(Section(fill(own.heading), fill_blocks(own.blocks), new_panel, file, line))
    sections = _apply_team_sections(sections, team_source, condition_slug, fill, fill_blocks, texts)

    contact = team.contact
    contact_lines = [("address", line) for line in contact.address]
    contact_lines += [(kind, getattr(contact, kind)) for kind in ("phone", "email", "website") if getattr(contact, kind)]
    language_sheets = tuple(texts.project.item.stylesheets) if translation else ()
    stylesheets = tuple(project.stylesheets) + language_sheets + ((team.stylesheet,) if team.stylesheet else ())
    back = texts.project.item.back
    project_source = library.project

    def at(source: Source, *path) -> tuple[str, int, str]:
        # A key the file does not have (no print: section) is the whole file's matter: line 0.
        line = source.doc.line_of(path) if path[:1] in {key[:1] for key in source.doc.lines if key} else 0
        return source.file, line, dotted(path)

    logo = at(team_source, "logo") if team.logo else at(project_source, "practice", "logo")
    caption_source = texts.project if translation and texts.project.item.qr else project_source
    sources = {
        "title": at(texts.condition, "title"),
        "subtitle": at(texts.condition, "cover", "subtitle"),
        "cover_image": at(condition_source, "cover", "image"),
        "practice": at(project_source, "practice", "name"),
        "logo": logo,
        "team_name": at(team_source, "name"),
        "therapists": at(team_source, "therapists"),
        "contact": at(team_source, "contact"),
        "back": at(texts.project, "back"),
        "qr_caption": at(caption_source, "qr", "caption") if project.qr else ("", 0, ""),
        "print": at(project_source, "print"),
    }
    title = fill(texts.condition.item.title)
    direction = text_direction(language)
    fold = library.fold_of(condition_slug)
    alternates = leaflet_languages(library, team_slug, condition_slug)
    return Edition(
        condition=condition_slug,
        team=team_slug,
        title=title,
        subtitle=fill(texts.condition.item.cover.subtitle) if texts.condition.item.cover.subtitle else None,
        cover_image=condition.cover.image,
        cover_image_alt=texts.image_alt(condition.cover.image_alt),
        practice=project.practice.name,
        practice_logo=team.logo or project.practice.logo,
        practice_logo_alt=texts.logo_alt(team.logo_alt) if team.logo else texts.practice_logo_alt(project.practice.logo_alt),
        team_name=team.name,
        therapists=tuple((t.name, join_words((texts.term(d) for d in t.disciplines), language, words)) for t in team.therapists),
        contact=tuple(contact_lines),
        back=Section(
            fill(back.heading), fill_blocks(back.blocks), False, texts.project.file, texts.project.doc.line_of(("back",))
        ),
        sections=tuple(sections),
        stylesheets=stylesheets,
        fold=fold,
        fold_spec=for_direction(library.folds.folds[fold], direction),
        language=language,
        condition_file=texts.condition.file,
        print_settings=project.print_settings,
        qr_url=qr.url_for(project.qr.url, team_slug, condition_slug, translation) if project.qr else None,
        qr_caption=fill(texts.qr_caption(project.qr, words)) if project.qr else "",
        sources=tuple((name, *where) for name, where in sources.items()),
        translation=translation,
        direction=direction,
        subject=words["subject"].format(title=markup.plain(title)),
        description=words["screen_description"].format(title=markup.plain(title), team=team.name),
        alternates=alternates,
        source_language=project.language,
        words=tuple(words.items()),
        language_names=tuple(
            (code, (library_words(library, code) or {}).get("language_name", code))
            for code in dict.fromkeys(t or project.language for t in alternates)
        ),
    )


class _Texts:
    """Where an edition's text comes from: the sources, or for a translation the files beside them."""

    def __init__(self, library: Library, translation: str, condition: str, team: str):
        self.library, self.translation, self.team = library, translation, team
        self.condition = library.conditions[condition]
        self.project = library.project
        self.team_translation = None
        if translation:
            self.condition = library.translation("conditions", condition, translation)
            self.project = library.translation("project", "project", translation)
            self.team_translation = library.translation("teams", team, translation)

    def shared(self, slug: str) -> Source:
        if self.translation:
            return self.library.translation("shared", slug, self.translation)
        return self.library.shared[slug]

    def section(self, index: int, ref) -> tuple[object, str, int]:
        """A condition's own section at index: (the section, its file, its line). A translation's sections
        pair with its source's in order (content/translations.py holds it to that)."""
        if not self.translation:
            return ref, self.condition.file, self.condition.doc.line_of(("sections", index))
        return self.condition.item.sections[index], self.condition.file, self.condition.doc.line_of(("sections", index))

    def team_section(self, index: int, extra):
        """A team's section (heading, blocks) at index, and where it is written."""
        source = self.library.teams[self.team]
        if self.translation and self.team_translation is not None:
            source, extra = self.team_translation, self.team_translation.item.sections[index]
        return extra, source.file, source.doc.line_of(("sections", index))

    def term(self, discipline: str) -> str:
        return self.project.item.terms.get(discipline, discipline) if self.translation else discipline

    def image_alt(self, alt: str | None) -> str | None:
        mine = self.condition.item.cover.image_alt if self.translation else None
        return mine if mine is not None else alt

    def logo_alt(self, alt: str | None) -> str | None:
        mine = self.team_translation.item.logo_alt if self.team_translation is not None else None
        return mine if mine is not None else self.practice_logo_alt(alt)

    def practice_logo_alt(self, alt: str | None) -> str | None:
        mine = self.project.item.logo_alt if self.translation else None
        return mine if mine is not None else alt

    def qr_caption(self, qr_link, words: dict[str, str]) -> str:
        if not self.translation:
            return qr_link.caption
        return self.project.item.qr.caption if self.project.item.qr else words["qr_caption"]


def _apply_team_sections(sections, team_source: Source, condition_slug, fill, fill_blocks, texts: _Texts):
    """Insert or replace the sections a team defines for this condition (load has checked their headings).

    They are placed by the headings of the source language's sections, the text then taken in the edition's.
    """

    def make(index, extra) -> Section:
        text, file, line = texts.team_section(index, extra)
        return Section(fill(text.heading), fill_blocks(text.blocks), extra.new_panel, file, line)

    headings = _source_headings(texts.library, condition_slug, fill) if texts.translation else [s.heading for s in sections]
    placed, _ = place_team_sections(sections, headings, list(team_source.item.sections), condition_slug, make, fill)
    return placed


def _source_headings(library: Library, condition: str, fill) -> list[str]:
    """The headings of a condition's sections in the source language, shared ones resolved."""
    return condition_headings(library, condition, fill) or []


_ENV = templating.environment(__package__)
_ENV.filters["inline"] = markup.render


NARROW_COVER_MM, WIDE_COVER_MM = 85.0, 120.0  # a gate fold's 73.5 mm flap; an A5 bifold's 148.5 mm cover


def cover_size(fold: Fold) -> str:
    """narrow, regular or wide: the class the stylesheet sizes the cover by (styles/leaflet.css)."""
    width = fold.cover.width
    return "narrow" if width < NARROW_COVER_MM else "wide" if width > WIDE_COVER_MM else "regular"


def to_html(edition: Edition, root: Path, fillers: int = 0) -> str:
    """The edition as one HTML document in layout order: cover, back, then the flowing body.

    `fillers` empty panels close the body when the text is too short to reach the last one. The body
    element names the fold and the cover's size (fold-a4-gatefold cover-narrow), for the stylesheet.
    """

    def asset(path: str | None) -> str | None:
        return (root / path).resolve().as_uri() if path else None

    w = edition.table
    return _ENV.get_template("leaflet.html.j2").render(
        e=edition,
        w=w,
        links={link.kind: link for link in contact_links(edition.contact, w)},
        shown=shown_address,
        cover_image=asset(edition.cover_image),
        logo=asset(edition.practice_logo),
        plain=markup.plain,
        qr_code=qr.svg(edition.qr_url, w["qr_alt"].format(url=edition.qr_url)) if edition.qr_url else None,
        decorative=lambda path, keep_ratio: decorative.style(root / path, keep_ratio),
        fillers=fillers,
        cover_size=cover_size(edition.fold_spec),
    )
