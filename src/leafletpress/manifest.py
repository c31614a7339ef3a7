"""What each edition depends on, hashed; and the build manifest that remembers those hashes.

A manifest that is unreadable, truncated or from another leafletpress version is ignored:
everything is rebuilt rather than trusting it.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import __version__
from .compose import Edition
from .load import Library
from .output import write_atomic

MANIFEST_NAME = "manifest.json"
FORMAT = 1


@lru_cache(maxsize=4096)
def _file_hash(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_hash(path: Path) -> str:
    stat = path.stat()
    return _file_hash(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1)
def _code_hash() -> str:
    """Templates and the fold data are inputs too, as is the leafletpress version."""
    digest = hashlib.sha256(__version__.encode())
    package = resources.files(__package__)
    for name in ("folds.yaml", "templates/leaflet.html.j2", "templates/block.html.j2"):
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()


def edition_inputs(library: Library, edition: Edition) -> list[Path]:
    """The files an edition depends on, project-relative."""
    root = library.root
    condition = library.conditions[edition.condition]
    files = [library.project.path, condition.path, library.teams[edition.team].path]
    files += [library.shared[s.use].path for s in condition.item.sections if s.use]
    files += [root / sheet for sheet in edition.stylesheets]
    files += [root / image for image in (edition.cover_image, edition.practice_logo) if image]
    # Fonts and images a stylesheet may reference: every non-CSS file under styles/.
    files += sorted(p for p in (root / "styles").rglob("*") if p.is_file() and p.suffix != ".css")
    return sorted(set(files))


def edition_digest(library: Library, edition: Edition, extra: str = "") -> tuple[str, list[str]]:
    """A hash of everything the edition's PDF depends on, and the list of those inputs."""
    inputs = edition_inputs(library, edition)
    digest = hashlib.sha256(_code_hash().encode() + extra.encode())
    shown = []
    for path in inputs:
        relative = path.relative_to(library.root).as_posix()
        shown.append(relative)
        digest.update(relative.encode() + b"\0" + file_hash(path).encode())
    return digest.hexdigest(), shown


def read_manifest(out: Path) -> dict:
    """The previous build's editions, or {} if there is no trustworthy manifest."""
    try:
        data = json.loads((out / MANIFEST_NAME).read_text("utf-8"))
        if data.get("format") != FORMAT or data.get("leafletpress") != __version__:
            return {}
        editions = data["editions"]
        if not isinstance(editions, dict) or not all(isinstance(v, dict) and isinstance(v.get("digest"), str) for v in editions.values()):
            return {}
        return editions
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_manifest(out: Path, editions: dict) -> None:
    data = {"format": FORMAT, "leafletpress": __version__, "editions": dict(sorted(editions.items()))}
    write_atomic(out / MANIFEST_NAME, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
