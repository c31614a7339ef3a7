"""What a worker made once and may be asked for again, the least recently used forgotten first.

A library's editions repeat most of what they are made of (typeset/share.py): a kept body's panels
are the same in every edition's PDF, and so are its pictures and the output intent's profile. The
stages keep what they made of such things, by what it was made from, in a `Kept` of a few dozen:
where functools.lru_cache cannot, because an entry is checked against the PDF at hand before it is
used (paint._Forms, ink._recoloured), holds None for "cannot be made", or is forgotten per build.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterator
from typing import Any


class Kept:
    """A store of at most `keep` entries; asking for one or putting it makes it the last to be forgotten."""

    def __init__(self, keep: int):
        self.keep = keep
        self._items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, default: Any = None) -> Any:
        if key not in self._items:
            return default
        self._items.move_to_end(key)
        return self._items[key]

    def put(self, key: Hashable, value: Any) -> Any:
        """Keep value under key (the least recently used entry goes when there are too many); value."""
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.keep:
            self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        self._items.clear()

    def values(self) -> Iterator[Any]:
        return iter(self._items.values())

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)
