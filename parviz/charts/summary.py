"""Figures of summaries: the block average of each criterion as a share of its maximum."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from parviz import theme
from parviz.breakdown import criterion_name
from parviz.charts.criteria import wrap
from parviz.i18n import t

ROW_HEIGHT = 62  # px per criterion: a two-line name stays clear of the next one


def criterion_averages(summary: pd.DataFrame, lang: str, *, title: str = "") -> go.Figure:
    """Return horizontal bars of each criterion's block average (% of its maximum), C1 on top.

    ``summary`` as from ``breakdown.summary``: criterion_id, order, name_vi, name_en,
    average_pct. The dashed line is 100 % (the maximum).
    """
    rows = summary.sort_values("order")
    labels = [wrap(f"{r['criterion_id']}. {criterion_name(r, lang)}", 34)
              for _, r in rows.iterrows()]
    fig = go.Figure(
        go.Bar(
            x=rows["average_pct"],
            y=labels,
            orientation="h",
            marker_color=theme.PALETTE[0],
            texttemplate="%{x:.2f}%",
            textposition="inside",
            insidetextanchor="end",
            textfont={"color": "#FFFFFF"},
            hovertemplate="%{y}<br>%{x:.2f}%<extra></extra>",
            name=t("report.chart.average_share", lang),
        )
    )
    theme.apply_layout(fig, lang, title)
    fig.update_layout(height=max(360, ROW_HEIGHT * len(rows) + 120), showlegend=False,
                      bargap=0.3)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed",
                     automargin=True)
    fig.update_xaxes(range=[0, 100], ticksuffix="%", title_text=t("report.chart.share_axis",
                                                                   lang))
    return fig
