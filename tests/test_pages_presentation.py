"""The presentation page under AppTest: ?slide= opens a slide, buttons move, downloads exist."""

from __future__ import annotations

import pytest

from tests.apptesting import app_test


def open_presentation(lang: str = "vi", **params: object):
    at = app_test(lang=lang, year=2021, **params)
    at.run()
    at.switch_page("pages/presentation.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def html_text(at) -> str:
    return " ".join(str(e.proto.body) for e in at.get("html"))


@pytest.mark.parametrize(
    ("lang", "title"),
    [("vi", "Xếp hạng Sở, ban, ngành năm 2021"), ("en", "Ranking of Departments, 2021")],
)
def test_slide_in_the_url_opens_that_slide(lang, title):
    at = open_presentation(lang, slide=3)
    assert title in html_text(at)
    assert at.query_params["slide"] == ["3"] or at.query_params["slide"] == "3"
    # The chart is an image drawn at the stage's size (one for 16:9, one for 4:3 screens).
    assert html_text(at).count("data:image/svg+xml;base64,") == 2


def test_next_and_previous_move_and_update_the_url():
    at = open_presentation(slide=1)
    assert "Kết quả Chỉ số cải cách hành chính năm 2021" in html_text(at)
    at.button(key="slide_next").click().run()
    assert "Những điểm chính năm 2021" in html_text(at)
    assert str(at.query_params["slide"]).strip("[]'") == "2"
    at.button(key="slide_previous").click().run()
    assert "Kết quả Chỉ số" in html_text(at)
    assert at.button(key="slide_previous").disabled
    at.button(key="slide_last").click().run()
    assert at.button(key="slide_next").disabled


def test_out_of_range_slide_is_clamped_and_label_shown():
    at = open_presentation(slide=99)
    assert "DỮ LIỆU MINH HỌA" in html_text(at)
    assert at.button(key="slide_next").disabled


def test_ranking_slide_offers_table_downloads_and_the_annex():
    at = open_presentation(slide=3)
    keys = {button.proto.id for button in at.get("download_button")}
    assert any("download_csv" in key for key in keys)
    assert any("download_xlsx" in key for key in keys)
    assert any("download_annex_html" in key for key in keys)


def test_spotlights_come_from_and_go_to_the_link():
    # The projector link (a new session) must open the same deck: ?spotlight= carries the choice.
    at = open_presentation(spotlight="kinh-mon,unknown", slide=99)
    assert "UBND thị xã Kinh Môn năm 2021" in html_text(at)
    assert at.multiselect(key="spotlights").value == ["UBND thị xã Kinh Môn"]
    at.multiselect(key="spotlights").set_value([]).run()
    assert "spotlight" not in at.query_params


def test_without_chromium_the_chart_is_drawn_live(monkeypatch):
    # kaleido needs chromium; without it the slide still shows its (live, unscaled) chart.
    from parviz.export import images
    from parviz.ui import cache, presentation

    def no_browser(*args, **kwargs):
        raise RuntimeError("no chromium")

    monkeypatch.setattr(images, "svg", no_browser)
    cache.clear()  # slide images kept by an earlier test (per data version) would be served
    presentation._SVGS.clear()
    at = open_presentation(slide=4)  # rank changes: chart beside its sentences
    assert len(at.get("plotly_chart")) == 1
    assert "data:image/svg+xml" not in html_text(at)
    assert "Khoa học và Công nghệ: từ hạng 4 (2020) lên hạng 2 (2021), ▲2" in html_text(at)
