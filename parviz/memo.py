"""Values computed once and kept where they belong: on the dataset they derive from.

A value derived from a dataset (standings, criterion points, a page's figures) is kept in the
dataset's own ``Memo``: it lives exactly as long as the dataset, so a replaced dataset is freed
with everything derived from it (a module-level ``lru_cache`` keyed on datasets kept up to eight
old ones alive), and nothing a visitor does to Streamlit's caches can drop it (#18, #19).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """A thread-safe map of computed values, optionally bounded (least recently used dropped).

    Each value is computed once even when several sessions ask at the same moment: the first
    computes, the others wait for it (a large dataset's standings take seconds).
    """

    def __init__(self, max_entries: int | None = None) -> None:
        self.max_entries = max_entries
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._busy: dict[Hashable, threading.Lock] = {}
        self.computed = 0  # how many values were computed (tests: "not rebuilt")

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return the value kept under ``key``, computing and keeping it when missing."""
        found, value = self._lookup(key)
        if found:
            return value
        with self._lock:
            busy = self._busy.setdefault(key, threading.Lock())
        with busy:
            found, value = self._lookup(key)
            if found:
                return value
            try:
                value = compute()
                self._keep(key, value)
            finally:
                with self._lock:
                    self._busy.pop(key, None)
        return value

    def _lookup(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if key not in self._values:
                return False, None
            self._values.move_to_end(key)
            return True, self._values[key]

    def _keep(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._values[key] = value
            self.computed += 1
            while self.max_entries is not None and len(self._values) > self.max_entries:
                self._values.popitem(last=False)

    def pop(self, key: Hashable) -> None:
        """Forget the value under ``key`` (if any)."""
        with self._lock:
            self._values.pop(key, None)

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def per_dataset(function: Callable[..., T]) -> Callable[..., T]:
    """Decorate ``function(dataset, *args)``: its result is kept on the dataset (``memo``).

    The result is shared by every caller: never change it. ``args`` must be hashable.
    """
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def kept(dataset, *args: object) -> T:
        return dataset.memo.get((name, args), lambda: function(dataset, *args))

    return kept
