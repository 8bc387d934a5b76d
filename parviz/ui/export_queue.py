"""Build an expensive export (PDF, deck) through the process-wide queue, telling the visitor.

parviz.export.builds keeps the bytes and runs one build at a time; here the visitor is told when
the export waits behind others, or that the server is busy, in a sentence of their language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable

import streamlit as st
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
