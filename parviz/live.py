"""The live slide: which slide the presenter shows now, shared by every server process.

Behind nginx and several Streamlit replicas the presenter and a follower may be served by
different processes, so the live slide is not kept in memory: it is a small JSON file beside
the data (``.parviz-live.json``), replaced atomically (written to a temporary file in the same
folder, then ``os.replace``), so a reader sees the old slide or the new one, never half of
either. Followers poll it; a poll costs one ``stat`` and reads the file only when it changed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

LIVE_FILE = ".parviz-live.json"
MAX_AGE_SECONDS = 12 * 3600  # a slide left from yesterday's meeting is not "live"
MAX_SPOTLIGHTS = 50  # a file holding more is not one parviz wrote
MAX_BYTES = 64 * 1024

_seen: dict[Path, tuple[tuple[int, int, int], LiveSlide | None]] = {}
_seen_lock = threading.Lock()


@dataclass(frozen=True)
class LiveSlide:
    """The presenter's view: year, slide number (1-based), spotlighted unit ids; when written."""

    year: int
    slide: int
    spotlights: tuple[str, ...]
    stamp: int  # nanoseconds since the epoch of the write: changes with every move

    def view(self) -> tuple[int, int, tuple[str, ...]]:
        """Return what a follower must show: (year, slide, spotlights)."""
        return self.year, self.slide, self.spotlights


def live_path(data: Path | str) -> Path:
    """Return the live-slide file of the dataset at ``data`` (a folder or one workbook)."""
    data = Path(data)
    if data.is_dir():
        return data / LIVE_FILE
    return data.parent / f".parviz-live-{data.name}.json"


def publish(path: Path, *, year: int, slide: int, spotlights: tuple[str, ...] | list[str] = (),
            ) -> LiveSlide:  # fmt: skip
    """Make (year, slide, spotlights) the live slide; raise OSError when it cannot be written."""
    previous = read(path, max_age=None)
    stamp = max(time.time_ns(), previous.stamp + 1 if previous else 0)
    live = LiveSlide(int(year), int(slide), tuple(str(s) for s in spotlights), stamp)
    text = json.dumps({"year": live.year, "slide": live.slide,
                       "spotlights": list(live.spotlights), "stamp": live.stamp})  # fmt: skip
    handle, temporary = tempfile.mkstemp(prefix=".parviz-live-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)  # every replica's user may read it
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return live


def clear(path: Path) -> None:
    """End the live presentation (followers then see none)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def read(path: Path, *, max_age: float | None = MAX_AGE_SECONDS) -> LiveSlide | None:
    """Return the live slide, or None when there is none (missing, unreadable, stale file).

    Cheap enough to call every second from every follower: one ``stat``; the file is read and
    parsed only when its inode, size or modification time changed since the last call.
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    with _seen_lock:
        seen = _seen.get(path)
    if seen is not None and seen[0] == key:
        live = seen[1]
    else:
        live = _load(path, stat.st_size)
        with _seen_lock:
            _seen[path] = (key, live)
    if live is not None and max_age is not None and time.time_ns() - live.stamp > max_age * 1e9:
        return None
    return live


def _load(path: Path, size: int) -> LiveSlide | None:
    if size > MAX_BYTES:
        return None
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def parse(text: str) -> LiveSlide | None:
    """Return the live slide written in ``text``, or None when it is not one parviz wrote."""
    try:
        raw = json.loads(text)
    except ValueError:
        return None
    if not isinstance(raw, dict):
        return None
    year, slide, stamp = raw.get("year"), raw.get("slide"), raw.get("stamp")
    spotlights = raw.get("spotlights", [])
    numbers = (year, slide, stamp)
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        return None
    if slide < 1 or not isinstance(spotlights, list) or len(spotlights) > MAX_SPOTLIGHTS:
        return None
    if not all(isinstance(s, str) and 0 < len(s) <= 200 for s in spotlights):
        return None
    return LiveSlide(year, slide, tuple(spotlights), stamp)
