"""The Jinja2 environment for leafletpress's own templates: autoescaped, strict about missing names."""

from __future__ import annotations

import jinja2


def environment(**options) -> jinja2.Environment:
    """An environment over the package's templates/ folder; `options` add to the shared settings."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
