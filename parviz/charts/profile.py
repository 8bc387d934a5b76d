"""Figures of the unit profile: rank history, radar against the block, change waterfall."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from parviz import precision, theme
from parviz.breakdown import criterion_name
from parviz.charts.criteria import TITLE_WIDTH, wrap
from parviz.charts.text import safe_figure
from parviz.i18n import fmt_number, fmt_signed, t
from parviz.profile import OTHER, Deltas


def rank_ticks(most: int, every_up_to: int = 20, max_ticks: int = 8) -> list[int]:
    """Return rank tick values: every rank up to ``every_up_to`` ranks, else 1 and round steps.

    A browser lays out each tick label: 9,500 ranks at one tick per 5 froze it for minutes, and
    the rank panel is a few centimetres high.
    """
    if most <= every_up_to:
        return list(range(1, most + 1))
    step = 1
    while most / step > max_ticks:
        step = _next_round(step)
    return [1, *range(step, most + 1, step)]


def _next_round(step: int) -> int:
    """Return the next round step after ``step``: 1, 2, 5, 10, 20, 50, 100…"""
    digits = len(str(step)) - 1
    lead = step // 10**digits
    return (2 if lead == 1 else 5 if lead == 2 else 10) * 10**digits


def history(
    frame: pd.DataFrame,
    lang: str,
    *,
    title: str,
    breaks: list[int] = (),
    source: str = "",
) -> go.Figure:
    """Rank (top, 1 at the top) and score (bottom) over the years, renames annotated.

    ``frame`` as from ``profile.history``; years without a rank leave a gap; ``breaks`` are
    years whose methodology changed (dashed line before each).
    """
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        row_heights=[0.55, 0.45],
        subplot_titles=[t("profile.chart.rank", lang), t("profile.chart.score", lang)],
    )
    ranks = frame["rank"].astype("Float64").astype(float)
    fig.add_scatter(
        x=frame["year"],
        y=ranks,
        mode="lines+markers+text",
        name=t("profile.chart.rank", lang),
        text=[f"{int(r)}" if pd.notna(r) else "" for r in ranks],
        textposition="top center",
        line={"color": theme.PALETTE[0], "width": 3},
        marker={"size": 10},
        showlegend=False,
        hovertemplate="%{x}: %{y}<extra></extra>",
        row=1,
        col=1,
    )
    scores = frame["score"].astype(float)
    decimals = precision.of_rows(frame)  # each year's label as published
    places = frame.get("decimals", pd.Series([decimals] * len(frame)))
    fig.add_scatter(
        x=frame["year"],
        y=scores,
        mode="lines+markers+text",
        name=t("profile.chart.score", lang),
        text=[fmt_number(s, lang, int(d) if pd.notna(d) else decimals) if pd.notna(s) else ""
              for s, d in zip(scores, places)],  # fmt: skip
        textposition="top center",
        textfont={"size": theme.FONT_SIZE - 3},  # nine years' labels side by side on a phone
        line={"color": theme.PALETTE[1], "width": 3},
        marker={"size": 9},
        showlegend=False,
        hovertemplate=f"%{{x}}: %{{y:.{decimals}f}}<extra></extra>",
        row=2,
        col=1,
    )
    most = frame["units_ranked"].astype(float).max()
    most = most if pd.notna(most) else 1
    fig.update_yaxes(
        # Room above rank 1 for its label; ticks only on real ranks.
        autorange=False,
        range=[most + 0.7, -(0.6 + most * 0.1)],  # a label above rank 1 needs ~12% of the panel
        # The panel is ~170 px high: a tick per rank overlapped beyond 10 ranks (#14).
        tickvals=rank_ticks(int(most), every_up_to=10),
        row=1,
        col=1,
    )
    low = scores.min() if scores.notna().any() else 0
    fig.update_yaxes(
        range=[max(0, low - 14), min(100, scores.max() + 6) if scores.notna().any() else 100],
        row=2,
        col=1,
    )
    fig.update_xaxes(dtick=1, tickformat="d")
    for year in breaks:
        fig.add_vline(x=year - 0.5, line_dash="dash", line_color=theme.GREY)
        fig.add_annotation(
            x=year - 0.5,
            y=1.0,
            yref="paper",
            yshift=-2,
            xanchor="left",
            text=t("profile.chart.methodology_break", lang),
            showarrow=False,
            font={"size": 11, "color": theme.SAME},
        )
    for _, row in frame[frame["renamed"]].iterrows():
        # Below the score point: the rank panel's labels sit above its points.
        fig.add_annotation(
            x=row["year"],
            y=float(row["score"]),
            row=2,
            col=1,
            ax=0,
            ay=48,
            text=wrap(t("profile.chart.renamed", lang, name=row["unit"]), 30),
            showarrow=True,
            arrowhead=2,
            font={"size": 11},
            bgcolor="rgba(255,255,255,0.85)",
        )
    theme.apply_layout(fig, lang, wrap(title, TITLE_WIDTH), source)
    # The widest left label: a score (up to 100) or the last rank.
    room = theme.label_room(["100", f"{most:.0f}" if pd.notna(most) else ""])
    fig.update_layout(height=520, margin={"t": 80, "l": room})
    return safe_figure(fig)  # data text never links or fetches (#19)


def radar(
    series: dict,
    lang: str,
    *,
    title: str,
    unit_name: str,
    leader_name: str | None,
    source: str = "",
) -> go.Figure:
    """Criteria as % of maximum: the unit against the block average and the block leader."""
    fig = go.Figure()
    traces = [
        ("average", t("profile.chart.block_average", lang), theme.AVERAGE_LINE, "dot"),
        (
            "leader",
            t("profile.chart.leader", lang, name=leader_name or ""),
            theme.PALETTE[1],
            "dash",
        ),
        ("unit", unit_name, theme.PALETTE[0], "solid"),
    ]
    low = 100.0
    for key, name, colour, dash in traces:
        frame = series[key]
        if frame.empty or (key == "leader" and not leader_name):
            continue
        theta = [f"{row['criterion_id']}" for _, row in frame.iterrows()]
        names = [criterion_name(row, lang) for _, row in frame.iterrows()]
        r = frame["pct"].astype(float).tolist()
        low = min(low, min(r))
        fig.add_scatterpolar(
            r=r + r[:1],
            theta=theta + theta[:1],
            name=name,
            customdata=names + names[:1],
            line={"color": colour, "dash": dash, "width": 3 if key == "unit" else 2},
            fill="toself" if key == "unit" else None,
            fillcolor="rgba(0,114,178,0.12)" if key == "unit" else None,
            hovertemplate="%{customdata}: %{r:.1f}%<extra>" + name + "</extra>",
        )
    theme.apply_layout(fig, lang, wrap(title, TITLE_WIDTH), source)
    fig.update_layout(
        polar={
            "radialaxis": {
                "range": [max(0, int(low // 10) * 10 - 10), 100],
                "ticksuffix": "%",
                "angle": 90,
                "tickfont": {"size": 11},
            }
        },
        legend={"orientation": "h", "y": -0.08, "x": 0.5, "xanchor": "center"},
        height=480,
        margin={"t": 70, "b": 90},
    )
    return safe_figure(fig)  # data text never links or fetches (#19)


def waterfall(deltas: Deltas, lang: str, *, title: str, source: str = "") -> go.Figure:
    """Criterion point changes from the previous year, ending in the change of the total."""
    rows = deltas.rows
    labels, hover = [], []
    for _, row in rows.iterrows():
        if row["criterion_id"] == OTHER:
            labels.append(t("profile.chart.other", lang))
            hover.append(t("profile.chart.other_help", lang))
        else:
            labels.append(str(row["criterion_id"]))
            hover.append(criterion_name(row, lang))
    total_label = t("profile.chart.total_change", lang)
    values = rows["delta"].astype(float).tolist()
    total = deltas.total_change or 0.0
    fig = go.Figure(
        go.Waterfall(
            x=labels + [total_label],
            y=values + [total],
            measure=["relative"] * len(values) + ["total"],
            text=[fmt_signed(v, lang) for v in values + [total]],
            textposition="outside",
            customdata=hover + [total_label],
            hovertemplate="%{customdata}: %{text}<extra></extra>",
            increasing={"marker": {"color": theme.UP}},
            decreasing={"marker": {"color": theme.DOWN}},
            totals={"marker": {"color": theme.AVERAGE_LINE}},
            connector={"line": {"color": theme.GREY, "dash": "dot"}},
        )
    )
    theme.apply_layout(fig, lang, wrap(title, TITLE_WIDTH), source)
    running = pd.Series(values + [0.0]).cumsum()
    top = max(running.max(), total, 0.0)
    bottom = min(running.min(), total, 0.0)
    pad = max((top - bottom) * 0.18, 0.3)
    fig.update_yaxes(
        range=[bottom - pad, top + pad],
        zeroline=True,
        zerolinecolor=theme.SAME,
        title=t("profile.chart.points", lang),
        tickformat=".1f",
    )
    fig.update_layout(height=420, showlegend=False)
    return safe_figure(fig)  # data text never links or fetches (#19)
