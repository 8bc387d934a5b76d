"""The rank-changes view model: ranks over the years (bump chart), two years compared, movers.

The movers are chosen by ``parviz.movers`` (``between`` then ``split``), the same rule the
findings and the storyline's changes slide use, so a chart and its sentences never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from parviz import comparison, movers, ranking, theme
from parviz.charts import ranking as charts
from parviz.dataset import Dataset


@dataclass(frozen=True)
class Pair:
    """Two years of a block compared: the focus unit's move, the dumbbell and the movers."""

    year_a: int
    year_b: int
    methodology_changed: bool
    movement: str | None  # the focus unit's move (plain text), None when unknown
    dumbbell: go.Figure
    rises: tuple[str, ...]  # mover sentences (plain text)
    falls: tuple[str, ...]


def unit_order(standings: pd.DataFrame, *, block: str, year: int) -> list[str]:
    """Return the block's unit ids in rank order of ``year``, then those ranked in other years."""
    return comparison.units_in_order(comparison.block_history(standings, block), year)


def short_names(standings: pd.DataFrame, *, block: str) -> dict[str, str]:
    """Return {unit_id: short name} of the block's units over the years (the bump's labels)."""
    history = comparison.block_history(standings, block)
    return dict(zip(history["unit_id"], history["short_name"]))


def default_pair(dataset: Dataset, *, block: str, year: int) -> tuple[int, int]:
    """Return the years compared by default: the previous scored year (or ``year``), ``year``."""
    previous = comparison.previous_scored_year(dataset, block, year)
    return (year if previous is None else previous), year


def bump(
    dataset: Dataset,
    *,
    block: str,
    lang: str,
    focus: str,
    hidden: tuple[str, ...] = (),
    standings: pd.DataFrame | None = None,
) -> go.Figure:
    """Return the bump chart of the block's ranks over the years, ``focus`` highlighted."""
    standings = ranking.standings(dataset) if standings is None else standings
    history = comparison.block_history(standings, block)
    return charts.bump_chart(
        history,
        lang=lang,
        block_name=dataset.block_name(block, lang),
        source=charts.source_caption(dataset, lang),
        focus=focus,
        hidden=hidden,
        colours=theme.unit_colours(history["unit_id"]),  # the same colour in both charts
        breaks=comparison.methodology_breaks(dataset, block),
    )


def pair(
    dataset: Dataset,
    *,
    block: str,
    lang: str,
    focus: str,
    year_a: int,
    year_b: int,
    standings: pd.DataFrame | None = None,
) -> Pair:
    """Return the comparison of ``year_a`` and ``year_b`` (``year_a`` the earlier)."""
    standings = ranking.standings(dataset) if standings is None else standings
    history = comparison.block_history(standings, block)
    compared = comparison.compare_years(
        standings, dataset, block=block, year_a=year_a, year_b=year_b
    )
    dumbbell = charts.dumbbell(
        compared,
        year_a=year_a,
        year_b=year_b,
        lang=lang,
        block_name=dataset.block_name(block, lang),
        source=charts.source_caption(dataset, lang, years=[year_a, year_b]),
        measure=comparison.comparable_measure(dataset, block, year_a, year_b),
        focus=focus,
        colours=theme.unit_colours(history["unit_id"]),
    )
    rises, falls = (
        tuple(
            comparison.mover_sentence(row, year_a=year_a, year_b=year_b, lang=lang)
            for _, row in rows.iterrows()
        )
        for rows in movers.split(movers.between(compared))  # the findings' and slides' rule
    )
    return Pair(
        year_a,
        year_b,
        comparison.methodology_changed(dataset, block, year_a, year_b),
        comparison.unit_movement(compared, focus, year_a=year_a, year_b=year_b, lang=lang),
        dumbbell,
        rises,
        falls,
    )
