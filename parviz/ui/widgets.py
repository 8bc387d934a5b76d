"""Sidebar filters shared by every page, each with a stable key tests can drive.

Keys: ``lang`` (radio), ``year``, ``block`` and ``unit`` (select boxes). Each widget is primed
from ``state`` before it is drawn and records its value back, so the choice survives reruns,
page switches and shared links.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from parviz import i18n, settings
from parviz.dataset import Dataset
from parviz.i18n import t
from parviz.ui import cache, state


def language_switch() -> str:
    """Draw the language switch (Tiếng Việt / English) and return the chosen language."""
    lang = state.prime(state.LANG, i18n.LANGUAGES, settings.language())
    chosen = st.sidebar.radio(
        t("ui.filter.language", lang),
        i18n.LANGUAGES,
        format_func=lambda code: t(f"ui.language.{code}", code),
        key=state.LANG,
        horizontal=True,
    )
    state.remember(state.LANG, chosen)
    return chosen


def year_select(dataset: Dataset, lang: str) -> int:
    """Draw the year filter (default: the latest year) and return the chosen year."""
    years = list(reversed(dataset.years))  # latest first: the usual choice is at the top
    state.prime(state.YEAR, years, years[0])
    year = st.sidebar.selectbox(t("ui.filter.year", lang), years, key=state.YEAR)
    state.remember(state.YEAR, year)
    return int(year)


def block_select(dataset: Dataset, year: int, lang: str) -> str:
    """Draw the block (unit type) filter for ``year`` and return the chosen block id."""
    # Only blocks scored that year (a province may add communes later); all when none matches.
    blocks = [b for b in dataset.blocks if year in dataset.years_of(b)] or dataset.blocks
    state.prime(state.BLOCK, blocks, blocks[0])
    block = st.sidebar.selectbox(
        t("ui.filter.block", lang),
        blocks,
        format_func=lambda block_id: dataset.block_name(block_id, lang),
        key=state.BLOCK,
    )
    state.remember(state.BLOCK, block)
    return str(block)


def unit_select(dataset: Dataset, unit_ids: list[str], year: int, lang: str) -> str:
    """Draw the unit filter over ``unit_ids`` (names as in ``year``) and return the chosen id."""
    state.prime(state.UNIT, unit_ids, unit_ids[0])
    names = cache.shared(dataset, unit_names_in, year)
    unit_id = st.sidebar.selectbox(
        t("ui.filter.unit", lang),
        unit_ids,
        format_func=names.__getitem__,
        key=state.UNIT,
    )
    state.remember(state.UNIT, unit_id)
    return str(unit_id)


class Labels(dict):
    """A {option: label} dict whose missing options show as themselves.

    ``labels.__getitem__`` is a format_func that costs no Python frame per option: a choice among
    10,000 communes calls it 10,000 times a rerun.
    """

    def __missing__(self, key: object) -> str:
        return str(key)


def unit_names_in(dataset: Dataset, year: int) -> Labels:
    """Return {unit_id: name in ``year``} of every unit, each name unique (cached by callers).

    Unit choices format their options from it: a block of 10,000 communes would otherwise cost
    10,000 name lookups on every rerun. A choice tells options apart by their label, so a name
    two units share (two "UBND xã Tân Lập" in one province) gets the unit id added.
    """
    ids = [str(uid) for uid in dataset.table("units")["unit_id"]]
    return unique_labels(dict(zip(ids, (dataset.name_in(uid, year) for uid in ids))))


def unique_labels(names: dict[str, str]) -> Labels:
    """Return {option: label} with the option added to every label that is not unique."""
    counts = Counter(names.values())
    return Labels(
        (key, name if counts[name] == 1 else f"{name} ({key})") for key, name in names.items()
    )
