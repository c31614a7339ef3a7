"""What "legible" means: every word can be seen and read, and the problem names the rule to change."""

from __future__ import annotations

import pytest
from PIL import Image
from weasyprint import CSS, HTML

import leafletpress
from leafletpress.content.markup import render
from leafletpress.typeset.cssorigin import Cascade
from leafletpress.typeset.legible import contrast

from .helpers import REPO, SEED, SEED_TEAM

WHITE, BLACK = (1.0, 1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 1.0)


@pytest.mark.parametrize(
    "foreground, background, ratio",
    [
        (WHITE, BLACK, 21.0),
        (BLACK, BLACK, 1.0),
        ((0x77 / 255, 0x77 / 255, 0x77 / 255, 1.0), WHITE, 4.48),  # the classic just-fails-AA grey
        ((1.0, 1.0, 1.0, 1.0), (0x0B / 255, 0x6E / 255, 0x69 / 255, 1.0), 6.09),  # the sample's cover: white on teal
        ((0.0, 0.0, 0.0, 0.5), WHITE, 3.98),  # half-transparent black is blended first
    ],
)
def test_contrast_is_the_wcag_ratio(foreground, background, ratio):
    assert contrast(foreground, background) == pytest.approx(ratio, abs=0.01)


def test_the_rule_to_change_is_found_through_var_and_inheritance():
    base = ":root { --accent: #0b6e69; }\n.section h2 { color: var(--accent); }\nbody { font-size: 11pt; }\n"
    team = ":root {\n  --accent: #ffe680;\n}\n"
    html = HTML(string='<body><section class="section"><h2>Kop</h2><p>Tekst</p></section></body>')
    document = html.render(stylesheets=[CSS(string=base), CSS(string=team)])
    cascade = Cascade([("styles/leaflet.css", base), ("styles/teams/x.css", team)], document._html.wrapper_element)
    h2 = document._html.etree_element.find(".//h2")
    p = document._html.etree_element.find(".//p")
    colour = cascade.origin(h2, "color")
    assert (colour.sheet, colour.line, colour.prop, colour.value) == ("styles/teams/x.css", 2, "--accent", "#ffe680")
    assert cascade.origin(h2, "color", follow_var=False).selector == ".section h2"
    size = cascade.origin(p, "font-size")  # inherited from body
    assert (size.sheet, size.line, size.selector) == ("styles/leaflet.css", 3, "body")


def test_a_cover_picture_leaves_the_title_free_of_the_circle(project):
    Image.new("RGB", (1200, 800), (200, 160, 120)).save(project / "styles" / "images" / "rug.jpg", quality=85)
    condition = project / "leaflets" / "conditions" / f"{SEED}.yaml"
    text = condition.read_text("utf-8")
    condition.write_text(text.replace("cover:\n", "cover:\n  image: styles/images/rug.jpg\n  image_alt: Een rug\n", 1), "utf-8")
    report = leafletpress.check(project, conditions=[SEED], teams=[SEED_TEAM], jobs=1)
    assert [str(p) for p in report.errors] == []
    assert [r.status for r in report.results] == ["checked"]


def test_addresses_in_running_text_are_never_hyphenated():
    html = render("Mail naar secretariaat@fysiotherapie-enschede.example of www.fysiofits.example/folders.")
    assert '<span class="address">secretariaat@fysiotherapie-enschede.example</span>' in html
    assert '<span class="address">www.fysiofits.example/folders</span>.' in html
    css = (REPO / "styles" / "leaflet.css").read_text("utf-8")
    document = HTML(string=f"<p style='width: 20mm' lang='nl'>{html}</p>").render(stylesheets=[CSS(string=css)])
    spans = [box for box in _boxes(document.pages[0]._page_box) if (getattr(box, "element", None) is not None)]
    addresses = [box for box in spans if box.element.get("class") == "address"]
    assert addresses and all(box.style["hyphens"] == "none" for box in addresses)


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)
