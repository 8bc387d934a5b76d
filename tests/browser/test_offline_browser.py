"""Offline: every page, in both languages, asks only the app's own server for anything."""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

import pytest

from parviz.ui import navigation
from tests.browser.harness import page_url, wait_for_app

pytestmark = pytest.mark.browser


def test_no_page_requests_anything_from_another_host(app_url, browser_page):
    page = browser_page
    own_host = urlsplit(app_url).netloc
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(request.url).netloc != own_host
            else None
        ),
    )
    # Every page in Vietnamese, the home page in English too: a language changes the words,
    # not what a page fetches (CI time).
    visits = [(entry.slug, "vi") for entry in navigation.PAGES] + [(navigation.PAGES[0].slug, "en")]
    for slug, lang in visits:
        page.goto(page_url(app_url, slug, year=2021, block="district", lang=lang))
        wait_for_app(page)
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(500)  # a favicon or font is fetched after the first paint
    # A provincial intranet has no route out: a CDN icon, font or tile would fail there.
    assert elsewhere == []


def test_the_tab_icon_comes_with_the_page(app_url, browser_page):
    # The app's own icon, inline (a data: URL, #16): nothing to fetch, from anywhere.
    page = browser_page
    page.goto(page_url(app_url))
    wait_for_app(page)
    icon = page.locator('link[rel="shortcut icon"], link[rel="icon"]').first
    page.wait_for_function(
        "() => (document.querySelector('link[rel=\"shortcut icon\"], link[rel=\"icon\"]')"
        "?.getAttribute('href') || '').startsWith('data:')"
    )
    href = icon.get_attribute("href")
    assert href == navigation.ICON_URL
    assert base64.b64decode(href.split(",", 1)[1]).startswith(b"\x89PNG")
