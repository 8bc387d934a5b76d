"""What is sent to the browser is prepared once per object, never mistaken by id (#16)."""

from __future__ import annotations

import gc
import weakref

import pandas as pd
import plotly.graph_objects as go

from parviz.ui import drawing, kept


def _figure(value: float) -> go.Figure:
    return go.Figure(go.Bar(x=[value], y=["Chí Linh"], orientation="h"))


def test_the_same_figure_is_prepared_once():
    figure = _figure(91.53)
    first = drawing.sent(figure)
    assert drawing.sent(figure) is first
    assert drawing.sent(figure, points_selectable=True) is not first
    assert first.data[0].x == (91.53,)


def test_a_kept_value_of_another_object_is_never_returned():
    figure, other = _figure(91.53), _figure(75.87)
    stale = drawing.sent(other)
    # As if ``figure`` had the id of a figure gone since: the kept copy is not its own.
    kept._prepared[(id(figure), ("sent", False))] = (weakref.ref(other), stale)
    assert drawing.sent(figure).data[0].x == (91.53,)


def test_the_kept_values_are_bounded():
    figures = [_figure(float(value)) for value in range(kept.KEPT + 5)]
    for figure in figures:
        drawing.sent(figure)
    assert len(kept._prepared) <= kept.KEPT


def test_a_value_goes_with_its_object():
    table = pd.DataFrame({"Tiêu chí": ["Chỉ đạo, điều hành"]})
    made = []
    kept.prepared(table, "test", lambda: made.append(1) or "escaped")
    assert kept.prepared(table, "test", lambda: made.append(1) or "again") == "escaped"
    assert made == [1]
    key = (id(table), "test")
    del table
    gc.collect()
    assert key not in kept._prepared
