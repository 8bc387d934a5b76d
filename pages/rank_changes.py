"""Rank changes (Biến động thứ hạng): lays out parviz/views/rank_changes.py (ranks, movers)."""

import streamlit as st

from parviz import theme
from parviz.i18n import t
from parviz.ui import layout, render, views, widgets
from parviz.ui.page import page_setup
from parviz.views import rank_changes

page = page_setup("rank_changes")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block

choices = views.rank_change_units(dataset, block, year)
if not choices:
    render.notice("rankings.page.no_data", lang, year=year, block=dataset.block_name(block, lang))
    st.stop()
focus = widgets.unit_select(choices, lang)


def two_years() -> None:
    """Scores of two chosen years (default: the previous scored year → the selected year)."""
    default = rank_changes.default_pair(dataset, block=block, year=year)
    year_a, year_b = layout.year_pair(dataset.years_of(block), default, lang, key=f"{block}_{year}")
    if year_a == year_b:
        render.notice("rankings.page.same_year", lang)
        return
    year_a, year_b = min(year_a, year_b), max(year_a, year_b)
    shown = views.rank_change_pair(dataset, block, lang, focus, year_a, year_b)
    stem = theme.file_stem(t("rankings.chart.file_dumbbell", lang), year_a, year_b, block)
    headline(shown, year_a, year_b)
    layout.chart(shown.dumbbell, theme.plotly_config(stem))
    movers(shown, year_a, year_b)


def headline(shown: rank_changes.Pair, year_a: int, year_b: int) -> None:
    """The focus unit's move in a sentence, after a warning when the methodology changed."""
    if shown.methodology_changed:
        st.warning(t("rankings.page.methodology_warning", lang, year_a=year_a, year_b=year_b),
                   icon=":material/warning:")  # fmt: skip
    if shown.movement:
        st.markdown(f"**{render.escape_markdown(shown.movement)}**")


def movers(shown: rank_changes.Pair, year_a: int, year_b: int) -> None:
    """The largest rises and falls between the two years, side by side."""
    render.section(t("rankings.page.movers_heading", lang, year_a=year_a, year_b=year_b))
    for column, key, lines in zip(st.columns(2), ("rises", "falls"), (shown.rises, shown.falls)):
        column.markdown(f"**{t(f'rankings.page.{key}', lang)}**")
        layout.bullets(lines, t(f"rankings.page.no_{key}", lang), escape=True, where=column)


def over_the_years() -> None:
    """Ranks over all years, the focus unit drawn over the others (some may be hidden)."""
    others = views.rank_change_others(dataset, block, year, focus)
    hidden = tuple(sorted(widgets.units_multiselect(
        t("rankings.page.hidden", lang), others, key=f"hidden_{block}",
        placeholder=t("rankings.page.hidden_placeholder", lang))))  # fmt: skip
    bump = views.rank_change_bump(dataset, block, lang, focus, hidden)
    narrow = views.rank_change_bump_narrow(dataset, block, lang, focus, hidden)
    stem = theme.file_stem(t("rankings.chart.file_bump", lang), block, focus)
    layout.chart_pair(bump, narrow, theme.plotly_config(stem), key="rank_bump")


layout.lazy_tabs(((t("rankings.page.dumbbell_heading", lang), two_years),
                  (t("rankings.page.bump_heading", lang), over_the_years)), key="rank_changes_tab")
