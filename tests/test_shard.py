"""Shards: a stable split of the editions that together is exactly the whole matrix."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from leafletpress.plan.shard import Shard, parse_shard, shard_of

SLUGS = [f"team{t}/condition-{c}" for t in range(7) for c in range(30)]


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8])
def test_every_edition_is_in_exactly_one_shard(count):
    shards = [Shard(k, count) for k in range(1, count + 1)]
    for slug in SLUGS:
        assert sum(shard.holds(slug) for shard in shards) == 1
    assert all(1 <= shard_of(slug, count) <= count for slug in SLUGS)


def test_shards_are_roughly_even():
    sizes = [sum(Shard(k, 4).holds(s) for s in SLUGS) for k in range(1, 5)]
    assert min(sizes) > len(SLUGS) / 4 * 0.6, sizes


def test_adding_editions_moves_no_other_edition():
    before = {slug: shard_of(slug, 4) for slug in SLUGS}
    more = SLUGS + [f"new-team/condition-{c}" for c in range(10)]
    assert {slug: shard_of(slug, 4) for slug in more if slug in before} == before


def test_the_split_does_not_depend_on_the_process():
    """Every CI job must agree on the split: another process, with another string-hash salt, splits the same."""
    here = [shard_of(slug, 4) for slug in SLUGS]
    code = "from leafletpress.plan.shard import shard_of; import sys; print([shard_of(s, 4) for s in sys.argv[1:]])"
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", code, *SLUGS],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.stdout.strip() == str(here)
    assert [shard_of(f"t/c{i}", 3) for i in range(6)] == [_reference(f"t/c{i}", 3) for i in range(6)]


def _reference(slug: str, count: int) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big") % count + 1


@pytest.mark.parametrize(
    "text, expected", [("1/4", Shard(1, 4)), ("4/4", Shard(4, 4)), (" 2 / 3 ", Shard(2, 3)), ("1/1", Shard(1, 1))]
)
def test_parse_shard(text, expected):
    assert parse_shard(text) == expected


@pytest.mark.parametrize("text", ["0/4", "5/4", "1/0", "1", "a/b", "1/2/3", "-1/2", ""])
def test_parse_shard_refuses_what_is_not_k_of_n(text):
    with pytest.raises(ValueError, match="shard"):
        parse_shard(text)
