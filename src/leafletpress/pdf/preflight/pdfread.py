"""What preflight's interpreter reads of a finished file: paint.Resources over pypdf's objects.

Colour spaces as kinds (gray, rgb, lab, cmyk, registration, spot, ...), ExtGState opacity,
forms and patterns with their content, shadings' colours, and images with what the checks
ask of them (their space, size, alpha, and on request the most ink any pixel carries).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageMath

from ...kept import Kept
from .. import paint


@dataclass
class ImageInfo:
    """What the checks need of an image XObject; its ink is measured only when asked."""

    obj: object
    key: int
    space: str
    width: int
    height: int
    alpha: bool
    _ink: float | None = None
    _measured: bool = False


def image_ink(image: ImageInfo) -> float | None:
    """The highest total ink of any pixel of a CMYK picture, in %; None for other pictures or one not decodable."""
    if image.space != "cmyk":
        return None
    if not image._measured:
        image._measured = True
        image._ink = _darkest(image.obj)
    return image._ink


_DARKEST = Kept(64)  # a picture's darkest pixel, by its encoded data: a logo is in every PDF


def _darkest(obj) -> float | None:
    key = (str(obj.get("/Filter")), obj.get("/Width"), obj.get("/Height"), getattr(obj, "_data", None))
    if key[-1] is None:
        return _measure_darkest(obj)
    return _DARKEST.get(key) if key in _DARKEST else _DARKEST.put(key, _measure_darkest(obj))


def _measure_darkest(obj) -> float | None:
    try:
        data = obj.get_data()
        if obj.get("/Filter") in ("/DCTDecode", ["/DCTDecode"]):
            picture = Image.open(BytesIO(data)).convert("CMYK")
        else:
            picture = Image.frombytes("CMYK", (int(obj["/Width"]), int(obj["/Height"])), data)
    except (OSError, ValueError, KeyError, NotImplementedError):
        return None
    c, m, y, k = picture.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    return total.getextrema()[1] * 100 / 255


class PdfResources:
    """paint.Resources over a finished file's objects, as pypdf reads them."""

    def __init__(self, resources):
        self.resources = resources.get_object() if resources is not None else {}

    def _entry(self, kind: str, name: str):
        entries = self.resources.get(kind)
        if entries is None:
            return None
        value = entries.get_object().get("/" + name)
        return value.get_object() if value is not None else None

    def space(self, name: str) -> paint.Colour:
        kind = space_kind(self._entry("/ColorSpace", name))
        return paint.Colour(
            kind, {"gray": (0.0,), "rgb": (0.0,) * 3, "lab": (0.0,) * 3, "cmyk": (0.0, 0.0, 0.0, 1.0)}.get(kind, (1.0,))
        )

    def state(self, name: str) -> tuple[float, float, bool]:
        state = self._entry("/ExtGState", name) or {}
        return float(state.get("/ca", 1)), float(state.get("/CA", 1)), state.get("/SMask", "/None") != "/None"

    def xobject(self, name: str) -> paint.XObject | None:
        obj = self._entry("/XObject", name)
        if obj is None:
            return None
        if obj.get("/Subtype") == "/Image":
            space = "mask" if obj.get("/ImageMask") else space_kind(obj.get("/ColorSpace"))
            alpha = "/SMask" in obj or int(obj.get("/SMaskInData", 0)) > 0
            key = obj.indirect_reference.idnum if obj.indirect_reference is not None else id(obj)
            return paint.XObject(
                "image", image=ImageInfo(obj, key, space, int(obj.get("/Width", 0)), int(obj.get("/Height", 0)), alpha)
            )
        try:
            data = obj.get_data()
        except (OSError, ValueError, NotImplementedError):
            return None
        matrix = tuple(float(v) for v in obj.get("/Matrix", paint.IDENTITY))
        bbox = tuple(float(v) for v in obj["/BBox"]) if "/BBox" in obj else None
        resources = PdfResources(obj["/Resources"]) if "/Resources" in obj else self
        return paint.XObject("form", data, matrix, bbox, resources)

    def pattern(self, name: str) -> paint.Pattern | None:
        obj = self._entry("/Pattern", name)
        if obj is None:
            return None
        matrix = tuple(float(v) for v in obj.get("/Matrix", paint.IDENTITY))
        if int(obj.get("/PatternType", 1)) == 2:
            return paint.Pattern(matrix, shading=_shading_colour(obj.get("/Shading")))
        try:
            data = obj.get_data()
        except (OSError, ValueError, NotImplementedError):
            return None
        return paint.Pattern(matrix, data, PdfResources(obj["/Resources"]) if "/Resources" in obj else self)

    def shading(self, name: str) -> paint.Colour | None:
        return _shading_colour(self._entry("/Shading", name))


def _shading_colour(shading) -> paint.Colour | None:
    """A gradient's colour space and the more inked of its ends (from an exponential function's C0 and C1)."""
    if shading is None:
        return None
    shading = shading.get_object()
    kind = space_kind(shading.get("/ColorSpace"))
    function = shading.get("/Function")
    function = function.get_object() if function is not None else {}
    parts = [function] if function.get("/FunctionType") == 2 else [f.get_object() for f in function.get("/Functions", [])]
    ends = [tuple(float(v) for v in part.get(key, ())) for part in parts for key in ("/C0", "/C1")]
    ends = [end for end in ends if end]
    if kind == "cmyk" and ends:
        return paint.Colour(kind, max(ends, key=sum))
    return paint.Colour(kind, ends[0] if ends else ())


def space_kind(space) -> str:
    """gray, rgb, lab, cmyk, registration, spot, pattern, indexed or other: what a pypdf colour space is."""
    space = space.get_object() if hasattr(space, "get_object") else space
    if isinstance(space, str):
        return {
            "/DeviceGray": "gray",
            "/G": "gray",
            "/DeviceRGB": "rgb",
            "/RGB": "rgb",
            "/DeviceCMYK": "cmyk",
            "/CMYK": "cmyk",
        }.get(space, "pattern" if space == "/Pattern" else "other")
    if not space:
        return "other"
    family = space[0]
    if family == "/ICCBased":
        return {1: "gray", 3: "rgb", 4: "cmyk"}.get(int(space[1].get_object().get("/N", 0)), "other")
    if family == "/Separation":
        return "registration" if space[1] == "/All" else "spot"
    if family in ("/Indexed", "/I"):
        return "rgb" if space_kind(space[1]) == "rgb" else "indexed"
    return {"/Lab": "lab", "/CalRGB": "rgb", "/CalGray": "gray", "/DeviceN": "spot"}.get(family, "other")
