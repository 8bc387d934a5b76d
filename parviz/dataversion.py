"""The version id of a dataset on disk, and the lock that makes a save one step for readers.

A save replaces several files. Readers (``loading.load``) hold the dataset's lock shared while
they read, writers hold it exclusive from the read of an import to the last replaced file, so a
reader sees the files all before or all after a save, and two imports run one after the other.
The lock is ``flock`` on the dataset folder itself: nothing is created in the folder, and a
read-only folder (the bundled sample) is locked as well. Users who edit the CSV files by hand
take no lock; their edits still change the version id.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX; elsewhere saves are not serialised (parviz is served from Linux)
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

# The files a dataset is made of (schema.TABLES), named here so this module stays import-light.
from parviz.schema import TABLES

_held = threading.local()  # {folder: "shared" | "exclusive"} held by this thread


def data_version(path: Path | str) -> str:
    """Return a short id of the dataset's current content, cheap (one stat per table file).

    It changes whenever a table file is replaced (a parviz save or undo: new inode, time) or
    edited in place (size, time); equal ids mean the same files. A missing path gives "".
    """
    path = Path(path)
    try:
        files = [path] if path.is_file() else [path / table.file_name for table in TABLES]
    except OSError:
        return ""
    digest = hashlib.sha256(str(path.resolve()).encode())
    for file in files:
        try:
            stat = file.stat()
        except FileNotFoundError:
            digest.update(f"{file.name}|absent".encode())
            continue
        # Not st_ctime: a save hard-links unchanged files while it validates (see storage).
        fields = (file.name, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        digest.update("|".join(map(str, fields)).encode())
    return digest.hexdigest()[:16] if path.exists() else ""


@contextlib.contextmanager
def dataset_lock(path: Path | str, *, exclusive: bool) -> Iterator[None]:
    """Hold the dataset's lock (shared to read, exclusive to write) for the ``with`` block.

    Re-entrant within a thread: an import holding it exclusive reads and saves inside it.
    """
    folder = Path(path)
    folder = folder if folder.is_dir() else folder.parent
    key = str(folder.resolve())
    held: dict[str, str] = _held.__dict__.setdefault("folders", {})
    if key in held and (held[key] == "exclusive" or not exclusive):
        yield
        return
    if key in held:  # shared held, exclusive wanted: upgrading could deadlock two readers
        raise RuntimeError(f"cannot upgrade a shared dataset lock on {key}")
    descriptor = _open(folder)
    try:
        if descriptor is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        held[key] = "exclusive" if exclusive else "shared"
        yield
    finally:
        held.pop(key, None)
        if descriptor is not None:
            os.close(descriptor)  # closing releases the lock


def _open(folder: Path) -> int | None:
    """Return a descriptor of ``folder`` to lock, or None where locking is not available."""
    if fcntl is None or not folder.is_dir():
        return None
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
