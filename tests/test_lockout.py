"""Wrong admin passwords slow the login down, then lock it, per session and per process (#19)."""

from __future__ import annotations

import logging

import pytest

from parviz import lockout
from parviz.ui import admin
from tests.apptesting import app_test
from tests.helpers import copy_minimal

PASSWORD = "đúng-mật-khẩu 2024"


class Clock:
    """A clock a test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def fresh_process_gate(monkeypatch):
    monkeypatch.setattr(lockout, "PROCESS_GATE", lockout.Gate(lockout.PROCESS_POLICY))


def test_free_failures_cost_nothing_then_the_wait_doubles():
    clock = Clock()
    gate = lockout.Gate(lockout.Policy(free=3, lock_after=10), clock)
    waits = []
    for _ in range(8):
        gate.failed()
        waits.append(gate.retry_after())
        clock.now += waits[-1]  # the attacker waits exactly as long as told
    assert waits[:3] == [0, 0, 1.0]
    assert waits[3:] == [2.0, 4.0, 8.0, 16.0, 32.0]


def test_the_gate_locks_after_repeated_failures_and_opens_after_the_window():
    clock = Clock()
    policy = lockout.Policy(free=3, lock_after=10, window=900.0)
    gate = lockout.Gate(policy, clock)
    for _ in range(10):
        clock.now += 61
        gate.failed()
    assert gate.locked() and gate.retry_after() == pytest.approx(900.0)
    clock.now += 899
    assert gate.locked() and gate.retry_after() == pytest.approx(1.0)
    clock.now += 1
    assert not gate.locked() and gate.retry_after() == 0  # the count starts afresh


def test_two_hundred_failures_lock_the_process_gate():
    gate = lockout.Gate(lockout.PROCESS_POLICY)
    for _ in range(200):
        gate.failed()
    assert gate.locked() and gate.retry_after() > 60


def test_a_success_resets_only_its_own_gate():
    gate = lockout.Gate(lockout.SESSION_POLICY)
    for _ in range(5):
        gate.failed()
    gate.reset()
    assert gate.retry_after() == 0


@pytest.fixture
def login_page(tmp_path, monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(copy_minimal(tmp_path)))
    monkeypatch.setenv("PARVIZ_ADMIN_PASSWORD", PASSWORD)
    at = app_test(timeout=60).run()
    return at.switch_page("pages/import.py").run()


def _submit(at, password: str):
    at.text_input(key=admin.PASSWORD_WIDGET).input(password)
    return at.button[0].click().run()


def test_after_repeated_failures_even_the_right_password_must_wait(login_page, caplog):
    caplog.set_level(logging.INFO)
    at = login_page
    for attempt in range(lockout.SESSION_POLICY.free):
        _submit(at, f"sai-{attempt}-bí-mật")
        assert [e.value for e in at.error] == ["Mật khẩu không đúng."]
    _submit(at, PASSWORD)  # sent at once: the session must wait a second first
    assert not at.exception
    assert "chờ" in " ".join(e.value for e in at.error)
    assert not at.session_state[admin.ADMIN_FLAG] if admin.ADMIN_FLAG in at.session_state else True
    failures = [r for r in caplog.records if "admin login failed" in r.getMessage()]
    assert len(failures) == lockout.SESSION_POLICY.free  # logged, one record per failure
    assert "sai-" not in caplog.text and PASSWORD not in caplog.text  # never the guess


def test_a_locked_process_refuses_a_new_session_with_the_right_password(login_page):
    for _ in range(lockout.PROCESS_POLICY.lock_after):
        lockout.PROCESS_GATE.failed()  # failures of other sessions
    at = _submit(login_page, PASSWORD)
    assert not at.exception
    assert "khóa" in " ".join(e.value for e in at.error)
    assert not at.session_state[admin.ADMIN_FLAG] if admin.ADMIN_FLAG in at.session_state else True
