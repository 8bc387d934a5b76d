"""Only an administrator can write: the password gate, the save path and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from parviz.importing import ImportOptions
from parviz.loading import load_dataset
from parviz.ui import admin, import_view
from tests.apptesting import app_test
from tests.helpers import copy_minimal, snapshot

PASSWORD = "đúng-mật-khẩu 2024"
TABLE = "Tên đơn vị,Tổng điểm,Xếp hạng\nUBND huyện Bắc Hà,80,1\nTP An Bình,70,2\n".encode()


@pytest.fixture
def dataset(tmp_path, monkeypatch) -> Path:
    folder = copy_minimal(tmp_path)
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    monkeypatch.delenv("PARVIZ_ADMIN_PASSWORD", raising=False)
    return folder


def import_page() -> AppTest:
    at = app_test(timeout=60).run()  # runs app.py as the server does (see tests/apptesting.py)
    return at.switch_page("pages/import.py").run()


def test_password_comparison_is_exact_and_an_empty_password_never_matches():
    assert admin.password_matches(PASSWORD, PASSWORD)
    assert not admin.password_matches(PASSWORD + " ", PASSWORD)
    assert not admin.password_matches("", "")
    assert not admin.password_matches("x", "")


def test_without_a_password_import_is_disabled_and_says_how_to_enable_it(dataset):
    at = import_page()
    assert not at.exception and not at.error
    notice = " ".join(info.value for info in at.info)
    assert "PARVIZ_ADMIN_PASSWORD" in notice and "secrets.toml" in notice
    assert len(at.text_input) == 0 and len(at.button) == 0


def test_a_viewer_sees_a_login_form_and_nothing_that_writes(dataset, monkeypatch):
    monkeypatch.setenv("PARVIZ_ADMIN_PASSWORD", PASSWORD)
    at = import_page()
    assert not at.exception
    assert len(at.text_input) == 1  # the password
    assert not at.session_state[admin.ADMIN_FLAG] if admin.ADMIN_FLAG in at.session_state else True
    labels = [b.label for b in at.button]
    assert "Lưu vào bộ dữ liệu" not in labels and "Hoàn tác lần lưu gần nhất" not in labels


def test_a_wrong_password_is_refused_and_the_right_one_logs_in(dataset, monkeypatch):
    monkeypatch.setenv("PARVIZ_ADMIN_PASSWORD", PASSWORD)
    at = import_page()
    at.text_input(key=admin.PASSWORD_WIDGET).input("sai")  # a form: sent with the submit
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Mật khẩu không đúng."]
    assert not at.session_state[admin.ADMIN_FLAG] if admin.ADMIN_FLAG in at.session_state else True
    at.text_input(key=admin.PASSWORD_WIDGET).input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert at.session_state[admin.ADMIN_FLAG] is True
    assert PASSWORD not in str(at.query_params)  # never in the URL
    assert admin.PASSWORD_WIDGET not in at.session_state  # no copy of the password is kept
    assert "Đăng xuất quản trị" in [b.label for b in at.button]
    assert len(at.number_input) == 1  # the import form: year, block, file


def test_the_password_can_come_from_streamlit_secrets(dataset, monkeypatch):
    monkeypatch.setattr(admin.st, "secrets", {admin.SECRET_KEY: "từ-secrets"})
    assert admin.configured_password() == "từ-secrets"
    monkeypatch.setenv("PARVIZ_ADMIN_PASSWORD", "từ-env")
    assert admin.configured_password() == "từ-env"


def _save_script() -> None:
    """Run inside AppTest: call the save path directly, as a tampered client might."""
    import os
    from pathlib import Path

    import streamlit as st

    from parviz.importing import ImportOptions
    from parviz.ui import admin, import_view

    table = "Tên đơn vị,Tổng điểm,Xếp hạng\nUBND huyện Bắc Hà,80,1\nTP An Bình,70,2\n".encode()
    options = ImportOptions(year=2022, block="district")
    try:
        result = import_view.save_import(Path(os.environ["PARVIZ_DATA"]), table, "t.csv", options)
        st.write(f"written={result.written}")
    except admin.NotAdmin:
        st.write("refused")


def test_a_viewer_session_cannot_reach_the_save_path(dataset, monkeypatch):
    monkeypatch.setenv("PARVIZ_ADMIN_PASSWORD", PASSWORD)
    before = snapshot(dataset)
    at = AppTest.from_function(_save_script, default_timeout=60).run()
    assert [m.value for m in at.markdown] == ["refused"]
    assert snapshot(dataset) == before
    at.session_state[admin.ADMIN_FLAG] = True  # what a successful login sets
    at.run()
    assert [m.value for m in at.markdown] == ["written=True"]
    assert snapshot(dataset) != before


def test_the_admin_flag_alone_is_not_enough_when_no_password_is_configured(dataset):
    before = snapshot(dataset)
    at = AppTest.from_function(_save_script, default_timeout=60)
    at.session_state[admin.ADMIN_FLAG] = True
    at.run()
    assert [m.value for m in at.markdown] == ["refused"]
    assert snapshot(dataset) == before


def test_save_and_undo_outside_a_session_are_refused(dataset):
    before = snapshot(dataset)
    with pytest.raises(admin.NotAdmin):
        import_view.save_import(dataset, TABLE, "t.csv", ImportOptions(year=2022, block="district"))
    with pytest.raises(admin.NotAdmin):
        import_view.undo_last(dataset)
    assert snapshot(dataset) == before


def test_an_admin_saves_then_undoes_back_to_identical_files(dataset, monkeypatch):
    monkeypatch.setenv("PARVIZ_ADMIN_PASSWORD", PASSWORD)
    monkeypatch.setattr(admin, "is_admin", lambda: True)
    before = snapshot(dataset)
    result = import_view.save_import(
        dataset, TABLE, "t.csv", ImportOptions(year=2022, block="district")
    )
    assert result.written
    assert 2022 in load_dataset(dataset).years
    assert import_view.undo_last(dataset) is not None
    after = {k: v for k, v in snapshot(dataset).items() if not k.startswith(".versions")}
    assert after == before
    assert import_view.undo_last(dataset) is None  # nothing more to undo
