"""The browser pass of benchmarks/run.py: what a person waits for in Chromium, against a floor.

One server runs the app on the dataset, another a floor app (a title, a select box and one
Plotly bar chart: the least a Streamlit page costs to open, at an address of the same shape as
the page's: "/" for the home page, "/page" for the others). One Chromium tab is kept open, as
a person would: the browser's cache holds Streamlit's scripts after the first load. For each
page (in the order of parviz/ui/navigation.py):

- cold: the page opened for a year no page has shown yet in this server (the first visitor to
  that year: the year's figures and tables are computed), the dataset already loaded and every
  page opened once on the oldest year (the browser has Streamlit's code in its cache);
- warm: the same address opened again (a new session on a warm server: what each person in
  the hall feels), ``--loads`` times, in turns with the floor opened the same way, so a slow
  spell of a shared machine lands on both.

A load is timed from the navigation to the page's last change (DOM mutation) once the script
has finished and every visible chart and table is drawn: Streamlit mounts elements in batches
after the script's end, so "finished and drawn" alone can be seen before some charts exist; the
page is watched until it has not changed for QUIET_MS and the time of its last change counts.
Also recorded: the websocket bytes the page received (what Streamlit sent: tables, figures,
markup). Ratios are to the floor's median of the same turns.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from tests.browser import harness  # noqa: E402

VIEWPORT = {"width": 1366, "height": 768}
FLOOR_APP = """
import plotly.graph_objects as go
import streamlit as st


def floor():
    st.title("Floor")
    choice = st.selectbox("Year", [2020, 2021, 2022, 2023, 2024], index=4)
    figure = go.Figure(go.Bar(x=[91.5, 88.2, 85.0, 84.1, 80.3], y=list("ABCDE"), orientation="h"))
    st.plotly_chart(figure, width="stretch")


# The same page at "/" and at "/page": opened at the address shape of the page it is set
# against (see FLOOR_PAGE).
st.navigation([st.Page(floor, default=True), st.Page(floor, title="Page", url_path="page")],
              position="hidden").run()
"""
# A page at its own address (/rankings...) costs Streamlit's client ~100 ms more than the home
# page: it first looks for the server at /rankings/_stcore/health, then, after its retry
# delay, at /_stcore/health. The floor is opened at an address of the same shape.
FLOOR_PAGE = "page"
QUIET_MS = 500
# Installed in every document of the tab: the time (ms since the navigation) of the last change.
# A canvas's children are fallback content, never painted where canvas works: the table widget
# keeps a screen-reader copy of its cells there, rebuilt 200 ms after the grid last changed (a
# debounce in its code). Changes inside a canvas are not counted; the canvas's own are.
WATCH = """
window.__parvizLast = 0;
const parvizSeen = (record) => {
  const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
  const inside = record.type === 'attributes' ? node && node.parentElement : node;
  return !inside || !inside.closest('canvas');
};
new MutationObserver((records) => {
  if (records.some(parvizSeen)) window.__parvizLast = performance.now();
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
QUIET = "(ms) => window.__parvizLast > 0 && performance.now() - window.__parvizLast > ms"
# Done: the script finished, the title is drawn, no element is waiting for its code, every
# visible chart has its SVG and every visible table its canvas (tables are drawn on a canvas).
READY = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMainBlockContainer"] h1')) return false;
  // An element whose code is still loading (Plotly, tables) shows a skeleton meanwhile.
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const visible = (selector) => [...document.querySelectorAll(selector)]
    .filter((element) => element.checkVisibility());
  if (visible('[data-testid="stPlotlyChart"]').some((c) => !c.querySelector('.main-svg')))
    return false;
  return !visible('[data-testid="stDataFrame"]').some((f) => !f.querySelector('canvas'));
}"""


@contextlib.contextmanager
def streamlit_server(script: Path, env: dict[str, str]) -> Iterator[str]:
    """Run ``streamlit run script`` on a free port as the tests do; yield its base URL."""
    port = harness.free_port()
    command = [
        str(Path(sys.executable).parent / "streamlit"), "run", str(script),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal",
    ]  # fmt: skip
    log = Path(tempfile.gettempdir()) / f"parviz-bench-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        harness._wait_healthy(base, process, 120, log)
        yield base
    finally:
        harness.stop(process)


class Tab:
    """One kept Chromium tab that times loads and counts the websocket bytes received."""

    def __init__(self, page, quiet_ms: float = QUIET_MS) -> None:
        self.page = page
        self.quiet_ms = quiet_ms  # a load ends once nothing changed for this long
        self.received = 0
        self.frames: list[float] = []
        page.on("websocket", self._watch)
        page.add_init_script(WATCH)

    def _watch(self, socket) -> None:
        socket.on("framereceived", self._count)

    def _count(self, payload) -> None:
        self.received += len(payload)
        self.frames.append(time.perf_counter())

    def load(self, url: str, timeout: float = 300_000) -> dict:
        """Open ``url``; return its timings (ms) and the websocket bytes received meanwhile.

        ``ms``: until drawn; ``boot_ms``: until the first websocket frame (the browser loading
        Streamlit's scripts and connecting); ``server_ms``: first to last frame before drawn
        (the script run, as the browser receives it); ``draw_ms``: last frame to drawn.
        """
        self.received, self.frames = 0, []
        start = time.perf_counter()
        self.page.goto(url, wait_until="commit", timeout=timeout)
        self.page.wait_for_function(READY, timeout=timeout, polling=20)
        ready = (time.perf_counter() - start) * 1000
        try:
            self.page.wait_for_function(
                QUIET, arg=self.quiet_ms, timeout=self.quiet_ms + 20_000, polling=50
            )
            # The page's clock starts at the navigation: the time of its last change.
            elapsed = max(self.page.evaluate("window.__parvizLast"), 0.0)
        except PlaywrightTimeout:  # a page that never stops changing: drawn when ready
            elapsed = ready
        done = start + elapsed / 1000
        frames = [moment for moment in self.frames if moment <= done] or [done]
        return {
            "ms": elapsed,
            "boot_ms": (frames[0] - start) * 1000,
            "server_ms": (frames[-1] - frames[0]) * 1000,
            "draw_ms": (done - frames[-1]) * 1000,
            "bytes": self.received,
        }

    def open_tab(self, index: int, timeout: float = 300_000) -> dict:
        """Click tab ``index`` of the page shown; return the ms until drawn and bytes received.

        Timed from the click to the page's last change once the tab's content is drawn.
        """
        self.received, self.frames = 0, []
        clicked = self.page.evaluate("performance.now()")
        self.page.locator(harness.TAB).nth(index).click()
        self.page.wait_for_function(harness.TAB_DRAWN, arg=index, timeout=timeout, polling=20)
        try:
            self.page.wait_for_function(
                QUIET, arg=self.quiet_ms, timeout=self.quiet_ms + 20_000, polling=50
            )
            last = self.page.evaluate("window.__parvizLast")
        except PlaywrightTimeout:  # never quiet: drawn when its content was
            last = self.page.evaluate("performance.now()")
        return {"ms": max(last - clicked, 0.0), "bytes": self.received}


def measure(
    path: Path, block: str, years: list[int], loads: int, quiet_ms: float = QUIET_MS
) -> dict:
    """Return the browser pass of the dataset at ``path``: per page cold/warm ms, ratios.

    ``quiet_ms``: a load ends at the last change before this long without one (lower it only
    to check the pass runs: a chart drawn later than that would be missed).
    """
    from playwright.sync_api import sync_playwright

    from parviz.ui import navigation

    pages = navigation.PAGES
    if len(years) < len(pages) + 1:
        raise SystemExit(f"the browser pass needs {len(pages) + 1} years, {path} has {years}")
    floor_script = Path(tempfile.gettempdir()) / "parviz_bench_floor_app.py"
    floor_script.write_text(FLOOR_APP, encoding="utf-8")
    env = {"PARVIZ_DATA": str(path)}
    with (
        streamlit_server(ROOT / "app.py", env) as app,
        streamlit_server(floor_script, {}) as floor,
        sync_playwright() as playwright,
    ):
        browser = harness.launch_chromium(playwright)
        try:
            tab = Tab(browser.new_context(viewport=VIEWPORT).new_page(), quiet_ms)
            # Every page opened once on the oldest year warms the process (dataset loaded) and
            # the tab (Streamlit's scripts, and the chart and table code it loads on demand, in
            # the browser's cache for this address); each page then opens a year of its own,
            # newest first: its year's work is not done yet.
            for entry in pages:
                tab.load(harness.page_url(app, entry.slug, year=years[0], block=block))
            tab.load(floor)
            result = {}
            for entry, year in zip(pages, reversed(years)):
                url = harness.page_url(app, entry.slug, year=year, block=block)
                floor_url = floor if entry is pages[0] else f"{floor}/{FLOOR_PAGE}"  # home: /
                result[entry.slug] = _page(tab, url, floor_url, year, loads)
                _print(entry.slug, result[entry.slug])
        finally:
            browser.close()
    return _summary(result)


def _page(tab: Tab, url: str, floor: str, year: int, loads: int) -> dict:
    """Return one page's cold load and its warm loads, in turns with the floor's."""
    cold = tab.load(url)
    warm, floors = [], []
    for _ in range(loads):
        floors.append(tab.load(floor))
        warm.append(tab.load(url))
    floor_ms = statistics.median(load["ms"] for load in floors)
    warm_ms = statistics.median(load["ms"] for load in warm)
    tabs = _tabs(tab, url, floor_ms, loads)
    parts = {f"{name}_{part}": round(statistics.median(load[part] for load in measured), 1)
             for name, measured in (("warm", warm), ("floor", floors))
             for part in ("boot_ms", "server_ms", "draw_ms")}  # fmt: skip
    return {
        "year": year,
        "cold_ms": round(cold["ms"], 1),
        "warm_ms": round(warm_ms, 1),
        "floor_ms": round(floor_ms, 1),
        "cold_ratio": round(cold["ms"] / floor_ms, 2),
        "warm_ratio": round(warm_ms / floor_ms, 2),
        "cold_server_ms": round(cold["server_ms"], 1),
        **parts,
        "ws_bytes": int(statistics.median(load["bytes"] for load in warm)),
        **({"tabs": tabs} if tabs else {}),
    }


def _tabs(tab: Tab, url: str, floor_ms: float, loads: int) -> dict:
    """Return each other tab of the page (lazy tabs, #16) opened by a click: cold (its first
    opening for this year) and warm (the page opened anew, then the click), as ratios to the
    floor's page load. The page's first tab is what the page load measured."""
    tabs = {}
    labels = tab.page.locator(harness.TAB).all_inner_texts()
    # The page is open on its first tab: each other tab's first opening, one after the other.
    colds = {index: tab.open_tab(index) for index in range(1, len(labels))}
    for index, label in enumerate(labels[1:], start=1):
        cold = colds[index]
        warm = []
        for _ in range(loads):
            tab.load(url)
            warm.append(tab.open_tab(index))
        warm_ms = statistics.median(click["ms"] for click in warm)
        tabs[label] = {
            "cold_ms": round(cold["ms"], 1),
            "warm_ms": round(warm_ms, 1),
            "cold_ratio": round(cold["ms"] / floor_ms, 2),
            "warm_ratio": round(warm_ms / floor_ms, 2),
            "ws_bytes": int(statistics.median(click["bytes"] for click in warm)),
        }
    return tabs


def _print(slug: str, page: dict) -> None:
    print(f"  browser {slug:<14} cold {page['cold_ms']:7.0f} ms ({page['cold_ratio']:4.2f}×)  "
          f"warm {page['warm_ms']:6.0f} ms ({page['warm_ratio']:4.2f}×)  "
          f"floor {page['floor_ms']:5.0f} ms  ws {page['ws_bytes']:,} B  (warm: boot "
          f"{page['warm_boot_ms']:.0f}, server {page['warm_server_ms']:.0f}, draw "
          f"{page['warm_draw_ms']:.0f} ms)")  # fmt: skip
    for label, opened in page.get("tabs", {}).items():
        print(f"    tab {label[:24]:<24} cold {opened['cold_ms']:7.0f} ms "
              f"({opened['cold_ratio']:4.2f}×)  warm {opened['warm_ms']:6.0f} ms "
              f"({opened['warm_ratio']:4.2f}×)  "
              f"ws {opened['ws_bytes']:,} B")  # fmt: skip


def _summary(pages: dict) -> dict:
    """Return the pages with the worst ratios of the pass (what the targets compare)."""
    # Every view counts: each page as it opens and each of its tabs opened by a click.
    shown = [view for page in pages.values() for view in (page, *page.get("tabs", {}).values())]
    return {
        "pages": pages,
        "warm_ratio_max": max((p["warm_ratio"] for p in shown), default=None),
        "cold_ratio_max": max((p["cold_ratio"] for p in shown), default=None),
        "floor_ms": round(statistics.median(p["floor_ms"] for p in pages.values()), 1),
    }
