"""Ranking figures, checked structurally: traces, order, reversed rank axes, labels, format."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from parviz import comparison, theme
from parviz.charts import ranking as charts
from parviz.loading import load_dataset
from parviz.ranking import rank, standings
from tests.helpers import MINIMAL, SAMPLE


@pytest.fixture(scope="module")
def sample():
    return load_dataset(SAMPLE)


def test_ranking_bar_first_at_top_with_average_and_vi_separators(sample):
    ranking = rank(sample, year=2021, block="district")
    fig = charts.ranking_bar(ranking, lang="vi", block_name="Huyện", source="Nguồn: x")
    assert [trace.meta for trace in fig.data] == ["bars", "average"]  # no bands in 2021
    labels = list(fig.data[0].y)
    assert labels[0].startswith("1. ") and labels[2] == "3. Chí Linh"
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # 1st at the top
    assert list(fig.layout.yaxis.categoryarray) == labels
    assert fig.layout.separators == ",."
    assert "2021" in fig.layout.title.text and "Huyện" in fig.layout.title.text
    average = ranking["score"].mean()
    assert fig.layout.shapes[0].x0 == pytest.approx(average)
    assert fig.data[1].name == "Trung bình khối: " + f"{average:.2f}".replace(".", ",")
    assert "Nguồn: x" in [a.text for a in fig.layout.annotations]


def test_ranking_bar_colours_bands_in_band_order(sample):
    ranking = rank(sample, year=2022, block="district")
    bands = {"A": "≥ 90%", "B": "80–<90%", "C": "< 80%"}
    fig = charts.ranking_bar(ranking, lang="en", block_name="Districts", bands=bands)
    # "<" is written &lt; for Plotly (which shows it as "<"): a band name is never a tag (#19)
    assert [html.unescape(trace.name) for trace in fig.data[:3]] == list(bands.values())
    assert fig.data[3].meta == "average"
    assert len({trace.marker.color for trace in fig.data[:3]}) == 3
    assert fig.layout.separators == ".,"
    assert sum(len(trace.y) for trace in fig.data[:3]) == len(ranking)


def test_bump_chart_one_line_per_unit_reversed_rank_axis_and_focus(sample):
    history = standings(sample)
    history = history[history["block"] == "district"]
    fig = charts.bump_chart(
        history,
        lang="vi",
        block_name="Huyện",
        focus="chi-linh",
        hidden=["ninh-giang"],
        breaks=[2022],
    )
    units = [trace.meta for trace in fig.data]
    assert len(units) == 11 and "ninh-giang" not in units
    assert units[-1] == "chi-linh"  # the focus is drawn last, on top
    focus = fig.data[-1]
    assert focus.line.color == theme.unit_colours(history["unit_id"])["chi-linh"]
    assert {trace.line.color for trace in fig.data[:-1]} == {theme.GREY}
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # 1st at the top
    years = list(focus.x)
    assert focus.y[years.index(2020)] == 1 and focus.y[years.index(2021)] == 3
    names = [a.text for a in fig.layout.annotations if a.name == "end-label"]
    assert "<b>Chí Linh</b>" in names and len(names) == 11
    assert any("Đổi bộ chỉ số" in (a.text or "") for a in fig.layout.annotations)
    assert "2016–2024" in fig.layout.title.text


def test_bump_chart_without_focus_uses_unit_colours_and_breaks_lines_on_gaps():
    minimal = load_dataset(MINIMAL)
    history = standings(minimal).copy()
    history = history[~((history["unit_id"] == "b") & (history["year"] == 2020))]
    fig = charts.bump_chart(history, lang="en", block_name="Districts")
    colours = theme.unit_colours(history["unit_id"])
    assert {trace.meta: trace.line.color for trace in fig.data} == colours
    b = next(trace for trace in fig.data if trace.meta == "b")
    assert pd.isna(b.y[0]) and b.connectgaps is False


def test_dumbbell_orders_by_later_rank_and_has_two_years(sample):
    compared = comparison.compare_years(
        standings(sample), sample, block="district", year_a=2020, year_b=2021
    )
    fig = charts.dumbbell(
        compared, year_a=2020, year_b=2021, lang="vi", block_name="Huyện", focus="chi-linh"
    )
    assert [trace.name for trace in fig.data] == ["links", "2020", "2021"]
    labels = list(fig.data[2].y)
    assert labels[0].startswith("1. ") and fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]
    chi_linh = labels.index("<b>3. Chí Linh</b>")  # the focus is bold
    assert fig.data[1].x[chi_linh] == pytest.approx(84.90 - 0.58, abs=0.01)
    assert "2020" in fig.layout.title.text and "2021" in fig.layout.title.text
    colours = theme.unit_colours(compared["unit_id"])
    assert fig.data[2].marker.color[chi_linh] == colours["chi-linh"]
    assert fig.data[2].marker.color[0] == theme.AVERAGE_LINE


def test_thirty_units_get_enough_height():
    ranking = pd.DataFrame(
        {
            "year": 2021,
            "unit_id": [f"u{i}" for i in range(30)],
            "unit": [f"Đơn vị số {i}" for i in range(30)],
            "short_name": [f"Đơn vị {i}" for i in range(30)],
            "score": [90 - i * 0.5 for i in range(30)],
            "rank": range(1, 31),
        }
    )
    fig = charts.ranking_bar(ranking, lang="vi", block_name="X")
    assert fig.layout.height >= 30 * charts.ROW_HEIGHT
    fig = charts.bump_chart(ranking, lang="vi", block_name="X")
    assert fig.layout.height >= 30 * charts.ROW_HEIGHT


def test_bump_chart_leaves_room_for_its_longest_name(sample):
    history = standings(sample)
    history = history[history["block"] == "district"].copy()
    short = charts.bump_chart(history, lang="vi", block_name="Huyện", focus="chi-linh")
    assert short.layout.margin.r == charts.LABEL_MARGIN[0]  # short names: the least room
    long_name = "Thành phố Hải Dương mở rộng sau sáp nhập"
    history.loc[history["unit_id"] == "chi-linh", "short_name"] = long_name
    fig = charts.bump_chart(history, lang="vi", block_name="Huyện", focus="chi-linh")
    bold = theme.text_width(long_name, charts.LABEL_SIZE) * 1.1
    assert bold + charts.LABEL_SHIFT <= fig.layout.margin.r <= charts.LABEL_MARGIN[1]
