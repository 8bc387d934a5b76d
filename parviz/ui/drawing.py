"""Charts drawn once in the browser (#16): each figure sent as :mod:`parviz.charts.drawn_once`
prepares it, kept per figure so a rerun or another session does not prepare it again."""

from __future__ import annotations

import plotly.graph_objects as go

from parviz.charts import drawn_once
from parviz.ui import kept


def sent(figure: go.Figure, *, points_selectable: bool = False) -> go.Figure:
    """Return ``figure`` prepared to be drawn once (kept per figure: :mod:`parviz.ui.kept`)."""
    return kept.prepared(
        figure,
        ("sent", points_selectable),
        lambda: drawn_once.for_browser(figure, points_selectable=points_selectable),
    )
