"""QR codes before and after leafletpress.compose.qr_mask: median ms per code, side by side in one process.

`python bench/qr_mask.py [rounds]`: 400 addresses like the benchmark library's (20 teams x 20 conditions), each
round makes every one with segno choosing the mask ("before") and with best_mask choosing it ("after"), in
alternating order, and checks the two symbols are the same.
"""

from __future__ import annotations

import statistics
import sys
import time

import segno

from leafletpress.compose.qr_mask import best_mask

URLS = [f"https://www.fysiofits.nl/folders/team{t:02d}/condition-{c:02d}/" for t in range(1, 21) for c in range(1, 21)]


def before(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False, boost_error=False)


def after(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False, boost_error=False, mask=best_mask(url))


def ms_per_code(make) -> float:
    start = time.perf_counter()
    for url in URLS:
        make(url)
    return (time.perf_counter() - start) * 1000 / len(URLS)


def main(rounds: int = 5) -> None:
    assert all(before(u).matrix == after(u).matrix for u in URLS), "not the same symbols"
    best_mask(URLS[0])  # the layout of the symbol's size, cached once
    times: dict[str, list[float]] = {"before": [], "after": []}
    for r in range(rounds):
        order = (("before", before), ("after", after)) if r % 2 == 0 else (("after", after), ("before", before))
        for name, make in order:
            times[name].append(ms_per_code(make))
    for name, ms in times.items():
        print(f"{name:6}  median {statistics.median(ms):.3f} ms/code  rounds {' '.join(f'{t:.3f}' for t in ms)}")
    print(f"speed-up {statistics.median(times['before']) / statistics.median(times['after']):.2f}x over {len(URLS)} codes")


if __name__ == "__main__":
    main(*map(int, sys.argv[1:]))
