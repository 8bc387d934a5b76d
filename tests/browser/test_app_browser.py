"""The app in a real browser: banner, filters, language switch, URL state across pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from parviz.ui import navigation
from tests.browser.harness import page_url, running_app, wait_for_app
from tests.helpers import SAMPLE

pytestmark = pytest.mark.browser

SIDEBAR = '[data-testid="stSidebar"]'


def test_opens_in_vietnamese_and_switches_to_english(app_url, browser_page):
    page = browser_page
    page.goto(page_url(app_url))
    wait_for_app(page)
    expect(page.get_by_text("Dữ liệu minh họa — không phải số liệu chính thức")).to_be_visible()
    expect(page.locator(SIDEBAR).get_by_role("combobox", name="Năm")).to_have_value("2024")
    expect(page.locator("h1")).to_have_text("Tổng quan")

    page.locator(SIDEBAR).get_by_text("English", exact=True).click()
    expect(page.locator("h1")).to_have_text("Overview")
    wait_for_app(page)
    expect(page.get_by_text("Illustrative data — not official figures")).to_be_visible()
    expect(page.locator(SIDEBAR).get_by_role("combobox", name="Year")).to_have_value("2024")
    expect(page).to_have_url(re.compile(r"lang=en"))


def test_a_link_opens_the_chosen_year_and_block(app_url, browser_page):
    page = browser_page
    page.goto(page_url(app_url, year=2021, block="district", lang="vi"))
    wait_for_app(page)
    expect(page.locator("h3").first).to_have_text("UBND huyện, thị xã, thành phố — năm 2021")
    # Published: TP Hải Dương and Nam Sách on 85.86, shown with a decimal comma.
    highest = page.locator('[data-testid="stMetric"]').nth(2)
    expect(highest).to_contain_text("85,86")
    expect(page.get_by_text("TP Hải Dương, Nam Sách")).to_be_visible()


def test_year_filter_and_page_switch_keep_the_choices_in_the_url(app_url, browser_page):
    page = browser_page
    page.goto(page_url(app_url))
    wait_for_app(page)
    page.locator(f'{SIDEBAR} [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="2021", exact=True).click()
    expect(page.locator("h3").first).to_have_text("Sở, ban, ngành — năm 2021")
    expect(page).to_have_url(re.compile(r"year=2021"))
    wait_for_app(page)
    other = navigation.PAGES[1]
    page.locator(f'{SIDEBAR} [data-testid="stSidebarNav"]').get_by_text(
        other.title("vi"), exact=True
    ).click()
    expect(page.locator("h1")).to_have_text(other.title("vi"))
    wait_for_app(page)
    expect(page).to_have_url(re.compile(rf"/{other.slug}\?.*year=2021"))
    expect(page.locator(SIDEBAR).get_by_role("combobox", name="Năm")).to_have_value("2021")


def test_a_fresh_servers_first_request_to_a_page_link_gets_the_whole_app(chromium):
    # Streamlit runs a pages/ script alone until the process's first st.navigation call:
    # page_setup must repair that, or a shared link loses the shell (and keeps it lost).
    other = navigation.PAGES[-1]
    with running_app(env={"PARVIZ_DATA": str(SAMPLE)}) as base:
        context = chromium.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        try:
            page.goto(page_url(base, other.slug, year=2021, lang="en"))
            expect(page.locator("h1")).to_have_text(other.title("en"))
            wait_for_app(page)
            sidebar = page.locator(SIDEBAR)
            expect(sidebar.get_by_role("radio", name="English")).to_be_checked()
            expect(sidebar.get_by_text(navigation.PAGES[0].title("en"), exact=True)).to_be_visible()
            expect(page).to_have_url(re.compile(r"year=2021"))
        finally:
            context.close()
