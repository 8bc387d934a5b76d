"""Ranking figures: the ranked bar chart, the bump chart of ranks and the two-year dumbbell.

Each builder takes frames from ``parviz.ranking`` / ``parviz.comparison`` and plain labels and
returns a ``go.Figure`` styled by ``theme.apply_layout`` (title with year and block, source
caption, localised decimal separator). Rank axes run 1 at the top.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from parviz import components, precision, provenance, theme
from parviz.charts.text import safe_figure
from parviz.dataset import Dataset
from parviz.i18n import fmt_number, t

BAND_COLOURS: tuple[str, ...] = ("#0072B2", "#56B4E9", "#E69F00", "#D55E00", "#CC79A7")
# Value labels sit inside the bars: dark text on the light colours, white on the dark ones.
_TEXT_ON = {"#56B4E9": theme.TEXT, "#E69F00": theme.TEXT, "#CC79A7": theme.TEXT}
BAR_COLOUR = theme.PALETTE[0]
ROW_HEIGHT = 26  # px per unit: 30 units stay legible without overlapping labels
# A unit's name sits above its bar or dots, inside the plot, so the plot keeps the full width on
# a phone (names beside the bars took two thirds of 390 px) (#14): a taller row for both.
NAME_ROW = 46
# Titles wrap at this many characters: two short lines fit a phone (13 px there, see
# parviz/ui/phone.py) where one long line was cut.
TITLE_WIDTH = 46
SOURCE_WIDTH = 56  # characters per line of the 11 px source caption: 390 px wide
NAME_SHIFT = 21  # px the name is lifted from the row's centre, clear of a bar or marker
LABEL_MARGIN = (120, 320)  # px right of the bump chart for the names: at least, at most
LABEL_SIZE, LABEL_SHIFT = theme.FONT_SIZE - 2, 10  # the names' font size, gap from the line
# A block with more units than 2 × TOP_N shows its top and bottom TOP_N (plus the chosen unit)
# in charts of one row or line per unit; the full list stays in the tables and downloads.
# 2 × 15 = 30: a province's blocks (≤ 30 units) are always drawn whole.
TOP_N = 15
# The bump chart draws at most this many of the other units as faint lines (evenly spread by
# rank): 10,000 lines would weigh megabytes and show only a grey mass.
OTHERS_MAX = 400


def cap_ids(unit_ids: Sequence[str], focus: str | None = None, n: int = TOP_N) -> list[str]:
    """Return ``unit_ids`` (best first) cut to the first and last ``n`` plus ``focus``.

    All of them when there are no more than 2 × ``n``; the order is kept.
    """
    ids = list(unit_ids)
    if len(ids) <= 2 * n:
        return ids
    keep = set(ids[:n]) | set(ids[-n:]) | ({focus} if focus else set())
    return [unit_id for unit_id in ids if unit_id in keep]


def shown_ids(ranking: pd.DataFrame, focus: str | None = None) -> list[str]:
    """Return the unit ids a one-row-per-unit chart of ``ranking`` draws, best first.

    The one choice of the rankings page, the report, the ranking slide and the deck's chart:
    rank order (ties by name), cut to both ends by ``cap_ids`` (#17).
    """
    return cap_ids(ranking.sort_values(["rank", "unit"])["unit_id"].tolist(), focus)


def cap_note(
    shown: int,
    total: int,
    lang: str,
    *,
    focus: bool = False,
    n: int = TOP_N,
    key: str = "charts.cap.note",
) -> str:
    """Return the note under a capped chart: "Showing 31 of 9,500 units: the top 15, …"."""
    return t(
        key,
        lang,
        shown=fmt_number(shown, lang, 0),
        total=fmt_number(total, lang, 0),
        top=n,
        bottom=n,
        focus=t("charts.cap.focus", lang) if focus else "",
    )


def _with_note(source: str, note: str) -> str:
    return f"{source}<br>{note}" if source else note


def _captioned(fig: go.Figure, lang: str, title: str, source: str, extra: bool = False) -> None:
    """Apply the theme with the source caption in lines that fit a phone, and room for them.

    ``extra``: a cap note is in the caption (the room it always had, at least).
    """
    lines = [part for line in source.split("<br>") for part in textwrap.wrap(line, SOURCE_WIDTH)]
    theme.apply_layout(fig, lang, title, "<br>".join(lines))
    fig.update_layout(margin={"b": max(125 if extra else 95, 52 + 15 * len(lines))})


def _height(n_rows: int, extra: int = 170, row: int = ROW_HEIGHT) -> int:
    """Return a figure height giving each of ``n_rows`` rows ``row`` px (at least 420 px)."""
    return max(420, row * n_rows + extra)


def wrap_title(text: str, width: int = TITLE_WIDTH) -> str:
    """Return a chart title broken into lines of at most ``width`` characters with <br>."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def names_above(fig: go.Figure, labels: Sequence[str]) -> None:
    """Write each row's name (``labels``, top first) above its row, inside the plot.

    The plot then spans the whole width at every screen size; a long name may run over the
    plot's right edge but is never hidden (Plotly hides inside labels past the plot by default).
    """
    fig.update_yaxes(
        categoryorder="array", categoryarray=list(labels), autorange=False,
        range=[len(labels) - 0.5, -1.0],  # 1st at the top, with room above it for its name
        ticklabelposition="inside", ticklabelshift=NAME_SHIFT, ticklabelstandoff=2,
        ticklabeloverflow="allow", ticks="", showline=False, automargin=False,
    )  # fmt: skip


def source_caption(dataset: Dataset, lang: str, *, years: Collection[int] = ()) -> str:
    """Return the chart caption: the sources of ``years`` (else the dataset title), marked
    illustrative when the numbers are made up."""
    titles: list[str] = []
    for year in years:
        titles += [ref.title for ref in provenance.sources_for(dataset, year=year, lang=lang)]
    text = t("rankings.chart.source", lang, title="; ".join(dict.fromkeys(titles)) or dataset.title)
    if dataset.illustrative:  # on its own line: one long line is clipped at 1366 px
        text += "<br>" + t("rankings.chart.illustrative", lang).strip()
    return text


def band_names(dataset: Dataset, *, year: int, block: str, lang: str) -> dict[str, str]:
    """Return {band_id: name} of a year and block in band order ({} when it has no bands)."""
    bands = dataset.table("bands")
    chosen = bands[(bands["year"] == year) & (bands["block"] == block)].sort_values("order")
    column = "name_en" if lang == "en" else "name_vi"
    return dict(zip(chosen["band_id"].astype(str), chosen[column].astype(str)))


def unit_label(rank: object, name: str) -> str:
    """Return the axis label of a ranked unit: "1. Chí Linh"."""
    return f"{int(rank)}. {name}" if not pd.isna(rank) else name


def ranking_bar(
    ranking: pd.DataFrame,
    *,
    lang: str,
    block_name: str,
    source: str = "",
    bands: Mapping[str, str] | None = None,
    max_score: float = 100.0,
    focus: str | None = None,
) -> go.Figure:
    """Return horizontal bars of scores, 1st at the top, with the block average as a line.

    ``bands`` maps band_id → band name in display order; bars are coloured by band when the
    ranking has band ids, else all one colour. A block of more than 2 × TOP_N units shows the
    top and bottom TOP_N (and ``focus``), with a note; the average is of every unit.
    """
    everyone = ranking.sort_values(["rank", "unit"]).reset_index(drop=True)
    as_index = everyone["score"].isna().all() and everyone["index"].notna().any()
    if as_index:  # a table that publishes the index % only: bars of the index, out of 100
        everyone, max_score = everyone.assign(score=everyone["index"]), 100.0
    average = float(everyone["score"].mean()) if len(everyone) else math.nan
    decimals = precision.of_rows(everyone)  # bar labels as published: 97,685
    suffix = "%" if as_index else ""
    kept = shown_ids(everyone, focus)
    ordered = everyone
    if len(kept) < len(everyone):
        ordered = everyone[everyone["unit_id"].isin(kept)].reset_index(drop=True)
        note = cap_note(len(kept), len(everyone), lang, focus=focus in kept[TOP_N:-TOP_N])
        source = _with_note(source, note)
    unscored = int(everyone["score"].isna().sum())
    if unscored:  # ranked as published without a score: no bar, not in the average
        source = _with_note(source, t("grades.chart.unscored", lang, count=unscored))
    labels = [unit_label(r, n) for r, n in zip(ordered["rank"], ordered["short_name"])]
    ordered = ordered.assign(_label=labels)
    year = int(ordered["year"].iloc[0]) if len(ordered) else ""
    fig = go.Figure()
    groups = _band_groups(ordered, bands or {})
    parts = None if bands else components.split(ordered)
    if parts is not None:  # a total of appraisal and survey points: one stacked bar each
        _component_bars(fig, ordered, parts, lang, decimals)
        groups = []
    for i, (name, rows) in enumerate(groups):
        colour = BAND_COLOURS[i % len(BAND_COLOURS)] if bands else BAR_COLOUR
        fig.add_trace(
            go.Bar(
                x=rows["score"],
                y=rows["_label"],
                orientation="h",
                name=name,
                marker_color=colour,
                text=rows["score"],
                texttemplate=f"%{{x:.{decimals}f}}{suffix}",
                # Inside the bar end: the average line (drawn below the bars) never crosses it.
                textposition="inside",
                insidetextanchor="end",
                textfont={"color": _TEXT_ON.get(colour, "#FFFFFF")},
                customdata=rows[["unit"]],
                hovertemplate=f"%{{customdata[0]}}<br>%{{x:.{decimals}f}}<extra></extra>",
                showlegend=bool(bands),
                meta="bars",
            )
        )
    if not math.isnan(average):
        fig.add_vline(
            x=average,
            line={"color": theme.AVERAGE_LINE, "dash": "dash", "width": 2},
            layer="below",
        )
        # The average is named in the legend: a label beside the line would be clipped or
        # collide with bar values on narrow screens.
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                name=t("rankings.chart.average", lang,
                       value=fmt_number(average, lang, decimals)),  # fmt: skip
                line={"color": theme.AVERAGE_LINE, "dash": "dash", "width": 2},
                hoverinfo="skip",
                meta="average",
            )
        )
    title = wrap_title(t("rankings.chart.bar_title", lang, year=year, block=block_name))
    _captioned(fig, lang, title, source, extra=len(ordered) < len(everyone))
    fig.update_layout(
        height=_height(len(ordered), row=NAME_ROW),
        barmode="overlay" if parts is None else "stack",
        legend_traceorder="normal",
        bargap=0.5,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
        # Three legend entries wrap on a phone: room for them under the title.
        margin={"t": 100 if parts is None else 150},
    )
    names_above(fig, labels)
    fig.update_xaxes(
        range=[0, max_score * 1.02],
        tickformat=".0f",
    )
    return safe_figure(fig)  # data text never links or fetches (#19)


def _component_bars(
    fig: go.Figure, ordered: pd.DataFrame, parts: pd.DataFrame, lang: str, decimals: int
) -> None:
    """Draw appraisal and survey points stacked, the published total at the end of each bar."""
    custom = pd.DataFrame(
        {"unit": ordered["unit"].to_numpy(), "score": ordered["score"].to_numpy()}
    )
    for key, colour, column in (
        ("grades.components.assessed", BAR_COLOUR, "assessed"),
        ("grades.components.survey", BAND_COLOURS[1], "survey"),
    ):
        last = column == "survey"
        fig.add_trace(
            go.Bar(
                x=parts[column], y=ordered["_label"], orientation="h", name=t(key, lang),
                marker_color=colour, customdata=custom,
                text=ordered["score"] if last else None,
                texttemplate=f"%{{customdata[1]:.{decimals}f}}" if last else None,
                # Inside the bar end, as the plain bars: the average line never crosses it.
                textposition="inside" if last else "none", insidetextanchor="end",
                textfont={"color": _TEXT_ON.get(colour, "#FFFFFF")},
                hovertemplate=f"%{{customdata[0]}}<br>{t(key, lang)}: %{{x:.{decimals}f}}"
                f"<extra></extra>",
                meta="bars",
            )
        )  # fmt: skip


def _band_groups(ordered: pd.DataFrame, bands: Mapping[str, str]) -> list[tuple[str, pd.DataFrame]]:
    """Split the rows into one group per band (in band order), or one group without bands."""
    if not bands or "band_id" not in ordered or ordered["band_id"].isna().all():
        return [("", ordered)]
    groups = []
    for band_id, name in bands.items():
        rows = ordered[ordered["band_id"] == band_id]
        if len(rows):
            groups.append((name, rows))
    rest = ordered[~ordered["band_id"].isin(list(bands))]
    if len(rest):
        groups.append(("–", rest))
    return groups


def bump_chart(
    history: pd.DataFrame,
    *,
    lang: str,
    block_name: str,
    source: str = "",
    focus: str | None = None,
    hidden: Collection[str] = (),
    colours: Mapping[str, str] | None = None,
    breaks: Collection[int] = (),
) -> go.Figure:
    """Return ranks over the years, one line per unit, 1st at the top, names at line ends.

    ``history`` holds standings rows of one block (year, unit_id, short_name, rank, score).
    With a ``focus`` unit the others are grey. ``breaks`` are years whose methodology differs
    from the year before: a dashed line marks each.
    """
    shown = history[~history["unit_id"].isin(list(hidden))]
    years = sorted(int(y) for y in history["year"].unique())
    colours = dict(colours or theme.unit_colours(history["unit_id"]))
    n_ranks = int(history["rank"].max()) if len(history) else 1
    # Latest name of each unit labels its line (a renamed unit keeps one line: same unit_id).
    order = shown.sort_values("year").groupby("unit_id", sort=False).tail(1).sort_values("rank")
    kept = cap_ids(order["unit_id"].tolist(), focus)
    capped = len(kept) < len(order)
    fig = go.Figure()
    if capped:  # the other units: one faint trace, lines split by None gaps
        _others_trace(fig, shown[~shown["unit_id"].isin(kept)], years, lang)
        note = cap_note(
            len(kept),
            len(order),
            lang,
            focus=focus in kept[TOP_N:-TOP_N],
            key="charts.cap.bump_note",
        )
        order = order[order["unit_id"].isin(kept)]
        source = _with_note(source, note)
    rows_of = {
        unit_id: rows
        for unit_id, rows in shown[shown["unit_id"].isin(kept)].groupby("unit_id", sort=False)
    }
    # With many ranks the labels of neighbouring lines would overlap: name the ends only.
    labelled = set(kept) if not capped else {kept[0], kept[-1], focus}
    focus_trace = None
    label_widths: list[float] = []
    for _, last in order.iterrows():
        unit_id = last["unit_id"]
        rows = rows_of[unit_id].set_index("year").reindex(years).reset_index()
        is_focus = focus is None or unit_id == focus
        colour = colours.get(unit_id, theme.GREY) if is_focus else theme.GREY
        trace = go.Scatter(
            x=rows["year"],
            y=rows["rank"].astype(float),
            mode="lines+markers",
            name=str(last["short_name"]),
            line={"color": colour, "width": 4 if unit_id == focus else 2},
            marker={"size": 10 if unit_id == focus else 7, "color": colour},
            opacity=1.0 if is_focus else 0.6,
            connectgaps=False,
            customdata=rows[["score"]].astype(float),
            hovertemplate=(
                f"{last['short_name']}<br>%{{x}}: "
                + t("rankings.chart.hover_rank", lang)
                + f" %{{y}} (%{{customdata[0]:.{precision.of_rows(history)}f}})<extra></extra>"
            ),
            showlegend=False,
            meta=unit_id,
        )
        if unit_id == focus:
            focus_trace = trace  # drawn last, on top of the grey lines
            continue
        fig.add_trace(trace)
        if unit_id in labelled:
            label_widths.append(_end_label(fig, last, colour, bold=False))
    if focus_trace is not None:
        fig.add_trace(focus_trace)
        focus_last = order[order["unit_id"] == focus].iloc[0]
        label_widths.append(_end_label(fig, focus_last, focus_trace.line.color, True))
    for year in breaks:
        if year in years and year != years[0]:
            fig.add_vline(
                x=year - 0.5,
                line={"color": theme.SAME, "dash": "dot", "width": 1},
                annotation={"text": t("rankings.chart.methodology_break", lang)},
                annotation_position="top",
            )
    title = wrap_title(t(
        "rankings.chart.bump_title",
        lang,
        first=years[0] if years else "",
        last=years[-1] if years else "",
        block=block_name,
    ))  # fmt: skip
    _captioned(fig, lang, title, source, extra=capped)
    fig.update_layout(
        height=_height(min(n_ranks, 2 * TOP_N), extra=190),
        margin={"r": _label_margin(label_widths), "l": 60, "t": 100},
        hovermode="closest",
    )
    fig.update_yaxes(
        title_text=t("rankings.chart.rank_axis", lang),
        range=[n_ranks + 0.5, 0.5],
        autorange=False,
        dtick=1 if n_ranks <= 2 * TOP_N else None,
        zeroline=False,
    )
    fig.update_xaxes(
        tickvals=years,
        tickformat="d",
        range=[years[0] - 0.3, years[-1] + 0.3] if years else None,
    )
    return safe_figure(fig)  # data text never links or fetches (#19)


def narrow_bump(wide: go.Figure) -> go.Figure:
    """Return a phone variant of a bump chart: the names inside the plot, right of the lines.

    The wide chart keeps room for the names beside the plot (120–320 px), too much of a phone. Here
    the year axis runs on past the last year, so the names take a share of the width instead.
    """
    fig = go.Figure(wide)
    years = [int(y) for y in fig.layout.xaxis.tickvals or ()]
    if years:
        span = years[-1] - years[0] + 0.6
        fig.update_xaxes(range=[years[0] - 0.3, years[-1] + 0.3 + span * 1.0],
                         tickvals=years[::2])  # fmt: skip
    fig.update_layout(margin={"r": 6, "l": 44})
    for label in fig.select_annotations(selector={"name": "end-label"}):
        label.update(text=_wrapped_name(label.text), font_size=theme.FONT_SIZE - 4, xshift=6,
                     align="left")
    return fig


def _wrapped_name(text: str, width: int = 22) -> str:
    """Return an end label ("Name" or "<b>Name</b>") in lines of ``width`` characters."""
    bold = text.startswith("<b>") and text.endswith("</b>")
    name = text[3:-4] if bold else text
    lines = "<br>".join(textwrap.wrap(name, width)) or name
    return f"<b>{lines}</b>" if bold else lines


def _others_trace(fig: go.Figure, others: pd.DataFrame, years: list[int], lang: str) -> None:
    """Draw every unit of ``others`` as one faint grey line trace (None between units).

    SVG, not WebGL: one path of at most OTHERS_MAX lines draws in milliseconds, while a WebGL
    context costs seconds where the browser has no GPU to use (software rendering) (#16).
    """
    grid = others.pivot_table(index="unit_id", columns="year", values="rank", aggfunc="first")
    grid = grid.reindex(columns=years)
    if len(grid) > OTHERS_MAX:  # an even sample by latest rank
        grid = grid.sort_values(years[-1]).iloc[:: math.ceil(len(grid) / OTHERS_MAX)]
    names = others.sort_values("year").groupby("unit_id")["short_name"].last()
    count = len(grid)
    # One row per unit, a gap (NaN: null in the JSON) after its years; numpy arrays, not lists
    # of ~5,000 Python numbers, which Plotly.py checks one by one (~0.1 s a chart, #16).
    gap = np.full((count, 1), np.nan)
    xs = np.hstack([np.tile(np.asarray(years, dtype=float), (count, 1)), gap]).ravel()
    ys = np.hstack([grid.to_numpy(dtype=float), gap]).ravel()
    labels = [str(names.get(unit_id, unit_id)) for unit_id in grid.index]
    text = [cell for label in labels for cell in [label] * len(years) + [None]]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            text=text,
            mode="lines",
            line={"color": theme.GREY, "width": 1},
            opacity=0.35,
            connectgaps=False,
            hovertemplate="%{text}<br>%{x}: "
            + t("rankings.chart.hover_rank", lang)
            + " %{y}<extra></extra>",
            name=t("charts.cap.others", lang, count=fmt_number(count, lang, 0)),
            showlegend=False,
            meta="others",
        )
    )


def _label_margin(widths: Sequence[float]) -> int:
    """Return the right margin that fits the widest end label, within LABEL_MARGIN."""
    room = max(widths, default=0) + LABEL_SHIFT + 8
    return round(min(max(room, LABEL_MARGIN[0]), LABEL_MARGIN[1]))


def _end_label(fig: go.Figure, last: pd.Series, colour: str, bold: bool) -> float:
    """Write the unit's name right of its last point; return its width (px, bold ~10% wider)."""
    name = str(last["short_name"])
    fig.add_annotation(
        x=int(last["year"]),
        y=float(last["rank"]),
        text=f"<b>{name}</b>" if bold else name,
        xanchor="left",
        xshift=LABEL_SHIFT,
        showarrow=False,
        font={"color": theme.TEXT if colour == theme.GREY else colour, "size": LABEL_SIZE},
        name="end-label",
    )
    return theme.text_width(name, LABEL_SIZE) * (1.1 if bold else 1.0)


def dumbbell(
    comparison: pd.DataFrame,
    *,
    year_a: int,
    year_b: int,
    lang: str,
    block_name: str,
    source: str = "",
    measure: str = "score",
    focus: str | None = None,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Return each unit's score in two years joined by a line, ordered by the later rank.

    ``comparison`` comes from ``comparison.compare_years``; ``measure`` is "score" or "index"
    (use the index when the maxima differ between the years).
    """
    ordered = comparison.sort_values(["rank_b", "unit"]).reset_index(drop=True)
    kept = cap_ids(ordered["unit_id"].tolist(), focus)
    capped = len(kept) < len(ordered)
    if capped:
        note = cap_note(len(kept), len(ordered), lang, focus=focus in kept[TOP_N:-TOP_N])
        source = _with_note(source, note)
        ordered = ordered[ordered["unit_id"].isin(kept)].reset_index(drop=True)
    labels = [unit_label(r, n) for r, n in zip(ordered["rank_b"], ordered["short_name"])]
    labels = [
        f"<b>{lab}</b>" if uid == focus else lab for lab, uid in zip(labels, ordered["unit_id"])
    ]
    a, b = ordered[f"{measure}_a"].astype(float), ordered[f"{measure}_b"].astype(float)
    decimals = precision.of_rows(ordered)  # two unless the comparison carries its decimals
    xs: list[float | None] = []
    ys: list[str | None] = []
    for label, va, vb in zip(labels, a, b):
        if not (math.isnan(va) or math.isnan(vb)):
            xs += [va, vb, None]
            ys += [label, label, None]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": theme.GREY, "width": 3},
            hoverinfo="skip",
            showlegend=False,
            name="links",
        )
    )
    # The focus unit keeps its own colour (as in the bump chart); the others are dark grey.
    focus_colour = dict(colours or theme.unit_colours(comparison["unit_id"])).get(focus or "")
    b_colours = [focus_colour if uid == focus else theme.AVERAGE_LINE for uid in ordered["unit_id"]]
    for year, values, colour, symbol in (
        (year_a, a, theme.SAME, "circle-open"),
        (year_b, b, b_colours, "circle"),
    ):
        fig.add_trace(
            go.Scatter(
                x=values,
                y=labels,
                mode="markers",
                name=str(year),
                marker={"color": colour, "size": 12, "symbol": symbol, "line": {"width": 2}},
                customdata=ordered[["unit"]],
                hovertemplate=f"%{{customdata[0]}}<br>{year}: %{{x:.{decimals}f}}<extra></extra>",
            )
        )
    axis_key = "rankings.chart.index_axis" if measure == "index" else "rankings.chart.score_axis"
    title = wrap_title(
        t("rankings.chart.dumbbell_title", lang, year_a=year_a, year_b=year_b, block=block_name)
    )
    _captioned(fig, lang, title, source, extra=capped)
    fig.update_layout(
        height=_height(len(ordered), row=NAME_ROW),
        # The measure names the legend ("Điểm: ○ 2020 ● 2021"): an axis title would collide with
        # the chart title above or the source caption below.
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "x": 1,
            "xanchor": "right",
            "title": {"text": f"{t(axis_key, lang)}:"},
        },
        margin={"t": 100},
    )
    names_above(fig, labels)
    # Inside names widen an automatic x range (Plotly keeps them off the dots): set it. The
    # scale sits at the bottom: on a phone the legend above takes the whole width.
    values = [v for v in (*a, *b) if not math.isnan(v)]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    pad = max(high - low, 1.0) * 0.06
    fig.update_xaxes(tickformat=".0f", range=[low - pad, high + pad], autorange=False)
    return safe_figure(fig)  # data text never links or fetches (#19)
