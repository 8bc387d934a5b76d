"""``page_setup``: the first line of every page (dataset, filters, banner, header)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import streamlit as st

from parviz.dataset import Dataset
from parviz.i18n import t
from parviz.loading import LoadResult
from parviz.problems import Problem
from parviz.ui import admin, cache, navigation, phone, render, state, widgets

log = logging.getLogger(__name__)

YEAR, BLOCK = state.YEAR, state.BLOCK


@dataclass(frozen=True)
class PageContext:
    """What a page needs to draw itself: language, dataset and the visitor's filters."""

    lang: str
    dataset: Dataset
    year: int | None = None
    block: str | None = None
    problems: list[Problem] = field(default_factory=list)


def leave_legacy_pages_mode() -> None:
    """Rerun through app.py when Streamlit ran this page script on its own.

    Streamlit treats the folder pages/ next to app.py as a legacy multipage app until the first
    st.navigation call of the process. A server's first request for a page URL (a shared link
    such as /rankings?year=2021) therefore runs the page script alone: no language switch, no
    navigation, no wide layout, and the process stays in that mode. Marking the app as an
    st.navigation app and rerunning fixes it for this and every later request.

    page_setup calls it; a page that does not use page_setup must call it first.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # moved in a later Streamlit: nothing to repair
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def usable_dataset(title: str, lang: str) -> LoadResult:
    """Return the cached load of the dataset; draw its problems (or crash) and stop if unusable."""
    path = cache.dataset_path()
    try:
        result = cache.load_result()
    except Exception as error:  # a bug or an odd file must not leave a traceback on screen
        log.exception("loading the dataset at %s failed: %s", path, error)
        st.title(title)
        render.load_crash(lang)
        st.stop()
    if result.dataset is None:
        log.warning("the dataset at %s has %d problem(s)", path, len(result.problems))
        st.title(title)
        render.load_problems(result.problems, lang)
        st.stop()
    return result


def page_setup(slug: str, *, filters: Sequence[str] = (YEAR, BLOCK)) -> PageContext:
    """Load the dataset, draw the sidebar ``filters``, the banner and the page header.

    When the dataset cannot be used, draw its problems instead and stop the page, so a page's
    own code only ever runs with a valid dataset. ``filters``: any of "year", "block" (block
    needs year).
    """
    leave_legacy_pages_mode()
    lang = state.language()
    title = navigation.entry(slug).title(lang)
    st.set_page_config(page_title=f"{title} · {t('ui.app.title', lang)}")
    phone.stylesheet()
    result = usable_dataset(title, lang)
    dataset = result.dataset
    year = block = None
    if YEAR in filters or BLOCK in filters:
        if not dataset.years:
            render.illustrative_banner(dataset, lang)
            st.title(title)
            empty_dataset(lang)
            st.stop()
        year = widgets.year_select(dataset, lang)
    if BLOCK in filters:
        block = widgets.block_select(dataset, year, lang)
    render.data_warnings(result.problems, lang)
    render.illustrative_banner(dataset, lang)
    render.page_header(title, dataset, lang, year=year)
    return PageContext(lang, dataset, year, block, list(result.problems))


def empty_dataset(lang: str) -> None:
    """Say the dataset has no scored year yet and lead an administrator to the import page."""
    if not admin.import_enabled():
        render.notice("shapes.empty.viewer", lang)
        return
    render.notice("shapes.empty.admin", lang)
    entry = navigation.entry("import")
    st.page_link(entry.script, label=entry.title(lang), icon=entry.icon)
