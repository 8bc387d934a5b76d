"""Charts drawn once in the browser (#16): the column's width, and the figure as sent.

The server does not know how wide a chart's column is; Streamlit's chart draws at Plotly's
default width first, measures its column, then draws again. A small script on every page
keeps the main column's width in a cookie (``COOKIE``); a session opened in that browser
afterwards (the same person reopening a page, the next viewer on that computer) sends it, and
a full-width chart is sent at that width, drawn once. Without the cookie (the first page a
browser opens) or in a column of its own, a chart is sent as before and drawn twice.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict

import plotly.graph_objects as go
import streamlit as st

from parviz.charts import drawn_once

COOKIE = "parviz_chart_width"
WIDTHS = (200.0, 4000.0)  # px: a cookie's width outside these is not believed
_KEPT = 256  # prepared figures kept (a figure per chart, page and width in use)

# Run on every page (st.html runs it once per element mount); the width as Streamlit measures
# a chart's column (getBoundingClientRect of the main block), kept on resize too.
SCRIPT = f"""
<script>
(() => {{
  const keep = () => {{
    const block = document.querySelector(
      '[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"]');
    if (!block) return;
    const width = block.getBoundingClientRect().width;
    if (width > 0) document.cookie = `{COOKIE}=${{width}}; path=/; max-age=31536000; SameSite=Strict`;
  }};
  keep();
  if (!window.parvizWidthKept) {{
    window.parvizWidthKept = true;
    window.addEventListener('resize', () => requestAnimationFrame(keep));
  }}
}})();
</script>
"""

_prepared: OrderedDict[tuple[int, float | None, bool], tuple[weakref.ref, go.Figure]] = (
    OrderedDict()
)
_lock = threading.Lock()


def column_width() -> float | None:
    """Return the main column's width (px) this browser reported, None when unknown."""
    try:
        text = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no request behind the session (a bare script run)
        return None
    return parse_width(text)


def parse_width(text: str | None) -> float | None:
    """Return the width a cookie's text holds, None for anything else (it comes from outside)."""
    try:
        width = round(float(text), 3)
    except (TypeError, ValueError):
        return None
    return width if WIDTHS[0] <= width <= WIDTHS[1] else None


def sent(figure: go.Figure, width: float | None, *, points_selectable: bool = False) -> go.Figure:
    """Return ``figure`` prepared to be drawn once at ``width`` (kept per figure and width).

    Figures of the view models live as long as their cache entry; a kept copy is found by the
    figure's identity and checked against it (a weak reference), never by an id reused.
    """
    key = (id(figure), width, points_selectable)
    with _lock:
        found = _prepared.get(key)
        if found is not None and found[0]() is figure:
            _prepared.move_to_end(key)
            return found[1]
    prepared = drawn_once.for_browser(figure, width, points_selectable=points_selectable)
    with _lock:
        _prepared[key] = (weakref.ref(figure), prepared)
        while len(_prepared) > _KEPT:
            _prepared.popitem(last=False)
    return prepared
