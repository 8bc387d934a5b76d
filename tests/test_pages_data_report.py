"""The Data page offers the written report: pick a year, draft it, download a .docx."""

from __future__ import annotations

import io

from docx import Document
from streamlit.testing.v1 import AppTest

from parviz.dataversion import data_version
from parviz.export import builds, images, report_docx
from parviz.loading import load_dataset
from parviz.ui.report_download import report_years
from tests.helpers import MINIMAL, ROOT, SAMPLE


def data_page(monkeypatch, path, lang="vi") -> AppTest:
    monkeypatch.setenv("PARVIZ_DATA", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = lang
    return at.run().switch_page("pages/data.py").run()


def report_button(at: AppTest):
    return next(b for b in at.button if b.key == "_parviz_report_make")


def test_report_years_are_the_scored_years_latest_first():
    assert report_years(load_dataset(SAMPLE))[:3] == [2024, 2023, 2022]
    assert report_years(load_dataset(MINIMAL)) == [2021, 2020]


def test_data_page_drafts_the_report_of_the_chosen_year(monkeypatch):
    at = data_page(monkeypatch, SAMPLE)
    assert not at.exception
    assert "Báo cáo kết quả (Word)" in [h.value for h in at.subheader]
    assert not [d for d in at.get("download_button") if d.proto.label == "Báo cáo (Word)"]
    at.selectbox(key="_parviz_report_year").set_value(2021).run()
    report_button(at).click().run()
    assert not at.exception and not at.error
    buttons = [d for d in at.get("download_button") if d.proto.label == "Báo cáo (Word)"]
    assert len(buttons) == 1
    assert buttons[0].proto.url.endswith(".docx")  # the Word MIME type
    # What the button serves: built once in the process-wide export store, for every visitor.
    data = builds.BUILDS.cached(("docx", data_version(SAMPLE), 2021, "vi"))
    assert data is not None
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kết quả xác định Chỉ số cải cách hành chính năm 2021" in text


def test_a_chart_failure_shows_a_message(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no chromium")

    monkeypatch.setattr(images, "png", broken)
    at = data_page(monkeypatch, MINIMAL, lang="en")
    report_button(at).click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The report could not be drafted: no chromium"]


def test_a_second_visitor_gets_the_report_without_a_new_build(monkeypatch):
    # (#19) a report is drafted once per data version, year and language, not per click.
    made = []
    real = report_docx.build_report

    def counted(*args, **kwargs):
        made.append(kwargs.get("year"))
        return real(*args, **kwargs)

    monkeypatch.setattr(report_docx, "build_report", counted)
    first = data_page(monkeypatch, MINIMAL, lang="en")
    first.selectbox(key="_parviz_report_year").set_value(2020).run()
    report_button(first).click().run()
    second = data_page(monkeypatch, MINIMAL, lang="en")
    second.selectbox(key="_parviz_report_year").set_value(2020).run()
    assert not report_buttons(second)  # nothing to draft: the file is ready
    assert [d.proto.label for d in second.get("download_button") if "docx" in d.proto.url]
    assert made == [2020]


def report_buttons(at):
    return [b for b in at.button if b.key == "_parviz_report_make"]
