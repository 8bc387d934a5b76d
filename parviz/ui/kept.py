"""One prepared value per live object (#16): made once, however many reruns and sessions show it.

The view models' figures and tables live as long as their cache entry; what a page makes from
them for the browser (a figure prepared to be drawn once, a table's escaped text) is the same
every rerun. It is kept per object and per kind, found by the object's identity and checked
against it (a weak reference), never by an id reused; it goes when the object goes.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

KEPT = 256  # prepared values kept (about one per chart or table shown, across pages and choices)

_prepared: OrderedDict[tuple[int, Hashable], tuple[weakref.ref, object]] = OrderedDict()
_lock = threading.Lock()


def prepared(source: object, kind: Hashable, make: Callable[[], T]) -> T:
    """Return the value ``make()`` made for ``source`` (of this ``kind``), making it once."""
    key = (id(source), kind)
    with _lock:
        found = _prepared.get(key)
        if found is not None and found[0]() is source:
            _prepared.move_to_end(key)
            return found[1]  # type: ignore[return-value]
    value = make()
    with _lock:
        _prepared[key] = (weakref.ref(source), value)
        # The source gone (its view model replaced, the data changed) takes its value with it.
        weakref.finalize(source, _prepared.pop, key, None)
        while len(_prepared) > KEPT:
            _prepared.popitem(last=False)
    return value
