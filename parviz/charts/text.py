"""Every text a Plotly figure draws is made safe here, once, before the figure leaves a builder.

Plotly reads a small HTML-like language in every text it renders (titles, ticks, hover labels,
legends, annotations): ``<a href="…">`` makes a link, ``<span style="…">`` applies CSS (which
can fetch a URL). Names from the data must never do either. ``safe_figure`` walks the finished
figure and turns every tag into text (``&lt;…&gt;``) except the bare formatting tags parviz's
own builders use (``<br>``, ``<b>``, ``<i>``, ``<sup>``, ``<sub>``, ``<em>``, ``<extra>``): with
no attributes they can neither link nor load anything. Data text already escaped with
:func:`parviz.markup.escape_plotly` passes unchanged.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import plotly.graph_objects as go

from parviz.markup import INVISIBLE, escape_plotly

# The formatting tags the builders write themselves: no attribute, nothing to fetch or follow.
_ALLOWED_TAG = re.compile(r"(</?(?:br|b|i|em|sup|sub|extra)\s*/?>)", re.IGNORECASE)

__all__ = ["escape_plotly", "safe_figure", "safe_text"]


def safe_text(text: str) -> str:
    """Return ``text`` with every tag but the bare formatting ones turned into text.

    Zero-width and direction controls are dropped as well (see parviz.markup.INVISIBLE).
    """
    text = INVISIBLE.sub("", text)  # a direction control would reverse the label
    if "<" not in text and ">" not in text:
        return text
    parts = _ALLOWED_TAG.split(text)
    # Odd parts are allowed tags (the split keeps them); even parts are text.
    return "".join(
        part if index % 2 else part.replace("<", "&lt;").replace(">", "&gt;")
        for index, part in enumerate(parts)
    )


def _walk(value: Any) -> tuple[Any, bool]:
    """Return ``value`` with its strings made safe, and whether anything changed."""
    if isinstance(value, str):
        safe = safe_text(value)
        return safe, safe != value
    if isinstance(value, dict):
        changed = False
        result = {}
        for key, item in value.items():
            result[key], item_changed = _walk(item)
            changed = changed or item_changed
        return result, changed
    if isinstance(value, (list, tuple)):
        walked = [_walk(item) for item in value]
        return [item for item, _ in walked], any(changed for _, changed in walked)
    if isinstance(value, np.ndarray) and value.dtype == object:
        flat = [_walk(item) for item in value.ravel()]
        if not any(changed for _, changed in flat):
            return value, False
        return np.array([item for item, _ in flat], dtype=object).reshape(value.shape), True
    return value, False


def safe_figure(fig: go.Figure) -> go.Figure:
    """Return ``fig`` (changed in place) with no text able to link, style or fetch."""
    for trace in fig.data:
        walked, changed = _walk(trace.to_plotly_json())
        if changed:
            trace.update(walked, overwrite=True)
    walked, changed = _walk(fig.layout.to_plotly_json())
    if changed:
        fig.update_layout(walked, overwrite=True)
    return fig
