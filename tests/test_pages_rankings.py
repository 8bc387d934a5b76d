"""The Rankings and Rank changes pages under AppTest, in vi and en, changing year, block, unit."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from parviz.i18n import t
from parviz.ui import phone
from tests.apptesting import open_tab, ranking_table_tab
from tests.helpers import ROOT

PAGES = ("pages/rankings.py", "pages/rank_changes.py")


def open_page(page: str, lang: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params.update({"lang": lang, **params})
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def bump_tab(at: AppTest, lang: str) -> AppTest:
    """Open the rank changes page's "ranks over the years" tab (a lazy tab, #16)."""
    return open_tab(at, "rank_changes_tab", t("rankings.page.bump_heading", lang))


def values(array) -> list:
    """Return a Plotly JSON array as a list (Plotly ≥ 6 encodes numbers as base64)."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rankings_page_changes_year_and_block(lang):
    at = open_page("pages/rankings.py", lang, year="2021", block="district")
    layout = figures(at)[0]["layout"]
    assert "2021" in layout["title"]["text"]
    assert layout["separators"] == (",." if lang == "vi" else ".,")
    assert [tab.label for tab in at.tabs] == [
        t("rankings.tab.chart", lang), t("rankings.page.table_heading", lang)
    ]
    assert not at.dataframe  # the table is drawn when its tab is opened (#16)
    assert len(at.get("download_button")) == 2  # the downloads, whichever tab is open
    table = ranking_table_tab(at, lang).dataframe[0].value
    assert len(table) == 12 and table.iloc[2, 2] == "UBND thành phố Chí Linh"
    tie = "đồng điểm" if lang == "vi" else "tied"
    assert list(table.iloc[:2, 1]) == [tie, tie]
    assert table.iloc[2, 5] == "▼2"
    at.sidebar.selectbox(key="block").set_value("department").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 18  # the table's tab stays open
    assert not at.get("plotly_chart")
    assert len(at.get("download_button")) == 2  # CSV and XLSX
    at.session_state["rankings_tab"] = t("rankings.tab.chart", lang)
    at.sidebar.selectbox(key="year").set_value(2022).run()
    bands = figures(at)[0]["data"]
    assert len(bands) == 4  # three bands and the average
    assert "2022" in figures(at)[0]["layout"]["title"]["text"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rank_changes_page_follows_the_focus_unit(lang):
    at = open_page("pages/rank_changes.py", lang, year="2021", block="district", unit="chi-linh")
    assert [tab.label for tab in at.tabs] == [
        t("rankings.page.dumbbell_heading", lang), t("rankings.page.bump_heading", lang)
    ]
    (dumbbell,) = figures(at)  # the first tab only: the other is drawn when opened (#16)
    assert "2020" in dumbbell["layout"]["title"]["text"]
    expected = {
        "vi": "Chí Linh: từ hạng 1 (2020) xuống hạng 3 (2021), ▼2",
        "en": "Chí Linh: from rank 1 (2020) down to rank 3 (2021), ▼2",
    }[lang]
    assert any(expected in m.value for m in at.markdown)
    assert not at.warning[1:]  # 2020 → 2021: same methodology, only the illustrative banner
    at.sidebar.selectbox(key="year").set_value(2022).run()
    assert any("2022" in w.value for w in at.warning)  # methodology changed 2021 → 2022
    at.sidebar.selectbox(key="year").set_value(2021).run()
    (bump,) = figures(bump_tab(at, lang))
    focus = bump["data"][-1]
    assert focus["meta"] == "chi-linh" and bump["layout"]["yaxis"]["range"][0] > 1
    at.sidebar.selectbox(key="unit_choice").set_value("UBND huyện Nam Sách").run()
    assert figures(at)[0]["data"][-1]["meta"] == "nam-sach"  # the tab stays open
    at.sidebar.selectbox(key="block").set_value("department").run()
    assert not at.exception and not at.error
    assert len(figures(at)) == 1


def test_rank_changes_two_chosen_years_and_hidden_units():
    at = open_page("pages/rank_changes.py", "vi", year="2021", block="district", unit="chi-linh")
    at.selectbox(key="year_a_district_2021").set_value(2016).run()
    title = figures(at)[0]["layout"]["title"]["text"]
    assert "2016" in title and "2021" in title
    bump_tab(at, "vi").multiselect(key="hidden_district").set_value(["Ninh Giang", "Tứ Kỳ"]).run()
    metas = [trace["meta"] for trace in figures(at)[0]["data"]]
    assert len(metas) == 10 and "ninh-giang" not in metas


@pytest.mark.parametrize("page", PAGES)
def test_choices_survive_a_page_switch(page):
    at = open_page(page, "en", year="2019", block="district", unit="kinh-mon")
    other = PAGES[1 - PAGES.index(page)]
    at.switch_page(other).run()
    assert at.sidebar.selectbox(key="year").value == 2019
    assert at.sidebar.selectbox(key="block").value == "district"
    assert at.query_params["unit"] in ("kinh-mon", ["kinh-mon"])


def test_a_phone_gets_the_phone_bump_chart(monkeypatch):
    # The bump chart's phone variant (names inside the plot, #14), sent alone to a phone (#16).
    page = ("pages/rank_changes.py", "vi")
    wide = figures(bump_tab(open_page(*page, year="2021", block="district", unit="chi-linh"),
                            "vi"))[0]  # fmt: skip
    monkeypatch.setattr(phone, "on_phone", lambda: True)
    shown = figures(bump_tab(open_page(*page, year="2021", block="district", unit="chi-linh"),
                             "vi"))  # fmt: skip
    assert len(shown) == 1
    assert [d["meta"] for d in shown[0]["data"]] == [d["meta"] for d in wide["data"]]
    assert shown[0]["layout"]["margin"]["r"] < wide["layout"]["margin"]["r"]  # names inside


def test_a_phone_is_told_by_its_user_agent():
    android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile Safari/537.36"
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1"
    tablet = "Mozilla/5.0 (Linux; Android 14; SM-X710) Chrome/131.0 Safari/537.36"
    desktop = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"
    assert phone.is_phone_agent(android) and phone.is_phone_agent(iphone)
    assert not phone.is_phone_agent(tablet) and not phone.is_phone_agent(desktop)
