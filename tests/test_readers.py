"""What the readers make of a damaged file: a picture cut off, a stylesheet in another encoding, characters in a
content file that its author cannot see.

tests/test_bad_input.py runs each mistake through every command; these pin the rules behind them.
"""

from __future__ import annotations

import os
import struct
import time
from io import BytesIO

import pytest
import yaml
from PIL import Image, ImageFile

from leafletpress.content import images, yamlchars
from leafletpress.content.cssrefs import read_stylesheet, stylesheet_problem
from leafletpress.content.images import CUT_OFF, data_problem
from leafletpress.content.yamlfile import read_yaml
from leafletpress.content.yamlsyntax import plain_problem
from leafletpress.problems import ContentError, Problem
from leafletpress.web.brand import custom_properties

from .minimal_project import REPO

LOGO = REPO / "styles" / "images" / "fysiofits-logo.png"


def _jpeg(size=(600, 400)) -> bytes:
    buffer = BytesIO()
    Image.radial_gradient("L").resize(size).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_a_whole_picture_passes_and_a_cut_off_one_is_named(tmp_path):
    png, jpeg = tmp_path / "a.png", tmp_path / "a.jpg"
    png.write_bytes(LOGO.read_bytes())
    jpeg.write_bytes(_jpeg())
    assert data_problem(png) == data_problem(jpeg) == ""
    for path, data in ((png, LOGO.read_bytes()), (jpeg, _jpeg())):
        path.write_bytes(data[: len(data) // 2])
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 1))  # a new version of the file, even within one tick
        assert data_problem(path) == CUT_OFF


def test_a_damaged_png_is_unreadable_without_decoding_it(tmp_path):
    """A PNG's chunks are checked against their CRCs (Image.verify): a changed byte is found, no pixel decoded."""
    data = bytearray(LOGO.read_bytes())
    idat = data.index(b"IDAT")
    data[idat + 40] ^= 0xFF
    path = tmp_path / "damaged.png"
    path.write_bytes(bytes(data))
    assert data_problem(path) == "is not a readable PNG or JPEG image"


def test_a_jpeg_with_data_after_its_end_is_whole(tmp_path):
    """Phones append a video or a trailer after a JPEG's end marker (motion photos): the picture itself is whole."""
    path = tmp_path / "motion.jpg"
    path.write_bytes(_jpeg() + b"\x00\x00\x00\x18ftypmp42" + bytes(200))
    assert data_problem(path) == ""


def test_the_check_holds_while_weasyprint_lets_pillow_load_truncated_files(tmp_path):
    """WeasyPrint switches LOAD_TRUNCATED_IMAGES on for the process; the check still sees the cut, and leaves it on."""
    import weasyprint  # noqa: F401 - importing it sets the flag

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    path = tmp_path / "cut.jpg"
    data = _jpeg((640, 480))
    path.write_bytes(data[: len(data) * 2 // 3])
    assert data_problem(path) == CUT_OFF
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True


def test_each_version_of_a_picture_is_checked_once(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(LOGO.read_bytes())
    images._data_problem.cache_clear()
    for _ in range(3):
        data_problem(path)
    assert images._data_problem.cache_info().misses == 1
    started = time.perf_counter()
    for _ in range(100):
        data_problem(path)
    assert time.perf_counter() - started < 0.05  # a stat per call once it is known


def test_a_png_without_its_end_chunk_is_cut_off(tmp_path):
    data = LOGO.read_bytes()
    end = data.rindex(b"IEND") - 4  # the chunk's length field
    assert struct.unpack(">I", data[end : end + 4]) == (0,)
    path = tmp_path / "no-end.png"
    path.write_bytes(data[:end])
    assert data_problem(path) == CUT_OFF


SHEET = "/* Team Sport: blauw. */\n:root {\n  --accent: #1a5aa6;\n}\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_stylesheet_is_refused_once_and_read_as_its_text_by_every_reader(tmp_path, encoding):
    """The content stage names it (the editions made with it fail); what reads it after reads the same text."""
    path = tmp_path / "styles" / "sport.css"
    path.parent.mkdir()
    path.write_bytes(SHEET.encode(encoding))
    assert stylesheet_problem(tmp_path, path) == Problem(
        "styles/sport.css",
        1,
        "",
        "is saved as UTF-16 ('Unicode'), not UTF-8",
        "save it with the encoding 'UTF-8' ('Save as' > 'Encoding')",
    )
    assert read_stylesheet(path) == SHEET
    assert custom_properties(tmp_path, ("styles/sport.css",))["--accent"].value == "#1a5aa6"


def test_a_stylesheet_may_start_with_a_bom_but_not_hold_latin1(tmp_path):
    path = tmp_path / "a.css"
    path.write_bytes(b"\xef\xbb\xbf" + SHEET.encode())
    assert stylesheet_problem(tmp_path, path) is None
    assert read_stylesheet(path) == SHEET
    path.write_bytes(SHEET.encode() + b'.cover::before { content: "Caf\xe9"; }\n')
    assert str(stylesheet_problem(tmp_path, path)) == (
        "a.css:5: is not UTF-8 text (byte 0xE9 cannot be read) (save the file with the encoding 'UTF-8')"
    )
    assert read_stylesheet(path).endswith('content: "Caf\ufffd"; }\n')


def _read(tmp_path, text: str) -> list[str]:
    """The problems of a content file holding text: those that stop it, or the warnings it loads with."""
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    try:
        return [str(problem) for problem in read_yaml(path, "x.yaml").problems]
    except ContentError as exc:
        return [str(problem) for problem in exc.problems]


def test_the_sample_has_no_character_to_name():
    """Its Arabic translation too: what the reader allows (direction marks in right-to-left text) stays allowed."""
    for path in sorted((REPO / "leaflets").rglob("*.yaml")):
        assert read_yaml(path, path.name).problems == [], path


ARABIC = REPO / "leaflets" / "conditions" / "lage-rugklachten.ar.yaml"


def test_direction_marks_and_joiners_in_right_to_left_text_are_allowed(tmp_path):
    """An Arabic text puts a number or a Latin word in place with LRM/RLM; ZWNJ picks a letter's form (Persian)."""
    text = ARABIC.read_text("utf-8")
    text = text.replace("في 90% من", "في \u200e90%\u200f من").replace("(spondylolisthesis)", "\u2066(spondylolisthesis)\u2069")
    text = text.replace("title: آلام", "title: آ\u200cلام")
    assert text != ARABIC.read_text("utf-8")
    assert _read(tmp_path, text) == []


@pytest.mark.parametrize(
    "value",
    [
        "👩\u200d⚕️ arts",  # a joiner between two emoji makes them one
        "\u0647\u200d",  # a joiner after an Arabic letter: its joining form, shown alone
        "\u0915\u094d\u200d\u0937",  # Devanagari: a joiner after the virama keeps the half form
        "Kor\u00adte tekst",  # a soft hyphen: a hyphenation point typed by hand
    ],
)
def test_joiners_where_they_do_a_job_are_allowed(tmp_path, value):
    assert _read(tmp_path, f"text: {value}\n") == []


def test_the_same_marks_in_dutch_text_are_named(tmp_path):
    assert [
        line.split(": has ")[1].split(" after")[0] for line in _read(tmp_path, "a: in 90%\u200f\nb: Kor\u200cte tekst\n")
    ] == [
        "a right-to-left mark (U+200F)",
        "a zero-width non-joiner (U+200C)",
    ]


def test_a_character_yaml_refuses_is_named_at_its_line_on_one_line(tmp_path):
    """PyYAML said 'unacceptable character #x000b: special characters are not allowed' and 'position N' on a
    second line, at line 1; a line separator it takes for a line break, an error at the line after it."""
    text = "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: Rust\x0bniet te lang.\n"
    assert _read(tmp_path, text) == [
        "x.yaml:5: sections[0].blocks[0].text: has a vertical tab (U+000B, what Shift+Enter in Word pastes) after 'Rust', "
        "a character YAML does not allow (delete it, with a space in its place if it stood between two words; or retype "
        "the line)"
    ]
    assert _read(tmp_path, text.replace("\x0b", "\u2028")) == [
        "x.yaml:5: sections[0].blocks[0].text: has a line separator (U+2028) after 'Rust', which YAML reads as the end of "
        "the line (delete it, with a space in its place if it stood between two words; or retype the line)"
    ]


def test_a_parser_message_is_always_one_line_without_its_position(tmp_path):
    """The fallback for what the reader does not name first: the line of its position, the parser's words on one line."""
    error = yaml.reader.ReaderError("<unicode string>", 14, 0x0B, "unicode", "special characters are not allowed")
    assert "\n" in str(error) and "position 14" in str(error)
    assert str(plain_problem(error, "x.yaml", "title: Rug\nab: c\x0b\n")) == (
        "x.yaml:2: is not valid YAML: special characters are not allowed (U+000B) (check the characters on this line)"
    )
    marked = yaml.YAMLError('found something odd\n  in "<unicode string>", line 3, column 5')
    assert str(plain_problem(marked, "x.yaml", "")) == (
        "x.yaml:1: is not valid YAML: found something odd (check the characters on this line)"
    )


def test_a_clean_file_costs_one_search(tmp_path):
    """The sample's 20-odd files hold none of these characters: reading them costs one regular expression each."""
    texts = [path.read_text("utf-8") for path in sorted((REPO / "leaflets").rglob("*.yaml"))]
    started = time.perf_counter()
    assert not any(yamlchars.has_any(text) for text in texts)
    assert time.perf_counter() - started < 0.01
