"""Charts of one row or line per unit stay small and readable on a block of 1,000 units."""

import json

import pandas as pd
import pytest

from parviz import breakdown
from parviz.charts import criteria as criteria_charts
from parviz.charts import profile as profile_charts
from parviz.charts import ranking as charts
from parviz.charts.profile import rank_ticks

UNITS = 1000
N = charts.TOP_N


def _ranking(units: int = UNITS, year: int = 2024) -> pd.DataFrame:
    ids = [f"u{i:04d}" for i in range(units)]
    return pd.DataFrame(
        {
            "year": year,
            "unit_id": ids,
            "unit": [f"Đơn vị {i}" for i in range(units)],
            "short_name": [f"ĐV {i}" for i in range(units)],
            "rank": range(1, units + 1),
            "score": [95 - 60 * i / units for i in range(units)],
            "band_id": None,
        }
    )


def _size(figure) -> int:
    return len(figure.to_json().encode())


def _bar_labels(figure) -> list[str]:
    return [label for trace in figure.data if trace.meta == "bars" for label in trace.y]


def test_ranking_bar_keeps_the_top_and_bottom_and_the_focus_unit():
    figure = charts.ranking_bar(_ranking(), lang="vi", block_name="Khối", focus="u0500")
    labels = _bar_labels(figure)
    assert len(labels) == 2 * N + 1
    assert labels[0] == "1. ĐV 0" and labels[-1] == f"{UNITS}. ĐV {UNITS - 1}"
    assert "501. ĐV 500" in labels
    assert _size(figure) < 1_000_000
    source = figure.layout.annotations[-1].text
    assert "31 trên 1.000" in source  # the note says how many are shown


def test_ranking_bar_average_is_of_every_unit():
    ranking = _ranking()
    figure = charts.ranking_bar(ranking, lang="en", block_name="Block")
    average = next(trace for trace in figure.data if trace.meta == "average")
    assert f"{ranking['score'].mean():.2f}" in average.name


def test_a_small_block_is_drawn_whole():
    figure = charts.ranking_bar(_ranking(30), lang="vi", block_name="Khối")
    assert len(_bar_labels(figure)) == 30
    assert not any("trên" in (note.text or "") for note in figure.layout.annotations)


def test_bump_chart_draws_the_ends_and_one_grey_svg_trace_for_the_rest():
    history = pd.concat([_ranking(year=year) for year in (2022, 2023, 2024)])
    figure = charts.bump_chart(history, lang="vi", block_name="Khối", focus="u0700")
    units = [trace for trace in figure.data if trace.meta not in ("others",)]
    others = [trace for trace in figure.data if trace.meta == "others"]
    assert len(units) == 2 * N + 1
    # SVG: a WebGL context takes seconds to draw where the browser has no GPU (#16).
    assert len(others) == 1 and others[0].type == "scatter"
    # One line per unit: each unit's three years, then a gap, so no line joins two units.
    ys, xs = pd.Series(others[0].y, dtype=float), pd.Series(others[0].x, dtype=float)
    assert ys[3::4].isna().all() and xs[3::4].isna().all() and ys.notna().sum() == 3 * len(ys) // 4
    assert list(xs[:3]) == [2022, 2023, 2024] and others[0].text[3] is None
    assert units[-1].meta == "u0700"  # the focus unit drawn last, on top
    assert len(figure.layout.annotations) < 10  # end labels at the ends and the focus only
    assert figure.layout.height < 2000
    assert _size(figure) < 1_000_000


def test_dumbbell_keeps_the_top_and_bottom():
    ranking = _ranking()
    compared = pd.DataFrame(
        {
            "unit_id": ranking["unit_id"],
            "unit": ranking["unit"],
            "short_name": ranking["short_name"],
            "rank_b": ranking["rank"],
            "score_a": ranking["score"] - 1,
            "score_b": ranking["score"],
        }
    )
    figure = charts.dumbbell(compared, year_a=2023, year_b=2024, lang="en", block_name="Block")
    assert len(figure.data[1].y) == 2 * N
    assert _size(figure) < 1_000_000


@pytest.fixture(scope="module")
def shares() -> pd.DataFrame:
    ranking = _ranking()
    criteria = pd.DataFrame(
        {
            "criterion_id": ["C1", "C2"],
            "order": [1, 2],
            "name_vi": ["Chỉ đạo", "Thể chế"],
            "name_en": ["Direction", "Institutions"],
        }
    )
    points = pd.DataFrame(
        {
            "unit_id": list(ranking["unit_id"]) * 2,
            "criterion_id": ["C1"] * UNITS + ["C2"] * UNITS,
            "points": list(ranking["score"] / 10) * 2,
            "max_points": 10.0,
        }
    )
    return breakdown.shares(points, ranking, criteria)


def test_heatmap_and_points_lost_cap_their_rows(shares):
    heatmap = criteria_charts.heatmap(shares, "vi", title="Tiêu chí")
    assert len(heatmap.data[0].y) == 2 * N
    assert _size(heatmap) < 1_000_000
    lost = criteria_charts.lost_bars(shares, "vi", title="Điểm bị trừ")
    assert all(len(trace.y) == 2 * N for trace in lost.data)
    assert _size(lost) < 1_000_000
    assert "1.000" in heatmap.layout.annotations[-1].text


def test_capped_figures_survive_json():
    figure = charts.ranking_bar(_ranking(), lang="vi", block_name="Khối")
    assert json.loads(figure.to_json())["data"]


@pytest.mark.parametrize(
    ("most", "ticks"),
    [
        (1, [1]),
        (20, list(range(1, 21))),  # a province's block: every rank
        (30, [1, *range(5, 31, 5)]),
        (100, [1, *range(20, 101, 20)]),
        (9500, [1, 2000, 4000, 6000, 8000]),
    ],
)
def test_rank_ticks_stay_few_and_round(most, ticks):
    assert rank_ticks(most) == ticks


def test_the_history_of_a_unit_among_10000_has_few_rank_ticks():
    frame = pd.DataFrame(
        {"year": [2023, 2024], "rank": [170, 1], "units_ranked": [9500, 9500],
         "score": [98.5, 100.0], "index": [98.5, 100.0], "unit": ["A", "A"],
         "short_name": ["A", "A"], "renamed": [False, False]}
    )  # fmt: skip
    figure = profile_charts.history(frame, "vi", title="Lịch sử")
    assert len(figure.layout.yaxis.tickvals) <= 9  # 1,900 labels froze the browser for minutes
