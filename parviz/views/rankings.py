"""The rankings page's view model: a block's scores in a year as ranked bars and a table.

Made of ``parviz.ranking``, ``parviz.comparison.ranking_table`` and the ranking charts. The
storyline's block slides, the report and the annex (``parviz/export/annex.py``) read the same
``ranking.rank``; the page's XLSX/CSV downloads are this very table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from parviz import comparison, theme
from parviz.charts import ranking as charts
from parviz.dataset import Dataset
from parviz.i18n import t
from parviz.views import ranks_of
from parviz.views.tables import Prepared, prepare


@dataclass(frozen=True)
class RankingsView:
    """What the rankings page shows of one block and year."""

    figure: go.Figure  # ranked bars
    table: Prepared  # the ranking with headers in the language (also the downloads)
    file_stem: str  # the chart's and the downloads' file name


def build(
    dataset: Dataset, *, year: int, block: str, lang: str, ranks: pd.DataFrame | None = None
) -> RankingsView | None:
    """Return the ranked bars and table of ``block`` in ``year`` (None: nothing ranked)."""
    ranks = ranks_of(dataset, year, block, ranks)
    if ranks.empty:
        return None
    figure = charts.ranking_bar(
        ranks,
        lang=lang,
        block_name=dataset.block_name(block, lang),
        source=charts.source_caption(dataset, lang, years=[year]),
        bands=charts.band_names(dataset, year=year, block=block, lang=lang),
        max_score=dataset.max_total(year, block) or 100.0,
    )
    stem = theme.file_stem(t("rankings.chart.file_bar", lang), year, block)
    return RankingsView(figure, prepare(comparison.ranking_table(ranks, lang), lang), stem)
