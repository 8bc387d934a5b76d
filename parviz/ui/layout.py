"""Small layout pieces the pages share: a view model's notice, a bulleted list, a chart."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import plotly.graph_objects as go
import streamlit as st

from parviz.i18n import t
from parviz.ui import drawing, phone, render
from parviz.views import Notice


def show_notice(found: Notice, lang: str) -> None:
    """Draw a view model's informational message (its text values escaped)."""
    render.notice(found.key, lang, **found.params)


def bullets(lines: Sequence[str], empty: str = "", *, escape: bool = False, where=st) -> None:
    """Draw ``lines`` as a bulleted list (``empty`` when there is none); escape data lines."""
    shown = [render.escape_markdown(line) if escape else line for line in lines]
    where.markdown("\n".join(f"- {line}" for line in shown) or empty)


def lazy_tabs(views: Sequence[tuple[str, Callable[[], None]]], *, key: str) -> None:
    """Draw tabs, one per (label, draw) pair; only the open tab's ``draw`` runs (#16).

    A page of several charts opens on its first view: the browser draws one view's charts, not
    all of them, and a click on another tab reruns the page to draw that one. The open tab is
    kept under ``key`` (by its label: a change of language opens the first tab again).
    """
    tabs = st.tabs([label for label, _ in views], key=key, on_change="rerun")
    for tab, (_, draw) in zip(tabs, views, strict=True):
        if tab.open:
            with tab:
                draw()


def chart(figure: go.Figure, config: dict, *, key: str | None = None, where=st) -> None:
    """Draw a Plotly figure with parviz's theme and ``config``, stretched to the width."""
    _plot(where, figure, config, key, None)


def chart_pair(
    wide: go.Figure, narrow: go.Figure | None, config: dict, *, key: str, on_select=None
) -> object:
    """Draw ``narrow`` on a phone (:func:`parviz.ui.phone.on_phone`) and ``wide`` elsewhere.

    Only the chart shown is sent (a hidden Plotly chart is drawn all the same). Without
    ``narrow``, draws ``wide``. ``on_select``: as st.plotly_chart's (points); returns its event.
    """
    if narrow is None or not phone.on_phone():
        return _plot(st, wide, config, key, on_select)
    return _plot(st, narrow, config, f"{key}_phone", on_select)


def _plot(where, figure: go.Figure, config: dict, key: str | None, on_select) -> object:
    figure = drawing.sent(figure, points_selectable=on_select is not None)  # drawn once (#16)
    if on_select is None:
        return where.plotly_chart(figure, config=config, theme=None, width="stretch", key=key)
    return where.plotly_chart(figure, config=config, theme=None, width="stretch", key=key,
                              on_select=on_select, selection_mode="points")  # fmt: skip


def unit_kpis(kpi: dict[str, str | None], lang: str) -> None:
    """Draw a unit's score, rank of N (with changes), classification and grade as three tiles."""
    tiles = st.columns(3)
    tiles[0].metric(t("profile.kpi.score", lang), kpi["score"], kpi["score_delta"])
    tiles[1].metric(t("profile.kpi.rank", lang), kpi["rank"], kpi["rank_delta"],
                    help=t("profile.kpi.rank_help", lang))  # fmt: skip
    # A classification is a phrase, too long for a metric's big font: label and bold text.
    for key in ("classification", "grade") if kpi["grade"] else ("classification",):
        tiles[2].caption(t(f"profile.kpi.{key}", lang))
        tiles[2].markdown(f"**{render.escape_markdown(kpi[key])}**")


def year_pair(
    years: Sequence[int], default: tuple[int, int], lang: str, *, key: str
) -> tuple[int, int]:
    """Draw two year choices side by side, set to ``default``; return the chosen years."""
    left, right, _ = st.columns([1, 1, 3])
    year_a = left.selectbox(t("rankings.page.year_a", lang), years,
                            index=years.index(default[0]), key=f"year_a_{key}")  # fmt: skip
    year_b = right.selectbox(t("rankings.page.year_b", lang), years,
                             index=years.index(default[1]), key=f"year_b_{key}")  # fmt: skip
    return year_a, year_b
