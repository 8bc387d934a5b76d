"""The criteria page's view model: where each unit gains and loses points, criterion by
criterion, and the block's averages over the years.

Made of ``parviz.breakdown`` and the criteria charts. The storyline's block slides and the
report (``parviz/export/report_sections.py``, ``report_annexes.py``) read the same
``breakdown.criterion_table``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from parviz import breakdown, comparison
from parviz.charts import criteria as charts
from parviz.dataset import Dataset
from parviz.i18n import t


@dataclass(frozen=True)
class BlockCriteria:
    """One block and year, criterion by criterion (figures None: the year has only totals)."""

    table: pd.DataFrame  # the breakdown: one row per unit and criterion (clicks read it)
    heatmap: go.Figure | None = None
    summary: pd.DataFrame | None = None
    lost: go.Figure | None = None  # points lost per unit
    left_out: tuple[str, ...] = ()  # units ranked without criterion points (named, not dropped)
    heatmap_narrow: go.Figure | None = None  # the phone variant: names above the rows (#14)

    @property
    def only_totals(self) -> bool:
        """Return True when the year publishes no criterion points for the block."""
        return self.table.empty


@dataclass(frozen=True)
class YearsCriteria:
    """The block's criterion averages over the years (None without data) and its breaks."""

    figure: go.Figure | None
    breaks: tuple[int, ...]  # years whose methodology differs from the year before
    narrow: go.Figure | None = None  # the phone variant: one criterion per row (#14)


def block_criteria(dataset: Dataset, *, year: int, block: str, lang: str) -> BlockCriteria:
    """Return the breakdown table, heatmap, summary table and points-lost bars."""
    table = breakdown.criterion_table(dataset, year=year, block=block)
    if table.empty:
        return BlockCriteria(table)
    block_name = dataset.block_name(block, lang)
    title = t("criteria.heatmap.title", lang, block=block_name, year=year)
    return BlockCriteria(
        table,
        charts.heatmap(table, lang, title=title),
        breakdown.summary_table(breakdown.summary(table), lang),
        charts.lost_bars(
            table, lang, title=t("criteria.lost.title", lang, block=block_name, year=year)
        ),  # fmt: skip
        tuple(breakdown.left_out(dataset, table, year=year, block=block)),
        charts.heatmap(table, lang, title=title, narrow=True),
    )


def over_years(dataset: Dataset, *, block: str, lang: str) -> YearsCriteria:
    """Return the averages-over-years figure of ``block`` and its methodology breaks."""
    averages = breakdown.block_averages_over_years(dataset, block=block)
    breaks = comparison.methodology_breaks(dataset, block)
    if averages.empty:
        return YearsCriteria(None, tuple(breaks))
    title = t("criteria.years.title", lang, block=dataset.block_name(block, lang))
    figure = charts.averages_over_years(averages, lang, title=title, breaks=breaks)
    narrow = charts.averages_over_years(averages, lang, title=title, breaks=breaks, columns=1)
    return YearsCriteria(figure, tuple(breaks), narrow)
