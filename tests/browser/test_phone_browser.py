"""Every page on a 390×844 phone (#14): no sideways scrolling, and charts that give the plot
at least half their width (names above or inside the bars, not beside them)."""

from __future__ import annotations

import pytest

from parviz.ui.navigation import PAGES
from tests.browser import harness

# Each shown chart: its width and the union of its plot rectangles (cartesian .nsewdrag,
# polar .plotbg); hidden charts are skipped.
MEASURE = """() => {
  const charts = [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
    .filter(chart => chart.getClientRects().length && chart.getBoundingClientRect().width > 0)
    .map(chart => {
      const plots = [...chart.querySelectorAll('.nsewdrag, .polar .plotbg')]
        .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
      const left = Math.min(...plots.map(r => r.left));
      const right = Math.max(...plots.map(r => r.right));
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
    charts_seen = 0
    for tab in harness.each_tab(phone):  # every tab: each draws its own charts (#16)
        for index in range(charts.count()):
            charts.nth(index).wait_for(state="attached")
        phone.wait_for_timeout(300)  # the last relayout of a chart at the phone's width
        seen = phone.evaluate(MEASURE)
        where = f"{slug} {tab}".strip()
        assert seen["scroll"] <= seen["inner"] + 1, f"{where} scrolls sideways: {seen}"
        for chart in seen["charts"]:
            assert chart["plot"] >= chart["width"] / 2, f"{where}: plot too narrow: {chart}"
        charts_seen += len(seen["charts"])
    if slug in CHART_PAGES:  # a tab may hold a table alone (Rankings)
        assert charts_seen, f"{slug} shows no chart on a phone"


@pytest.mark.browser
def test_a_followed_chart_slide_is_readable_on_a_phone(app_url, phone):
    """What a follower's phone shows of a chart slide: phone-sized type, the chart image at a
    readable size scrolling inside its own box, the page itself not sideways."""
    phone.goto(harness.page_url(app_url, "presentation", year=2021, slide=3, lang="vi"))
    harness.wait_for_app(phone)
    image = phone.locator(".pv-chart img").filter(visible=True).first
    image.wait_for()
    seen = phone.evaluate(
        """() => {
          const style = selector => getComputedStyle(document.querySelector(selector));
          const size = selector => parseFloat(style(selector).fontSize);
          const img = [...document.querySelectorAll('.pv-chart img')].find(i => i.offsetParent);
          const box = img.closest('.pv-chart');
          return {scroll: document.scrollingElement.scrollWidth, inner: innerWidth,
                  image: img.getBoundingClientRect().width, box: box.clientWidth,
                  boxScroll: box.scrollWidth,
                  title: size('.pv-title') * (parseFloat(style('.pv-stage').zoom) || 1)};
        }"""
    )
    assert seen["scroll"] <= seen["inner"] + 1, seen
    assert seen["image"] >= 700 and seen["box"] <= seen["inner"], seen  # ~half its drawn size
    assert seen["boxScroll"] > seen["box"], seen  # the chart scrolls inside its box
    assert seen["title"] >= 20, seen  # not the projector's 46 px zoomed down to a few pixels
