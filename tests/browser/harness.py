"""Start the app in a real Streamlit server and drive it with Playwright and Debian's chromium.

Shared by the browser tests (through the fixtures in conftest.py) and by
scripts/screenshots.py. Never runs `playwright install`: the browser is /usr/bin/chromium.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP_READY = '[data-testid="stMainBlockContainer"] h1'
SIZES = {"1366": (1366, 768), "1920": (1920, 1080)}
PHONE = (390, 844)  # the hall's phones (#14): every page must work at this size
# A phone's browser says so (parviz.ui.phone.on_phone picks the phone charts by it).
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_app(env: Mapping[str, str] | None = None, timeout: float = 60) -> Iterator[str]:
    """Run `streamlit run app.py` on a free port; yield its base URL; stop exactly that process."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "streamlit"), "run", str(ROOT / "app.py"),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        "--client.toolbarMode", "minimal",
    ]  # fmt: skip
    log = (ROOT / ".pytest_cache").joinpath(f"streamlit-{port}.log")
    log.parent.mkdir(exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, process, timeout, log)
        yield base
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """End a server this test run started (terminate, then kill after 10 s)."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_healthy(base: str, process: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited ({process.returncode}):\n{log.read_text()}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response,
        ):
            if response.read().strip() == b"ok":
                return
        time.sleep(0.2)
    raise TimeoutError(f"streamlit did not become healthy at {base}:\n{log.read_text()}")


def launch_chromium(playwright):  # -> playwright.sync_api.Browser
    """Launch Debian's chromium headless through Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_context(browser, size: tuple[int, int]):  # -> playwright.sync_api.BrowserContext
    """Return a fresh browser context at ``size``; at PHONE size it behaves as a phone (touch)."""
    width, height = size
    phone = size == PHONE
    return browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone,
        user_agent=PHONE_AGENT if phone else None,
    )


def page_url(base: str, page: str = "", **params: object) -> str:
    """Return the URL of a registered page (its slug; "" = home) with query parameters.

    ``page_url(base, "rankings", year=2021, block="district", lang="en")``. The first page of
    parviz/ui/navigation.py is the home page: Streamlit serves it at "/", not at its slug.
    """
    from parviz.ui.navigation import PAGES

    slug = page.strip("/")
    path = f"{base.rstrip('/')}/{'' if slug == PAGES[0].slug else slug}"
    query = urlencode({key: str(value) for key, value in params.items() if value is not None})
    return f"{path}?{query}" if query else path


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the page has drawn its title and the script run has finished."""
    page.wait_for_selector(APP_READY, timeout=timeout)
    page.wait_for_selector(SCRIPT_DONE, timeout=timeout)


TAB = '[data-testid="stTab"]'
# The open tab's content has run (lazy tabs, #16): its panel holds elements, every chart in it
# has its SVG, and the script run has finished.
TAB_DRAWN = """(index) => {
  const tab = document.querySelectorAll('[data-testid="stTab"]')[index];
  const panel = document.querySelector('[data-testid="stTabPanel"][role="tabpanel"]');
  const app = document.querySelector('[data-testid="stApp"]');
  return tab && tab.getAttribute('aria-selected') === 'true' && panel
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && panel.querySelector('[data-testid="stElementContainer"]') !== null
    && [...panel.querySelectorAll('[data-testid="stPlotlyChart"]')]
         .every((chart) => chart.querySelector('.main-svg'));
}"""


def each_tab(page, timeout: float = 60_000) -> Iterator[str]:
    """Open each of the page's tabs in turn and yield its label once its content is drawn.

    A page's tabs are lazy (#16): a tab's charts are drawn only when it is opened, so a check
    of everything a page shows runs once per tab. A page without tabs yields "" once.
    """
    wait_for_app(page, timeout)
    count = page.locator(TAB).count()
    if not count:
        yield ""
        return
    for index in range(count):
        tab = page.locator(TAB).nth(index)
        if tab.get_attribute("aria-selected") != "true":
            tab.click()
        page.wait_for_function(TAB_DRAWN, arg=index, timeout=timeout)
        yield tab.inner_text()


def screenshot(page, path: Path, *, full_page: bool = False) -> Path:
    """Save a PNG of the page once the app is idle (fonts loaded, no running script).

    ``full_page``: Streamlit scrolls inside its main area, not the document, so Playwright's own
    full_page option sees one screen; grow the viewport to the content's height instead.
    """
    wait_for_app(page)
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)  # let charts and tables finish their last paint
    path.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    if full_page and viewport:
        height = page.evaluate(
            "Math.max(...[...document.querySelectorAll('[data-testid=stMain] *')]"
            ".slice(0, 1).map(e => e.scrollHeight), window.innerHeight)"
        )
        page.set_viewport_size({"width": viewport["width"], "height": int(height) + 40})
        wait_for_app(page)
        page.wait_for_timeout(500)
    try:
        page.screenshot(path=str(path))
    finally:
        if full_page and viewport:
            page.set_viewport_size(viewport)
    return path
