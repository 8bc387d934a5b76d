"""The view models of ``parviz.views``, computed once per dataset and choice and shared.

Each function here is what a page calls: it runs the view model through ``cache.shared`` (one
object for every session; view models are frozen) and hands it the cached ranked frames, so a
page never ranks the dataset itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from parviz import profile as profile_core
from parviz.charts import ranking as ranking_charts
from parviz.dataset import Dataset
from parviz.problems import Problem
from parviz.ui import cache, kept, widgets
from parviz.views import criteria, rank_changes
from parviz.views import data as data_page
from parviz.views import overview as overview_page
from parviz.views import profile as profile_view
from parviz.views import rankings as rankings_page


def profile_units(dataset: Dataset, block: str, year: int) -> widgets.UnitChoices:
    """Return the units of the block to choose from on the profile (cached)."""
    return cache.shared(dataset, _profile_units, block, year)


def _profile_units(dataset: Dataset, block: str, year: int) -> widgets.UnitChoices:
    unit_ids = profile_core.block_units(cache.standings(dataset), block=block, year=year)
    return widgets.unit_choices_in(dataset, unit_ids, year)


def profile(
    dataset: Dataset, year: int, block: str, unit_id: str, lang: str
) -> profile_view.ProfileView:
    """Return what the profile of ``unit_id`` shows (cached)."""
    return cache.shared(dataset, _profile, year, block, unit_id, lang)


def _profile(
    dataset: Dataset, year: int, block: str, unit_id: str, lang: str
) -> profile_view.ProfileView:
    return profile_view.build(
        dataset, year=year, block=block, unit_id=unit_id, lang=lang,
        standings=cache.standings(dataset), ranks=cache.ranking_of(dataset, year=year, block=block),
    )  # fmt: skip


def rank_change_units(dataset: Dataset, block: str, year: int) -> widgets.UnitChoices:
    """Return the block's units in rank order of ``year``, by full name (cached)."""
    return cache.shared(dataset, _rank_change_units, block, year)


def _rank_change_units(dataset: Dataset, block: str, year: int) -> widgets.UnitChoices:
    return widgets.unit_choices_in(dataset, cache.shared(dataset, _unit_order, block, year), year)


def _unit_order(dataset: Dataset, block: str, year: int) -> list[str]:
    """Return the block's units in rank order of ``year`` (shared: nobody changes it)."""
    return rank_changes.unit_order(cache.standings(dataset), block=block, year=year)


def _short_names(dataset: Dataset, block: str) -> widgets.Labels:
    """Return the block's unique short names over the years (shared: nobody changes it)."""
    return widgets.unique_labels(rank_changes.short_names(cache.standings(dataset), block=block))


def rank_change_others(dataset: Dataset, block: str, year: int, focus: str) -> widgets.UnitChoices:
    """Return the units that can be hidden from the bump chart, by short name (cached)."""
    return cache.shared(dataset, _rank_change_others, block, year, focus)


def _rank_change_others(dataset: Dataset, block: str, year: int, focus: str) -> widgets.UnitChoices:
    # Order and names made once per block and year, not once per focus unit (#16).
    order = cache.shared(dataset, _unit_order, block, year)
    names = cache.shared(dataset, _short_names, block)
    return widgets.unit_choices([u for u in order if u != focus], names)


def rank_change_bump(
    dataset: Dataset, block: str, lang: str, focus: str, hidden: tuple[str, ...]
) -> go.Figure:
    """Return the bump chart of the block's ranks over the years (cached per choice)."""
    return cache.shared(dataset, _rank_change_bump, block, lang, focus, hidden)


def _rank_change_bump(
    dataset: Dataset, block: str, lang: str, focus: str, hidden: tuple[str, ...]
) -> go.Figure:
    return rank_changes.bump(dataset, block=block, lang=lang, focus=focus, hidden=hidden,
                             standings=cache.standings(dataset))  # fmt: skip


def rank_change_bump_narrow(
    dataset: Dataset, block: str, lang: str, focus: str, hidden: tuple[str, ...]
) -> go.Figure:
    """Return the phone variant of the bump chart (names inside the plot; cached) (#14)."""
    return cache.shared(dataset, _rank_change_bump_narrow, block, lang, focus, hidden)


def _rank_change_bump_narrow(
    dataset: Dataset, block: str, lang: str, focus: str, hidden: tuple[str, ...]
) -> go.Figure:
    return ranking_charts.narrow_bump(rank_change_bump(dataset, block, lang, focus, hidden))


def rank_change_pair(
    dataset: Dataset, block: str, lang: str, focus: str, year_a: int, year_b: int
) -> rank_changes.Pair:
    """Return the comparison of two years: warning flag, movement, dumbbell, movers (cached)."""
    return cache.shared(dataset, _rank_change_pair, block, lang, focus, year_a, year_b)


def _rank_change_pair(
    dataset: Dataset, block: str, lang: str, focus: str, year_a: int, year_b: int
) -> rank_changes.Pair:
    return rank_changes.pair(dataset, block=block, lang=lang, focus=focus, year_a=year_a,
                             year_b=year_b, standings=cache.standings(dataset))  # fmt: skip


def data(dataset: Dataset, lang: str) -> data_page.DataView:
    """Return what the Data page shows about the dataset (cached)."""
    return cache.shared(dataset, _data, lang)


def _data(dataset: Dataset, lang: str) -> data_page.DataView:
    return data_page.build(dataset, lang=lang)


def validation(dataset: Dataset, problems: Sequence[Problem], lang: str) -> data_page.Validation:
    """Return the validation report of the load that made ``dataset`` (its ``problems``), kept.

    Made once per loaded dataset and language, not on every rerun: the same dataset object
    comes from one load, whose problems these are.
    """
    return kept.prepared(
        dataset, ("validation", lang), lambda: data_page.validation(problems, lang)
    )


def criteria_of_block(dataset: Dataset, year: int, block: str, lang: str) -> criteria.BlockCriteria:
    """Return the block's breakdown, heatmap, summary and points-lost bars (cached)."""
    return cache.shared(dataset, _criteria_of_block, year, block, lang)


def _criteria_of_block(
    dataset: Dataset, year: int, block: str, lang: str
) -> criteria.BlockCriteria:
    return criteria.block_criteria(dataset, year=year, block=block, lang=lang)


def criteria_over_years(dataset: Dataset, block: str, lang: str) -> criteria.YearsCriteria:
    """Return the block's criterion averages over the years and its breaks (cached)."""
    return cache.shared(dataset, _criteria_over_years, block, lang)


def _criteria_over_years(dataset: Dataset, block: str, lang: str) -> criteria.YearsCriteria:
    return criteria.over_years(dataset, block=block, lang=lang)


def overview(
    dataset: Dataset, year: int, block: str, lang: str
) -> overview_page.OverviewView | None:
    """Return what the overview of a block and year shows (None: nothing ranked; cached)."""
    return cache.shared(dataset, _of_ranking, "overview", year, block, lang)


def rankings(
    dataset: Dataset, year: int, block: str, lang: str
) -> rankings_page.RankingsView | None:
    """Return the ranked bars and table of a block and year (None: nothing ranked; cached)."""
    return cache.shared(dataset, _of_ranking, "rankings", year, block, lang)


# The view models made of one block's ranking in a year, by name (a plain cache key).
OF_RANKING = {"overview": overview_page.build, "rankings": rankings_page.build}


def _of_ranking(dataset: Dataset, name: str, year: int, block: str, lang: str) -> object:
    ranks = cache.ranking_of(dataset, year=year, block=block)
    return OF_RANKING[name](dataset, year=year, block=block, lang=lang, ranks=ranks)
