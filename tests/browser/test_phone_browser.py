"""Every page on a 390×844 phone (#14): no sideways scrolling, and charts that give the plot
at least half their width (names above or inside the bars, not beside them)."""

from __future__ import annotations

import pytest

from parviz.ui.navigation import PAGES
from tests.browser import harness

# Each shown chart: its width and the union of its plot rectangles (cartesian .nsewdrag,
# polar .plotbg); hidden charts (the wide variant of a chart_pair on a phone) are skipped.
MEASURE = """() => {
  const charts = [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
    .filter(chart => chart.getClientRects().length && chart.getBoundingClientRect().width > 0)
    .map(chart => {
      const plots = [...chart.querySelectorAll('.nsewdrag, .polar .plotbg')]
        .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
      const left = Math.min(...plots.map(r => r.left)), right = Math.max(...plots.map(r => r.right));
      return {title: chart.querySelector('.gtitle')?.textContent || '?',
              width: chart.getBoundingClientRect().width,
              plot: plots.length ? right - left : 0};
    });
  return {scroll: document.scrollingElement.scrollWidth, inner: innerWidth, charts};
}"""
CHART_PAGES = {"rankings", "criteria", "rank_changes", "profile"}
CASES = [(page.slug, "vi") for page in PAGES] + [("rankings", "en"), ("criteria", "en")]


@pytest.fixture(scope="module")
def phone(chromium):
    """One phone tab for every page (a context costs a second; a page visit is the test)."""
    context = harness.new_context(chromium, harness.PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("slug", "lang"), CASES)
def test_page_fits_a_phone(app_url, phone, slug, lang):
    phone.goto(harness.page_url(app_url, slug, year=2021, block="department", lang=lang))
    harness.wait_for_app(phone)
    charts = phone.locator('[data-testid="stPlotlyChart"] .main-svg')
    if slug in CHART_PAGES:
        charts.first.wait_for(state="attached")
    for index in range(charts.count()):
        charts.nth(index).wait_for(state="attached")
    phone.wait_for_timeout(300)  # the last relayout of a chart at the phone's width
    seen = phone.evaluate(MEASURE)
    assert seen["scroll"] <= seen["inner"] + 1, f"{slug} scrolls sideways: {seen}"
    for chart in seen["charts"]:
        assert chart["plot"] >= chart["width"] / 2, f"{slug}: plot too narrow: {chart}"
    if slug in CHART_PAGES:
        assert seen["charts"], f"{slug} shows no chart on a phone"
