"""The visitor's choices (language, year, block, unit), kept in the URL and the session.

A link such as ``?year=2021&block=district&unit=chi-linh&lang=vi`` opens the app on those
choices, and the address bar always shows the current ones, so a view can be shared or put on a
slide. Each value lives in three places, read in this order:

1. the widget's own session-state entry (``st.session_state["year"]``): the live value, already
   updated when the visitor changes the widget;
2. a remembered copy under ``st.session_state[REMEMBERED]``: Streamlit drops a widget's state
   when a run does not draw it (a page without a year filter) or draws it from another page
   script (a new widget id), and a page switch can clear the URL; the remembered copy survives;
3. the URL query string, which seeds a new session.

Every run writes the remembered values back into the URL (``publish``).

Streamlit's ``bind="query-params"`` is not used: it removes a parameter whose value equals the
default, so a link made for "the latest year" would silently move to a newer year once new data
arrives, and the URL could not carry ``unit`` before a page draws a unit widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

import streamlit as st

from parviz import i18n, settings

LANG, YEAR, BLOCK, UNIT = "lang", "year", "block", "unit"
UNIT_CHOICE = "unit_choice"  # the unit widget's key: it holds the shown name, UNIT the id
KEYS: tuple[str, ...] = (LANG, YEAR, BLOCK, UNIT)
REMEMBERED = "_parviz_state"

T = TypeVar("T")


def _remembered() -> dict[str, Any]:
    if REMEMBERED not in st.session_state:
        st.session_state[REMEMBERED] = {}
    return st.session_state[REMEMBERED]


def raw(key: str) -> Any:
    """Return the current value of ``key`` as found (widget, remembered, URL), or None."""
    if key in st.session_state:
        return st.session_state[key]
    remembered = _remembered()
    if key in remembered:
        return remembered[key]
    return st.query_params.get(key)


def pick(key: str, options: Sequence[T], default: T) -> T:
    """Return the option matching the current value of ``key`` (compared as text), else default.

    URL values are text ("2021") while options may be numbers (2021): compare as text.
    """
    current = raw(key)
    if current is None:
        return default
    return next((option for option in options if str(option) == str(current)), default)


def prime(key: str, options: Sequence[T], default: T) -> T:
    """Put a valid value for widget ``key`` in session state before the widget is drawn.

    Call it right before creating the widget, and create the widget without a default
    (index 0): the session-state value then decides what the widget shows.
    """
    value = pick(key, options, default)
    # Assign even when the entry already holds ``value``: the entry may belong to a widget of
    # another page script (widget ids include the page), and only a write made before the
    # widget is drawn carries the value over to the new widget.
    st.session_state[key] = value
    return value


def remember(key: str, value: Any) -> None:
    """Record ``value`` for ``key`` in the session and in the URL (None removes it)."""
    remembered = _remembered()
    if value is None:
        remembered.pop(key, None)
        if key in st.query_params:
            del st.query_params[key]
        return
    remembered[key] = value
    if st.query_params.get(key) != str(value):
        st.query_params[key] = str(value)


def publish() -> None:
    """Copy every remembered value into the URL (a page switch may have cleared it)."""
    for key, value in _remembered().items():
        if st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)


def language() -> str:
    """Return the visitor's language: the switch, else ?lang=, else PARVIZ_LANG."""
    return pick(LANG, i18n.LANGUAGES, settings.language())


def unit() -> str | None:
    """Return the selected unit id (?unit=), or None. Pages check it against their units."""
    value = raw(UNIT)
    return str(value) if value not in (None, "") else None


def set_unit(unit_id: str | None) -> None:
    """Select a unit (None clears it), e.g. from the callback of a click on a table row.

    Like any session-state write to a widget key, call it from a callback or before the unit
    widget is drawn in this run (Streamlit raises otherwise).
    """
    st.session_state.pop(UNIT_CHOICE, None)  # the unit widget shows UNIT again
    if unit_id is None:
        st.session_state.pop(UNIT, None)
    else:
        st.session_state[UNIT] = unit_id
    remember(UNIT, unit_id)
