"""Fixtures of the browser tests: one Streamlit server and one chromium for the session.

Helpers to reuse in other browser tests live in tests/browser/harness.py:
``page_url(base, "rankings", year=2021, block="district")``, ``wait_for_app(page)``,
``screenshot(page, path)``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser.harness import SIZES, launch_chromium, running_app
from tests.helpers import SAMPLE

# A busy 2-core CI can take several seconds per rerun: wait longer than Playwright's 5 s.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def app_url():
    """Return the base URL of the app serving the bundled sample (stopped after the session)."""
    with running_app(env={"PARVIZ_DATA": str(SAMPLE)}) as base:
        yield base


@pytest.fixture(scope="module")
def chromium():
    """Return Debian's chromium driven by Playwright (never `playwright install`).

    Module-scoped: only one sync Playwright may run in a thread at a time, and a test module
    that starts its own (``with sync_playwright()``) must find none running.
    """
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """Return a fresh tab (own cookies and session) at 1366×768, closed after the test."""
    context = chromium.new_context(viewport=dict(zip(("width", "height"), SIZES["1366"])))
    page = context.new_page()
    yield page
    context.close()
