"""Figures of the criteria page: heatmap of % of maximum, points lost, averages over years."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from parviz import theme
from parviz.breakdown import criterion_name
from parviz.charts.ranking import NAME_ROW, TITLE_WIDTH, cap_ids, cap_note, names_above
from parviz.charts.text import safe_figure
from parviz.i18n import fmt_number, fmt_percent, t

# Right of the heatmap: its colour bar (14 px), tick labels and a title wrapped at 14 characters.
COLOUR_BAR_ROOM = 160

# The phone heatmap: each row's cells (px) and the gap above them that holds the unit's name.
CELL_ROW, NAME_GAP = 32, 24


def wrap(text: str, width: int = 18) -> str:
    """Return ``text`` broken into lines of about ``width`` characters with <br>."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def criterion_labels(table: pd.DataFrame, lang: str, *, width: int = 18) -> dict[str, str]:
    """Return {criterion_id: "C1. wrapped name"} in criterion order."""
    first = table.drop_duplicates("criterion_id").sort_values("order")
    return {
        str(row["criterion_id"]): wrap(f"{row['criterion_id']}. {criterion_name(row, lang)}", width)
        for _, row in first.iterrows()
    }


def _capped(table: pd.DataFrame, lang: str, source: str) -> tuple[pd.DataFrame, str, bool]:
    """Keep the top and bottom TOP_N units of a large block; add the note to ``source``."""
    units = _unit_order(table)
    kept = shown_units(table)
    if len(kept) == len(units):
        return table, source, False
    note = cap_note(len(kept), len(units), lang)
    return table[table["unit_id"].isin(kept)], f"{source}<br>{note}" if source else note, True


def shown_units(table: pd.DataFrame) -> list[str]:
    """Return the units a criterion chart of ``table`` draws: rank order, cut by ``cap_ids``.

    The one choice of the criteria page, the heatmap slide and the deck's heat tables (#17).
    """
    return cap_ids(_unit_order(table))


def _unit_order(table: pd.DataFrame) -> list[str]:
    # Rank order, best first; Plotly draws the first category at the bottom, so reverse.
    return list(dict.fromkeys(table.sort_values(["rank", "short_name"])["unit_id"]))


def heatmap(
    table: pd.DataFrame, lang: str, *, title: str, source: str = "", narrow: bool = False
) -> go.Figure:
    """Units × criteria, coloured by % of maximum minus the block average, labelled with %.

    ``table`` as from ``breakdown.shares``. A criterion that does not apply to a unit is an
    empty cell. A large block shows its top and bottom TOP_N units (averages stay the block's).
    ``narrow``: the phone variant, each unit's name above its row and the colour bar below,
    so the cells get the whole width (#14).
    """
    table, source, capped = _capped(table, lang, source)
    labels = criterion_labels(table, lang)
    units = _unit_order(table)
    names = dict(zip(table["unit_id"], table["short_name"]))
    ranks = dict(zip(table["unit_id"], table["rank"]))
    cells = table.set_index(["unit_id", "criterion_id"])
    z, text, hover = [], [], []
    for unit_id in reversed(units):
        z_row, text_row, hover_row = [], [], []
        for criterion_id in labels:
            if (unit_id, criterion_id) in cells.index:
                cell = cells.loc[(unit_id, criterion_id)]
                z_row.append(float(cell["difference"]))
                text_row.append(fmt_number(float(cell["pct"]), lang, 1))
                hover_row.append(
                    t(
                        "criteria.chart.heatmap_hover",
                        lang,
                        unit=names[unit_id],
                        criterion=criterion_name(cell, lang),
                        points=float(cell["points"]),
                        max=float(cell["max_points"]),
                        pct=fmt_percent(float(cell["pct"]), lang, 1),
                        average=fmt_percent(float(cell["block_average"]), lang, 1),
                    )
                )
            else:
                z_row.append(None)
                text_row.append("")
                hover_row.append(t("criteria.chart.not_applicable", lang))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    spread = max((abs(v) for row in z for v in row if v is not None), default=1.0) or 1.0
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(labels),  # ids: full names are in the hover and the summary table
            y=[f"{ranks[u]}. {names[u]}" for u in reversed(units)],
            text=text,
            texttemplate="%{text}",
            textfont={"size": 13},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=theme.DIVERGING,
            zmid=0,
            zmin=-spread,
            zmax=spread,
            xgap=2,
            ygap=2,
            colorbar={
                "title": {"text": wrap(t("criteria.chart.colorbar", lang), 14)},
                "ticksuffix": "",
                "thickness": 14,
            },
        )
    )
    theme.apply_layout(fig, lang, wrap(title, TITLE_WIDTH), source)
    fig.update_layout(height=max(360, 34 * len(units) + 160), margin={"t": 110})
    if not narrow:  # names left of the rows, the colour bar right of them: room for both
        fig.update_layout(margin={"l": theme.label_room(fig.data[0].y), "r": COLOUR_BAR_ROOM})
    if capped:
        fig.update_layout(margin={"b": 110})
    fig.update_xaxes(side="top", tickangle=0)
    if narrow:
        _names_above_cells(fig, len(units), capped)
    return safe_figure(fig)  # data text never links or fetches (#19)


def _names_above_cells(fig: go.Figure, n_units: int, capped: bool) -> None:
    """Lay the heatmap out for a phone: names in the gap above each row, colour bar below."""
    title = fig.data[0].colorbar.title.text or ""
    fig.update_traces(
        ygap=NAME_GAP,
        colorbar_title_text=title.replace("<br>", " "),  # one line across the phone
        colorbar={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top",
                  "ypad": 10, "len": 1, "thickness": 10, "title": {"side": "top"}},
    )  # fmt: skip
    fig.update_yaxes(
        ticklabelposition="inside", ticklabelshift=-NAME_GAP // 2 - CELL_ROW // 2 + 4,
        ticklabelstandoff=2, ticklabeloverflow="allow", ticks="", automargin=False,
        range=[-0.5, n_units - 0.05], autorange=False,  # room above the first name
    )  # fmt: skip
    # Inside labels widen the other axis's autorange (Plotly keeps them off the data): fix it.
    fig.update_xaxes(range=[-0.5, len(fig.data[0].x) - 0.5], autorange=False)
    bottom = 130 if capped else 100
    fig.update_layout(height=(CELL_ROW + NAME_GAP) * n_units + 150 + bottom,
                      margin={"l": 4, "r": 4, "b": bottom})  # fmt: skip
    for note in fig.layout.annotations:  # the source caption, under the colour bar
        note.yshift = -(bottom - 45)


def lost_bars(table: pd.DataFrame, lang: str, *, title: str, source: str = "") -> go.Figure:
    """Points lost (maximum − points) per criterion, stacked per unit, units in rank order.

    A large block shows its top and bottom TOP_N units.
    """
    table, source, capped = _capped(table, lang, source)
    labels = criterion_labels(table, lang, width=40)
    units = _unit_order(table)
    names = dict(zip(table["unit_id"], table["short_name"]))
    ranks = dict(zip(table["unit_id"], table["rank"]))
    y = [f"{ranks[u]}. {names[u]}" for u in reversed(units)]
    fig = go.Figure()
    for index, (criterion_id, label) in enumerate(labels.items()):
        rows = table[table["criterion_id"] == criterion_id].set_index("unit_id")
        lost = [float(rows.loc[u, "lost"]) if u in rows.index else 0.0 for u in reversed(units)]
        fig.add_bar(
            x=lost,
            y=y,
            orientation="h",
            name=criterion_id,
            marker_color=theme.PALETTE[index % len(theme.PALETTE)],
            customdata=[label.replace("<br>", " ")] * len(y),
            hovertemplate="%{y}<br>%{customdata}: %{x:.2f}<extra></extra>",
        )
    theme.apply_layout(fig, lang, wrap(title, TITLE_WIDTH), source)
    names_above(fig, y[::-1])  # the plot keeps the whole width on a phone (#14)
    most = max((sum(bar.x[i] for bar in fig.data) for i in range(len(y))), default=0.0)
    fig.update_xaxes(range=[0, (most or 1.0) * 1.05], autorange=False)
    fig.update_layout(
        barmode="stack",
        bargap=0.5,
        height=max(360, NAME_ROW * len(units) + 220),
        legend={
            "orientation": "h",
            "y": -0.1,
            "yanchor": "top",
            "x": 0,
            "title": "",
            "traceorder": "normal",
        },
        # l: the first value label ("0,0") reaches past the plot's left edge.
        margin={"t": 90, "b": 140 if capped else 110, "l": theme.label_room(["0,0"])},
    )
    fig.update_xaxes(title=t("criteria.chart.lost_axis", lang), tickformat=".1f")
    return safe_figure(fig)  # data text never links or fetches (#19)


def averages_over_years(
    averages: pd.DataFrame,
    lang: str,
    *,
    title: str,
    breaks: list[int] = (),
    source: str = "",
    columns: int = 3,
) -> go.Figure:
    """Small multiples: each criterion's block average % of maximum over the years.

    ``averages`` as from ``breakdown.averages_over_years``; ``breaks`` are the years whose
    methodology changed (a dashed line before each). ``columns=1``: the phone variant (#14).
    """
    labels = criterion_labels(averages, lang, width=30 if columns > 1 else 44)
    count = max(len(labels), 1)
    columns = min(columns, count)
    rows = math.ceil(count / columns)
    fig = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=list(labels.values()),
        shared_yaxes=True,
        vertical_spacing=(0.12 if columns > 1 else 0.3 / rows) if rows > 1 else 0.1,
        horizontal_spacing=0.04,
    )
    low = averages["average_pct"].min() if not averages.empty else 0
    for index, criterion_id in enumerate(labels):
        row, col = index // columns + 1, index % columns + 1
        series = averages[averages["criterion_id"] == criterion_id].sort_values("year")
        fig.add_scatter(
            x=series["year"],
            y=series["average_pct"],
            mode="lines+markers",
            line={"color": theme.PALETTE[0], "width": 2},
            showlegend=False,
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            row=row,
            col=col,
        )
        for year in breaks:
            fig.add_vline(x=year - 0.5, line_dash="dash", line_color=theme.GREY, row=row, col=col)
    theme.apply_layout(fig, lang, wrap(title, TITLE_WIDTH), source)
    fig.update_annotations(font_size=12)  # subplot titles
    fig.update_yaxes(range=[math.floor(min(low, 100) / 5) * 5 - 5, 100], ticksuffix="%")
    fig.update_layout(margin={"l": theme.label_room(["100%"])})  # the widest value label
    fig.update_xaxes(dtick=2, tickformat="d", tickangle=0)
    # Room above the first row for a two-line title plus two-line subplot titles.
    fig.update_layout(height=(300 if columns > 1 else 200) * rows + 160, margin={"t": 175})
    return safe_figure(fig)  # data text never links or fetches (#19)


def selected_unit(event: object, table: pd.DataFrame) -> str | None:
    """Return the unit id of the first clicked point of a chart built here, or None.

    ``event`` is what ``st.plotly_chart(..., on_select="rerun")`` returns; the unit is read
    from the point's y label ("3. Chí Linh").
    """
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    if not points:  # the usual rerun: no click, no label lookup over a large table
        return None
    labels = {
        f"{rank}. {name}": unit_id
        for unit_id, name, rank in zip(table["unit_id"], table["short_name"], table["rank"])
    }
    for point in points or []:
        unit_id = labels.get(str(point.get("y", "")))
        if unit_id:
            return unit_id
    return None
