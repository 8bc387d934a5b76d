"""The figures sent to the browser are prepared once per figure, never mistaken by id (#16)."""

from __future__ import annotations

import weakref

import plotly.graph_objects as go

from parviz.ui import drawing


def _figure(value: float) -> go.Figure:
    return go.Figure(go.Bar(x=[value], y=["Chí Linh"], orientation="h"))


def test_the_same_figure_is_prepared_once():
    figure = _figure(91.53)
    first = drawing.sent(figure)
    assert drawing.sent(figure) is first
    assert drawing.sent(figure, points_selectable=True) is not first
    assert first.data[0].x == (91.53,)


def test_a_kept_copy_of_another_figure_is_never_returned():
    figure, other = _figure(91.53), _figure(75.87)
    stale = drawing.sent(other)
    # As if ``figure`` had the id of a figure gone since: the kept copy is not its own.
    drawing._prepared[(id(figure), False)] = (weakref.ref(other), stale)
    assert drawing.sent(figure).data[0].x == (91.53,)


def test_the_kept_copies_are_bounded():
    figures = [_figure(float(value)) for value in range(drawing._KEPT + 5)]
    for figure in figures:
        drawing.sent(figure)
    assert len(drawing._prepared) <= drawing._KEPT
