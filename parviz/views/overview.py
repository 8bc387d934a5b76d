"""The overview's view model: a block's headline numbers in a year, its movement against the
previous year, its groups (bands, grades or classifications), both ends and a compact ranking.

Made of ``parviz.overview`` and ``parviz.grades``. The storyline's title and leaders slides and
the report (``parviz/export/report_sections.py``) read the same ``ranking.rank`` directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from parviz import grades, overview
from parviz.charts import ranking as charts
from parviz.dataset import Dataset
from parviz.i18n import t
from parviz.views import ranks_of


@dataclass(frozen=True)
class OverviewView:
    """What the overview shows of one ranked block and year (lines are plain text)."""

    kpis: overview.BlockKpis
    tiles: tuple[tuple[str, int], ...]  # (catalog key, units): rose, fell, stayed; () first year
    groups: tuple[tuple[str, int], ...]  # (group name, units)
    groups_heading: str  # catalog key of the groups' heading
    top: tuple[str, ...]
    bottom: tuple[str, ...]
    table: pd.DataFrame  # the compact ranking
    previous_year: int | None


def build(
    dataset: Dataset, *, year: int, block: str, lang: str, ranks: pd.DataFrame | None = None
) -> OverviewView | None:
    """Return what the overview of ``block`` in ``year`` shows (None: nothing ranked)."""
    ranks = ranks_of(dataset, year, block, ranks)
    if ranks.empty:
        return None
    bands = overview.band_counts(ranks, charts.band_names(dataset, year=year, block=block,
                                                          lang=lang))  # fmt: skip
    graded = grades.counts(ranks, grades.names_of(dataset.table("grades"), year, block, lang))
    heading = "rankings.overview.bands" if bands else "grades.overview.heading"
    top, bottom = overview.ends(ranks)
    return OverviewView(
        overview.block_kpis(ranks),
        tuple(overview.movement_tiles(ranks)),
        tuple(bands or graded or overview.classification_counts(ranks, lang)),
        heading if bands or graded else "rankings.overview.classifications",
        tuple(overview.ranking_lines(top, lang)),
        tuple(overview.ranking_lines(bottom, lang)),
        overview.compact_table(ranks, tied_label=t("ui.table.tied", lang)),
        overview.previous_year(ranks),
    )
