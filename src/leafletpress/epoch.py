"""The build's date, from SOURCE_DATE_EPOCH (reproducible-builds.org) or a fixed default.

Its own module so that planning a build (hashing inputs) does not import the PDF writer.
"""

from __future__ import annotations

import os

DEFAULT_EPOCH = 315532800  # 1980-01-01, the reproducible-builds convention when no date is given


def source_date_epoch() -> int:
    """The build's date: SOURCE_DATE_EPOCH when set, so that rebuilds are byte-identical."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else DEFAULT_EPOCH
