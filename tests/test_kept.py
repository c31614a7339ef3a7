"""Kept: what a worker made once, the least recently used forgotten first."""

from __future__ import annotations

from leafletpress.kept import Kept


def test_the_least_recently_used_entry_goes_first():
    kept = Kept(2)
    assert kept.put("a", 1) == 1 and kept.put("b", None) is None
    assert kept.get("a") == 1  # asked for: now the last to go
    kept.put("c", 3)
    assert "b" not in kept and "a" in kept and "c" in kept and len(kept) == 2
    assert kept.get("b", "missing") == "missing"
    assert list(kept.values()) == [1, 3]
    kept.clear()
    assert len(kept) == 0


def test_a_kept_none_is_told_apart_from_a_missing_entry():
    kept = Kept(4)
    kept.put("unreadable picture", None)
    assert "unreadable picture" in kept and kept.get("unreadable picture", "missing") is None
