"""The Jinja2 environment for leafletpress's own templates: autoescaped, strict about missing names."""

from __future__ import annotations

import jinja2


def environment(package: str, **options) -> jinja2.Environment:
    """An environment over a stage package's templates/ folder; `options` add to the shared settings."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
