"""The Overview's ranking parts: movement tiles, top and bottom three, bands, classifications."""

from __future__ import annotations

from parviz import overview, ranking
from parviz.charts.ranking import band_names
from parviz.loading import load_dataset
from tests.helpers import MINIMAL, SAMPLE
from tests.test_pages_rankings import open_page


def test_movement_tiles_and_ends_on_the_minimal_dataset():
    ranks = ranking.rank(load_dataset(MINIMAL), year=2021, block="district")
    assert overview.movement_tiles(ranks) == [
        ("rankings.overview.rose", 1),
        ("rankings.overview.fell", 1),
        ("rankings.overview.kept", 1),
    ]
    top, bottom = overview.ends(ranks)
    assert list(top["unit_id"]) == ["a", "b", "c"] and bottom.empty  # no unit listed twice
    assert overview.ranking_lines(top, "vi")[2] == "3. Cẩm Lộc: 75,50 điểm (▼1)"
    assert overview.ranking_lines(top, "en")[0] == "1. An Bình: 84.00 points (=)"


def test_bands_and_classifications_on_the_sample():
    sample = load_dataset(SAMPLE)
    districts_2022 = ranking.rank(sample, year=2022, block="district")
    bands = overview.band_counts(
        districts_2022, band_names(sample, year=2022, block="district", lang="vi")
    )
    assert bands[0] == ("Từ 90% trở lên", 2)  # published: Nam Sách and Kim Thành
    assert sum(count for _, count in bands) == 12
    departments_2021 = ranking.rank(sample, year=2021, block="department")
    assert overview.band_counts(departments_2021, {}) == []
    # published 2021: departments 2 excellent, 14 good, 2 completed
    assert [c for _, c in overview.classification_counts(departments_2021, "en")] == [2, 14, 2]
    top, bottom = overview.ends(departments_2021)
    assert top.iloc[0]["short_name"] == "Giao thông vận tải"
    assert bottom.iloc[-1]["unit_id"] == "so-y-te" or "Y tế" in bottom.iloc[-1]["short_name"]


def test_overview_page_shows_movement_top_and_bottom_in_both_languages():
    for lang, top, rose in (("vi", "3 đơn vị dẫn đầu", "Tăng hạng"), ("en", "Top 3", "Rose")):
        at = open_page("pages/overview.py", lang, year="2021", block="district")
        texts = [m.value for m in at.markdown]
        assert any(top in text for text in texts)
        assert any("TP Hải Dương" in text and "▲4" in text for text in texts)
        assert rose in [metric.label for metric in at.metric]
        at.sidebar.selectbox(key="year").set_value(2022).run()
        assert not at.exception and not at.error
        assert any("90%" in m.value for m in at.markdown)  # band counts in 2022
