"""One decision in one place (#17): the written report names the units the overview names.

A literal block published with three decimals, whose two best scores differ only in the third
(97,685 and 97,684): rounded to two they would look tied, and the report would call two units
"highest" where the overview (and the published table) has one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parviz.export import report_sections
from parviz.loading import load_dataset
from parviz.views import overview
from tests.helpers import copy_minimal

RESULTS = """year,unit_id,total,index_pct,rank,classification,band_id,survey_points,assessed_points
2020,a,90,,1,excellent,,,
2020,b,80,,3,good,,,
2020,c,85,,2,good,,,
2021,a,97.685,,1,good,,,
2021,b,97.684,,2,good,,,
2021,c,75.5,,3,completed,,,
"""
METHODOLOGY = """year,block,max_total,name,source_id,decimals
2020,district,100,,,2
2021,district,100,,,3
"""


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    folder = copy_minimal(Path(tmp_path_factory.mktemp("three")))
    (folder / "results.csv").write_text(RESULTS, encoding="utf-8")
    (folder / "methodology.csv").write_text(METHODOLOGY, encoding="utf-8")
    (folder / "scores.csv").write_text("year,unit_id,criterion_id,points\n", encoding="utf-8")
    return load_dataset(folder)


@pytest.mark.parametrize(("lang", "score"), [("vi", "97,685"), ("en", "97.685")])
def test_report_highest_and_lowest_are_the_overviews(dataset, lang: str, score: str) -> None:
    kpis = overview.build(dataset, year=2021, block="district", lang=lang).kpis
    assert kpis.highest_units == ("An Bình",) and kpis.lowest_units == ("Cẩm Lộc",)
    elements = report_sections.general(dataset, year=2021, blocks=["district"], lang=lang)
    sentence = next(e.text for e in elements if "Cẩm Lộc" in getattr(e, "text", ""))
    assert "Bắc Hà" not in sentence  # 97,684 is not the highest score
    assert "An Bình" in sentence and score in sentence  # the score as published
