"""Pictures read once per build: every layout of a worker's build shares each raster picture, and the
PDF data WeasyPrint makes of it is made once.

WeasyPrint reads a picture again for every layout and, writing each PDF, decodes a PNG and encodes it
anew (its colour and its alpha apart): for the sample's logo about 1.5 ms, twice an edition (on the cover
and on the back). A `Pictures` is the image cache the Typesetter gives each layout of one build
(WeasyPrint's `cache` option, keyed by the picture's address): after a layout each raster picture in it
becomes a `KeptImage`, whose PDF image object is made the first time and copied after. The copies are
the same bytes (tests/test_share.py compares shared and alone builds); each PDF gets objects of its own,
since writing it numbers them and the ink stage converts them in place.

Only raster pictures are kept: an SVG picture is read for each layout, and a picture that could not be
read is asked for again, so the layout that needs it reports why (typesetter.ProjectFetcher).
"""

from __future__ import annotations

import pydyf
from weasyprint.images import RasterImage


class KeptImage(RasterImage):
    """A raster picture whose PDF image object is made once (see the module docstring)."""

    def __init__(self, image: RasterImage):  # noqa: D107 - the same picture: its data, size and id
        self.__dict__.update(image.__dict__)
        self._objects: dict[tuple, pydyf.Stream] = {}

    def get_x_object(self, interpolate, dpi_ratio):
        key = (interpolate, dpi_ratio)
        if key not in self._objects:
            self._objects[key] = super().get_x_object(interpolate, dpi_ratio)
        return _copy(self._objects[key])


def _copy(stream: pydyf.Stream) -> pydyf.Stream:
    """A new image object with the same data and entries (its soft mask a new one too)."""
    extra = pydyf.Dictionary(stream.extra)
    for name, value in extra.items():
        if isinstance(value, pydyf.Stream):
            extra[name] = _copy(value)
        elif isinstance(value, pydyf.Dictionary):
            extra[name] = pydyf.Dictionary(value)
    return pydyf.Stream(list(stream.stream), extra, stream.compress)


class Pictures(dict):
    """WeasyPrint's image cache for one build's layouts: addresses to pictures, and the pictures' data."""

    def keep(self) -> None:
        """After a layout: keep its raster pictures (as KeptImage), forget the rest of what it read."""
        for key, value in list(self.items()):
            if type(value) is RasterImage:
                self[key] = KeptImage(value)
            elif value is None or (not isinstance(value, (RasterImage, bytes)) and hasattr(value, "draw")):
                del self[key]  # a picture that could not be read, or an SVG: read again by the next layout
