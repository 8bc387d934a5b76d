"""Steps shared by the hall's browser tests: read a QR code off the screen, unlock presenting."""

from __future__ import annotations

import io
from pathlib import Path

import zxingcpp
from PIL import Image

from tests.browser import harness

CODE = '[data-testid="pv-hall-code"]'
TITLE = "h1.pv-title"
SHOTS = harness.ROOT / ".pytest_cache" / "screenshots" / "hall"


def decode_screen(page, name: str) -> list[str]:
    """Save a screenshot of the viewport as ``name``.png and return the QR texts read from it."""
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(path=str(SHOTS / f"{name}.png"))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return [code.text for code in zxingcpp.read_barcodes(image)
            if code.format == zxingcpp.BarcodeFormat.QRCode]  # fmt: skip


def open_slide(page, url: str) -> None:
    """Go to a presentation URL and wait until the slide is drawn and the script finished."""
    page.goto(url)
    page.wait_for_selector(TITLE, timeout=60_000)
    page.wait_for_selector(harness.SCRIPT_DONE, timeout=60_000)


def unlock_presenter(page, code: str, lang: str = "vi") -> None:
    """Open the sidebar and unlock presenting with ``code`` (typed, never in the URL)."""
    labels = {
        "vi": ("Trình bày cho hội trường", "Mã người trình bày hoặc mật khẩu quản trị",
               "Trình bày", "Bạn đang trình bày"),
        "en": ("Present to the hall", "Presenter code or admin password", "Present",
               "You are presenting"),
    }[lang]  # fmt: skip
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.get_by_text(labels[0]).click()
    page.get_by_label(labels[1]).fill(code)
    page.get_by_role("button", name=labels[2], exact=True).click()
    page.get_by_text(labels[3]).wait_for(timeout=60_000)
    page.wait_for_selector(harness.SCRIPT_DONE, timeout=60_000)


def slide_of(page) -> str:
    """Return the ?slide= of the page's address."""
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(page.url).query).get("slide", [""])[0]


def shot_path(name: str) -> Path:
    """Return where the screenshot ``name`` goes."""
    return SHOTS / f"{name}.png"
