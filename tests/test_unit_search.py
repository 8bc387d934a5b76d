"""A long choice of units is narrowed by a search first (#16: 10,000 options weigh ~270 KB)."""

from __future__ import annotations

import pandas as pd

from parviz.ui import cache, tables, widgets
from tests.apptesting import app_test, ranking_table_tab
from tests.helpers import SAMPLE

NAMES = ["UBND xã Tân Lập", "UBND xã Tân Lạc", "UBND phường Đông Hà", "Sở Tài chính"]


def test_a_search_matches_with_or_without_accents_and_keeps_the_chosen_first():
    assert widgets.narrowed(NAMES, [], "tan la") == (NAMES[:2], 2)
    assert widgets.narrowed(NAMES, [], "ĐÔNG") == ([NAMES[2]], 1)
    assert widgets.narrowed(NAMES, [], "dong ha") == ([NAMES[2]], 1)
    assert widgets.narrowed(NAMES, [NAMES[3]], "tân") == ([NAMES[3], *NAMES[:2]], 2)
    assert widgets.narrowed(NAMES, [NAMES[3]], "  ") == ([NAMES[3]], 0)  # no search: chosen only
    assert widgets.narrowed(NAMES, [], "ubnd", limit=2) == (NAMES[:2], 3)  # capped, all counted


def _spotlights(at):
    return next(w for w in at.sidebar.multiselect if w.key == "spotlights")


def test_many_units_are_searched_before_they_are_offered(monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(SAMPLE))
    monkeypatch.setattr(widgets, "MANY_UNITS", 5)  # the sample's 30 units count as many
    cache.clear()
    at = app_test(lang="en").run().switch_page("pages/presentation.py").run()
    assert not at.exception
    assert _spotlights(at).options == []  # nothing sent before a search
    at.sidebar.text_input(key="spotlights_search").input("so").run()
    offered = _spotlights(at).options
    assert offered and all("so" in widgets.folded(name) for name in offered)
    _spotlights(at).select(offered[0]).run()
    at.sidebar.text_input(key="spotlights_search").input("ubnd").run()
    assert _spotlights(at).value == [offered[0]]  # a new search keeps the chosen unit
    assert _spotlights(at).options[0] == offered[0]
    slides = " ".join(h.proto.body for h in at.get("html"))
    assert not at.exception and slides


def test_a_few_units_are_offered_at_once(monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(SAMPLE))
    at = app_test(lang="en").run().switch_page("pages/presentation.py").run()
    assert len(_spotlights(at).options) == 30
    assert not [w for w in at.sidebar.text_input if w.key == "spotlights_search"]


# --- the single unit choice (Profile, Rank changes) -------------------------------------------


def test_a_single_choice_offers_the_chosen_unit_then_the_first_or_the_matching_ones():
    assert widgets.offered(NAMES, NAMES[2], "", limit=2) == ([NAMES[2], *NAMES[:2]], 0)
    assert widgets.offered(NAMES, NAMES[0], " ", limit=2) == (NAMES[:3], 0)  # chosen not twice
    assert widgets.offered(NAMES, NAMES[3], "tan la", limit=1) == ([NAMES[3], NAMES[0]], 2)
    assert widgets.offered(NAMES, NAMES[0], "tan la") == ([NAMES[0], NAMES[1]], 1)


def _unit(at):
    return at.sidebar.selectbox(key="unit_choice")


def test_a_block_of_many_units_is_searched_in_the_profile(monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(SAMPLE))
    monkeypatch.setattr(widgets, "MANY_UNITS", 5)  # the sample's 12 districts count as many
    cache.clear()
    at = app_test(year=2021, block="district", unit="chi-linh", lang="en").run()
    at.switch_page("pages/profile.py").run()
    assert not at.exception
    assert _unit(at).value == "UBND thành phố Chí Linh"  # the link's unit, first of the options
    assert _unit(at).options[0] == "UBND thành phố Chí Linh"
    at.sidebar.text_input(key=widgets.UNIT_SEARCH).input("nam sach").run()
    assert _unit(at).options == ["UBND thành phố Chí Linh", "UBND huyện Nam Sách"]
    _unit(at).select("UBND huyện Nam Sách").run()
    assert not at.exception
    assert any("Nam Sách" in h.value for h in [*at.subheader, *at.markdown])
    assert at.query_params["unit"] == "nam-sach"


def test_a_block_of_a_few_units_offers_them_all(monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(SAMPLE))
    at = app_test(year=2021, block="district", lang="en").run()
    at.switch_page("pages/rank_changes.py").run()
    assert len(_unit(at).options) == 12
    assert not [w for w in at.sidebar.text_input if w.key == widgets.UNIT_SEARCH]


# --- a long table (Rankings) -------------------------------------------------------------------


def test_a_long_table_shows_its_first_rows_or_the_rows_searched():
    frame = pd.DataFrame({"unit": NAMES, "rank": [1, 2, 3, 4]})
    rows, found = tables.searched_rows(frame, "unit", "", limit=2)
    assert list(rows["rank"]) == [1, 2] and found == 4
    rows, found = tables.searched_rows(frame, "unit", "TAN LA", limit=1)
    assert list(rows["rank"]) == [1] and found == 2
    rows, found = tables.searched_rows(frame, "unit", "đông hà", limit=5)
    assert list(rows["unit"]) == [NAMES[2]] and found == 1


def test_the_rankings_table_of_many_units_is_searched(monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(SAMPLE))
    monkeypatch.setattr(tables, "MANY_ROWS", 5)  # the sample's 12 districts count as many
    monkeypatch.setattr(tables, "SHOWN_ROWS", 3)
    at = app_test(year=2021, block="district", lang="en").run()
    ranking_table_tab(at.switch_page("pages/rankings.py"), "en")
    assert len(at.dataframe[0].value) == 3  # the first rows, in rank order
    assert "The first 3 of 12 rows shown" in " ".join(c.value for c in at.caption)
    at.text_input(key="ranking_table_search").input("nam sach").run()
    assert list(at.dataframe[0].value.iloc[:, 2]) == ["UBND huyện Nam Sách"]
    assert "1 of 1 matching rows shown (of 12)" in " ".join(c.value for c in at.caption)
    at.text_input(key="ranking_table_search").input("no such unit").run()
    assert not at.dataframe  # nothing found: the caption says 0 of 0, no empty grid
    assert "0 of 0 matching rows shown (of 12)" in " ".join(c.value for c in at.caption)
    assert len(at.get("download_button")) == 2  # the downloads: the whole table


def test_a_short_table_is_shown_whole(monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(SAMPLE))
    at = app_test(year=2021, block="district", lang="en").run()
    ranking_table_tab(at.switch_page("pages/rankings.py"), "en")
    assert len(at.dataframe[0].value) == 12 and not at.text_input
