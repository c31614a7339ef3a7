"""Small helpers for WeasyPrint's pydyf objects, which impose, finish and PDF/X edit before they are written."""

from __future__ import annotations

import re

import pydyf

_REFERENCE = re.compile(rb"(\d+) 0 R")
DEVICE_SPACES = {"DeviceGray": "gray", "G": "gray", "DeviceRGB": "rgb", "RGB": "rgb", "DeviceCMYK": "cmyk", "CMYK": "cmyk"}


def resolve(pdf: pydyf.PDF, value):
    """The object an indirect reference (b'12 0 R') names; any other value as it is.

    pydyf numbers objects by their place in `pdf.objects`.
    """
    if isinstance(value, bytes) and value.endswith(b" R"):
        return pdf.objects[int(value.split(maxsplit=1)[0])]
    return value


def content(stream: pydyf.Stream) -> bytes:
    """A stream's data as pydyf would write it, before any compression."""
    return b"\n".join(item if isinstance(item, bytes) else _to_bytes(item) for item in stream.stream)


def _to_bytes(item) -> bytes:
    if isinstance(item, pydyf.Object):
        return item.data
    if isinstance(item, float):
        return str(int(item)).encode("ascii") if item.is_integer() else f"{item:f}".rstrip("0").encode("ascii")
    return str(item).encode("ascii")


def add(pdf: pydyf.PDF, obj):
    """Add obj to pdf as an indirect object; returns it (its `.reference` is now valid)."""
    pdf.add_object(obj)
    return obj


def pages(pdf: pydyf.PDF) -> list[pydyf.Dictionary]:
    """The page dictionaries, in order (pydyf lists the page tree's kids as number, 0, 'R' triples)."""
    return [pdf.objects[number] for number in referenced(pdf.pages["Kids"])]


def referenced(value) -> list[int]:
    """The object numbers a value refers to directly: a reference, or those in a dictionary or array."""
    if isinstance(value, bytes):
        match = _REFERENCE.fullmatch(value)
        return [int(match.group(1))] if match else []
    if isinstance(value, pydyf.Stream):
        return referenced(value.extra)
    if isinstance(value, dict):
        return [n for item in value.values() for n in referenced(item)]
    if isinstance(value, list):
        numbers = []
        for index, item in enumerate(value):
            if isinstance(item, int) and value[index + 1 : index + 3] == [0, "R"]:
                numbers.append(item)  # pydyf's own way of writing a reference inside an array
            else:
                numbers += referenced(item)
        return numbers
    return []


def space_kind(pdf: pydyf.PDF, value) -> str:
    """gray, rgb, lab, cmyk, registration, spot, pattern, indexed or other: what a colour space is."""
    value = resolve(pdf, value)
    if isinstance(value, str):
        return DEVICE_SPACES.get(value.lstrip("/"), "pattern" if value == "/Pattern" else "other")
    if not isinstance(value, list) or not value:
        return "other"
    family = value[0]
    if family == "/ICCBased":
        profile = resolve(pdf, value[1])
        components = profile.extra.get("N") if isinstance(profile, pydyf.Stream) else None
        return {1: "gray", 3: "rgb", 4: "cmyk"}.get(components, "other")
    if family == "/Separation":
        return "registration" if value[1] == "/All" else "spot"
    return {"/Lab": "lab", "/CalRGB": "rgb", "/CalGray": "gray", "/DeviceN": "spot", "/Indexed": "indexed"}.get(family, "other")
