"""What each edition depends on, hashed; and the build manifests that remember those hashes.

An edition is skipped only when its inputs hash to the recorded digest *and* every output the
manifest lists is still on disk with the recorded SHA-256, so a manifest can never vouch for a
PDF that was overwritten, deleted or copied in from elsewhere. A manifest that is unreadable,
truncated or from another leafletpress version is ignored: everything is rebuilt rather than
trusting it.

Output paths are relative to the output folder, so the folder can be moved or downloaded as a
CI artifact. A full build writes `manifest.json`; a shard build (`--shard K/N`) writes
`manifest.shard-K-of-N.json` only, so shards never overwrite each other's records when their
outputs are merged into one folder; the next full build reads them all and replaces them with
one `manifest.json`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import UTC, datetime
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from ..atomic import write_atomic
from ..compose.edition import Edition
from ..content.cssrefs import stylesheet_files
from ..content.folds import FOLDS_FILE
from ..content.library import Library
from ..content.translations import translation_sources
from ..outputs import MANIFEST, SHARD_MANIFESTS, shard_manifest
from ..problems import Problem
from ..version import __version__
from .jobs import Status
from .shard import Shard

FORMAT = 2
ENGINES = ("weasyprint", "pypdf", "pydyf", "fonttools")  # their versions change the bytes we write


def manifest_name(shard: Shard | None) -> str:
    return MANIFEST if shard is None else shard_manifest(shard.index, shard.count)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def code_hash() -> str:
    """The package's own code, templates and fold data, and the engine versions: inputs of every edition."""
    digest = hashlib.sha256(f"leafletpress {__version__}\0".encode())
    for name in ENGINES:
        try:
            digest.update(f"{name} {metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} -\0".encode())
    package = Path(str(resources.files("leafletpress")))  # all of it, not only this stage
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + sha256_file(path).encode())
    return digest.hexdigest()


class InputHasher:
    """Hashes every input file once per build and gives each edition the digest of its inputs."""

    def __init__(self, library: Library, extra: str = ""):
        self.library = library
        self.base = hashlib.sha256(code_hash().encode() + b"\0" + extra.encode())
        self._entries: dict[Path, tuple[str, str]] = {}  # path -> (project-relative name, content hash)
        self._imported: dict[str, list[Path]] = {}  # stylesheet -> the stylesheets it @imports, found once per build
        styles = library.root / "styles"
        # Fonts and images a stylesheet may reference: every non-CSS file under styles/.
        self.assets = sorted(p for p in styles.rglob("*") if p.is_file() and p.suffix != ".css") if styles.is_dir() else []

    def digest(self, edition: Edition) -> tuple[str, list[str]]:
        """A hash of everything the edition's PDF depends on, and those inputs project-relative."""
        digest = self.base.copy()
        # The leaflet's other languages: its web page links them, so a new translation changes the page.
        digest.update(("languages " + " ".join(edition.alternates) + "\0").encode())
        entries = sorted({self._entry(path) for path in self._files(edition)})
        for relative, hashed in entries:
            digest.update(relative.encode() + b"\0" + hashed.encode() + b"\0")
        return digest.hexdigest(), [relative for relative, _ in entries]

    def _files(self, edition: Edition) -> list[Path]:
        library, root = self.library, self.library.root
        condition = library.conditions[edition.condition]
        files = [library.project.path, condition.path, library.teams[edition.team].path]
        files += [library.shared[s.use].path for s in condition.item.sections if s.use]
        if edition.translation:  # the text in its language; the sources still give structure, people and settings
            files += [
                source.path for source in translation_sources(library, edition.team, edition.condition, edition.translation)
            ]
        files += [root / sheet for sheet in edition.stylesheets]
        files += [path for sheet in edition.stylesheets for path in self._imports(sheet)]
        files += [root / image for image in (edition.cover_image, edition.practice_logo) if image]
        if edition.fold in library.folds.own:  # the project's own fold (a built-in one is the package's code)
            files.append(root / FOLDS_FILE)
        return files + self.assets

    def _imports(self, sheet: str) -> list[Path]:
        """The stylesheets a stylesheet @imports, however deep."""
        if sheet not in self._imported:
            self._imported[sheet] = stylesheet_files(self.library.root, self.library.root / sheet)[1:]
        return self._imported[sheet]

    def _entry(self, path: Path) -> tuple[str, str]:
        """A file's project-relative name and content hash, worked out once per build.

        Project-relative names only: the project's absolute path must not change the hash.
        """
        if path not in self._entries:
            relative = path.relative_to(self.library.root).as_posix()
            self._entries[path] = (relative, sha256_file(path) if path.is_file() else "missing")
        return self._entries[path]


def edition_digest(library: Library, edition: Edition, extra: str = "") -> tuple[str, list[str]]:
    """A hash of everything the edition's PDF depends on, and the list of those inputs."""
    return InputHasher(library, extra).digest(edition)


def read_manifest(out: Path, name: str = MANIFEST) -> dict:
    """One manifest's editions, or {} if it is missing or not trustworthy."""
    try:
        data = json.loads((out / name).read_text("utf-8"))
        if data.get("format") != FORMAT or data.get("leafletpress") != __version__:
            return {}
        editions = data["editions"]
        if not isinstance(editions, dict) or not all(_well_formed(v) for v in editions.values()):
            return {}
        return editions
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def read_site(out: Path) -> dict:
    """The web edition's shared files the last full build wrote (web/site.py), or {} if the manifest does not say."""
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
        site = data.get("site", {}) if data.get("format") == FORMAT and data.get("leafletpress") == __version__ else {}
        if isinstance(site.get("outputs"), list) and isinstance(site.get("sha256"), dict):
            return {"outputs": site["outputs"], "sha256": site["sha256"]}
    except (OSError, ValueError, TypeError, AttributeError):
        pass
    return {}


def _well_formed(entry) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("digest"), str)
        and isinstance(entry.get("outputs", []), list)
        and isinstance(entry.get("sha256", {}), dict)
        and isinstance(entry.get("stat", {}), dict)
    )


def outputs_intact(out: Path, entry: dict) -> bool:
    """Every output the entry lists is inside out/ and has the recorded SHA-256.

    A file whose size and modification time are still the ones recorded is not read again:
    hashing every PDF made a no-op rebuild of 400 editions cost 0.15 s more. Any write, copy
    or edit changes the time, and then the content hash decides.
    """
    hashes, stats = entry.get("sha256", {}), entry.get("stat", {})
    base = out.resolve()
    for output in entry.get("outputs", []):
        if not isinstance(output, str) or output not in hashes:
            return False
        path = (base / output).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            return False
        if stats.get(output) != file_stat(path) and sha256_file(path) != hashes[output]:
            return False
    return True


def file_stat(path: Path) -> list[int]:
    """Size and modification time (ns), as the manifest records them."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def read_previous(out: Path, shard: Shard | None) -> dict[str, dict]:
    """What earlier builds into out/ recorded and is still true on disk, per edition slug.

    Every manifest in out/ is read (this build's own first, then the full one, then other
    shards'); for each edition the first entry whose outputs are intact wins.
    """
    own = manifest_name(shard)
    names = [own] + [n for n in [MANIFEST] + sorted(p.name for p in out.glob(SHARD_MANIFESTS)) if n != own]
    chosen: dict[str, dict] = {}
    for name in names:
        for slug, entry in read_manifest(out, name).items():
            if slug not in chosen and (shard is None or shard.holds(slug)) and outputs_intact(out, entry):
                chosen[slug] = entry
    return chosen


def reusable(entry: dict | None, digest: str, strict: bool = False) -> bool:
    """May the edition be skipped: built before from exactly these inputs, outputs intact (checked on read).

    Under `strict`, preflight warnings are errors: an edition that passed with warnings is built again to fail.
    """
    return (
        bool(entry)
        and entry.get("status") == Status.BUILT
        and entry.get("digest") == digest
        and bool(entry.get("outputs"))
        and not (strict and entry.get("preflight") == "warnings")
    )


def recorded_problems(entry: dict) -> list[Problem]:
    """The warnings an edition's last build reported, so that a rebuild that skips it reports them again."""
    try:
        return [Problem(**problem) for problem in entry.get("problems", [])]
    except TypeError:  # a hand-edited manifest: the warnings come back when the edition is next built
        return []


def entry_for(result, inputs: list[str], out: Path, previous: dict | None) -> dict:
    """The manifest entry for an edition that was just built or failed.

    A failed edition keeps listing its last good outputs and when they were built, so the contact
    sheet can say that the PDF it shows is the last good one.
    """
    entry = {"digest": result.digest, "inputs": inputs, "status": result.status, "seconds": round(result.seconds, 3)}
    if result.translation:
        entry["language"] = result.translation
    if result.preflight:
        entry["preflight"] = result.preflight
    if result.fit:
        entry["fit"] = result.fit
    if result.status == Status.FAILED:
        entry["digest"] = ""  # never skip an edition whose last attempt failed
        entry["problems"] = [asdict(p) for p in result.problems]
        # The last good PDFs stay on disk; keep listing them so they are removed when the edition leaves the matrix.
        if previous and previous.get("outputs"):
            entry["outputs"], entry["sha256"] = previous.get("outputs", []), previous.get("sha256", {})
            entry["stat"] = previous.get("stat", {})
            if previous.get("stale"):
                entry["stale"] = previous["stale"]
            if previous.get("built_at"):
                entry["built_at"] = previous["built_at"]
        return entry
    base = out.resolve()
    outputs = [Path(o).resolve().relative_to(base).as_posix() for o in result.outputs if Path(o).resolve().is_relative_to(base)]
    entry["outputs"] = outputs
    stale = _stale(base, previous, outputs)
    if stale:
        entry["stale"] = stale
    entry["built_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    entry["sha256"] = {o: sha256_file(base / o) for o in outputs}
    entry["stat"] = {o: file_stat(base / o) for o in outputs}
    if result.problems:
        entry["problems"] = [asdict(p) for p in result.problems]
    return entry


def _stale(base: Path, previous: dict | None, outputs: list[str]) -> list[str]:
    """Files an earlier build of an edition wrote that this one did not (a print-only build keeps the last
    web page, so its QR code still leads somewhere): never reused, but removed with the edition."""
    if not previous:
        return []
    earlier = [o for o in [*previous.get("outputs", []), *previous.get("stale", [])] if isinstance(o, str)]
    return sorted({o for o in earlier if o not in outputs and (base / o).is_file()})


def remove_outputs(out: Path, entry: dict) -> list[Path]:
    """Delete the files an entry lists (only inside out/), and the folders that leaves empty; the files deleted."""
    base = out.resolve()
    deleted = []
    for output in [*entry.get("outputs", []), *entry.get("stale", [])]:
        path = (base / output).resolve() if isinstance(output, str) else base
        if path.is_relative_to(base) and path != base:
            if path.is_file():
                deleted.append(path)
            path.unlink(missing_ok=True)
            prune(path.parent, base)
    return deleted


def prune(folder: Path, base: Path) -> None:
    """Remove folder and the folders above it inside base while they are empty (an edition's web/ folder)."""
    while folder != base and folder.is_relative_to(base):
        try:
            folder.rmdir()
        except OSError:  # not empty, or gone
            return
        folder = folder.parent


def write_manifest(
    out: Path, editions: dict, shard: Shard | None = None, problems: list[Problem] = (), site: dict | None = None
) -> bool:
    """Write this build's manifest unless it says what the last one said; True if it changed.

    `problems` are those no edition owns (a file no edition uses, a warning about an ignored
    file): the contact sheet shows them above the editions. `site`: the web edition's shared files
    (a full build's only). A full build's manifest supersedes (and removes) the shard manifests it merged.
    """
    data = {"format": FORMAT, "leafletpress": __version__, "editions": dict(sorted(editions.items()))}
    if problems:
        data["problems"] = [asdict(p) for p in problems]
    if site:
        data["site"] = site
    encoded = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    target = out / manifest_name(shard)
    changed = not target.is_file() or target.read_bytes() != encoded
    if changed:
        write_atomic(target, encoded)
    if shard is None:
        for path in out.glob(SHARD_MANIFESTS):
            path.unlink(missing_ok=True)
            changed = True
    return changed
