"""Contained: content is escaped, links are an allow-list, and the renderer reads only project files.

WeasyPrint can read local files and fetch URLs (and embed them as attachments); every way a
content author or a stylesheet could make it do so must be refused with a located problem.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

import leafletpress
from leafletpress.compose.edition import compose, to_html
from leafletpress.content import markup
from leafletpress.content.load import load_library
from leafletpress.content.yamlfile import _FastLoader, _TextLoader
from leafletpress.typeset.typesetter import ProjectFetcher

from .helpers import bomb_png
from .minimal_project import CONDITION, TEAM, make_project

SRC = Path(leafletpress.__file__).parent
SECRET = "file:///etc/hostname"


@pytest.mark.parametrize("loader", [_FastLoader, _TextLoader], ids=["libyaml, first", "pure Python, for messages"])
def test_yaml_is_read_with_a_safe_loader_only(loader):
    """Both loaders read_yaml uses refuse to build Python objects, whatever the file says."""
    assert issubclass(loader, (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.load("!!python/object/apply:os.getcwd []", Loader=loader)  # noqa: S506 - the point is that it is refused
    unsafe = re.compile(r"yaml\.(unsafe_load|full_load|load)\(|Loader=yaml\.(Loader|FullLoader|UnsafeLoader)")
    for source in SRC.rglob("*.py"):
        assert not unsafe.search(source.read_text()), f"{source.name} loads YAML with an unsafe loader"


@pytest.mark.parametrize("url", ["https://fysiofits.nl", "http://a.nl/x?y=1", "mailto:info@a.nl", "tel:+31612345678"])
def test_allowed_links(url):
    assert markup.render(f"[hier]({url})") == f'<a href="{url}">hier</a>'


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        SECRET,
        "data:text/html,x",
        "styles/leaflet.css",
        "//evil.example/x",
        "JAVASCRIPT:alert(1)",
        "ftp://a.nl/x",
    ],
)
def test_every_other_link_is_refused(url):
    with pytest.raises(markup.MarkupError, match="is not allowed"):
        markup.render(f"[hier]({url})")


def test_markup_cannot_smuggle_html():
    html = markup.render('<b>x</b> *<i>y</i>* [<img src=x>](https://a.nl/"onclick="x)')
    assert "<b>" not in html and "<i>" not in html and "<img" not in html
    assert 'href="https://a.nl/&#34;onclick=&#34;x"' in html
    assert "&lt;b&gt;x&lt;/b&gt; <em>&lt;i&gt;y&lt;/i&gt;</em>" in html


TRICKS = [
    f'<link rel="attachment" href="{SECRET}">',
    f'<a rel="attachment" href="{SECRET}">bijlage</a>',
    '<img src="http://127.0.0.1:1/x">',
    "<style>@import url(file:///etc/passwd);</style>",
]


def test_content_cannot_inject_html_and_the_pdf_carries_no_attachment(tmp_path):
    body = "\n".join(f"      - text: '{trick}'" for trick in TRICKS)
    root = make_project(
        tmp_path / "p",
        {CONDITION: f"title: '<script>alert(1)</script>'\nsections:\n  - heading: '<h1>Kop</h1>'\n    blocks:\n{body}\n"},
    )
    library = load_library(root)
    assert not library.problems.errors, [str(p) for p in library.problems.sorted()]
    html = to_html(compose(library, "team-a", "rug"), root)
    for trick in TRICKS + ["<script>", "<h1>"]:
        assert trick not in html
    assert "&lt;link rel=&#34;attachment&#34;" in html
    report = leafletpress.build(root, jobs=1)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    for pdf in (root / "build").rglob("*.pdf"):
        reader = PdfReader(pdf)
        assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
        for page in reader.pages:
            assert all(a.get_object()["/Subtype"] != "/FileAttachment" for a in page.get("/Annots", []))
    text = " ".join(page.extract_text() for page in PdfReader(root / "build/print/team-a/rug.pdf").pages)
    assert "<link rel=" in text.replace("\n", " ")  # shown as text, not obeyed


@pytest.fixture
def fetcher(tmp_path) -> ProjectFetcher:
    root = make_project(tmp_path / "p")
    (tmp_path / "outside.png").write_bytes(b"secret")
    (root / "styles/images/link.png").symlink_to(tmp_path / "outside.png")
    (root / "styles/images/dir-link").symlink_to(tmp_path)
    return ProjectFetcher(root)


@pytest.mark.parametrize(
    "url, reason",
    [
        (SECRET, "points outside the project's styles/ and leaflets/ folders"),
        ("http://127.0.0.1:1/x", "only files inside the project may be used, not network or data addresses"),
        ("https://example.com/font.ttf", "only files inside the project may be used, not network or data addresses"),
        ("data:text/plain,hello", "only files inside the project may be used, not network or data addresses"),
        ("STYLES/images/link.png", "points outside the project's styles/ and leaflets/ folders"),
        ("STYLES/images/dir-link/outside.png", "points outside the project's styles/ and leaflets/ folders"),
        ("STYLES/../../outside.png", "points outside the project's styles/ and leaflets/ folders"),
        ("STYLES/%2e%2e/%2e%2e/outside.png", "points outside the project's styles/ and leaflets/ folders"),
        ("STYLES/fonts/missing.ttf", "file not found"),
        # the project URL the renderer sees (typeset.PROJECT_URL) cannot be walked out of either
        ("file:///leafletpress-project/../etc/hostname", "points outside the project's styles/ and leaflets/ folders"),
        ("file:///leafletpress-project/styles/../../outside.png", "points outside the project's styles/ and leaflets/ folders"),
        ("file:///leafletpress-project/styles/images/link.png", "points outside the project's styles/ and leaflets/ folders"),
    ],
)
def test_the_fetcher_refuses_everything_outside_the_project(fetcher, url, reason):
    url = url.replace("STYLES/", (fetcher.root / "styles").resolve().as_uri() + "/")
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url)
    assert fetcher.refused == [(url, reason)]


def test_the_fetcher_checks_an_image_before_anything_decodes_it(fetcher):

    bomb = fetcher.root / "styles/images/bomb.png"
    bomb.write_bytes(bomb_png())
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(bomb.resolve().as_uri())
    assert fetcher.refused == [(bomb.resolve().as_uri(), "image has more than 40 megapixels (a decompression bomb?)")]


def test_the_fetcher_serves_project_files(fetcher):
    font = (fetcher.root / "styles/fonts/Lato-Regular.ttf").resolve()
    response = fetcher.fetch(font.as_uri())
    assert fetcher.refused == []
    assert response is not None


def test_a_bad_stylesheet_is_refused_at_its_lines(tmp_path):
    """file://, the network, a symlink out of styles/, a missing or broken font: located errors; bad CSS: warnings."""
    (tmp_path / "outside.png").write_bytes(b"secret")
    root = make_project(
        tmp_path / "p",
        {
            TEAM: "name: Team A\ntherapists:\n  - name: Guido Heerink\n    disciplines: [Fysiotherapie]\nstylesheet: styles/teams/team-a.css\n",
            "styles/teams/team-a.css": (
                "@import url(file:///etc/passwd);\n"
                "@font-face { font-family: Ontbreekt; src: url(../fonts/Ontbreekt.ttf); }\n"
                "@font-face { font-family: Kapot; src: url(../fonts/kapot.ttf); }\n"
                "h1 { font-family: Ontbreekt; color: #12; }\n"
                "h2 { font-family: Kapot; colr: red }\n"
                f"body {{ background: url({SECRET}) }}\n"
                "p { background: url(http://127.0.0.1:1/x) }\n"
                "ul { background: url(../images/link.png) }\n"
            ),
            "styles/fonts/kapot.ttf": b"this is not a font",
        },
    )
    (root / "styles/images/link.png").symlink_to(tmp_path / "outside.png")
    report = leafletpress.check(root, jobs=1)
    sheet = "styles/teams/team-a.css"
    outside = "points outside the project's styles/ and leaflets/ folders"
    network = "fonts and images must be files inside styles/ or leaflets/, never addresses on the network"
    found = [str(p) for p in report.problems if p.file == sheet]
    assert found[:-1] == [
        f"{sheet}:1: '/etc/passwd' refused: {outside} ({network})",
        f"{sheet}:2: font 'Ontbreekt': 'styles/fonts/Ontbreekt.ttf' refused: file not found "
        "(fonts and images must be files inside styles/ or leaflets/; paths are relative to this stylesheet)",
        f"{sheet}:3: font 'Kapot' cannot be loaded: 'styles/fonts/kapot.ttf' is not a usable font (use a TTF, OTF or WOFF font file inside styles/)",
        f"warning: {sheet}:4: CSS ignored: `color: #12`, invalid value (check the spelling of the property and its value)",
        f"warning: {sheet}:5: CSS ignored: `colr: red `, unknown property (check the spelling of the property and its value)",
        f"{sheet}:6: '/etc/hostname' refused: {outside} ({network})",
        f"{sheet}:7: 'http://127.0.0.1:1/x' refused: only files inside the project may be used, not network or data addresses ({network})",
    ]
    # the symlink, shown as the link or as where it leads
    assert found[-1] in (
        f"{sheet}:8: '{(root / 'styles/images/link.png').as_posix()}' refused: {outside} ({network})",
        f"{sheet}:8: '{(tmp_path / 'outside.png').resolve().as_posix()}' refused: {outside} ({network})",
    )
    assert report.exit_code == 1


def test_broken_css_alone_is_a_warning_not_a_failure(tmp_path):
    root = make_project(
        tmp_path / "p",
        {
            TEAM: "name: Team A\ntherapists:\n  - name: Guido Heerink\n    disciplines: [Fysiotherapie]\nstylesheet: styles/teams/team-a.css\n",
            "styles/teams/team-a.css": ".section p { color: #222 }\nh1 >>> x { color: red }\nh1 { color: red\n\nh2 {{ font-size: huge }\n",
        },
    )
    report = leafletpress.check(root, jobs=1)
    assert report.exit_code == 0
    assert report.errors == []
    assert [str(p) for p in report.warnings if p.file == "styles/teams/team-a.css"] == [
        "warning: styles/teams/team-a.css:2: CSS ignored: invalid or unsupported selector 'h1 >>> x' "
        "(check the selector, and that every '{' has its '}')",
        "warning: styles/teams/team-a.css:3: CSS ignored: invalid or unsupported selector ':is(h1 ) color: red h2' "
        "(check the selector, and that every '{' has its '}')",
    ]


def test_weasyprint_does_not_expand_an_external_entity_in_svg(tmp_path):
    """Engine fact (WeasyPrint 70): its SVG parser refuses entities, so even an SVG we did not check leaks nothing."""
    from weasyprint import HTML

    (tmp_path / "secret.txt").write_text("TOPSECRET42")
    (tmp_path / "xxe.svg").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "{(tmp_path / "secret.txt").as_uri()}">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><text x="0" y="20">A&x;B</text></svg>\n'
    )
    pdf = HTML(string='<img src="xxe.svg">', base_url=tmp_path.as_uri() + "/").write_pdf()
    assert b"TOPSECRET42" not in pdf
