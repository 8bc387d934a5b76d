"""Charts drawn once in the browser (#16): each figure sent as :mod:`parviz.charts.drawn_once`
prepares it, kept per figure so a rerun or another session does not prepare it again."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict

import plotly.graph_objects as go

from parviz.charts import drawn_once

_KEPT = 256  # prepared figures kept (about one per chart shown, across pages and choices)

_prepared: OrderedDict[tuple[int, bool], tuple[weakref.ref, go.Figure]] = OrderedDict()
_lock = threading.Lock()


def sent(figure: go.Figure, *, points_selectable: bool = False) -> go.Figure:
    """Return ``figure`` prepared to be drawn once (kept per figure).

    Figures of the view models live as long as their cache entry; a kept copy is found by the
    figure's identity and checked against it (a weak reference), never by an id reused.
    """
    key = (id(figure), points_selectable)
    with _lock:
        found = _prepared.get(key)
        if found is not None and found[0]() is figure:
            _prepared.move_to_end(key)
            return found[1]
    prepared = drawn_once.for_browser(figure, points_selectable=points_selectable)
    with _lock:
        _prepared[key] = (weakref.ref(figure), prepared)
        # A figure gone (its view model replaced, the data changed) takes its copy with it.
        weakref.finalize(figure, _prepared.pop, key, None)
        while len(_prepared) > _KEPT:
            _prepared.popitem(last=False)
    return prepared
