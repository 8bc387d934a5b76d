"""The written report from the Data page in a real browser: choose 2021, draft, download."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.browser.harness import page_url, wait_for_app

pytestmark = pytest.mark.browser


def test_the_data_page_downloads_the_report_of_the_chosen_year(app_url, browser_page):
    page = browser_page
    page.goto(page_url(app_url, "data", lang="vi"))
    wait_for_app(page)
    year = page.get_by_role("combobox", name="Năm của báo cáo")
    year.scroll_into_view_if_needed()
    year.click()
    page.get_by_role("option", name="2021", exact=True).click()
    wait_for_app(page)
    page.get_by_role("button", name="Soạn báo cáo (Word)").click()
    download = page.get_by_role("button", name="Báo cáo (Word)", exact=True)
    expect(download).to_be_visible(timeout=120_000)  # four charts through kaleido on 2 cores
    with page.expect_download(timeout=60_000) as info:
        download.click()
    assert info.value.suggested_filename == "bao-cao-chi-so-cchc-2021.docx"
    document = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kết quả xác định Chỉ số cải cách hành chính năm 2021" in text
    assert "UBND thành phố Chí Linh giảm 2 bậc, từ hạng 1 xuống hạng 3." in text
