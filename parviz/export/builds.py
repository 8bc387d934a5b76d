"""Expensive exports (PDF through chromium, the PowerPoint deck) built once and one at a time.

Any visitor can ask for the annex PDF or the deck. Each build starts a browser or renders a
dozen charts: twelve at once made 62 chromium processes and 6.4 GB. So, per process:

- the bytes of a build are kept, keyed on everything they depend on (dataset fingerprint, year,
  language, options): the same export asked again is served from memory;
- at most one build runs at a time; the next few wait their turn (``max_waiting``) and are told
  how many are ahead; beyond that the request is refused with :class:`Busy` (try again later);
- one visitor (a session id, ``owner``) has at most one build running or waiting.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

MAX_WAITING = 4  # builds waiting behind the running one; more are refused
MAX_ENTRIES = 24  # kept exports (a deck is ~2 MB, a PDF ~0.3 MB)
WAIT_LIMIT = 300.0  # seconds a request waits for its turn before giving up


class Busy(RuntimeError):
    """Too many exports are being built or waiting: try again in a moment."""


class AlreadyBuilding(RuntimeError):
    """This visitor already has an export being built or waiting."""


class ExportBuilds:
    """A process-wide cache of export bytes with one build at a time and a bounded queue."""

    def __init__(self, *, max_waiting: int = MAX_WAITING, max_entries: int = MAX_ENTRIES,
                 wait_limit: float = WAIT_LIMIT):  # fmt: skip
        self.max_waiting = max_waiting
        self.max_entries = max_entries
        self.wait_limit = wait_limit
        self._done: OrderedDict[Hashable, bytes] = OrderedDict()
        self._state = threading.Lock()  # guards the fields below; never held while building
        self._turn = threading.Lock()  # held by the one build running
        self._active = 0  # builds running or waiting for their turn
        self._owners: set[str] = set()
        self._pending: dict[Hashable, threading.Event] = {}  # exports queued or being built
        self.builds = 0  # builds started (for tests and benchmarks)

    def cached(self, key: Hashable) -> bytes | None:
        """Return the bytes built for ``key``, or None."""
        with self._state:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key]
        return None

    def ahead(self) -> int:
        """Return how many builds run or wait now (what a new request would wait behind)."""
        with self._state:
            return self._active

    def get(
        self,
        key: Hashable,
        build: Callable[[], bytes],
        *,
        owner: str | None = None,
        on_wait: Callable[[int], None] | None = None,
    ) -> bytes:
        """Return the bytes for ``key``: from memory, or built by ``build`` in its turn.

        A request for an export already being built waits for that build instead of queueing
        another. ``on_wait(n)`` is called once when the request must wait behind ``n`` builds.
        Raises Busy when the queue is full (or the wait too long), AlreadyBuilding when
        ``owner`` has a build running or waiting.
        """
        found = self.cached(key)
        if found is not None:
            return found
        done, ahead = self._enter(key, owner)
        try:
            if ahead and on_wait is not None:
                on_wait(ahead)
            if done is not None:  # another request builds this very export: wait for it
                done.wait(self.wait_limit)
                found = self.cached(key)
                if found is None:
                    raise Busy("the export being built for another request did not finish")
                return found
            if not self._turn.acquire(timeout=self.wait_limit):
                raise Busy("waited too long for an export build")
            try:
                return self._build(key, build)
            finally:
                self._turn.release()
        finally:
            self._leave(key, owner, builder=done is None)

    def _enter(self, key: Hashable, owner: str | None) -> tuple[threading.Event | None, int]:
        """Register a request; return the event of the build it waits for (None: it builds)."""
        with self._state:
            if owner is not None and owner in self._owners:
                raise AlreadyBuilding(owner)
            ahead = self._active
            done = self._pending.get(key)
            if done is None:
                if self._active > self.max_waiting:  # one running, max_waiting queued
                    raise Busy(f"{ahead} export builds are running or waiting")
                self._active += 1
                self._pending[key] = threading.Event()
            if owner is not None:
                self._owners.add(owner)
            return done, ahead

    def _build(self, key: Hashable, build: Callable[[], bytes]) -> bytes:
        """Build (in this request's turn, unless built meanwhile) and keep the bytes."""
        found = self.cached(key)
        if found is None:
            self.builds += 1
            found = build()
            self._keep(key, found)
        return found

    def _leave(self, key: Hashable, owner: str | None, *, builder: bool) -> None:
        with self._state:
            if builder:
                self._active -= 1
                self._pending.pop(key).set()  # wake the requests waiting for this export
            if owner is not None:
                self._owners.discard(owner)

    def _keep(self, key: Hashable, data: bytes) -> None:
        with self._state:
            self._done[key] = data
            self._done.move_to_end(key)
            while len(self._done) > self.max_entries:
                self._done.popitem(last=False)

    def clear(self) -> None:
        """Forget every kept export (tests)."""
        with self._state:
            self._done.clear()


# The one per process: every session's PDF and deck requests go through it.
BUILDS = ExportBuilds()
# The whole dataset as a ZIP of CSV files or one workbook (seconds for a large dataset): built
# once per data version, in their own queue so they never wait behind a PDF.
BUNDLES = ExportBuilds(max_waiting=8, max_entries=4)
