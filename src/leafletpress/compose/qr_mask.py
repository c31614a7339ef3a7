"""The data mask segno chooses for a QR code, found without segno's slow search.

segno chooses a code's data mask (ISO/IEC 18004 7.8) by applying all eight masks and scoring each with the
four penalty rules module by module in pure Python: four fifths of the time a leaflet's code took. best_mask()
scores the same eight candidates with the whole symbol held as one Python int (a row's modules side by side,
then the next row's), so that each rule is a few shifts and ANDs over every row, or every column, at once.

It must return exactly the mask segno.make(url, error=..., micro=False, boost_error=False) chooses, so that
segno.make(..., mask=best_mask(...)) is the very symbol segno makes by itself; tests/test_qr_mask.py checks
that, and pins the segno helpers used here. What segno scores (encoder.find_and_apply_best_mask, mask_scores),
and so what is scored here:

- the symbol before its format and version information are written: those modules and the dark module are light;
- N1: a run of k >= 5 modules of one colour in a row or column scores k - 2;
- N2: every 2x2 block of one colour scores 3 (blocks may overlap);
- N3: dark light dark dark dark light dark in a row or column, with 4 light modules before or after it (beyond
  the edge counts as light), scores 40. segno finds them left to right and, after one that counts, looks on
  from its end, so a pattern overlapping a counted one is not counted;
- N4: 10 for every whole 5 % the share of dark modules is away from 50 %;
- the lowest total wins; of equal totals, the lowest mask number.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import segno
from segno import encoder

# Light modules before each line of the packed symbol: what N3 sees beyond the edge, and where N1 and N2 runs end.
GAP = 4
_BITS = bytes.maketrans(b"\0\1", b"01")


def best_mask(url: str, error: str = "m") -> int:
    """The data mask (0..7) segno.make(url, error=error, micro=False, boost_error=False) chooses."""
    final = segno.make(url, error=error, micro=False, boost_error=False, mask=0).matrix
    layout = _layout(len(final))
    rows = layout.rows.unmasked(_pack(final))
    cols = layout.cols.unmasked(_pack(_transpose(final)))
    masks = zip(layout.rows.masks, layout.cols.masks, strict=True)
    scores = [sum(layout.penalties(rows ^ row_mask, cols ^ col_mask)) for row_mask, col_mask in masks]
    return scores.index(min(scores))


def runs_penalty(dark: int, modules: int) -> int:
    """N1: k - 2 for every run of k >= 5 modules of one colour."""
    score = 0
    for same in (dark, modules & ~dark):
        five = same & same >> 1 & same >> 2 & same >> 3 & same >> 4  # the first of five alike: k - 4 in a run
        starts = five & ~(five << 1)  # one per run
        score += five.bit_count() + 2 * starts.bit_count()
    return score


def blocks_penalty(dark: int, modules: int, stride: int) -> int:
    """N2: 3 for every 2x2 block of one colour."""
    score = 0
    for same in (dark, modules & ~dark):
        pairs = same & same >> 1  # a module and the one right of it
        score += 3 * (pairs & pairs >> stride).bit_count()  # ... and the two below them
    return score


def finder_like_penalty(dark: int, light: int) -> int:
    """N3: 40 for every 1:1:3:1:1 pattern with four light modules before or after it, as segno's scan finds them."""
    found = dark & light >> 1 & dark >> 2 & dark >> 3 & dark >> 4 & light >> 5 & dark >> 6
    four_light = light & light >> 1 & light >> 2 & light >> 3
    counts = found & (four_light << 4 | four_light >> 7)
    # A pattern can only overlap one that starts 4 or 6 modules before it. segno skips it if that one counted,
    # and that one was looked at only if not skipped itself: settle these (rare, short) chains from the left.
    seen = found
    while True:
        counted = seen & counts
        still_seen = found & ~(counted << 4 | counted << 6)
        if still_seen == seen:
            return 40 * counted.bit_count()
        seen = still_seen


def balance_penalty(dark: int, size: int) -> int:
    """N4: 10 for every whole 5 % the share of dark modules is from 50 % (in segno's float arithmetic)."""
    percent = float(dark.bit_count()) / (size**2)
    return 10 * int(abs(percent * 100 - 50) / 5)


def _pack(lines) -> int:
    """Lines of 0/1 modules as one int: line i's module j is bit GAP + i * (size + GAP) + j, the gaps 0."""
    gap = bytes(GAP)
    modules = gap + gap.join(map(bytes, lines))
    return int(modules[::-1].translate(_BITS), 2)


def _transpose(matrix):
    return zip(*matrix, strict=True)


class _Direction(NamedTuple):
    """The symbol's lines one way (its rows, or its columns), packed: what scoring needs besides the data."""

    function: int  # the dark modules outside the data: finder, separator, timing and alignment patterns
    data: int  # the modules that carry data, and are masked
    masks: tuple[int, ...]  # the data modules each of the eight masks inverts

    def unmasked(self, final: int) -> int:
        """The symbol segno scores, before any mask, from the final one made with mask 0."""
        return self.function | (final ^ self.masks[0]) & self.data


class _Layout(NamedTuple):
    size: int
    modules: int  # every module, no gap
    around: int  # every module and gap, and the gap after the last line: N3 takes all that is not dark as light
    rows: _Direction
    cols: _Direction

    def penalties(self, rows: int, cols: int) -> tuple[int, int, int, int]:
        """N1, N2, N3 and N4 of the symbol whose rows and columns are packed in rows and cols (segno's mask_scores)."""
        return (
            runs_penalty(rows, self.modules) + runs_penalty(cols, self.modules),
            blocks_penalty(rows, self.modules, stride=self.size + GAP),
            finder_like_penalty(rows, self.around & ~rows) + finder_like_penalty(cols, self.around & ~cols),
            balance_penalty(rows, self.size),
        )


@cache
def _layout(size: int) -> _Layout:
    """Where the function patterns, the data and the masks are in a size x size symbol, as segno lays them out."""
    # The symbol before its data, built as find_and_apply_best_mask builds it: 2 is data, 0 and 1 the rest.
    grid = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(grid, size, size)
    encoder.add_alignment_patterns(grid, size, size)
    function = [[int(v == 1) for v in row] for row in grid]
    data = [[int(v == 2) for v in row] for row in grid]
    masks = [
        [[int(data[i][j] and bool(inverts(i, j))) for j in range(size)] for i in range(size)]
        for inverts in encoder.get_data_mask_functions(is_micro=False)
    ]

    def direction(lines) -> _Direction:
        return _Direction(_pack(lines(function)), _pack(lines(data)), tuple(_pack(lines(m)) for m in masks))

    modules = _pack([[1] * size] * size)
    around = (1 << (size * (size + GAP) + GAP)) - 1
    return _Layout(size, modules, around, direction(lambda m: m), direction(_transpose))
