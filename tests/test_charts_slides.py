"""Slide figures: columns instead of skipped names, movers by name, one colour scale."""

from __future__ import annotations

import pandas as pd
import pytest

from parviz import breakdown, movers, ranking
from parviz.charts import slides
from parviz.loading import load_dataset
from tests.thirty import YEAR, write_thirty


@pytest.mark.parametrize(
    ("count", "sizes"), [(0, []), (1, [1]), (20, [20]), (21, [11, 10]), (30, [15, 15]),
                         (31, [16, 15]), (41, [14, 14, 13])],
)
def test_split_fills_the_fewest_columns_evenly(count, sizes):
    ids = [f"u{i}" for i in range(count)]
    columns = slides.split(ids)
    assert [len(c) for c in columns] == sizes
    assert [u for c in columns for u in c] == ids  # order kept, nothing dropped


@pytest.fixture(scope="module")
def thirty(tmp_path_factory):
    return load_dataset(write_thirty(tmp_path_factory.mktemp("thirty") / "data"))


def test_thirty_units_rank_in_two_columns_every_name_on_its_own_tick(thirty):
    ranks = ranking.rank(thirty, year=YEAR, block="commune")
    figs = slides.ranking_columns(ranks, lang="vi", max_score=100)
    assert len(figs) == 2
    for fig in figs:
        bars = next(trace for trace in fig.data if trace.meta == "bars")
        assert list(fig.layout.yaxis.categoryarray) == list(bars.y)
        assert len(bars.y) == 15 and fig.layout.yaxis.dtick == 1
        assert bars.textfont.size >= 20 and fig.layout.height == slides.HEIGHT
    first = list(figs[0].data[0].y)
    assert first[0].startswith("1. ") and list(figs[1].data[0].y)[-1].startswith("30. ")


def test_a_large_block_keeps_its_first_and_last_fifteen(thirty):
    ranks = ranking.rank(thirty, year=YEAR, block="commune")
    doubled = pd.concat([ranks, ranks.assign(unit_id=ranks["unit_id"] + "b",
                                             rank=ranks["rank"] + 30)])
    figs = slides.ranking_columns(doubled, lang="en", max_score=100)
    labels = [label for fig in figs for label in fig.data[0].y]
    assert len(labels) == 30 and labels[0].startswith("1. ") and labels[-1].startswith("60. ")


def test_movement_draws_the_notable_movers_in_their_order(thirty):
    ranks = ranking.rank(thirty, year=YEAR, block="commune")
    chosen = movers.notable(ranks)
    fig = slides.movement(chosen, lang="vi")
    assert list(fig.layout.yaxis.categoryarray) == list(chosen["short_name"])
    current = fig.data[-1]
    assert list(current.x) == [float(r) for r in chosen["rank"]]
    assert all(t.startswith(("▲", "▼")) for t in current.text)


def test_heatmap_columns_share_one_colour_scale(thirty):
    shares = breakdown.criterion_table(thirty, year=YEAR, block="commune")
    figs = slides.heatmap_columns(shares, lang="en")
    assert [len(fig.data[0].y) for fig in figs] == [15, 15]
    assert figs[0].data[0].zmax == figs[1].data[0].zmax == -figs[0].data[0].zmin
    assert [fig.data[0].showscale for fig in figs] == [False, True]
