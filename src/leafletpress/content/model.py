"""The content model: what a condition, shared section, team and project file may say."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..fold import DEFAULT_FOLD
from ..fold.sheet import Marks, PrintShop
from ..languages import LANGUAGE_HELP, LANGUAGE_RE
from ..problems import hidden_character
from .markup import url_pattern_problem

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_HELP = "lowercase letters, digits and single hyphens, e.g. 'knie-artrose'"


def meant_slug(written: str) -> str | None:
    """The slug a name that is none most likely means: 'Knie Pijn', 'knie_pijn', 'Knieën ' -> knie-pijn, knie-pijn,
    knieen; None when it has no letter or digit to keep."""
    plain = unicodedata.normalize("NFKD", written).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain)) or None


Language = Annotated[str, Field(pattern=LANGUAGE_RE, description=LANGUAGE_HELP)]


class Strict(BaseModel):
    """Unknown keys are errors; that is how a typo in a key is caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


ALT_HELP = (
    "What the logo shows, for screen readers (e.g. 'Logo van FysioFits'); \"\" if it is decoration only. Required with 'logo'."
)


def _alt_required(value: str | None, info: ValidationInfo, image_field: str) -> str | None:
    """An image needs alt text; "" says it is decoration that screen readers skip."""
    if value is None and info.data.get(image_field) is not None:
        raise ValueError(
            f"'{image_field}' is given, so '{info.field_name}' is required: say in a few words what the picture "
            f'shows, for screen readers, or write {info.field_name}: "" if it is decoration only'
        )
    return value


_BLOCK_KINDS = ("text", "bullets", "steps", "note")


class Block(Strict):
    """One block of a section: exactly one of text, bullets, steps or note."""

    # The schema says "exactly one" too: a second kind is "not allowed", so an editor names that key.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "minProperties": 1,
            "allOf": [
                {"if": {"required": [kind]}, "then": {"properties": {other: False for other in _BLOCK_KINDS if other != kind}}}
                for kind in _BLOCK_KINDS
            ],
        },
    )

    text: str | None = Field(None, description="A paragraph. *emphasis*, **strong**, [link](https://...) allowed.")
    bullets: list[str] | None = Field(None, description="A bulleted list, one item per line.")
    steps: list[str] | None = Field(None, description="A numbered list of steps; a step is never split over two panels.")
    note: str | None = Field(None, description="A highlighted short paragraph.")

    @model_validator(mode="after")
    def _exactly_one(self) -> Block:
        given = [k for k in ("text", "bullets", "steps", "note") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a block has exactly one of 'text', 'bullets', 'steps' or 'note'"
                + (f", this one has {', '.join(given)}" if given else "")
            )
        return self

    @property
    def kind(self) -> str:
        return next(k for k in ("text", "bullets", "steps", "note") if getattr(self, k) is not None)


class SectionBody(Strict):
    heading: str = Field(min_length=1, description="The section heading as printed.")
    blocks: list[Block] = Field(min_length=1, description="Paragraphs, lists, steps and notes, in order.")
    new_panel: bool = Field(False, description="Start this section at the top of a new panel.")


class SectionRef(Strict):
    """A condition's section: its own, or a shared one by slug."""

    # The schema form of the rule below, worded so that an editor names the key that is wrong or missing.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "if": {"required": ["use"]},
            "then": {"properties": {"heading": False, "blocks": False}},
            "else": {"required": ["heading", "blocks"]},
        },
    )

    use: str | None = Field(None, description="Slug of a shared section in leaflets/shared/.")
    heading: str | None = Field(None, min_length=1)
    blocks: list[Block] | None = Field(None, min_length=1)
    new_panel: bool = False

    @model_validator(mode="after")
    def _own_or_shared(self) -> SectionRef:
        return _own_or_shared(self)


def _own_or_shared(section):
    """A section uses a shared one, or has a heading and blocks of its own: not both, not half."""
    if section.use is not None:
        if section.heading is not None or section.blocks is not None:
            raise ValueError("a section either 'use's a shared section or has its own 'heading' and 'blocks', not both")
    elif section.heading is None or section.blocks is None:
        missing = "'heading'" if section.heading is None else "'blocks'"
        raise ValueError(f"a section needs {missing} (or 'use: <shared section>')")
    return section


class Cover(Strict):
    subtitle: str | None = Field(None, description="A short line under the title.")
    image: str | None = Field(None, description="Path of a cover picture inside the project (PNG, JPEG or SVG).")
    image_alt: str | None = Field(
        None,
        validate_default=True,
        description=("What the picture shows, for screen readers; \"\" for a decorative picture. Required with 'image'."),
    )

    @field_validator("image_alt")
    @classmethod
    def _alt(cls, value, info: ValidationInfo):
        return _alt_required(value, info, "image")


class Condition(Strict):
    """leaflets/conditions/<slug>.yaml"""

    title: str = Field(min_length=1, description="The condition's name as printed on the cover.")
    cover: Cover = Field(default_factory=Cover)
    sections: list[SectionRef] = Field(min_length=1)
    fold: str | None = Field(
        None,
        description="Another fold for this leaflet than the project's, e.g. dl-leporello for a long one "
        "(leafletpress folds lists them).",
    )


class SharedSection(SectionBody):
    """leaflets/shared/<slug>.yaml: a section written once and used by many conditions."""


class Therapist(Strict):
    name: str = Field(min_length=1)
    disciplines: list[str] = Field(min_length=1, description="e.g. [Fysiotherapie, Manuele therapie]")


# An address as the links on the back and on the web page use it: what a phone's mail app and a browser
# accept as typed. A domain is labels of letters and digits, joined by hyphens, with dots between them.
_LABEL = r"[^\W_]+(?:-+[^\W_]+)*"
_DOMAIN = rf"(?:{_LABEL}\.)+[^\W\d_]{{2,}}"
_EMAIL = re.compile(rf"[A-Za-z0-9.!#$%&'*+/=?^_`{{|}}~-]+@{_DOMAIN}")
_WEBSITE = re.compile(rf"https?://{_DOMAIN}(?::\d+)?(?:[/?#]\S*)?")


def _no_hidden_character(value: str) -> None:
    """A contact detail pasted from a web page or a chat can hold a character that looks like nothing or like a
    space, which breaks its link (content/yamlchars.py names most at their place; this catches what is left)."""
    hidden = hidden_character(value)
    if hidden is not None:
        name = unicodedata.name(hidden, "control character").lower()
        what = f"a {name} (U+{ord(hidden):04X})"
        raise ValueError(f"has {what} in it, and the address does not work with it: delete it and type the address again")


class Contact(Strict):
    address: list[str] = Field(
        default_factory=list, description="Address lines.", json_schema_extra=lambda s: s.update(type=["array", "string"])
    )  # one line may be plain text
    phone: str | None = None
    email: str | None = None
    website: str | None = Field(None, description="https://... address of the team's web site.")

    @field_validator("address", mode="before")
    @classmethod
    def _one_line_is_fine(cls, value):
        return [value] if isinstance(value, str) else value

    @field_validator("email")
    @classmethod
    def _email(cls, value):
        if value is None:
            return value
        _no_hidden_character(value)
        if value.lower().startswith("mailto:"):
            raise ValueError("write the e-mail address without 'mailto:', like info@praktijk.nl (the link is made for you)")
        if not _EMAIL.fullmatch(value):
            raise ValueError("expected an e-mail address like info@praktijk.nl")
        return value

    @field_validator("website")
    @classmethod
    def _website(cls, value):
        if value is None:
            return value
        _no_hidden_character(value)
        if not re.match(r"^https?://", value):
            raise ValueError("expected a web address starting with https://")
        if not _WEBSITE.fullmatch(value):
            raise ValueError("expected a web address like https://www.praktijk.nl (no spaces, a name with a dot in it)")
        return value


class TeamSection(SectionBody):
    """A section a team adds to, or replaces in, the conditions it hands out."""

    after: str | None = Field(None, description="Heading of the section to insert after (default: before the last section).")
    replaces: str | None = Field(None, description="Heading of the section this one replaces.")
    conditions: Literal["all"] | list[str] = Field("all", description="Condition slugs this applies to, or 'all'.")

    @model_validator(mode="after")
    def _not_both(self) -> TeamSection:
        if self.after is not None and self.replaces is not None:
            raise ValueError("a team section has 'after' or 'replaces', not both")
        return self


class Team(Strict):
    """leaflets/teams/<slug>.yaml"""

    name: str = Field(min_length=1, description="Printed as the team heading on the back panel.")
    therapists: list[Therapist] = Field(min_length=1)
    contact: Contact = Field(default_factory=Contact)
    stylesheet: str | None = Field(None, description="A CSS file in styles/ applied to this team's editions only.")
    logo: str | None = Field(None, description="The team's logo (SVG or PNG) inside the project.")
    logo_alt: str | None = Field(None, validate_default=True, description=ALT_HELP)
    sections: list[TeamSection] = Field(
        default_factory=list, description="Sections this team adds to or replaces in its editions."
    )

    @field_validator("logo_alt")
    @classmethod
    def _alt(cls, value, info: ValidationInfo):
        return _alt_required(value, info, "logo")


class Practice(Strict):
    name: str = Field(min_length=1)
    logo: str | None = Field(None, description="Path of the practice logo (SVG or PNG) inside the project.")
    logo_alt: str | None = Field(None, validate_default=True, description=ALT_HELP)

    @field_validator("logo_alt")
    @classmethod
    def _alt(cls, value, info: ValidationInfo):
        return _alt_required(value, info, "logo")


class PrintSettings(Strict):
    """How the print edition is made for the press: PDF/X standard, the print shop's CMYK profile, bleed, marks and margins."""

    profile: str | None = Field(
        None,
        description="The CMYK ICC profile of the press and paper (e.g. the print shop's FOGRA51 .icc file) inside styles/; "
        "it becomes the PDF/X output intent and every colour is converted to ink through it. Omitted: the free FOGRA39 "
        "profile styles/print/FOGRA39-free.icc if the project has it, else the print edition is built but is not PDF/X.",
    )
    profile_name: str | None = Field(
        None,
        description="The printing condition the profile describes, as the print shop names it (e.g. 'FOGRA39' or "
        "'Coated FOGRA39 (ISO 12647-2:2004)'); written as the output condition. Default: the profile's file name "
        "(FOGRA39 for the bundled profile).",
    )
    standard: Literal["pdf/x-4", "pdf/x-1a"] = Field(
        "pdf/x-4",
        description="pdf/x-4 (default) or pdf/x-1a (CMYK only, no transparency: the older standard some print shops "
        "still ask for). Either way colours and pictures reach the press as CMYK ink through the profile.",
    )

    bleed: float = Field(
        PrintShop.bleed,
        description="Millimetres of colour and pictures beyond the trim on every outer edge of the sheet, as the print "
        "shop asks: 0 to 5 (most ask 3; large online printers 2 or 1).",
    )
    marks: Literal["none", "crop", "crop+fold"] = Field(
        str(PrintShop.marks),
        description="The printer's marks outside the bleed: none (what most online printers ask: they add their own), "
        "crop (crop marks at the corners) or crop+fold (and a dashed fold mark at each fold, top and bottom).",
    )
    mark_offset: float | None = Field(
        None,
        description="Millimetres from the trim to where each mark starts: at least the bleed, at most 10. "
        "Default: 3, or the bleed if that is more.",
    )
    safe_margin: float = Field(
        PrintShop.safe_margin,
        description="Millimetres no text may come closer to the trim or a fold than this: 0 to 10 (most shops ask 3 to 5).",
    )

    @field_validator("bleed")
    @classmethod
    def _bleed(cls, value: float) -> float:
        return _millimetres(value, 0, 5, "most print shops ask 3 mm, some 2 or 1")

    @field_validator("safe_margin")
    @classmethod
    def _safe_margin(cls, value: float) -> float:
        return _millimetres(value, 0, 10, "most print shops ask 3 to 5 mm")

    @field_validator("mark_offset")
    @classmethod
    def _mark_offset(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is None:
            return value
        _millimetres(value, 0, 10, "3 mm is usual")
        bleed = info.data.get("bleed", PrintShop.bleed)
        if info.data.get("marks") != "none" and value < bleed:
            raise ValueError(
                f"the marks would start {value:g} mm from the trim, inside the {bleed:g} mm bleed, where a cut a little "
                f"outside the trim shows them: make it at least {bleed:g}"
            )
        return value

    @property
    def shop(self) -> PrintShop:
        """The print shop's wishes as the imposition, the typesetter and preflight use them."""
        offset = self.mark_offset if self.mark_offset is not None else max(PrintShop.mark_offset, self.bleed)
        return PrintShop(self.bleed, Marks(self.marks), offset, self.safe_margin)

    @field_validator("profile")
    @classmethod
    def _profile_in_styles(cls, value):
        if value is not None and not (value.startswith("styles/") and value.lower().endswith((".icc", ".icm"))):
            raise ValueError("expected an ICC profile file inside styles/, e.g. styles/print/fogra39.icc")
        return value


def _millimetres(value: float, low: float, high: float, usual: str) -> float:
    """A length in mm within its range, or the error that says the range and what is usual."""
    if not low <= value <= high:
        raise ValueError(f"expected {low:g} to {high:g} mm, got {value:g} ({usual})")
    return value


class QrLink(Strict):
    """Where the leaflet lives on the web; the print edition's back panel carries a QR code to it."""

    url: str = Field(
        description="Web address of one leaflet; {team} and {condition} are replaced by their slugs, e.g. "
        "https://www.fysiofits.nl/folders/{team}/{condition}"
    )
    caption: str = Field("Lees deze folder online", min_length=1, description="The short line printed under the QR code.")

    @field_validator("url")
    @classmethod
    def _pattern(cls, value):
        problem = url_pattern_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class RequiredSection(Strict):
    """A section every condition leaflet has: its own by heading, or a shared one by slug."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"minProperties": 1, "maxProperties": 1})

    heading: str | None = Field(None, min_length=1, description="The heading of a section each condition writes itself.")
    use: str | None = Field(None, description="The slug of a shared section each condition uses.")

    @model_validator(mode="after")
    def _one(self) -> RequiredSection:
        if (self.heading is None) == (self.use is None):
            raise ValueError("a required section has either 'heading' or 'use'")
        return self


class Project(Strict):
    """leaflets/project.yaml"""

    practice: Practice
    fold: str = Field(
        DEFAULT_FOLD,
        description="The fold every leaflet is printed in unless its condition names another: a built-in fold or one "
        "of leaflets/folds.yaml (leafletpress folds lists them).",
    )
    stylesheets: list[str] = Field(default_factory=lambda: ["styles/leaflet.css"], min_length=1)
    back: SectionBody = Field(description="The 'Meer informatie?' text on the back panel.")
    editions: dict[str, Literal["all"] | list[str]] | None = Field(
        None,
        description="Which conditions each team hands out: team slug -> 'all' or a list of condition slugs. "
        "Omitted: every team, every condition.",
    )
    language: str = Field(
        "nl",
        pattern=LANGUAGE_RE,
        description="The language the leaflets are written in, as a code (nl): the <html lang> and /Lang of its editions.",
    )
    languages: list[Language] | dict[str, list[Language]] | None = Field(
        None,
        description="The languages the teams hand out: a list for every team ([nl, en, tr, ar]), or team slug -> list "
        "(a team not named hands out only 'language'). A language other than 'language' is built from the "
        "translations beside the files (leaflets/conditions/<slug>.<lang>.yaml, leaflets/project.<lang>.yaml). "
        "Omitted: only 'language'.",
    )
    qr: QrLink | None = Field(
        None, description="A QR code on the print edition's back panel, pointing to the leaflet's web page. Omitted: no QR code."
    )
    required_sections: list[RequiredSection] = Field(
        default_factory=list,
        description="The practice's pattern: sections every condition leaflet has (check warns when one is missing).",
    )
    words: dict[str, str] = Field(
        default_factory=dict,
        description="The words leafletpress adds around the content in the leaflets' own language (language:): "
        "single words over its built-in table, or all of them for a language it has none in (leafletpress words "
        "en prints the English table to copy and translate).",
    )
    print_settings: PrintSettings = Field(
        default_factory=PrintSettings,
        alias="print",
        description="Print production: the PDF/X standard, the print shop's CMYK profile (the output intent), and what "
        "the print shop asks of the file: bleed, marks and the safe margin.",
    )


TRANSLATED_FROM_HELP = (
    "What this translation was made from: the hash of its source's text when it was last translated "
    "(leafletpress translated <this file> writes it). check warns when the source has changed since."
)


class Translation(Strict):
    """A file beside its source, <slug>.<lang>.yaml, holding the source's text in another language."""

    translated_from: str | None = Field(None, description=TRANSLATED_FROM_HELP)


class TranslatedSection(Strict):
    """A section in a translation: its own text, or the same shared section as the source (which has its own translation)."""

    model_config = SectionRef.model_config

    use: str | None = Field(None, description="The shared section the source uses here, by slug (the same as in the source).")
    heading: str | None = Field(None, min_length=1)
    blocks: list[Block] | None = Field(None, min_length=1)
    new_panel: bool | None = Field(None, description="Start this section on a new panel (default: as the source does).")

    @model_validator(mode="after")
    def _own_or_shared(self) -> TranslatedSection:
        return _own_or_shared(self)


class TranslatedCover(Strict):
    subtitle: str | None = None
    image_alt: str | None = Field(None, description="What the source's cover picture shows, in this language.")


class ConditionTranslation(Translation):
    """leaflets/conditions/<slug>.<lang>.yaml: a condition in another language, section for section."""

    title: str = Field(min_length=1)
    cover: TranslatedCover = Field(default_factory=TranslatedCover)
    sections: list[TranslatedSection] = Field(min_length=1, description="The source's sections, in the same order.")


class SharedTranslation(Translation, SectionBody):
    """leaflets/shared/<slug>.<lang>.yaml: a shared section in another language."""

    new_panel: bool | None = None


class TeamTranslation(Translation):
    """leaflets/teams/<slug>.<lang>.yaml: a team's own sections in another language, in the same order."""

    sections: list[SectionBody] = Field(default_factory=list)
    logo_alt: str | None = Field(None, description="What the team's logo shows, in this language.")


class QrCaption(Strict):
    caption: str = Field(min_length=1, description="The line under the QR code, in this language.")


class ProjectTranslation(Translation):
    """leaflets/project.<lang>.yaml: what the editions in a language need besides the leaflets' own text."""

    back: SectionBody = Field(description="The back panel's text ('Meer informatie?'), in this language.")
    qr: QrCaption | None = None
    logo_alt: str | None = Field(None, description="What the practice logo shows, in this language.")
    terms: dict[str, str] = Field(
        default_factory=dict,
        description="The therapists' disciplines (leaflets/teams/*.yaml) in this language: Dutch -> translation.",
    )
    stylesheets: list[str] = Field(
        default_factory=list,
        description="Stylesheets this language's editions add after the project's (e.g. its fonts and the "
        "right-to-left rules: styles/arabic.css).",
    )
    words: dict[str, str] = Field(
        default_factory=dict,
        description="The words leafletpress adds around the content in this language (link labels, the QR "
        "caption, the web page's frame): single words over its built-in table, or all of them for a language "
        "it has none in (leafletpress words en prints the English table to copy).",
    )


KINDS = {"project": Project, "condition": Condition, "shared": SharedSection, "team": Team}
TRANSLATION_KINDS = {
    "project": ProjectTranslation,
    "condition": ConditionTranslation,
    "shared": SharedTranslation,
    "team": TeamTranslation,
}
