"""Figures of the criteria and profile pages, checked structurally."""

from __future__ import annotations

from functools import cache

import pytest

from parviz import breakdown, comparison, profile, ranking
from parviz.charts import criteria as criteria_charts
from parviz.charts import profile as profile_charts
from parviz.loading import load_dataset
from tests.helpers import SAMPLE


@cache
def sample():
    """Load the bundled sample once for this module (read-only)."""
    return load_dataset(SAMPLE)


@cache
def district_2021():
    return breakdown.criterion_table(sample(), year=2021, block="district")


@pytest.mark.parametrize(("lang", "text"), [("vi", "84,4"), ("en", "84.4")])
def test_heatmap_units_in_rank_order_with_localised_labels(lang: str, text: str) -> None:
    fig = criteria_charts.heatmap(district_2021(), lang, title="T")
    heat = fig.data[0]
    assert len(heat.z) == 12 and len(heat.z[0]) == 7
    assert heat.y[-1].startswith("1. ") and heat.y[0].startswith("12. ")  # leader on top
    assert heat.zmid == 0
    assert text in [cell for row in heat.text for cell in row]  # TP Hải Dương C1 = 84,36%
    assert fig.layout.separators == (",." if lang == "vi" else ".,")


def test_heatmap_leaves_not_applicable_cells_empty() -> None:
    table = district_2021()
    table = table[~((table["unit_id"] == "chi-linh") & (table["criterion_id"] == "C2"))]
    heat = criteria_charts.heatmap(table, "vi", title="T").data[0]
    row = next(i for i, label in enumerate(heat.y) if label.endswith("Chí Linh"))
    assert heat.z[row][1] is None and heat.text[row][1] == ""


def test_lost_bars_stack_one_trace_per_criterion() -> None:
    fig = criteria_charts.lost_bars(district_2021(), "en", title="T")
    assert fig.layout.barmode == "stack"
    assert [trace.name for trace in fig.data] == [f"C{i}" for i in range(1, 8)]
    totals = [sum(trace.x[i] for trace in fig.data) for i in range(12)]
    assert totals[-1] == pytest.approx(100 - 85.86)  # TP Hải Dương at the top


def test_selected_unit_reads_the_y_label() -> None:
    event = {"selection": {"points": [{"x": 1.0, "y": "3. Chí Linh"}]}}
    assert criteria_charts.selected_unit(event, district_2021()) == "chi-linh"
    assert criteria_charts.selected_unit({"selection": {"points": []}}, district_2021()) is None
    assert criteria_charts.selected_unit(None, district_2021()) is None


def test_averages_small_multiples_mark_the_methodology_change() -> None:
    averages = breakdown.block_averages_over_years(sample(), block="district")
    breaks = comparison.methodology_breaks(sample(), "district")
    fig = criteria_charts.averages_over_years(averages, "vi", title="T", breaks=breaks)
    assert len(fig.data) == 7
    assert all(len(trace.x) == 9 for trace in fig.data)
    assert {shape.x0 for shape in fig.layout.shapes} == {2021.5}


def test_history_rank_axis_reversed_and_rename_annotated() -> None:
    history = profile.history(ranking.standings(sample()), "chi-linh")
    fig = profile_charts.history(history, "vi", title="T", breaks=[2022])
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # rank 1 at the top
    assert list(fig.data[0].y[4:6]) == [1, 3]  # 2020 → 2021
    texts = [a.text.replace("<br>", " ") for a in fig.layout.annotations]
    assert any(text.startswith("Đổi tên") and "Chí Linh" in text for text in texts)


def test_radar_has_unit_average_and_leader() -> None:
    series = profile.radar_series(district_2021(), "chi-linh")
    fig = profile_charts.radar(series, "en", title="T", unit_name="Chí Linh", leader_name="X")
    assert [trace.name for trace in fig.data] == ["Block average", "Leader: X", "Chí Linh"]
    assert all(len(trace.r) == 8 for trace in fig.data)  # 7 criteria, closed


def test_waterfall_adds_up_to_the_total_change() -> None:
    dataset = sample()
    row = profile.ranking_row(ranking.rank(dataset, year=2021, block="district"), "chi-linh")
    deltas = profile.deltas_of(ranking.criterion_points(dataset), dataset.table("criteria"), row)
    fig = profile_charts.waterfall(deltas, "vi", title="T")
    bars = fig.data[0]
    assert list(bars.measure) == ["relative"] * 7 + ["total"]
    assert sum(bars.y[:-1]) == pytest.approx(bars.y[-1])
    assert bars.y[-1] == pytest.approx(0.58)
    assert bars.text[-1] == "+0,58"
