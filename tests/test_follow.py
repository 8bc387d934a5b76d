"""Following the presenter under AppTest: who may drive, what a follower is put on, leaving.

Two AppTest sessions in one process stand for the presenter and a follower; they share nothing
but the live-slide file beside the data, as two replicas would (the browser test through nginx
is tests/deploy/test_follow_deploy.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parviz import live, storyline
from parviz.loading import load_dataset
from parviz.ui import follow
from tests.apptesting import app_test
from tests.helpers import copy_minimal

CODE = "hội-trường-2024"
PASSWORD = "mật-khẩu-quản-trị"
PUBLIC = "http://10.0.0.5/"


@pytest.fixture
def dataset(tmp_path, monkeypatch) -> Path:
    folder = copy_minimal(tmp_path)
    monkeypatch.setenv("PARVIZ_DATA", str(folder))
    monkeypatch.setenv("PARVIZ_PRESENTER_CODE", CODE)
    monkeypatch.setenv("PARVIZ_ADMIN_PASSWORD", PASSWORD)
    monkeypatch.delenv("PARVIZ_PUBLIC_URL", raising=False)
    return folder


def presentation(**query: object):
    at = app_test(timeout=60, **query).run()
    at.switch_page("pages/presentation.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_text(at) -> str:
    return " ".join(str(e.proto.body) for e in at.get("html"))


def unlock(at, code: str):
    at.text_input(key=follow.CODE_WIDGET).input(code)  # a form: sent with the submit
    next(b for b in at.button if b.label == "Trình bày").click().run()
    return at


def live_slide(folder: Path) -> live.LiveSlide | None:
    return live.read(live.live_path(folder))


def test_the_presenter_code_unlocks_driving_and_each_move_is_published(dataset):
    at = presentation(year=2021, slide=2)
    assert live_slide(dataset) is None  # a viewer writes nothing
    unlock(at, CODE)
    assert not at.exception and not at.error
    assert at.session_state[follow.PRESENTER] is True
    assert live_slide(dataset).view() == (2021, 2, ())
    at.button(key="slide_next").click().run()
    assert live_slide(dataset).view() == (2021, 3, ())
    at.sidebar.selectbox(key="year").set_value(2020).run()
    assert live_slide(dataset).year == 2020
    assert CODE not in str(at.query_params)  # never in the URL
    assert follow.CODE_WIDGET not in at.session_state  # no copy of the code is kept
    next(b for b in at.button if b.label == "Thôi trình bày").click().run()
    before = live_slide(dataset)
    at.button(key="slide_next").click().run()
    assert live_slide(dataset) == before  # locked again: moves are no longer published


def test_the_admin_password_unlocks_too_and_a_wrong_code_does_not(dataset):
    at = presentation(year=2021)
    unlock(at, "sai")
    assert [e.value for e in at.error] == ["Mã không đúng."]
    assert not at.session_state[follow.PRESENTER] if follow.PRESENTER in at.session_state else True
    assert live_slide(dataset) is None
    unlock(at, PASSWORD)
    assert at.session_state[follow.PRESENTER] is True and live_slide(dataset) is not None


def test_without_code_or_password_nobody_can_present(dataset, monkeypatch):
    monkeypatch.delenv("PARVIZ_PRESENTER_CODE")
    monkeypatch.delenv("PARVIZ_ADMIN_PASSWORD")
    at = presentation(year=2021)
    assert follow.CODE_WIDGET not in [t.key for t in at.text_input]
    assert any("PARVIZ_PRESENTER_CODE" in c.value for c in at.caption)
    # A session flag forged into the state does not make a presenter either.
    at.session_state[follow.PRESENTER] = True
    at.button(key="slide_next").click().run()
    assert live_slide(dataset) is None


def test_a_follower_is_put_on_the_live_slide_and_follows_each_move(dataset):
    live.publish(live.live_path(dataset), year=2020, slide=3)
    at = presentation(year=2021, slide=1, lang="en", follow=1)  # the hall link's parameters
    assert at.session_state["year"] == 2020 and at.session_state["slide"] == 3
    assert "Following the presenter" in " ".join(m.value for m in at.markdown)
    live.publish(live.live_path(dataset), year=2021, slide=4)
    at.run()  # what the polling fragment asks for when the stamp changed
    assert at.session_state["year"] == 2021 and at.session_state["slide"] == 4
    assert str(at.query_params["slide"]).strip("[]'") == "4"


def test_a_follower_who_moves_on_their_own_stops_following(dataset):
    path = live.live_path(dataset)
    live.publish(path, year=2021, slide=3)
    at = presentation(year=2021, follow=1)
    at.button(key="slide_next").click().run()
    assert at.session_state["slide"] == 4 and at.session_state[follow.FOLLOWING] is False
    live.publish(path, year=2021, slide=6)
    at.run()
    assert at.session_state["slide"] == 4  # browsing on their own now
    # "Follow the presenter" takes them back to the live slide.
    at.button(key="_parviz_follow_start").click().run()
    assert at.session_state["slide"] == 6 and at.session_state[follow.FOLLOWING] is True


def test_browse_on_my_own_leaves_and_a_plain_visit_does_not_follow(dataset):
    path = live.live_path(dataset)
    live.publish(path, year=2021, slide=2)
    at = presentation(year=2021, follow=1)
    at.button(key="_parviz_follow_stop").click().run()
    assert "follow" not in at.query_params
    live.publish(path, year=2021, slide=5)
    at.run()
    assert at.session_state["slide"] == 2
    plain = presentation(year=2021, slide=1)
    assert plain.session_state["slide"] == 1
    assert "_parviz_follow_start" in [b.key for b in plain.button]


def test_a_follower_writes_nothing_and_cannot_drive(dataset):
    path = live.live_path(dataset)
    written = live.publish(path, year=2021, slide=2)
    at = presentation(year=2021, follow=1)
    at.button(key="slide_next").click().run()
    at.button(key="slide_next").click().run()
    assert live.read(path) == written


def test_the_title_and_closing_slides_carry_the_code_only_with_the_setting(dataset, monkeypatch):
    at = presentation(year=2021, slide=1)
    assert "pv-hall-code" not in html_text(at)
    count = len(storyline.build(load_dataset(dataset), year=2021, lang="vi").slides)
    monkeypatch.setenv("PARVIZ_PUBLIC_URL", PUBLIC)
    at = presentation(year=2021, slide=1)
    body = html_text(at)
    assert "pv-hall-code" in body and "data:image/svg+xml;base64," in body
    assert "http://10.0.0.5/presentation?year=2021&amp;lang=vi&amp;follow=1" in body
    at.button(key="slide_last").click().run()
    assert at.session_state["slide"] == count + 1  # the closing slide ends the deck
    assert "Xin cảm ơn!" in html_text(at) and "pv-hall-code" in html_text(at)
    at.button(key="slide_previous").click().run()
    assert "pv-hall-code" not in html_text(at)


def test_a_poll_does_not_trigger_a_full_garbage_collection():
    # Streamlit's default gc.collect() after every run (fragment runs included) made each
    # follower's once-a-second poll cost 40-90 ms of CPU (benchmarks/follow.py).
    import tomllib

    from tests.helpers import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
    assert follow.POLL_SECONDS <= 1.0  # a move reaches followers within a poll and a page run


def test_wrong_codes_meet_the_admin_logins_lockout(dataset):
    from parviz import lockout
    from parviz.ui import admin

    at = presentation(year=2021)
    # A clock that stands still: after the free tries each attempt must wait, never reached.
    at.session_state[admin.SESSION_GATE] = lockout.Gate(lockout.SESSION_POLICY, clock=lambda: 1e6)
    for _ in range(lockout.SESSION_POLICY.free):
        unlock(at, "sai")
        assert [e.value for e in at.error] == ["Mã không đúng."]
    unlock(at, CODE)  # the right code, too soon: refused without being checked
    assert "chờ" in " ".join(e.value for e in at.error)
    assert not at.session_state[follow.PRESENTER] if follow.PRESENTER in at.session_state else True
    assert live_slide(dataset) is None
