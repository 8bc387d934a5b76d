"""Follow the presenter: the hall's phones show the slide the presenter shows, live.

A presenter unlocks driving with the presenter code or the admin password (a flag in their
own session; nothing in the URL). Each of their moves is written to the live-slide file beside
the data (parviz/live.py), which every replica reads. A follower (``?follow=1``, the link of
the hall's QR code, or the "follow" button) polls that file once a second in a fragment and
reruns the page when it changed; before the page's widgets are drawn, ``sync`` puts the
follower on the presenter's year, spotlights and slide. A follower who moves on their own
(slide buttons, keys, year, spotlights) or presses "browse on my own" stops following.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from parviz import hall, live, lockout, settings
from parviz.dataset import Dataset
from parviz.i18n import t
from parviz.ui import admin, cache, state, widgets
from parviz.ui.presentation import SLIDE, SPOTLIGHTS

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0  # a move reaches followers within a poll and a page run (< 2 s)
PRESENTER = "_parviz_presenter"
FOLLOWING = "_parviz_following"
APPLIED = "_parviz_follow_applied"  # (year, slide, spotlight labels) the follower was put on
APPLIED_STAMP = "_parviz_follow_stamp"  # the live slide's stamp last applied (or skipped)
CODE_WIDGET = "_parviz_presenter_code_input"
WRITE_FAILED = "_parviz_live_write_failed"


def live_file() -> Path:
    """Return the live-slide file of the dataset in force."""
    return live.live_path(settings.data_path())


# --- who drives -------------------------------------------------------------------------


def presenting_enabled() -> bool:
    """Return True when a presenter code or an admin password is configured."""
    return bool(settings.presenter_code() or admin.configured_password())


def code_matches(given: str) -> bool:
    """Return True when ``given`` is the presenter code or the admin password (constant time)."""
    checks = [admin.password_matches(given, secret)
              for secret in (settings.presenter_code(), admin.configured_password())]  # fmt: skip
    return any(checks)


def is_presenter() -> bool:
    """Return True when this session unlocked presenting (and it is still configured)."""
    return bool(st.session_state.get(PRESENTER)) and presenting_enabled()


def following() -> bool:
    """Return True when this session follows the presenter (first run: ``?follow=1``)."""
    if FOLLOWING not in st.session_state:
        st.session_state[FOLLOWING] = st.query_params.get(hall.FOLLOW) == "1"
    return bool(st.session_state[FOLLOWING]) and not is_presenter()


def _shown() -> tuple[str, object, tuple[str, ...]]:
    """Return what this session shows now: (year, slide, spotlight labels)."""
    spotlights = st.session_state.get(SPOTLIGHTS) or ()
    return str(st.session_state.get(state.YEAR)), st.session_state.get(SLIDE), tuple(spotlights)


# --- before the widgets: put a follower on the live slide -------------------------------


def sync(dataset: Dataset) -> None:
    """Put a follower on the presenter's year, spotlights and slide (call before the widgets)."""
    if not following():
        return
    current = live.read(live_file())
    if current is None:
        return
    applied = st.session_state.get(APPLIED)
    if applied is not None and _shown() != applied:
        _set_following(False)  # the follower moved on their own: they browse now
        return
    if current.stamp == st.session_state.get(APPLIED_STAMP):
        return
    st.session_state[APPLIED_STAMP] = current.stamp  # also when skipped: no rerun loop
    if current.year not in dataset.years:
        log.warning("the live slide names year %s, which the dataset does not have", current.year)
        return
    st.session_state[state.YEAR] = current.year
    st.session_state[SPOTLIGHTS] = _labels(dataset, current.year, current.spotlights)
    st.session_state[SLIDE] = current.slide
    # Recorded now, not only after the page ran: a run interrupted before ``share`` must not
    # look like the follower's own move at the next run.
    st.session_state[APPLIED] = _shown()


def _labels(dataset: Dataset, year: int, unit_ids: tuple[str, ...]) -> list[str]:
    """Return the spotlight widget's labels of ``unit_ids`` (units ranked in ``year`` only)."""
    standings = cache.standings(dataset)
    ranked = set(standings.loc[standings["year"] == year, "unit_id"].astype(str))
    names = cache.shared(dataset, widgets.unit_names_in, year)
    return [names[unit_id] for unit_id in unit_ids if unit_id in ranked]


# --- after the slide number is known: the presenter publishes it ------------------------


def share(year: int, index: int, spotlights: list[str]) -> None:
    """Publish the presenter's slide; remember what a follower was put on."""
    if is_presenter():
        _publish(year, index, spotlights)
    elif following():
        st.session_state[APPLIED] = _shown()


def _publish(year: int, index: int, spotlights: list[str]) -> None:
    path = live_file()
    current = live.read(path, max_age=None)
    if current is not None and current.view() == (year, index, tuple(spotlights)):
        st.session_state[WRITE_FAILED] = False
        return
    try:
        live.publish(path, year=year, slide=index, spotlights=spotlights)
        st.session_state[WRITE_FAILED] = False
    except OSError as error:
        log.error("cannot write the live slide file: %s", error.strerror)
        st.session_state[WRITE_FAILED] = True


# --- controls ---------------------------------------------------------------------------


def controls(lang: str) -> None:
    """Draw the presenter's sidebar panel and the follower's bar (with its live polling)."""
    _presenter_panel(lang)
    if is_presenter():
        return
    if following():
        with st.container(key="pv_follow", horizontal=True, vertical_alignment="center"):
            _follower_bar(lang)
        _watch()
    elif live.read(live_file()) is not None:
        with st.container(key="pv_follow", horizontal=True, vertical_alignment="center"):
            st.html(_CSS)
            st.button(t("hall.follow.start", lang), key="_parviz_follow_start",
                      icon=":material/cast:", on_click=_set_following, args=(True,))  # fmt: skip


# A small bar in the bottom-left corner, out of the slide's flow (the stage fills the screen).
_CSS = """
<style>
.st-key-pv_follow { position: fixed; left: 0.4rem; bottom: 0.2rem; width: auto !important;
  max-width: calc(100% - 10rem); z-index: 10; background: rgba(255, 255, 255, 0.9);
  padding: 0 0.4rem; border-radius: 0.4rem; gap: 0.6rem; }
.st-key-pv_follow p { font-size: 0.85rem; margin: 0; }
.st-key-pv_follow button { min-height: 0; padding: 0.1rem 0.5rem; }
</style>
"""


def _follower_bar(lang: str) -> None:
    st.html(_CSS)
    key = "hall.follow.waiting" if live.read(live_file()) is None else "hall.follow.live"
    st.markdown(f":red[●] {t(key, lang)}")
    st.button(t("hall.follow.stop", lang), key="_parviz_follow_stop",
              on_click=_set_following, args=(False,))  # fmt: skip


@st.fragment(run_every=POLL_SECONDS)
def _watch() -> None:
    """Every POLL_SECONDS: rerun the page when the presenter moved (one stat per poll)."""
    if not following():
        return
    current = live.read(live_file())
    if current is not None and current.stamp != st.session_state.get(APPLIED_STAMP):
        st.rerun()


def _set_following(on: bool) -> None:
    st.session_state[FOLLOWING] = on
    st.session_state[APPLIED] = None
    st.session_state[APPLIED_STAMP] = None
    if on:
        st.query_params[hall.FOLLOW] = "1"
    elif hall.FOLLOW in st.query_params:
        del st.query_params[hall.FOLLOW]


def _presenter_panel(lang: str) -> None:
    with st.sidebar.expander(t("hall.presenter.heading", lang), expanded=is_presenter()):
        if not presenting_enabled():
            st.caption(t("hall.presenter.disabled", lang))
        elif is_presenter():
            st.caption(t("hall.presenter.driving", lang))
            if st.session_state.get(WRITE_FAILED):
                st.error(t("hall.presenter.unwritable", lang), icon=":material/error:")
            st.button(t("hall.presenter.lock", lang), key="_parviz_presenter_lock",
                      on_click=_lock)  # fmt: skip
        else:
            _unlock_form(lang)


def _unlock_form(lang: str) -> None:
    with st.form("_parviz_presenter_unlock"):
        given = st.text_input(t("hall.presenter.code", lang), type="password", key=CODE_WIDGET)
        submitted = st.form_submit_button(t("hall.presenter.unlock", lang))
    if submitted:
        _check(given, lang)


def _check(given: str, lang: str) -> None:
    """Unlock on the right code, behind the admin login's lockout (the same guess budget)."""
    if admin.must_wait(lang, "presenter unlock"):
        return
    gate = admin.session_gate()
    if code_matches(given):
        gate.reset()
        st.session_state[PRESENTER] = True
        st.session_state[FOLLOWING] = False
        st.session_state.pop(CODE_WIDGET, None)  # keep no copy of the code
        st.rerun()
    gate.failed()
    lockout.PROCESS_GATE.failed()
    log.warning("a wrong presenter code was entered")  # never the guess itself
    st.error(t("hall.presenter.wrong", lang), icon=":material/lock:")


def _lock() -> None:
    st.session_state[PRESENTER] = False
