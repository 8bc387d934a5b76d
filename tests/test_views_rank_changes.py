"""views.rank_changes: the bump chart, two years compared and the movers, as frozen data."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest

from parviz import comparison, movers, ranking
from parviz.loading import load_dataset
from parviz.views import rank_changes
from tests.helpers import SAMPLE, copy_minimal


@cache
def sample():
    """Load the bundled sample once for this module (read-only)."""
    return load_dataset(SAMPLE)


@pytest.fixture
def minimal(tmp_path: Path):
    """The minimal dataset: 2020 ranks a, c, b; 2021 ranks a, b, c."""
    return load_dataset(copy_minimal(tmp_path))


def test_units_in_rank_order_of_the_year(minimal) -> None:
    standings = ranking.standings(minimal)
    assert rank_changes.unit_order(standings, block="district", year=2020) == ["a", "c", "b"]
    assert rank_changes.unit_order(standings, block="district", year=2021) == ["a", "b", "c"]


def test_default_pair_is_the_previous_scored_year(minimal) -> None:
    assert rank_changes.default_pair(minimal, block="district", year=2021) == (2020, 2021)
    assert rank_changes.default_pair(minimal, block="district", year=2020) == (2020, 2020)


def test_pair_of_the_minimal_dataset(minimal) -> None:
    shown = rank_changes.pair(minimal, block="district", lang="en", focus="c",
                              year_a=2020, year_b=2021)  # fmt: skip
    assert (shown.year_a, shown.year_b) == (2020, 2021)
    assert shown.movement and "3" in shown.movement  # c fell from 2nd to 3rd
    assert shown.dumbbell.data and not shown.methodology_changed
    with pytest.raises(dataclasses.FrozenInstanceError):
        shown.rises = ()  # type: ignore[misc]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_movers_are_the_findings_rule(lang: str) -> None:
    dataset = sample()
    compared = comparison.compare_years(ranking.standings(dataset), dataset, block="department",
                                        year_a=2020, year_b=2021)  # fmt: skip
    rises, falls = movers.split(movers.between(compared))
    shown = rank_changes.pair(dataset, block="department", lang=lang, focus="so-gtvt",
                              year_a=2020, year_b=2021)  # fmt: skip
    assert len(shown.rises) == len(rises) and len(shown.falls) == len(falls)
    assert shown.rises + shown.falls
    for sentence, (_, row) in zip(shown.rises + shown.falls,
                                  list(rises.iterrows()) + list(falls.iterrows())):  # fmt: skip
        assert sentence == comparison.mover_sentence(row, year_a=2020, year_b=2021, lang=lang)


def test_bump_hides_the_chosen_units(minimal) -> None:
    everyone = rank_changes.bump(minimal, block="district", lang="vi", focus="a")
    fewer = rank_changes.bump(minimal, block="district", lang="vi", focus="a", hidden=("b",))
    drawn = [trace for trace in everyone.data if trace.visible is not False]
    kept = [trace for trace in fewer.data if trace.visible is not False]
    assert len(kept) < len(drawn)
