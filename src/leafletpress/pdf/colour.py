"""Colour stage: CSS's light (sRGB, Lab) as the press's ink (CMYK) through the output profile, and ink back as light.

One `Press` per output profile and process (LittleCMS through Pillow's ImageCms; its transforms
are deterministic): the print edition asks it for the ink of each colour and picture, the
screen edition for the light of a colour the designer gave in ink (`device-cmyk()`).

Black and grey go on the black plate alone, because small type printed in four inks blurs
when the plates are a hair apart: a colour is *grey* when its chroma (C*ab) is below
NEUTRAL_CHROMA, whatever its lightness, and *black* when it is darker than BLACK_LIGHTNESS
and less colourful than BLACK_CHROMA (body text #1f2a30 is L* 16, C*ab 7: a designer's
blue-black means black). Both get the black tint that prints their lightness on this press.
Every other colour goes through the profile, relative colorimetric with black point
compensation: brand colours inside the press's gamut print as close as it can (perceptual
would desaturate them too), and sRGB's black maps to the press's deepest black instead of
clipping. Then the total ink is held to MAX_INK.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from io import BytesIO

from PIL import Image, ImageCms

NEUTRAL_CHROMA = 3.0  # C*ab below this looks grey at any lightness
BLACK_LIGHTNESS = 30.0  # L* darker than about 90 % black ...
BLACK_CHROMA = 10.0  # ... and this little colour: meant as black
SOLID_BLACK = 0.97  # a black tint this dark prints solid: 97-99 % screens show pinholes in type
MAX_INK = 3.0  # total area coverage, C + M + Y + K (300 %): what coated sheet-fed offset dries with

CMYK = tuple[float, float, float, float]
RGB = tuple[float, float, float]
LAB = tuple[float, float, float]


class Press:
    """One output profile's conversions, built once: sRGB and Lab to ink, ink to sRGB and Lab."""

    def __init__(self, profile: bytes):
        self.profile = profile
        self.digest = hashlib.sha256(profile).hexdigest()
        press = ImageCms.ImageCmsProfile(BytesIO(profile))
        srgb = ImageCms.createProfile("sRGB")
        lab = ImageCms.createProfile("LAB", 5000)  # CIE Lab, D50: the PDF's and CSS's lab()
        relative, bpc = ImageCms.Intent.RELATIVE_COLORIMETRIC, ImageCms.Flags.BLACKPOINTCOMPENSATION
        self._to_ink = ImageCms.buildTransform(srgb, press, "RGB", "CMYK", relative, flags=bpc)
        self._lab_to_ink = ImageCms.buildTransform(lab, press, "LAB", "CMYK", relative, flags=bpc)
        self._to_lab = ImageCms.buildTransform(srgb, lab, "RGB", "LAB", relative)
        self._ink_to_lab = ImageCms.buildTransform(press, lab, "CMYK", "LAB", relative)
        self._to_light = ImageCms.buildTransform(press, srgb, "CMYK", "RGB", relative, flags=bpc)
        # The lightness each black tint prints at (0..255 of K alone), for greys matched by lightness.
        ramp = Image.new("CMYK", (256, 1))
        ramp.putdata([(0, 0, 0, k) for k in range(256)])
        self._black_ramp = [_lab(pixel)[0] for pixel in _pixels(ImageCms.applyTransform(ramp, self._ink_to_lab))]
        self._inks: dict[tuple, CMYK] = {}
        self._lights: dict[CMYK, RGB] = {}
        self._labs: dict[tuple, LAB] = {}

    def ink(self, rgb: RGB) -> CMYK:
        """The ink for an sRGB colour (components 0..1)."""
        key = tuple(_byte(v) for v in rgb)
        if key not in self._inks:
            self.prepare([rgb])
        return self._inks[key]

    def prepare(self, colours: list[RGB]) -> None:
        """Convert many sRGB colours at once (one LittleCMS call each way, not one per colour)."""
        keys = sorted({tuple(_byte(v) for v in rgb) for rgb in colours} - self._inks.keys())
        if not keys:
            return
        strip = Image.new("RGB", (len(keys), 1))
        strip.putdata(keys)
        labs = [_lab(p) for p in _pixels(ImageCms.applyTransform(strip, self._to_lab))]
        inks = _pixels(ImageCms.applyTransform(strip, self._to_ink))
        for key, lab, ink in zip(keys, labs, inks, strict=True):
            self._inks[key] = self._black(lab[0]) if is_black_or_grey(lab) else _limit(ink)

    def ink_for_lab(self, lab: LAB) -> CMYK:
        """The ink for a CIE Lab (D50) colour, as CSS's lab(), lch(), oklab() and oklch() give it."""
        key = ("lab", *(round(v, 1) for v in lab))
        if key not in self._inks:
            if is_black_or_grey(lab):
                self._inks[key] = self._black(lab[0])
            else:
                pixel = Image.new("LAB", (1, 1), _lab_bytes(lab))
                self._inks[key] = _limit(ImageCms.applyTransform(pixel, self._lab_to_ink).getpixel((0, 0)))
        return self._inks[key]

    def light(self, cmyk: CMYK) -> RGB:
        """The sRGB colour (0..1) that shows on screen what an ink prints on this press."""
        key = tuple(round(v, 4) for v in cmyk)
        if key not in self._lights:
            pixel = Image.new("CMYK", (1, 1), tuple(_byte(v) for v in cmyk))
            rgb = ImageCms.applyTransform(pixel, self._to_light).getpixel((0, 0))
            self._lights[key] = tuple(round(v / 255, 4) for v in rgb)
        return self._lights[key]

    def lab_of_ink(self, cmyk: CMYK) -> LAB:
        """The colour an ink prints as, in CIE Lab (D50)."""
        key = tuple(_byte(v) for v in cmyk)
        if key not in self._labs:
            pixel = Image.new("CMYK", (1, 1), key)
            self._labs[key] = _lab(ImageCms.applyTransform(pixel, self._ink_to_lab).getpixel((0, 0)))
        return self._labs[key]

    def picture(self, image: Image.Image) -> Image.Image:
        """An RGB picture as CMYK ink through the profile (a grey one as black ink alone)."""
        if image.mode == "L":
            return Image.merge("CMYK", [Image.new("L", image.size, 0)] * 3 + [image.point(lambda v: 255 - v)])
        return ImageCms.applyTransform(image.convert("RGB"), self._to_ink)

    def picture_light(self, image: Image.Image) -> Image.Image:
        """A CMYK picture as the sRGB it prints as on this press."""
        return ImageCms.applyTransform(image, self._to_light)

    def _black(self, lightness: float) -> CMYK:
        """Black ink alone, the tint that prints this lightness (solid black for anything darker than it)."""
        ramp = self._black_ramp
        if lightness <= ramp[-1]:
            return (0.0, 0.0, 0.0, 1.0)
        k = next(k for k in range(1, 256) if ramp[k] <= lightness)
        # between tint k-1 (lighter) and k (darker)
        span = ramp[k - 1] - ramp[k]
        tint = (k - (lightness - ramp[k]) / span if span else k) / 255
        tint = 1.0 if tint >= SOLID_BLACK else round(tint, 3)
        return (0.0, 0.0, 0.0, max(tint, 0.0))


@lru_cache(maxsize=4)
def press(profile: bytes) -> Press:
    """The Press for an output profile, made once per process (building its transforms takes ~40 ms)."""
    return Press(profile)


def is_black_or_grey(lab: LAB) -> bool:
    """Whether a colour is meant as black or grey, so that it belongs on the black plate alone."""
    lightness, a, b = lab
    chroma = (a * a + b * b) ** 0.5
    return chroma < NEUTRAL_CHROMA or (lightness < BLACK_LIGHTNESS and chroma < BLACK_CHROMA)


def _limit(ink: tuple[int, int, int, int]) -> CMYK:
    """8-bit ink as 0..1 fractions, the coloured inks scaled back so the total stays within MAX_INK."""
    c, m, y, k = (v / 255 for v in ink)
    if c + m + y + k > MAX_INK:
        scale = (MAX_INK - k) / (c + m + y)
        c, m, y = c * scale, m * scale, y * scale
    return tuple(round(v, 4) for v in (c, m, y, k))


def _byte(value: float) -> int:
    return min(255, max(0, round(float(value) * 255)))


def _pixels(image: Image.Image) -> list[tuple]:
    return [image.getpixel((x, 0)) for x in range(image.width)]


def _lab(pixel: tuple[int, int, int]) -> LAB:
    """Pillow's 8-bit LAB pixel (L 0..255 for 0..100, a and b offset by 128) as L*, a*, b*."""
    lightness, a, b = pixel
    return (lightness * 100 / 255, a - 128, b - 128)


def _lab_bytes(lab: LAB) -> tuple[int, int, int]:
    lightness, a, b = lab
    return (
        min(255, max(0, round(lightness * 255 / 100))),
        min(255, max(0, round(a) + 128)),
        min(255, max(0, round(b) + 128)),
    )
