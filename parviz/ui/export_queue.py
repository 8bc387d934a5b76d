"""Build an expensive export (deck, PDF, report) once, through the process-wide queue.

``on_click`` is the one "build on click, then download" of the presentation's deck and annex
PDF and the data page's Word report: whoever builds first, every later visitor downloads.

parviz.export.builds keeps the bytes and runs one build at a time; here the visitor is told when
the export waits behind others, or that the server is busy, in a sentence of their language.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Hashable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

from parviz.export import builds
from parviz.i18n import t

log = logging.getLogger(__name__)


def _session() -> str | None:
    """Return this visitor's session id (None outside a session, e.g. a bare script)."""
    context = get_script_run_ctx()
    return context.session_id if context is not None else None


def cached(key: Hashable) -> bytes | None:
    """Return the bytes already built for ``key`` by any visitor, or None."""
    return builds.BUILDS.cached(key)


def build(key: Hashable, make: Callable[[], bytes], lang: str) -> bytes | None:
    """Return the export's bytes, built in turn; None after telling the visitor why not."""
    note = st.empty()

    def waiting(ahead: int) -> None:
        note.info(t("security.export.waiting", lang, ahead=ahead), icon=":material/hourglass_top:")

    try:
        data = builds.BUILDS.get(key, make, owner=_session(), on_wait=waiting)
    except builds.AlreadyBuilding:
        note.warning(t("security.export.already", lang), icon=":material/hourglass_top:")
        return None
    except builds.Busy as error:
        log.warning("export refused: %s", error)
        note.warning(t("security.export.busy", lang), icon=":material/hourglass_top:")
        return None
    note.empty()
    return data


def on_click(
    key: Hashable,
    make: Callable[[], bytes],
    lang: str,
    *,
    label: str,
    button_key: str,
    where: DeltaGenerator | None = None,
    icon: str | None = None,
    working: str | None = None,
    done: str | None = None,
    failures: tuple[type[Exception], ...] = (),
) -> bytes | None:
    """Return the export's bytes: built already by anyone, else built when its button is clicked.

    The button (in ``where``) gives way to the build; ``working`` is a spinner's sentence while
    it runs, ``done`` a sentence once built. A failure of ``failures`` (whose message is in the
    user's language) is shown as an error. None until built. The caller draws the download.
    """
    data = cached(key)
    if data is not None:
        return data
    slot = (where or st).empty()
    if not slot.button(label, key=button_key, icon=icon):
        return None
    slot.empty()
    try:
        with st.spinner(working) if working else contextlib.nullcontext():
            data = build(key, make, lang)
    except failures as error:
        st.error(str(error), icon=":material/error:")
        return None
    if data is not None and done:
        st.success(done)
    return data
