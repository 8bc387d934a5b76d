"""Viewers see a sentence, never a traceback or the server's paths; the log has details (#19)."""

from __future__ import annotations

import logging
import tomllib

import pytest

from parviz import loading
from parviz.ui import cache
from tests.apptesting import app_test
from tests.helpers import ROOT, copy_minimal

SECRET_PATH = "/srv/secret-folder/parviz-data"


def _visible_text(at) -> str:
    kinds = ("markdown", "caption", "error", "warning", "info", "title", "exception", "code")
    return " ".join(
        str(getattr(e, "value", "") or getattr(e, "body", "")) for k in kinds for e in at.get(k)
    )


def test_streamlit_shows_no_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] in ("none", "type")


def test_the_dataset_problems_page_does_not_name_the_data_folder(tmp_path, monkeypatch):
    folder = copy_minimal(tmp_path / "hidden-server-folder")
    (folder / "scores.csv").write_text("nonsense\n", encoding="utf-8")
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    cache.clear()
    at = app_test(timeout=60).run()
    assert not at.exception
    assert at.error  # the problems are explained
    assert "hidden-server-folder" not in _visible_text(at)


def test_an_unreadable_dataset_is_a_sentence_and_the_log_has_the_details(
    tmp_path, monkeypatch, caplog
):
    monkeypatch.setenv("PARVIZ_DATA", str(copy_minimal(tmp_path)))

    def crash(path):
        raise OSError(f"permission denied: {SECRET_PATH}/scores.csv")

    monkeypatch.setattr(loading, "load", crash)
    cache.clear()
    caplog.set_level(logging.ERROR)
    at = app_test(timeout=60).run()
    assert not at.exception
    assert at.error and SECRET_PATH not in _visible_text(at)
    assert SECRET_PATH in caplog.text
    cache.clear()


@pytest.mark.parametrize("page", ["pages/rankings.py", "pages/profile.py"])
def test_a_failing_page_shows_a_sentence_not_a_traceback(page, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("PARVIZ_DATA", str(copy_minimal(tmp_path)))

    def broken(*args, **kwargs):
        raise RuntimeError(f"bug near {SECRET_PATH}")

    monkeypatch.setattr(cache, "standings", broken)
    monkeypatch.setattr(cache, "ranking_of", broken)
    caplog.set_level(logging.ERROR)
    at = app_test(timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception  # no traceback element reaches the browser
    text = _visible_text(at)
    assert SECRET_PATH not in text and "Traceback" not in text
    assert any("nhật ký" in e.value for e in at.error)
    assert SECRET_PATH in caplog.text
