"""finish compresses each stream once per content a worker writes again (a kept body's panels, the profile)."""

from __future__ import annotations

import zlib

from leafletpress.pdf import finish


def test_a_stream_written_again_is_compressed_once_and_the_oldest_go(monkeypatch):
    finish._compressed.cache_clear()
    keep = finish._compressed.cache_info().maxsize
    calls, real = [], zlib.compress
    monkeypatch.setattr(finish.zlib, "compress", lambda data: calls.append(data) or real(data))
    panel = b"BT /F1 9 Tf (x) Tj ET" * 100
    first = finish._compressed(panel)
    assert finish._compressed(bytes(panel)) is first and zlib.decompress(first) == panel
    assert calls == [panel]
    for n in range(keep):  # a font subset per edition: each its own, the panel used again
        finish._compressed(b"subset %d" % n)
        finish._compressed(panel)
    assert calls.count(panel) == 1
    for n in range(keep):
        finish._compressed(b"other %d" % n)
    finish._compressed(panel)
    assert calls.count(panel) == 2  # pushed out when no PDF had it for a while
