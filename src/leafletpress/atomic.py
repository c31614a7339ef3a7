"""Files written so that a reader sees the old complete file or the new one, never a part.

Kept free of heavy imports: a no-op rebuild writes its manifest through here without loading pypdf.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old complete file or the new complete one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private (0600); an output should get the usual permissions.
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def link_atomic(source: Path, path: Path) -> bool:
    """Make path a hard link to source, replacing what was there in one step; False where links cannot be made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.link.tmp")
    temp.unlink(missing_ok=True)
    try:
        os.link(source, temp)
    except OSError:  # another file system, or one without hard links (the caller writes a copy)
        return False
    os.replace(temp, path)
    return True


def remove_leftovers(folder: Path, older_than: float) -> None:
    """Delete temporary files that a killed build left behind (write_atomic's .<name>.<random>.tmp)."""
    for temp in folder.rglob(".*.tmp"):
        try:
            if temp.is_file() and temp.stat().st_mtime < older_than:
                temp.unlink()
        except FileNotFoundError:
            continue  # another process finished or removed it meanwhile


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read the umask is to set it; put it back at once
    os.umask(mask)
    return mask
