"""What a projector shows of the presentation: walk the slides, measure each one, save PNGs.

Shared by tests/browser/test_projector_browser.py and scripts/slide_screenshots.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser import harness

# The screens of review halls: full HD, laptops, 720p projectors, 4:3 XGA projectors.
SIZES = {"1920": (1920, 1080), "1366": (1366, 768), "1280": (1280, 720), "1024": (1024, 768)}
TITLE = "h1.pv-title"
COUNTER = '[data-testid="pv-counter"]'
CHART = ".pv-chart img"
# A chart image is drawn for its stage (16:9 or 4:3); a screen in between may shrink it a little.
MIN_SCALE = 0.8
# Streamlit's frame: none of it may show on a projected slide.
CHROME = (
    '[data-testid="stHeader"]',
    '[data-testid="stSidebar"]',
    '[data-testid="stSidebarCollapsedControl"]',
    '[data-testid="stExpandSidebarButton"]',
    '[data-testid="stToolbar"]',
    '[data-testid="stDecoration"]',
    ".modebar-container",
)

_MEASURE = """
([chrome, withCharts]) => {
  const visible = e => { const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden'
      && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight; };
  const scrollers = [document.scrollingElement,
    ...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')];
  const svgOf = img => new DOMParser().parseFromString(new TextDecoder().decode(
    Uint8Array.from(atob(img.src.split(',')[1]), c => c.charCodeAt(0))), 'image/svg+xml');
  const charts = [...document.querySelectorAll('.pv-chart img')]
    .filter(img => img.getBoundingClientRect().width > 0).map(img => {  // the one shown
    const svg = withCharts ? svgOf(img) : document.createElement('svg');
    return {
      ticks: [...svg.querySelectorAll('.yaxislayer-above .ytick text')]
        .map(t => t.textContent.trim()).filter(Boolean),
      bars: svg.querySelectorAll('.trace.bars .point').length,
      bartext: [...svg.querySelectorAll('.bartext text')].map(t => parseFloat(t.style.fontSize)),
      // Shown at what share of the size it was drawn for (logical px, the stage's zoom undone).
      scale: img.getBoundingClientRect().width
        / parseFloat(getComputedStyle(img.closest('.pv-stage')).zoom) / img.naturalWidth,
    };
  });
  const body = document.querySelector('.pv-body');
  const bodyBottom = body ? body.getBoundingClientRect().bottom : Infinity;
  const clipped = body ? [...body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().bottom > bodyBottom + 1).length : 0;
  const footer = document.querySelector('.pv-footer');
  const li = document.querySelector('.pv-stage li');
  return {
    overflow: Math.max(...scrollers.map(e => e.scrollHeight - e.clientHeight)),
    overflow_x: Math.max(...scrollers.map(e => e.scrollWidth - e.clientWidth)),
    footer_bottom: footer ? footer.getBoundingClientRect().bottom : null,
    height: innerHeight,
    chrome: chrome.filter(s => [...document.querySelectorAll(s)].some(visible)),
    zoom: parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--pv-zoom')),
    body_px: li ? parseFloat(getComputedStyle(li).fontSize) : null,
    title: document.querySelector('h1.pv-title')?.textContent,
    bullets: [...document.querySelectorAll('.pv-stage li')].map(e => e.textContent),
    charts,
    clipped,
    zoom_used: parseFloat(getComputedStyle(document.querySelector('.pv-stage')).zoom),
  };
}
"""


def open_deck(browser, url: str, size: str):
    """Open ``url`` (a presentation link) in a new tab of ``size``; return the tab."""
    width, height = SIZES[size]
    tab = browser.new_page(viewport={"width": width, "height": height})
    tab.goto(url)
    settle(tab)
    return tab


def settle(tab) -> None:
    """Wait until the slide's script has finished and its charts are drawn."""
    tab.wait_for_selector(TITLE, timeout=60_000)
    tab.wait_for_selector(harness.SCRIPT_DONE, timeout=60_000)
    tab.evaluate("document.fonts.ready")
    tab.wait_for_function(  # chart images decoded
        "[...document.querySelectorAll('.pv-chart img')].every(i => i.complete)"
    )
    tab.wait_for_timeout(150)


def slide_count(tab) -> int:
    """Return N of the "n/N" counter."""
    return int(re.search(r"/\s*(\d+)", tab.locator(COUNTER).inner_text()).group(1))


def next_slide(tab, expected: int, key: str = "ArrowRight") -> None:
    """Press ``key`` and wait for slide ``expected``."""
    tab.locator("body").press(key)
    tab.wait_for_url(re.compile(rf"slide={expected}(&|$)"), timeout=60_000)
    settle(tab)


def measure(tab, *, charts: bool = True) -> dict:
    """Return what the screen shows of the slide: overflow, chrome, named rows, font sizes.

    ``charts=False`` skips reading the chart images back (their names and bars do not change
    with the window size): only the layout is measured.
    """
    return tab.evaluate(_MEASURE, [list(CHROME), charts])


def problems(metrics: dict) -> list[str]:
    """Return what is wrong with a measured slide ([] when it fits and names every bar)."""
    found = []
    if metrics["overflow"] > 1 or metrics["overflow_x"] > 1:
        found.append(f"scrolls by {metrics['overflow']} px (x {metrics['overflow_x']})")
    if metrics["footer_bottom"] is not None and metrics["footer_bottom"] > metrics["height"] + 1:
        found.append(f"footer ends at {metrics['footer_bottom']:.0f} > {metrics['height']}")
    if metrics["clipped"]:
        found.append(f"{metrics['clipped']} elements cut off below the slide body")
    if metrics["chrome"]:
        found.append(f"chrome shows: {metrics['chrome']}")
    for chart in metrics["charts"]:
        if chart["scale"] < MIN_SCALE:
            found.append(f"a chart shrunk to {chart['scale']:.2f} of its size")
        if chart["bars"] and len(chart["ticks"]) != chart["bars"]:  # 0 bars when not read
            found.append(f"{len(chart['ticks'])} names for {chart['bars']} bars")
    return found


def shot(tab, path: Path) -> Path:
    """Save the screen as a PNG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(path))
    return path
