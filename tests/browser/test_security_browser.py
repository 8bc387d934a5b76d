"""A hostile unit name shows as text in a real browser: no element injected, no script run."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.harness import page_url, running_app, wait_for_app
from tests.helpers import copy_minimal

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    """Serve a dataset whose unit 'b' is named like an HTML tag (its own server)."""
    folder = copy_minimal(tmp_path_factory.mktemp("hostile"))
    units = (folder / "units.csv").read_text(encoding="utf-8")
    (folder / "units.csv").write_text(
        units.replace("UBND huyện Bắc Hà,Bắc Hà", f"{XSS},{XSS}"), encoding="utf-8"
    )
    with running_app(env={"PARVIZ_DATA": str(folder)}) as base:
        yield base


@pytest.mark.parametrize("slug", ["overview", "rankings", "data"])
def test_a_hostile_unit_name_renders_as_text(hostile_app, browser_page, slug):
    page = browser_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_url(hostile_app, slug, year=2021, block="district", lang="vi"))
    wait_for_app(page)
    if slug == "data":
        # The units are in the downloads; the name must still never become an element.
        expect(page.locator("h1")).to_have_text("Dữ liệu")
    else:
        expect(page.get_by_text(XSS).first).to_be_attached()
    assert page.locator('img[src="x"]').count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
