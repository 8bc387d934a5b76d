"""Following the presenter through the documented deployment: nginx and two sticky replicas.

The presenter and the follower are two browser contexts pinned (by their replica cookie) to
different replicas, so the follower's server process learns of the presenter's moves only
through the live-slide file beside the data. Latencies are printed, not asserted.
"""

from __future__ import annotations

import shutil
import statistics
import time
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import harness
from tests.browser.hall_steps import TITLE, open_slide, shot_path, slide_of, unlock_presenter
from tests.deploy.test_deployment import REPLICA_HEADER, deployment
from tests.helpers import SAMPLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CODE = "trình-chiếu-2024"
MOVES = 4


def cookies_per_replica(base: str, replicas: list[str]) -> dict[str, str]:
    """Return {replica address: a parviz_replica cookie value that nginx routes to it}."""
    found: dict[str, str] = {}
    for index in range(200):
        value = f"hall-{index}"
        request = urllib.request.Request(f"{base}/_stcore/health",
                                         headers={"Cookie": f"parviz_replica={value}"})  # fmt: skip
        with urllib.request.urlopen(request, timeout=10) as answer:
            found.setdefault(answer.headers[REPLICA_HEADER], value)
        if set(found) >= set(replicas):
            return found
    raise AssertionError(f"no cookie reached every replica: {found}")


def pinned_page(browser, base: str, cookie: str, size: tuple[int, int]):
    """Return a new tab whose requests all carry ``cookie`` and record the replicas answering."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    context.set_default_timeout(60_000)
    context.add_cookies([{"name": "parviz_replica", "value": cookie, "url": base}])
    page = context.new_page()
    page.replicas = set()
    page.on("response", lambda r: page.replicas.add(r.headers.get(REPLICA_HEADER)))
    return page


def test_a_follower_on_another_replica_follows_the_presenter(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    env = {"PARVIZ_DATA": str(data), "PARVIZ_PRESENTER_CODE": CODE,
           "PARVIZ_PUBLIC_URL": "http://hall.example/"}  # fmt: skip
    with deployment(env) as (base, replicas), sync_playwright() as playwright:
        cookie = cookies_per_replica(base, replicas)
        browser = harness.launch_chromium(playwright)
        try:
            presenter = pinned_page(browser, base, cookie[replicas[0]], (1366, 768))
            follower = pinned_page(browser, base, cookie[replicas[1]], (390, 844))
            open_slide(presenter, harness.page_url(base, "presentation", year=2021, lang="vi",
                                                   slide=1))  # fmt: skip
            unlock_presenter(presenter, CODE)
            # The hall link, as the QR code gives it (the deployment is the public address).
            open_slide(follower, f"{base}/presentation?year=2021&lang=vi&follow=1")
            follower.get_by_text("Đang theo dõi người trình bày").wait_for()
            assert slide_of(follower) == "1"
            latencies = []
            for expected in range(2, 2 + MOVES):
                presenter.locator("body").press("ArrowRight")
                presenter.wait_for_function(f"location.search.includes('slide={expected}')")
                start = time.perf_counter()
                follower.wait_for_function(f"location.search.includes('slide={expected}')",
                                           timeout=30_000)  # fmt: skip
                latencies.append(time.perf_counter() - start)
                follower.wait_for_selector(harness.SCRIPT_DONE)
                presenter.wait_for_selector(harness.SCRIPT_DONE)
                assert (follower.locator(TITLE).first.inner_text()
                        == presenter.locator(TITLE).first.inner_text())  # fmt: skip
            shot_path("follower-390x844").parent.mkdir(parents=True, exist_ok=True)
            follower.screenshot(path=str(shot_path("follower-390x844")))  # to look at
            presenter.screenshot(path=str(shot_path("presenter-1366x768")))
            print(f"\nfollower on the other replica: move seen after p50 "
                  f"{statistics.median(latencies) * 1000:.0f} ms, "
                  f"max {max(latencies) * 1000:.0f} ms ({MOVES} moves)")  # fmt: skip
            # The follower leaves to browse: the presenter's next move no longer moves them.
            follower.get_by_role("button", name="Tự xem").click()
            follower.wait_for_function("!location.search.includes('follow=1')")
            follower.wait_for_selector(harness.SCRIPT_DONE)
            presenter.locator("body").press("ArrowRight")
            presenter.wait_for_function(f"location.search.includes('slide={2 + MOVES}')")
            follower.wait_for_timeout(3_000)  # longer than a poll and a page run
            assert slide_of(follower) == str(1 + MOVES)
            assert CODE not in presenter.url and CODE not in follower.url
            presenter.replicas.discard(None)
            follower.replicas.discard(None)
            assert presenter.replicas == {replicas[0]}
            assert follower.replicas == {replicas[1]}  # served by the other process throughout
        finally:
            browser.close()
