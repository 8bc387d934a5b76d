"""The view models of ``parviz.views``, computed once per dataset and choice and shared.

Each function here is what a page calls: it runs the view model through ``cache.shared`` (one
object for every session; view models are frozen) and hands it the cached ranked frames, so a
page never ranks the dataset itself.
"""

from __future__ import annotations

from parviz import profile as profile_core
from parviz.dataset import Dataset
from parviz.ui import cache, widgets
from parviz.views import profile as profile_view


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
