"""The hall's link (parviz/hall.py) and its QR code (parviz/qr.py), decoded back with zxing-cpp."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from parviz import hall, qr, settings, storyline
from parviz.loading import load_dataset
from tests.helpers import MINIMAL

URL = "http://10.0.0.5/parviz/presentation?year=2021&lang=vi&follow=1"


def decode(png: bytes) -> list[str]:
    """Return the texts of the QR codes zxing-cpp finds in a PNG."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return [code.text for code in zxingcpp.read_barcodes(image)
            if code.format == zxingcpp.BarcodeFormat.QRCode]  # fmt: skip


@pytest.fixture(scope="module")
def minimal():
    return load_dataset(MINIMAL)


def test_png_decodes_to_the_text():
    assert decode(qr.png(URL)) == [URL]


def test_png_scale_sets_the_size_and_the_quiet_zone_is_white():
    image = Image.open(io.BytesIO(qr.png(URL, scale=4))).convert("L")
    assert image.size == (qr.modules(URL) * 4,) * 2
    assert image.getpixel((0, 0)) == 255 and image.getpixel((4 * qr.BORDER, 4 * qr.BORDER)) == 0


def test_svg_is_inlinable_markup_of_the_same_code():
    svg = qr.svg(URL).decode("utf-8")
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert f'width="{qr.modules(URL) * 10}"' in svg


def test_an_empty_text_has_no_code():
    with pytest.raises(ValueError):
        qr.png("")


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("http://10.0.0.5/", "http://10.0.0.5"),
        ("https://cchc.haiduong.gov.vn/parviz/", "https://cchc.haiduong.gov.vn/parviz"),
        ("  http://hall:8080  ", "http://hall:8080"),
        ("http://hall/parviz?x=1#top", "http://hall/parviz"),  # query and fragment dropped
        ("", ""),
        ("10.0.0.5", ""),  # no scheme
        ("javascript:alert(1)", ""),
        ("ftp://hall/", ""),
        ("http://admin:secret@hall/", ""),  # never print a password on a slide
        ("http:///nohost", ""),
    ],
)
def test_base_url_keeps_only_plain_http_addresses(setting, expected):
    assert hall.base_url(setting) == expected


def test_hall_url_opens_the_presentation_of_the_year_following():
    assert hall.hall_url("http://10.0.0.5/parviz/", year=2021, lang="vi") == URL
    assert hall.hall_url("https://x.vn", year=2019, lang="en") == (
        "https://x.vn/presentation?year=2019&lang=en&follow=1"
    )
    assert hall.hall_url("", year=2021, lang="vi") == ""


def test_the_link_targets_the_registered_presentation_page():
    from parviz.ui.navigation import entry

    assert entry(hall.PAGE).script == "pages/presentation.py"


def test_with_link_adds_the_link_and_a_closing_slide(minimal):
    story = storyline.build(minimal, year=2021, lang="vi")
    linked = hall.with_link(story, "http://10.0.0.5/parviz")
    assert linked.hall_url == URL
    assert linked.slides[:-1] == story.slides
    closing = linked.slides[-1]
    assert closing.kind == hall.CLOSING and closing.title == "Xin cảm ơn!"
    assert closing.bullets and "QR" in closing.bullets[0]
    assert hall.carries_code(linked, storyline.TITLE)
    assert hall.carries_code(linked, hall.CLOSING)
    assert not hall.carries_code(linked, storyline.RANKING)


@pytest.mark.parametrize("setting", ["", "not a url", "http://u:p@host/"])
def test_no_usable_setting_no_link_no_closing_slide(minimal, setting):
    story = storyline.build(minimal, year=2021, lang="en")
    assert hall.with_link(story, setting) is story
    assert not hall.carries_code(story, storyline.TITLE)


def test_public_url_and_presenter_code_settings(monkeypatch):
    monkeypatch.delenv("PARVIZ_PUBLIC_URL", raising=False)
    monkeypatch.delenv("PARVIZ_PRESENTER_CODE", raising=False)
    assert settings.public_url() == "" and settings.presenter_code() == ""
    monkeypatch.setenv("PARVIZ_PUBLIC_URL", " http://10.0.0.5/ ")
    monkeypatch.setenv("PARVIZ_PRESENTER_CODE", "hoi-truong")
    assert settings.public_url() == "http://10.0.0.5/"
    assert settings.presenter_code() == "hoi-truong"
    assert {s.name for s in settings.SETTINGS} >= {"PARVIZ_PUBLIC_URL", "PARVIZ_PRESENTER_CODE"}
