"""A total's components (Vĩnh Phúc 2019: appraisal + survey points) shown where they exist."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from parviz import components
from parviz.charts import ranking as charts
from parviz.export.annex import annex_table
from parviz.importing import ImportOptions, import_table
from parviz.loading import load_dataset
from parviz.ranking import rank
from parviz.storage import init_dataset
from tests.helpers import ROOT

REAL = ROOT / "tests" / "data" / "real" / "vinhphuc_2019_department.xlsx"

# (score, assessed, survey) published → (assessed, survey) shown
SPLIT_CASES = [
    ((92.93, 59.25, 33.68), (59.25, 33.68)),
    ((90.0, math.nan, 30.0), (60.0, 30.0)),  # the missing part is the total minus the other
    ((90.0, 61.5, math.nan), (61.5, 28.5)),
]


@pytest.mark.parametrize(("published", "shown"), SPLIT_CASES)
def test_split(published, shown):
    score, assessed, survey = published
    row = pd.DataFrame(
        {"unit_id": ["a"], "score": [score], "assessed_points": [assessed],
         "survey_points": [survey]}
    )  # fmt: skip
    parts = components.split(row)
    assert (parts["assessed"].iloc[0], parts["survey"].iloc[0]) == pytest.approx(shown)


def test_no_components_no_split():
    row = pd.DataFrame({"unit_id": ["a"], "score": [90.0], "survey_points": [math.nan]})
    assert components.split(row) is None


@pytest.fixture(scope="module")
def vinh_phuc(tmp_path_factory):
    folder = tmp_path_factory.mktemp("vp") / "vp"
    init_dataset(folder, "Vĩnh Phúc", "Vĩnh Phúc")
    options = ImportOptions(year=2019, block="department", create_units=True)
    assert import_table(folder, REAL.read_bytes(), REAL.name, options).written
    return load_dataset(folder)


def test_rankings_bar_stacks_appraisal_and_survey(vinh_phuc):
    ranking = rank(vinh_phuc, year=2019, block="department")
    figure = charts.ranking_bar(ranking, lang="vi", block_name="Sở, ban, ngành")
    bars = [trace for trace in figure.data if trace.meta == "bars"]
    assert [b.name for b in bars] == ["Điểm thẩm định", "Điểm điều tra XHH"]
    assert figure.layout.barmode == "stack"
    first = ranking.iloc[0]
    assert bars[1].x[0] == pytest.approx(first["survey_points"])
    assert bars[0].x[0] + bars[1].x[0] == pytest.approx(first["score"])
    assert list(bars[0].y) == list(bars[1].y) and len(bars[0].y) == 17


def test_profile_line_and_annex_show_the_split(vinh_phuc):
    ranking = rank(vinh_phuc, year=2019, block="department")
    row = ranking.set_index("unit").loc["Sở Tài chính"]
    line = components.line(row, "vi")
    assert line.endswith("= 92,93 điểm.") and "điều tra xã hội học 33,68" in line
    assert "survey points 33.68" in components.line(row, "en")
    annex = annex_table(vinh_phuc, year=2019, block="department", lang="vi")
    total = annex["Điểm thẩm định"] + annex["Điều tra XHH"]
    assert (total - annex["Tổng điểm"]).abs().max() < 0.006


def test_profile_and_rankings_pages_show_the_split(vinh_phuc, monkeypatch):
    from tests.apptesting import app_test

    monkeypatch.setenv("PARVIZ_DATA", str(vinh_phuc.path))
    at = app_test(year=2019, block="department", lang="vi", unit="so-tai-chinh")
    at.run()
    at.switch_page("pages/profile.py").run()
    assert not at.exception and not at.error
    markdown = [m.value for m in at.markdown]
    assert "Điểm thẩm định 59,25 + điểm điều tra xã hội học 33,68 = 92,93 điểm." in markdown
    notices = [i.value for i in at.info]
    assert "Năm 2019 không công bố điểm từng lĩnh vực để phân tích." in notices
    at.switch_page("pages/rankings.py").run()
    assert not at.exception and not at.error
    import json

    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [trace.get("name") for trace in chart["data"] if trace.get("meta") == "bars"]
    assert names == ["Điểm thẩm định", "Điểm điều tra XHH"]
