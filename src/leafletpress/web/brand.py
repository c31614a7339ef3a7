"""The brand on the web: the custom properties of the stylesheets' `:root` rules, and the text colours they make.

A stylesheet is a print stylesheet: `@page`, `@font-face`, `@media` and every ordinary rule are
matters of the press and stay out. The web pages take only what designers set as the brand,
`--accent: #1a5aa6` and the like at the top level of a `:root` rule (following `@import`s inside
the project, in cascade order), and web.css uses them. A colour given as ink (`device-cmyk()`,
which no browser shows) is written as the sRGB it prints as through the print profile, as the
screen PDF shows it; a value with `url()` is left out (it would point somewhere else on a web host).

`problems` checks every pair of colours web.css puts text in against WCAG 2.1 AA (4.5:1), at the
line that set the colour; web.css's own values are the fallbacks for a property a project does
not set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import tinycss2
import tinycss2.color5

from ..content.cssrefs import read_stylesheet
from ..limits import CONTRAST_NORMAL
from ..problems import Problem

Light = Callable[[tuple[float, float, float, float]], tuple[float, float, float]]  # ink (CMYK 0..1) -> sRGB 0..1

# web.css's own values: what a page shows for a property no stylesheet sets.
DEFAULTS = {
    "--accent": "#0b6e69",
    "--accent-deep": "#095c58",
    "--accent-soft": "#e3f1ef",
    "--highlight": "#f08a24",
    "--ink": "#1f2a30",
    "--paper": "#ffffff",
    "--on-accent": "#ffffff",
}
# Every pair of colours web.css puts text in: (text, background, where). --highlight is only a bar or a border.
TEXT_PAIRS = (
    ("--on-accent", "--accent", "the title band"),
    ("--on-accent", "--accent-deep", "the masthead"),
    ("--accent", "--paper", "headings and links"),
    ("--accent", "--accent-soft", "links in the footer"),
    ("--ink", "--paper", "the text"),
    ("--ink", "--accent-soft", "notes and the footer"),
)


@dataclass(frozen=True)
class Declared:
    """A custom property as a stylesheet set it: the value the web writes, and where it was set."""

    value: str
    file: str  # project-relative
    line: int


def custom_properties(root: Path, stylesheets: tuple[str, ...], light: Light | None = None) -> dict[str, Declared]:
    """The custom properties the stylesheets set on `:root`, the last one winning, as CSS cascades them."""
    found: dict[str, Declared] = {}
    for sheet in stylesheets:
        _read(root.resolve(), (root / sheet).resolve(), found, light, set())
    return found


def _read(root: Path, path: Path, found: dict[str, Declared], light: Light | None, seen: set[Path]) -> None:
    if path in seen or not path.is_relative_to(root) or not path.is_file():
        return
    seen.add(path)
    rules = tinycss2.parse_stylesheet(read_stylesheet(path), skip_comments=True, skip_whitespace=True)
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            target = _import_target(rule)
            if target:
                _read(root, (path.parent / unquote(urlparse(target).path)).resolve(), found, light, seen)
        elif rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == ":root":
            for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                if declaration.type == "declaration" and declaration.name.startswith("--"):
                    value = _web_value(tinycss2.serialize(declaration.value).strip(), light)
                    if value is not None:
                        found[declaration.name] = Declared(value, path.relative_to(root).as_posix(), declaration.source_line)


def _import_target(rule) -> str | None:
    for token in rule.prelude:
        if token.type in ("string", "url"):
            return token.value
        if token.type == "function" and token.lower_name == "url":
            return next((a.value for a in token.arguments if a.type == "string"), None)
    return None


def _web_value(value: str, light: Light | None) -> str | None:
    """The value as a browser takes it: ink as the sRGB it prints as; None for what the web cannot use."""
    if "url(" in value.lower():
        return None
    colour = tinycss2.color5.parse_color(value)
    if getattr(colour, "space", None) != "device-cmyk":
        return value
    cmyk = tuple(float(v) for v in colour.coordinates)
    rgb = light(cmyk) if light is not None else naive_light(cmyk)
    return "#" + "".join(f"{round(max(0.0, min(1.0, v)) * 255):02x}" for v in rgb)


def naive_light(cmyk: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """Ink as light without a print profile: what a project with no press condition means by it."""
    c, m, y, k = cmyk
    return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)


def brand_css(properties: dict[str, Declared]) -> bytes:
    """A stylesheet of the properties alone, naming where each came from."""
    lines = ["/* The brand colours of the print stylesheets (their :root custom properties only), made by leafletpress. */"]
    lines += [":root {"] + [f"  {name}: {p.value}; /* {p.file}:{p.line} */" for name, p in properties.items()] + ["}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def problems(properties: dict[str, Declared]) -> list[Problem]:
    """Each pair of colours web.css puts text in that has less contrast than WCAG AA asks, at the line that set it."""
    found = []
    for text, background, where in TEXT_PAIRS:
        ratio = contrast(_value(properties, text), _value(properties, background))
        if ratio is None or ratio >= CONTRAST_NORMAL:
            continue
        subject = background if text == "--on-accent" else text  # the colour a designer would change
        declared = properties.get(subject) or properties.get(text) or properties.get(background)
        if declared is None:
            continue  # web.css's own colours, which the browser tests hold to AA
        found.append(
            Problem(
                declared.file,
                declared.line,
                "",
                f"on the web edition, {text} on {background} ({where}) has a contrast of {ratio:.1f}:1; "
                f"WCAG AA needs {CONTRAST_NORMAL}:1",
                f"make {'--accent darker' if '--accent' in (text, background) else 'the two colours further apart'}",
            )
        )
    return found


def _value(properties: dict[str, Declared], name: str) -> str:
    declared = properties.get(name)
    return declared.value if declared is not None else DEFAULTS[name]


def contrast(foreground: str, background: str) -> float | None:
    """The WCAG 2.1 contrast ratio of two CSS colours; None when either is not a colour this can read."""
    one, other = _luminance(foreground), _luminance(background)
    if one is None or other is None:
        return None
    return (max(one, other) + 0.05) / (min(one, other) + 0.05)


def _luminance(value: str) -> float | None:
    colour = tinycss2.color5.parse_color(value)
    space = getattr(colour, "space", None)
    try:
        if space in ("srgb", "hsl", "hwb"):
            r, g, b = colour.to("srgb").coordinates
            return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)
        if space in ("lab", "lch"):
            return colour.to("xyz-d50").coordinates[1]
        if space in ("oklab", "oklch"):
            return colour.to("xyz-d65").coordinates[1]
    except NotImplementedError:
        return None
    return None


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
