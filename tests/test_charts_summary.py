"""The criterion averages chart of the written report (parviz/charts/summary.py)."""

from __future__ import annotations

import pandas as pd

from parviz.charts.summary import criterion_averages

SUMMARY = pd.DataFrame(
    {
        "criterion_id": ["C2", "C1"],
        "order": [2, 1],
        "name_vi": ["Cải cách thủ tục hành chính", "Cải cách thể chế"],
        "name_en": ["Administrative procedures reform", "Institutional reform"],
        "average_pct": [79.72, 83.33],
    }
)


def test_one_bar_per_criterion_in_order_named_with_its_share():
    fig = criterion_averages(SUMMARY, "vi")
    bar = fig.data[0]
    assert list(bar.y) == ["C1. Cải cách thể chế", "C2. Cải cách thủ tục hành chính"]
    assert list(bar.x) == [83.33, 79.72]
    assert bar.texttemplate == "%{x:.2f}%"
    assert fig.layout.separators == ",."  # 83,33% in Vietnamese
    assert tuple(fig.layout.xaxis.range) == (0, 100)


def test_english_names():
    fig = criterion_averages(SUMMARY, "en")
    assert list(fig.data[0].y)[0] == "C1. Institutional reform"
    assert fig.layout.xaxis.title.text == "% of the criterion's maximum"
