"""A stable split of the editions into N shards, for CI matrix jobs.

An edition belongs to shard K of N by a hash of its slug, not by its position in the
matrix, so adding or removing an edition never moves the others to another shard.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_SHARD_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    """Shard `index` (1-based) of `count`."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, slug: str) -> bool:
        return shard_of(slug, self.count) == self.index


def shard_of(slug: str, count: int) -> int:
    """The 1-based shard an edition slug ('team/condition') falls into."""
    return int.from_bytes(hashlib.sha256(slug.encode("utf-8")).digest()[:8], "big") % count + 1


def parse_shard(text: str) -> Shard:
    """'2/4' -> Shard(2, 4); raises ValueError with a message for people otherwise."""
    match = _SHARD_RE.match(text)
    if not match:
        raise ValueError(f"shard '{text}' is not K/N, e.g. 1/4")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise ValueError(f"shard '{text}': K must be between 1 and N, e.g. 1/{max(count, 2)}")
    return Shard(index, count)
