"""A long choice of units is narrowed by a search first (#16: 10,000 options weigh ~270 KB)."""

from __future__ import annotations

from parviz.ui import cache, widgets
from tests.apptesting import app_test
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
    assert offered and all("so" in widgets._folded(name) for name in offered)
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
