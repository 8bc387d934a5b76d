"""Chí Linh's profile opened by URL in a real browser: rank history 1 → 3 and the waterfall."""

from __future__ import annotations

import pytest

from tests.browser import harness

CHARTS = '[data-testid="stPlotlyChart"]'


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "heading"), [("vi", "Qua các năm"), ("en", "Over the years")])
def test_chi_linh_profile_by_url(app_url, chromium, lang: str, heading: str) -> None:
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    url = harness.page_url(
        app_url, "profile", unit="chi-linh", year=2021, block="district", lang=lang
    )
    page.goto(url)
    harness.wait_for_app(page)
    page.wait_for_selector(f"{CHARTS} .main-svg")
    assert page.get_by_text(heading).count() >= 1
    history = page.locator(CHARTS).nth(0)
    # Rank labels of the history line: ..., 2020 → 1, 2021 → 3, ...
    labels = history.locator(".scatterlayer .trace").first.locator(".textpoint").all_text_contents()
    assert labels[4:6] == ["1", "3"]
    tabs = harness.each_tab(page)  # history first; the waterfall in the last tab (#16)
    labels = [next(tabs)] + list(tabs)
    assert labels[0] == heading and len(labels) == 3
    waterfall = page.locator(f"{CHARTS} .waterfalllayer")
    waterfall.first.wait_for()
    texts = page.locator(f"{CHARTS} .waterfalllayer .bartext").all_text_contents()
    assert texts[-1] == ("+0,58" if lang == "vi" else "+0.58")
    assert len(texts) == 8  # seven criteria and the total change
    page.close()
