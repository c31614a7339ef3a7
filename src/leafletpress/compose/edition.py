"""Compose stage: one edition (condition x team) resolved from the library, and its HTML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import templating
from ..content import markup
from ..content.library import Library, Source
from ..content.markup import PLACEHOLDER_RE
from ..content.matrix import editions, place_team_sections
from ..content.model import Block, PrintSettings
from ..content.yamlfile import dotted
from ..fold import Fold
from ..fold.sheet import PrintShop
from . import decorative, qr
from .links import contact_links, shown_address
from .words import leaflet_words


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
    fold_spec: Fold  # the fold's data: built in, or the project's own (leaflets/folds.yaml)
    language: str
    condition_file: str
    print_settings: PrintSettings = PrintSettings()
    qr_url: str | None = None  # the leaflet's web page, printed as a QR code on the back panel
    qr_caption: str = ""
    # Where each part printed outside the body comes from, by the name the template gives it
    # (data-src): (name, file, line, field path), so a problem seen in the layout names its source.
    sources: tuple[tuple[str, str, int, str], ...] = ()

    @property
    def slug(self) -> str:
        return f"{self.team}/{self.condition}"

    def source(self, name: str) -> tuple[str, int, str] | None:
        """(file, line, field) of a part the template names with data-src, or None."""
        return next(((file, line, field) for key, file, line, field in self.sources if key == name), None)

    @property
    def shop(self) -> PrintShop:
        """What the print shop asks of the file: bleed, marks, mark offset, safe margin."""
        return self.print_settings.shop


def matrix(library: Library) -> list[tuple[str, str]]:
    """The (team, condition) pairs the project defines, in a stable order."""
    return editions(library)


def compose(library: Library, team_slug: str, condition_slug: str) -> Edition:
    """Resolve shared sections, team sections and placeholders for one edition."""
    project = library.project.item
    condition_source = library.conditions[condition_slug]
    team_source = library.teams[team_slug]
    condition, team = condition_source.item, team_source.item
    values = {"practice": project.practice.name, "team": team.name}

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
            shared = library.shared[ref.use]
            sections.append(
                Section(
                    fill(shared.item.heading),
                    fill_blocks(shared.item.blocks),
                    ref.new_panel or shared.item.new_panel,
                    shared.file,
                    1,
                    condition_source.file,
                    condition_source.doc.line_of(("sections", index)),
                )
            )
        else:
            sections.append(
                Section(
                    fill(ref.heading),
                    fill_blocks(ref.blocks),
                    ref.new_panel,
                    condition_source.file,
                    condition_source.doc.line_of(("sections", index)),
                )
            )
    sections = _apply_team_sections(sections, team_source, condition_slug, fill, fill_blocks)

    contact = team.contact
    contact_lines = [("address", line) for line in contact.address]
    contact_lines += [(kind, getattr(contact, kind)) for kind in ("phone", "email", "website") if getattr(contact, kind)]
    stylesheets = tuple(project.stylesheets) + ((team.stylesheet,) if team.stylesheet else ())
    back = project.back
    project_source = library.project

    def at(source: Source, *path) -> tuple[str, int, str]:
        # A key the file does not have (no print: section) is the whole file's matter: line 0.
        line = source.doc.line_of(path) if path[:1] in {key[:1] for key in source.doc.lines if key} else 0
        return source.file, line, dotted(path)

    logo = at(team_source, "logo") if team.logo else at(project_source, "practice", "logo")
    sources = {
        "title": at(condition_source, "title"),
        "subtitle": at(condition_source, "cover", "subtitle"),
        "cover_image": at(condition_source, "cover", "image"),
        "practice": at(project_source, "practice", "name"),
        "logo": logo,
        "team_name": at(team_source, "name"),
        "therapists": at(team_source, "therapists"),
        "contact": at(team_source, "contact"),
        "back": at(project_source, "back"),
        "qr_caption": at(project_source, "qr", "caption") if project.qr else ("", 0, ""),
        "print": at(project_source, "print"),
    }
    return Edition(
        condition=condition_slug,
        team=team_slug,
        title=fill(condition.title),
        subtitle=fill(condition.cover.subtitle) if condition.cover.subtitle else None,
        cover_image=condition.cover.image,
        cover_image_alt=condition.cover.image_alt,
        practice=project.practice.name,
        practice_logo=team.logo or project.practice.logo,
        practice_logo_alt=(team.logo_alt if team.logo else project.practice.logo_alt),
        team_name=team.name,
        therapists=tuple((t.name, join_words(t.disciplines)) for t in team.therapists),
        contact=tuple(contact_lines),
        back=Section(
            fill(back.heading), fill_blocks(back.blocks), False, library.project.file, library.project.doc.line_of(("back",))
        ),
        sections=tuple(sections),
        stylesheets=stylesheets,
        fold=library.fold_of(condition_slug),
        fold_spec=library.folds.folds[library.fold_of(condition_slug)],
        language=project.language,
        condition_file=condition_source.file,
        print_settings=project.print_settings,
        qr_url=qr.url_for(project.qr.url, team_slug, condition_slug) if project.qr else None,
        qr_caption=fill(project.qr.caption) if project.qr else "",
        sources=tuple((name, *where) for name, where in sources.items()),
    )


def _apply_team_sections(sections, team_source: Source, condition_slug, fill, fill_blocks):
    """Insert or replace the sections a team defines for this condition (load has checked their headings)."""

    def make(index, extra) -> Section:
        return Section(
            fill(extra.heading),
            fill_blocks(extra.blocks),
            extra.new_panel,
            team_source.file,
            team_source.doc.line_of(("sections", index)),
        )

    placed, _ = place_team_sections(
        sections, [s.heading for s in sections], list(team_source.item.sections), condition_slug, make, fill
    )
    return placed


def join_words(words) -> str:
    """Dutch enumeration: 'a, b en c'."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


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

    w = leaflet_words(edition.language)
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
