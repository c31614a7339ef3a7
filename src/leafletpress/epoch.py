"""The build's date, from SOURCE_DATE_EPOCH (reproducible-builds.org) or a fixed default.

Its own module so that planning a build (hashing inputs) does not import the PDF writer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_EPOCH = 315532800  # 1980-01-01, the reproducible-builds convention when no date is given


def source_date_epoch() -> int:
    """The build's date: SOURCE_DATE_EPOCH when set, so that rebuilds are byte-identical."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else DEFAULT_EPOCH


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the time of a block, then restore the caller's values.

    The engine reads some settings only from the environment (fontTools stamps font subsets
    with SOURCE_DATE_EPOCH, fontconfig reads FONTCONFIG_FILE); a library call must not leave
    them changed in the process that called it.
    """
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def pinned_epoch():
    """SOURCE_DATE_EPOCH set to the build's date for a block: fixed font timestamps, byte-identical rebuilds."""
    return environment(SOURCE_DATE_EPOCH=str(source_date_epoch()))
