"""qr_mask.best_mask is the data mask segno chooses itself, so a leaflet's QR code is the same symbol, made faster.

The four penalty rules equal segno's mask_scores, on random symbols and on ones full of overlapping patterns;
the segno helpers the layout is built from still lay a symbol out as ISO/IEC 18004 does; over 3000 addresses
best_mask is the mask segno chose for them; and over a live sample segno chooses now, the symbol (code.matrix)
and qr.svg's bytes are the old ones. segno's own choice for the 3000 takes about 15 s, three times what this whole
file may, so it is recorded in fixtures/qr-masks.txt: re-record it with `python -m tests.test_qr_mask` after a
segno upgrade (the test that reads it says when).
"""

from __future__ import annotations

import hashlib
import random
import re
import string

import pytest
import segno
from segno import encoder

from leafletpress.compose import qr
from leafletpress.compose.qr_mask import GAP, _layout, _pack, best_mask

from .helpers import REPO

RECORDED = REPO / "tests" / "fixtures" / "qr-masks.txt"
RECORDED_COUNT, RECORDED_SEED = 3000, 18004


def segnos_own(url: str) -> segno.QRCode:
    """qr._code as it was before qr_mask: segno chooses the mask."""
    return segno.make(url, error="m", micro=False, boost_error=False)


def addresses(count: int, seed: int, *, short: bool = True) -> list[str]:
    """count varied addresses of 10..300 characters, the same every run (random.random's sequence is stable).

    Leaflet-like, mixed case, digits only (segno's numeric mode), upper case (its alphanumeric mode) and any
    printable ASCII; with and without a trailing '/'. short: mostly short ones, as addresses are, else any length.
    """
    rnd = random.Random(seed)

    def pick(chars: str, n: int) -> str:
        return "".join(chars[int(rnd.random() * len(chars))] for _ in range(n))

    kinds = (
        lambda n: ("https://www.fysiofits.nl/folders/" + pick(string.ascii_lowercase + string.digits + "-/", n))[:n],
        lambda n: ("https://" + pick(string.ascii_letters + string.digits + "-._~/%?=&", n))[:n],
        lambda n: pick(string.digits, n),
        lambda n: ("HTTPS://" + pick(string.ascii_uppercase + string.digits + "-./:", n))[:n],
        lambda n: pick("".join(map(chr, range(32, 127))), n),
    )
    found = []
    for i in range(count):
        r = rnd.random()
        url = kinds[i % len(kinds)](10 + int(291 * (r * r if short else r)))
        if i % len(kinds) != 2:  # digits stay digits
            url = url[:-1] + ("/" if i // len(kinds) % 2 else "x")
        found.append(url)
    return found


def digest(urls: list[str]) -> str:
    return hashlib.sha256("\n".join(urls).encode()).hexdigest()


def random_symbol(rnd: random.Random, size: int, style: str) -> tuple[bytearray, ...]:
    """A size x size matrix of 0/1: random at some density, or lines of finder-like pieces that overlap and chain."""
    if style == "pieces":
        pieces = ("1011101", "10111011101", "1011101011101", "101110111011101", "0000", "00000", "1111", "1", "0", "1011")

        def line() -> str:
            text = ""
            while len(text) < size:
                text += pieces[int(rnd.random() * len(pieces))]
            start = int(rnd.random() * (len(text) - size + 1))
            return text[start : start + size]

        lines = [line() for _ in range(size)]
        if rnd.random() < 0.5:  # the pieces down the columns
            lines = ["".join(column) for column in zip(*lines, strict=True)]
        return tuple(bytearray(int(c) for c in text) for text in lines)
    density = float(style)
    return tuple(bytearray(int(rnd.random() < density) for _ in range(size)) for _ in range(size))


def our_scores(matrix) -> tuple[int, int, int, int]:
    return _layout(len(matrix)).penalties(_pack(matrix), _pack(zip(*matrix, strict=True)))


@pytest.mark.parametrize("size", [21, 25, 45, 69])
def test_the_four_penalties_are_segnos(size):
    """N1..N4 of random symbols, and of ones made of overlapping 1:1:3:1:1 patterns, equal segno's mask_scores."""
    rnd = random.Random(size)
    for style in ("0.5", "0.5", "0.3", "0.7", "0.1", "0.95", "pieces", "pieces", "pieces", "pieces") * 10:
        matrix = random_symbol(rnd, size, style)
        assert our_scores(matrix) == encoder.mask_scores(matrix, size, size), (style, [m.hex() for m in matrix])


def test_a_pattern_overlapping_a_counted_one_is_not_counted():
    """segno goes on after the end of a counted 1:1:3:1:1; the one overlapping it (after it four light) is not counted."""
    size = 21
    matrix = tuple(bytearray(size) for _ in range(size))
    matrix[10][4:15] = bytes([1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1])  # patterns at 4 (light before) and 8 (light after)
    assert encoder.mask_scores(matrix, size, size)[2] == 40
    assert our_scores(matrix)[2] == 40


def at(size: int, i: int, j: int) -> int:
    """Module (i, j) of a packed size x size symbol."""
    return 1 << (GAP + i * (size + GAP) + j)


@pytest.mark.parametrize("version", range(1, 41))
def test_segnos_helpers_lay_the_symbol_out_as_iso_18004_does(version):
    """Pins what _layout takes from segno.encoder (make_matrix, add_finder_patterns, add_alignment_patterns): the
    data modules are as many as ISO/IEC 18004 has for the version, and the format information and the dark module
    are light and not among them, as segno scores a symbol before they are written."""
    size = 17 + 4 * version
    layout = _layout(size)
    aligned = version // 7 + 2
    data = (16 * version + 128) * version + 64 - ((25 * aligned - 10) * aligned - 55 if version > 1 else 0)
    data -= 36 if version >= 7 else 0
    assert layout.rows.data.bit_count() == layout.cols.data.bit_count() == data
    format_and_dark = [(8, j) for j in (*range(6), 7, 8, *range(size - 8, size))]
    format_and_dark += [(i, 8) for i in (*range(6), 7, *range(size - 8, size))]
    for i, j in format_and_dark:
        assert not (layout.rows.data | layout.rows.function) & at(size, i, j), (i, j)
    assert layout.rows.function & at(size, 6, 8) and layout.rows.function & at(size, 8, 6)  # timing, not format


@pytest.mark.parametrize("version", [1, 7, 40])
def test_the_masks_are_iso_18004s_table_10(version):
    """Pins encoder.get_data_mask_functions: each mask inverts the data modules Table 10 says."""
    size = 17 + 4 * version
    layout = _layout(size)
    table_10 = (
        lambda i, j: (i + j) % 2 == 0,
        lambda i, j: i % 2 == 0,
        lambda i, j: j % 3 == 0,
        lambda i, j: (i + j) % 3 == 0,
        lambda i, j: (i // 2 + j // 3) % 2 == 0,
        lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
        lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
    )
    for mask, inverts in zip(layout.rows.masks, table_10, strict=True):
        assert mask == sum(at(size, i, j) for i in range(size) for j in range(size) if inverts(i, j)) & layout.rows.data


def read_recorded() -> tuple[str, str, str]:
    """The segno version, the addresses' digest and the masks in fixtures/qr-masks.txt."""
    text = RECORDED.read_text(encoding="utf-8")
    version, urls = re.search(r"^# segno (\S+) chose .* sha256 (\w+)", text, re.M).groups()
    return version, urls, "".join(line for line in text.splitlines() if not line.startswith("#"))


def test_best_mask_is_the_mask_segno_chose_for_3000_addresses():
    version, recorded_digest, masks = read_recorded()
    assert segno.__version__ == version, (
        f"fixtures/qr-masks.txt holds segno {version}'s choices, segno {segno.__version__} is installed: "
        "re-record them (python -m tests.test_qr_mask) and see this file pass"
    )
    urls = addresses(RECORDED_COUNT, RECORDED_SEED)
    assert digest(urls) == recorded_digest, "addresses() changed: re-record (python -m tests.test_qr_mask)"
    assert len(masks) == len(urls)
    wrong = [(url, int(mask), best_mask(url)) for url, mask in zip(urls, masks, strict=True) if best_mask(url) != int(mask)]
    assert not wrong


def test_the_symbol_and_the_svg_are_the_ones_segno_makes_by_itself(monkeypatch):
    """Segno choosing now, over every size an address makes: best_mask, the matrix and qr.svg's bytes are the old ones."""
    urls = addresses(60, seed=7, short=False) + [
        f"https://www.fysiofits.nl/folders/team{t:02d}/condition-{c:02d}/" for t in (1, 7) for c in range(1, 6)
    ]
    theirs = {url: segnos_own(url) for url in urls}
    assert len({code.version for code in theirs.values()}) >= 12
    ours = {}
    for url in urls:
        assert best_mask(url) == theirs[url].mask, url
        assert qr._code(url).matrix == theirs[url].matrix, url
        ours[url] = qr.svg(url, f"Online: {url}")
    monkeypatch.setattr(qr, "_code", theirs.__getitem__)
    for url in urls:
        assert ours[url] == qr.svg(url, f"Online: {url}"), url


def record() -> None:
    """Write fixtures/qr-masks.txt: the masks segno chooses itself for the 3000 addresses."""
    urls = addresses(RECORDED_COUNT, RECORDED_SEED)
    masks = "".join(str(segnos_own(url).mask) for url in urls)
    lines = [masks[i : i + 100] for i in range(0, len(masks), 100)]
    RECORDED.write_text(
        f"# segno {segno.__version__} chose these data masks, one digit an address, for tests/test_qr_mask.py's "
        f"addresses({RECORDED_COUNT}, {RECORDED_SEED}), sha256 {digest(urls)}\n"
        "# segno.make(url, error='m', micro=False, boost_error=False).mask; re-record: python -m tests.test_qr_mask\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    record()
