"""Figures of the presentation slides, drawn for a 1920×1080 stage (the page zooms it to fit).

Every unit a slide draws is named: a ranking or heatmap of more than ROWS_PER_COLUMN units is
split into columns (one figure each) instead of letting Plotly skip every other name. A slide
gets a list of figures, drawn side by side; text-only slides get none.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from parviz import comparison, precision, theme
from parviz.charts import criteria as criteria_charts
from parviz.charts import profile as profile_charts
from parviz.charts.ranking import BAR_COLOUR, shown_ids, unit_label
from parviz.charts.text import safe_figure
from parviz.dataset import Dataset
from parviz.i18n import fmt_number, t
from parviz.storyline import CHANGES, HEATMAP, RANKING, SPOTLIGHT, Slide, Storyline

# Logical px on the 1920×1080 stage; the page zooms the stage, so these scale with the screen.
FONT = 22  # axis names and value labels: ≥ 22 px at 1080p, ≈ 16 px real at 1366×768
HEIGHT = 740  # logical px of the chart area left by label, title and footer
ROWS_PER_COLUMN = 20  # above this, a ranking or heatmap continues in a second column


def split(ids: Sequence[str], per_column: int = ROWS_PER_COLUMN) -> list[list[str]]:
    """Return ``ids`` cut into the fewest columns of at most ``per_column``, evenly filled."""
    ids = list(ids)
    if not ids:
        return []
    count = math.ceil(len(ids) / per_column)
    size = math.ceil(len(ids) / count)
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def figures(slide: Slide, story: Storyline, dataset: Dataset) -> list[go.Figure]:
    """Return the slide's figures, every data text escaped (names never become tags, #19)."""
    return [safe_figure(fig) for fig in _figures(slide, story, dataset)]


def _figures(slide: Slide, story: Storyline, dataset: Dataset) -> list[go.Figure]:
    """Return the figures of a slide, left to right ([] for text-only slides)."""
    lang = story.lang
    if slide.kind == RANKING and slide.data is not None:
        top = float(dataset.max_total(story.year, slide.block) or 100)
        return ranking_columns(slide.data, lang=lang, max_score=top)
    if slide.kind == CHANGES and slide.data is not None and len(slide.data):
        return [movement(slide.data, lang=lang)]
    if slide.kind == HEATMAP and slide.data is not None:
        return heatmap_columns(slide.data, lang=lang)
    if slide.kind == SPOTLIGHT and slide.data is not None:
        return [_radar(slide, story, dataset)]
    return []


def _stage(fig: go.Figure, lang: str, *, height: int = HEIGHT) -> go.Figure:
    """Give a figure the slide look: no title (the slide has one), large type, fixed height."""
    theme.apply_layout(fig, lang, "")
    fig.update_layout(
        height=height, font_size=FONT, margin={"l": 10, "r": 20, "t": 50, "b": 40},
        title_text="",
    )
    return fig


def ranking_columns(ranks: pd.DataFrame, *, lang: str, max_score: float) -> list[go.Figure]:
    """Return the ranking as bars, 1st at the top, in one column per ROWS_PER_COLUMN units.

    A block too large for the slide keeps its first and last units (``shown_ids``, as the
    page); the slide's subtitle says so. Every figure draws the block average (of every unit)
    as a dashed line.
    """
    everyone = ranks.sort_values(["rank", "unit"]).reset_index(drop=True)
    average = float(everyone["score"].mean())
    kept = everyone[everyone["unit_id"].isin(shown_ids(everyone))]
    columns = split(kept["unit_id"].tolist())
    return [
        _bars(kept[kept["unit_id"].isin(ids)], lang, max_score, average, legend=i == 0)
        for i, ids in enumerate(columns)
    ]


def _bars(rows: pd.DataFrame, lang: str, max_score: float, average: float, *, legend: bool):
    labels = [unit_label(r, n) for r, n in zip(rows["rank"], rows["short_name"])]
    decimals = precision.of_rows(rows)  # values as published (97,685 keeps three decimals)
    fig = go.Figure(
        go.Bar(
            x=rows["score"], y=labels, orientation="h", marker_color=BAR_COLOUR,
            texttemplate=f"%{{x:.{decimals}f}}", textposition="inside", insidetextanchor="end",
            textfont={"color": "#FFFFFF", "size": FONT}, cliponaxis=False,
            hovertemplate=f"%{{y}}: %{{x:.{decimals}f}}<extra></extra>", showlegend=False,
            meta="bars",
        )
    )
    fig.add_vline(x=average, line={"color": theme.AVERAGE_LINE, "dash": "dash", "width": 3},
                  layer="below")
    fig.add_trace(go.Scatter(
        x=[None], y=[None], mode="lines", showlegend=legend, hoverinfo="skip", meta="average",
        name=t("rankings.chart.average", lang, value=fmt_number(average, lang, decimals)),
        line={"color": theme.AVERAGE_LINE, "dash": "dash", "width": 3},
    ))
    _stage(fig, lang)
    fig.update_layout(
        bargap=0.2,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
    )
    # Every name, each on one line; rows keep their order whatever Plotly would do.
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed",
                     automargin=True, dtick=1, tickfont_size=FONT - 2)
    fig.update_xaxes(range=[0, max_score * 1.02], tickformat=".0f", tickfont_size=FONT - 4)
    return fig


def movement(chosen: pd.DataFrame, *, lang: str) -> go.Figure:
    """Return one row per notable mover: its previous rank → its rank, rank 1 on the right.

    ``chosen`` is ``movers.notable`` of the year (with previous_year), so the chart names
    exactly the units the slide's sentences are about, in the same order.
    """
    labels = [str(n) for n in chosen["short_name"]]
    previous_year = int(chosen["previous_year"].dropna().iloc[0])
    year = int(chosen["year"].iloc[0])
    colours = [theme.UP if c > 0 else theme.DOWN for c in chosen["rank_change"]]
    fig = go.Figure()
    xs: list[float | None] = []
    ys: list[str | None] = []
    for label, before, after in zip(labels, chosen["previous_rank"], chosen["rank"]):
        xs += [float(before), float(after), None]
        ys += [label, label, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": theme.GREY, "width": 6},
                             hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter(
        x=chosen["previous_rank"].astype(float), y=labels, mode="markers", name=str(previous_year),
        marker={"color": "#FFFFFF", "size": 22, "line": {"color": theme.SAME, "width": 3}},
        hovertemplate="%{y}: %{x}<extra>" + str(previous_year) + "</extra>",
    ))
    fig.add_trace(go.Scatter(
        x=chosen["rank"].astype(float), y=labels, mode="markers+text", name=str(year),
        marker={"color": colours, "size": 24}, textposition="top center",
        text=[comparison.change_label(c, lang) for c in chosen["rank_change"]],
        textfont={"size": FONT - 2, "color": colours},
        hovertemplate="%{y}: %{x}<extra>" + str(year) + "</extra>",
    ))
    _stage(fig, lang)
    count = int(chosen["units_ranked"].max()) if "units_ranked" in chosen else 0
    low = max(count, int(chosen[["rank", "previous_rank"]].max().max()))
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
        margin={"b": 70},
    )
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed",
                     automargin=True, dtick=1, tickfont_size=FONT - 2)
    fig.update_xaxes(
        range=[low + 0.7, 0.3], title_text=t("presentation.chart.rank", lang),
        dtick=1 if low <= 20 else 5, tick0=1, tickfont_size=FONT - 4, zeroline=False,
    )
    return fig


def heatmap_columns(shares: pd.DataFrame, *, lang: str) -> list[go.Figure]:
    """Return the criterion heatmap, one column of units per ROWS_PER_COLUMN, same colours."""
    columns = split(criteria_charts.shown_units(shares))
    figs = []
    for i, ids in enumerate(columns):
        fig = criteria_charts.heatmap(shares[shares["unit_id"].isin(ids)], lang, title="")
        _stage(fig, lang)
        fig.update_traces(textfont_size=FONT - 2, showscale=i == len(columns) - 1,
                          colorbar={"thickness": 18}, selector={"type": "heatmap"})
        fig.update_xaxes(side="top", tickangle=0, tickfont_size=FONT - 4)
        fig.update_yaxes(automargin=True, dtick=1, tickfont_size=FONT - 4)
        figs.append(fig)
    spread = max(
        (abs(v) for fig in figs for row in fig.data[0].z for v in row if v is not None),
        default=1.0,
    ) or 1.0
    for fig in figs:  # one colour scale across the columns
        fig.update_traces(zmin=-spread, zmax=spread, selector={"type": "heatmap"})
    return figs


def _radar(slide: Slide, story: Storyline, dataset: Dataset) -> go.Figure:
    columns = ["criterion_id", "order", "name_vi", "name_en"]
    series = {
        "unit": slide.data[[*columns, "pct"]],
        "average": slide.data[columns].assign(pct=slide.data["average_pct"]),
        "leader": slide.data.iloc[0:0][[*columns, "pct"]],
    }
    fig = profile_charts.radar(
        series, story.lang, title="", unit_name=dataset.name_in(slide.unit_id, story.year),
        leader_name=None,
    )
    _stage(fig, story.lang)
    fig.update_annotations(font_size=FONT - 4)
    fig.update_polars(radialaxis_tickfont_size=FONT - 6, angularaxis_tickfont_size=FONT)
    return fig
