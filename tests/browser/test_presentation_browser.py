"""Presentation on a projector, in a real browser: every slide at 1920×1080, 1366×768, 1280×720
and 1024×768 fits without scrolling, shows no Streamlit chrome, names every bar, and its chart
names the units its text is about; the deck is walked with the keys a clicker sends.

Economical on purpose: one tab per deck and language; each slide is measured at the four sizes
by resizing that tab (the layout is CSS, no rerun). Screenshots of every slide at every size:
scripts/slide_screenshots.py.
"""

from __future__ import annotations

import re

import pytest

from tests.browser import harness, projector
from tests.thirty import YEAR, write_thirty

SHOTS = harness.ROOT / ".pytest_cache" / "screenshots" / "presentation"


@pytest.fixture(scope="module")
def thirty_url(tmp_path_factory):
    """Return the base URL of a second server, on a dataset with a block of 30 units."""
    folder = write_thirty(tmp_path_factory.mktemp("thirty") / "data")
    with harness.running_app(env={"PARVIZ_DATA": str(folder)}) as base:
        yield base


def check_every_slide_at_every_size(
    chromium, base: str, year: int, lang: str, **params: str
) -> list[dict]:
    """Walk the deck in projector mode; measure each slide at each size; return the measures."""
    url = harness.page_url(base, "presentation", year=year, lang=lang, slide=1, embed="true",
                           **params)
    tab = projector.open_deck(chromium, url, "1920")
    count = projector.slide_count(tab)
    seen = []
    for index in range(1, count + 1):
        if index > 1:
            projector.next_slide(tab, index, "PageDown" if index % 2 else "ArrowRight")
        for size, (width, height) in projector.SIZES.items():
            tab.set_viewport_size({"width": width, "height": height})
            tab.wait_for_timeout(50)
            # Chart images are read back on each stage: 16:9 (1920) and 4:3 (1024).
            metrics = projector.measure(tab, charts=size in ("1920", "1024"))
            where = f"{lang} slide {index} ({metrics['title']}) at {size}"
            assert projector.problems(metrics) == [], where
            # Body text 28 px on the 1080-px stage: ≥ 24 px at 1080p, scaled with the screen.
            if metrics["body_px"]:
                shown = metrics["body_px"] * metrics["zoom_used"]
                assert shown >= 24 * height / 1080, where
            seen.append({"index": index, "size": size, **metrics})
        tab.set_viewport_size({"width": 1920, "height": 1080})
    tab.close()
    return seen


def slides_of(seen: list[dict], size: str = "1920") -> list[dict]:
    return [m for m in seen if m["size"] == size]


def assert_charts_name_what_the_text_says(seen: list[dict], lang: str) -> None:
    ranking = "Xếp hạng" if lang == "vi" else "Ranking of"
    changes = "thay đổi thứ hạng" if lang == "vi" else "rank changes"
    for slide in slides_of(seen):
        if slide["title"].startswith(ranking):
            named = [n for chart in slide["charts"] for n in chart["ticks"]]
            assert len(named) == sum(chart["bars"] for chart in slide["charts"])
            assert len(set(named)) == len(named), slide["title"]  # one name per bar
            ranks = sorted(int(name.split(".")[0]) for name in named)
            assert ranks[0] == 1 and ranks[-1] == len(ranks), slide["title"]  # 1st to last
            assert all(size >= 18 for c in slide["charts"] for size in c["bartext"])
        if changes in slide["title"] and slide["charts"]:
            (chart,) = slide["charts"]
            movers = [b for b in slide["bullets"] if "▲" in b or "▼" in b]
            # Plotly writes the ticks of a reversed axis bottom first: read them top down.
            assert [m.split(":")[0] for m in movers] == chart["ticks"][::-1], slide["title"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sample_deck_fits_every_projector(app_url, chromium, lang):
    seen = check_every_slide_at_every_size(chromium, app_url, 2021, lang, spotlight="kinh-mon")
    assert len(slides_of(seen)) == 11
    spotlight = slides_of(seen)[-1]  # a radar beside its sentences
    assert "Kinh Môn" in spotlight["title"] and len(spotlight["charts"]) == 1
    assert_charts_name_what_the_text_says(seen, lang)
    department = next(s for s in slides_of(seen) if s["index"] == 3)
    assert len(department["charts"]) == 1 and department["charts"][0]["bars"] == 18


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_block_of_30_units_is_named_in_two_columns(thirty_url, chromium, lang):
    seen = check_every_slide_at_every_size(chromium, thirty_url, YEAR, lang)
    assert_charts_name_what_the_text_says(seen, lang)
    wide = [s for s in slides_of(seen) if sum(c["bars"] for c in s["charts"]) == 30]
    assert len(wide) == 1 and len(wide[0]["charts"]) == 2  # 15 + 15, none dropped
    assert [c["bars"] for c in wide[0]["charts"]] == [15, 15]
    heat = next(s for s in slides_of(seen) if len(s["charts"]) == 2 and not s["charts"][0]["bars"])
    assert sum(len(c["ticks"]) for c in heat["charts"]) == 30  # the heatmap names all 30 too


def press(tab, key: str, expected: int) -> None:
    tab.locator("body").press(key)
    tab.wait_for_url(re.compile(rf"slide={expected}(&|$)"), timeout=30_000)
    tab.wait_for_selector(harness.SCRIPT_DONE, timeout=30_000)


@pytest.mark.browser
def test_keys_and_clicker_move_through_the_deck(app_url, chromium):
    url = harness.page_url(app_url, "presentation", year=2021, lang="vi", slide=1, embed="true")
    tab = projector.open_deck(chromium, url, "1366")
    count = projector.slide_count(tab)
    for key, expected in (("ArrowRight", 2), ("PageDown", 3), ("Space", 4), ("ArrowLeft", 3),
                          ("PageUp", 2), ("End", count), ("Home", 1)):
        press(tab, key, expected)
    # The controls on screen are small and in a corner; the clicker twins are off screen.
    nav = tab.locator(".st-key-pv_nav").bounding_box()
    assert nav["height"] <= 40 and nav["x"] > 1366 / 2 and nav["y"] > 768 - 60
    hidden = tab.locator('[class*="st-key-pv_hidden_"]')
    assert hidden.count() == 3
    for index in range(3):
        box = hidden.nth(index).bounding_box()
        assert box is None or box["x"] + box["width"] <= 0
    projector.shot(tab, SHOTS / "vi-1366-keys.png")
    tab.close()


@pytest.mark.browser
def test_outside_projector_mode_the_sidebar_offers_it(app_url, chromium):
    tab = projector.open_deck(
        chromium, harness.page_url(app_url, "presentation", year=2021, lang="en", slide=3), "1366"
    )
    framed = projector.measure(tab)  # with Streamlit's header: still no scrolling
    assert framed["overflow"] <= 1 and framed["clipped"] == 0
    tab.locator('[data-testid="stExpandSidebarButton"], '
                '[data-testid="stSidebarCollapsedControl"] button').first.click()
    link = tab.get_by_role("link", name="Open projector mode")
    href = link.get_attribute("href")
    assert "embed=true" in href and "slide=3" in href and "lang=en" in href
    tab.goto(href)
    projector.settle(tab)
    metrics = projector.measure(tab)
    assert metrics["chrome"] == [] and "Ranking of Departments, 2021" in metrics["title"]
    tab.close()
