"""The criteria and unit-profile pages run under AppTest, in both languages, on odd data."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from parviz.i18n import t
from parviz.ui import cache, phone
from tests.apptesting import app_test, open_tab
from tests.helpers import copy_minimal


def run_page(page: str, **query: object):
    at = app_test(**query)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def figures(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def decoded(values) -> list:
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def criteria_tabs(lang: str, **query: object) -> list[list[dict]]:
    """Return the figures of each tab of the criteria page, the first tab as it opens."""
    at = run_page("pages/criteria.py", lang=lang, year=2021, block="district", **query)
    shown = [figures(at)]
    for key in ("criteria.tab.lost", "criteria.tab.years"):
        shown.append(figures(open_tab(at, "criteria_tab", t(key, lang))))
    return shown


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_criteria_page(lang: str) -> None:
    at = run_page("pages/criteria.py", lang=lang, year=2021, block="district")
    assert [tab.label for tab in at.tabs] == [
        t(key, lang) for key in ("criteria.tab.units", "criteria.tab.lost", "criteria.tab.years")
    ]
    specs = figures(at)
    assert len(specs) == 1  # the first tab only: the others are drawn when opened (#16)
    heat = specs[0]["data"][0]
    assert heat["type"] == "heatmap"
    assert specs[0]["layout"].get("yaxis", {}).get("ticklabelposition") != "inside"  # wide
    cells = [cell for row in heat["text"] for cell in row]
    assert ("84,4" if lang == "vi" else "84.4") in cells
    assert specs[0]["layout"]["separators"] == (",." if lang == "vi" else ".,")
    assert [s.value for s in at.subheader] == [t("criteria.summary.title", lang)]
    summary = [m.value for m in at.markdown if m.value.startswith("| ")]
    assert len(summary) == 1 and len(summary[0].splitlines()) == 2 + 7  # header, rule, 7 rows
    lost = figures(open_tab(at, "criteria_tab", t("criteria.tab.lost", lang)))
    assert [trace["type"] for trace in lost[0]["data"]] == ["bar"] * 7
    assert t("criteria.lost.help", lang) in [c.value for c in at.caption]
    years = figures(open_tab(at, "criteria_tab", t("criteria.tab.years", lang)))
    assert len(years) == 1 and len(years[0]["data"]) == 7  # one small multiple a criterion
    assert t("criteria.years.breaks", lang, years="2022") in [c.value for c in at.caption]


@pytest.mark.parametrize(("lang", "rank"), [("vi", "3/12"), ("en", "3 of 12")])
def test_profile_page_for_chi_linh_2021(lang: str, rank: str) -> None:
    at = run_page("pages/profile.py", lang=lang, year=2021, block="district", unit="chi-linh")
    assert at.sidebar.selectbox(key="unit_choice").value == "UBND thành phố Chí Linh"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("profile.kpi.rank", lang)] == rank
    assert [tab.label for tab in at.tabs] == [
        t(f"profile.tab.{key}", lang) for key in ("history", "criteria", "change")
    ]
    (history,) = figures(at)  # the first tab only: the others are drawn when opened (#16)
    assert history["data"][0]["type"] == "scatter"
    ranks = decoded(history["data"][0]["y"])
    assert ranks[4:6] == [1, 3]
    headings = [s.value for s in at.subheader]
    assert t("profile.section.way_up", lang) in headings
    (radar,) = figures(open_tab(at, "profile_tab", t("profile.tab.criteria", lang)))
    assert radar["data"][0]["type"] == "scatterpolar"
    assert t("profile.section.strengths", lang) in [s.value for s in at.subheader]
    (waterfall,) = figures(open_tab(at, "profile_tab", t("profile.tab.change", lang)))
    assert waterfall["data"][0]["type"] == "waterfall"
    text = "\n".join(m.value for m in at.markdown)
    assert "TP Hải Dương" in text and "Nam Sách" in text  # overtook Chí Linh


def test_profile_follows_the_unit_select_box() -> None:
    at = run_page("pages/profile.py", lang="vi", year=2021, block="district", unit="chi-linh")
    at.sidebar.selectbox(key="unit_choice").set_value("UBND huyện Nam Sách").run()
    assert not at.exception
    assert at.subheader[0].value.startswith("UBND huyện Nam Sách")
    at.run()  # the choice holds on the next rerun (the widget keeps the name, UNIT the id)
    assert at.subheader[0].value.startswith("UBND huyện Nam Sách")
    assert at.query_params["unit"] == ["nam-sach"] or at.query_params["unit"] == "nam-sach"


@pytest.fixture
def totals_only(tmp_path, monkeypatch):
    """The minimal dataset plus a 2022 that publishes totals only, without unit c."""
    folder = copy_minimal(tmp_path)
    with (folder / "methodology.csv").open("a", encoding="utf-8") as out:
        out.write("2022,district,100,,\n")
    with (folder / "results.csv").open("a", encoding="utf-8") as out:
        out.write("2022,a,88,,1,good,,,\n2022,b,86,,2,good,,,\n")
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    cache.clear()
    yield folder
    cache.clear()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_profile_in_a_totals_only_year_says_what_is_missing(totals_only, lang: str) -> None:
    at = run_page("pages/profile.py", lang=lang, year=2022, block="district", unit="a")
    assert t("profile.only_totals", lang, year=2022) in [i.value for i in at.info]
    assert [tab.label for tab in at.tabs] == [  # no tab of criteria: none published
        t(f"profile.tab.{key}", lang) for key in ("history", "change")
    ]
    assert [spec["data"][0]["type"] for spec in figures(at)] == ["scatter"]
    assert not figures(open_tab(at, "profile_tab", t("profile.tab.change", lang)))
    assert t("profile.missing_years", lang, years="2022") in [i.value for i in at.info]


def test_profile_of_a_unit_not_ranked_that_year(totals_only) -> None:
    at = run_page("pages/profile.py", lang="vi", year=2022, block="district", unit="c")
    unit = "UBND huyện Cẩm Lộc"
    assert t("profile.not_ranked", "vi", unit=unit, year=2022) in [i.value for i in at.info]
    assert not at.metric
    assert len(figures(at)) == 1  # the history still shows the years it was ranked


def test_criteria_page_in_a_totals_only_year(totals_only) -> None:
    at = run_page("pages/criteria.py", lang="en", year=2022, block="district")
    assert t("criteria.only_totals", "en", year=2022, block="Districts") in [
        i.value for i in at.info
    ]
    assert len(figures(at)) == 1  # averages over the years


def test_a_phone_gets_the_phone_charts_only(monkeypatch) -> None:
    # A phone's browser (User-Agent "Mobile", #14) is sent the phone variants, not both (#16).
    wide = criteria_tabs("vi")
    monkeypatch.setattr(phone, "on_phone", lambda: True)
    narrow = criteria_tabs("vi")
    assert [len(tab) for tab in narrow] == [len(tab) for tab in wide] == [1, 1, 1]
    heat, phone_heat = wide[0][0]["data"][0], narrow[0][0]["data"][0]
    assert phone_heat["text"] == heat["text"] and phone_heat["y"] == heat["y"]  # same numbers
    assert narrow[0][0]["layout"]["yaxis"]["ticklabelposition"] == "inside"  # names above rows
    assert narrow[1] == wide[1]  # points lost: one chart for every width
    assert narrow[2] != wide[2]  # averages over the years: one criterion per row
