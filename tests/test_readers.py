"""What the readers make of a damaged file: a picture cut off, a stylesheet in another encoding.

tests/test_bad_input.py runs each mistake through every command; these pin the rules behind them.
"""

from __future__ import annotations

import os
import struct
import time
from io import BytesIO

from PIL import Image, ImageFile

import pytest

from leafletpress.content import images
from leafletpress.content.cssrefs import read_stylesheet, stylesheet_problem
from leafletpress.content.images import CUT_OFF, data_problem
from leafletpress.problems import Problem
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
