"""Sidebar filters shared by every page, each with a stable key tests can drive.

Keys: ``lang`` (radio), ``year``, ``block`` and ``unit`` (select boxes). Each widget is primed
from ``state`` before it is drawn and records its value back, so the choice survives reruns,
page switches and shared links.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from parviz import i18n, settings
from parviz.dataset import Dataset
from parviz.i18n import fmt_number, t
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


@dataclass(frozen=True)
class UnitChoices:
    """Units to choose from: ids in display order, their unique names, and names back to ids.

    Built once inside a cached page function (``unit_choices``): a list of 10,000 names costs
    milliseconds to build, and Streamlit shows 10,000 names in half the time it formats 10,000
    ids through a format_func.
    """

    ids: tuple[str, ...]
    labels: tuple[str, ...]
    id_of: dict[str, str]

    def __bool__(self) -> bool:
        return bool(self.ids)


def unit_choices(unit_ids: Sequence[str], names: Mapping[str, str]) -> UnitChoices:
    """Return the choices over ``unit_ids`` named by ``names`` (unique, e.g. ``unit_names_in``)."""
    ids = tuple(str(uid) for uid in unit_ids)
    labels = tuple(names[uid] for uid in ids)
    return UnitChoices(ids, labels, dict(zip(labels, ids)))


def unit_choices_in(dataset: Dataset, unit_ids: Sequence[str], year: int) -> UnitChoices:
    """Return the choices over ``unit_ids`` named as in ``year`` (names shared, made once)."""
    return unit_choices(unit_ids, cache.shared(dataset, unit_names_in, year))


def unit_select(choices: UnitChoices, lang: str) -> str:
    """Draw the unit filter over ``choices`` (not empty) and return the chosen id.

    The widget (key ``state.UNIT_CHOICE``) holds the shown name; ``state.UNIT`` keeps the id,
    so a link (?unit=) or a click elsewhere (``state.set_unit``) picks the unit.
    """
    chosen = st.session_state.get(state.UNIT_CHOICE)
    if chosen not in choices.id_of:  # first draw, another year's names, or set_unit cleared it
        current = state.pick(state.UNIT, choices.ids, choices.ids[0])
        chosen = choices.labels[choices.ids.index(current)]
    st.session_state[state.UNIT_CHOICE] = chosen  # primed before drawing, as state.prime does
    labels = choices.labels
    if len(labels) > MANY_UNITS:  # a block of thousands: search first (#16, ~256 KB a load)
        query = st.sidebar.text_input(
            t("speed.units.search", lang),
            key=UNIT_SEARCH,
            placeholder=t(
                "speed.units.search_placeholder", lang, count=fmt_number(len(labels), lang, 0)
            ),
        )
        labels, found = offered(labels, chosen, query)
        if found > len(labels) - 1:
            st.sidebar.caption(t("speed.units.matches", lang, shown=len(labels) - 1, count=found))
    label = st.sidebar.selectbox(t("ui.filter.unit", lang), labels, key=state.UNIT_CHOICE)
    unit_id = choices.id_of[label]
    st.session_state[state.UNIT] = unit_id
    state.remember(state.UNIT, unit_id)
    return unit_id


def units_multiselect(
    label: str, choices: UnitChoices, *, key: str, placeholder: str, sidebar: bool = False
) -> list[str]:
    """Draw a choice of several units shown by name; return the chosen ids in order.

    Above MANY_UNITS a search field narrows the options first: ten thousand options weigh
    ~270 KB on every load and take the browser seconds to draw (#16).
    """
    where = st.sidebar if sidebar else st
    labels = choices.labels
    if len(labels) > MANY_UNITS:
        lang = state.language()
        query = where.text_input(
            t("speed.units.search", lang),
            key=f"{key}_search",
            placeholder=t(
                "speed.units.search_placeholder", lang, count=fmt_number(len(labels), lang, 0)
            ),
        )
        chosen = [name for name in st.session_state.get(key) or () if name in choices.id_of]
        labels, found = narrowed(labels, chosen, query)
        if found > len(labels) - len(chosen):
            where.caption(
                t("speed.units.matches", lang, shown=len(labels) - len(chosen), count=found)
            )
    chosen = where.multiselect(label, labels, key=key, placeholder=placeholder)
    return [choices.id_of[name] for name in chosen if name in choices.id_of]


MANY_UNITS = 300  # more options than a person scrolls through: search first
MAX_MATCHES = 100
UNIT_SEARCH = f"{state.UNIT_CHOICE}_search"  # the search field of a long unit choice


def offered(
    labels: Sequence[str], chosen: str, query: str, limit: int = MAX_MATCHES
) -> tuple[list[str], int]:
    """Return the options of a single choice among many: ``chosen`` first, then up to ``limit``
    labels matching ``query`` (without a query: the first ``limit`` labels, in their order), and
    how many labels match in all (0 without a query)."""
    if folded(query):
        return narrowed(labels, [chosen], query, limit)
    return [chosen, *[label for label in labels[: limit + 1] if label != chosen][:limit]], 0


def narrowed(
    labels: Sequence[str], chosen: Sequence[str], query: str, limit: int = MAX_MATCHES
) -> tuple[list[str], int]:
    """Return the options to offer (``chosen`` first, then up to ``limit`` labels matching
    ``query``, with or without Vietnamese accents) and how many labels match in all."""
    needle = folded(query)
    if not needle:
        return list(chosen), 0
    kept = set(chosen)
    texts = folded_labels(tuple(labels))
    matches = [label for label, text in zip(labels, texts) if needle in text and label not in kept]
    return list(chosen) + matches[:limit], len(matches)


@functools.lru_cache(maxsize=4)  # the same few long label tuples, search after search
def folded_labels(labels: tuple[str, ...]) -> tuple[str, ...]:
    """Return each label folded (``folded``), kept for the same few long tuples."""
    return tuple(folded(label) for label in labels)


def folded(text: str) -> str:
    """Return ``text`` case-folded without accents ("Tân Lập" and "tan lap" match)."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


class Labels(dict):
    """A {unit_id: name} dict whose missing ids show as themselves."""

    def __missing__(self, key: object) -> str:
        return str(key)


def unit_names_in(dataset: Dataset, year: int) -> Labels:
    """Return {unit_id: name in ``year``} of every unit, each name unique (cached by callers).

    Unit choices take their names from it (``unit_choices``). A choice tells options apart by
    their label, so a name two units share (two "UBND xã Tân Lập" in one province) gets the
    unit id added.
    """
    ids = [str(uid) for uid in dataset.table("units")["unit_id"]]
    return unique_labels(dict(zip(ids, (dataset.name_in(uid, year) for uid in ids))))


def unique_labels(names: dict[str, str]) -> Labels:
    """Return {option: label} with the option added to every label that is not unique."""
    counts = Counter(names.values())
    return Labels(
        (key, name if counts[name] == 1 else f"{name} ({key})") for key, name in names.items()
    )
