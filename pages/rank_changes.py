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

# Ranks over all years.
render.section(t("rankings.page.bump_heading", lang))
hidden = widgets.units_multiselect(
    t("rankings.page.hidden", lang),
    views.rank_change_others(dataset, block, year, focus),
    key=f"hidden_{block}",
    placeholder=t("rankings.page.hidden_placeholder", lang),
)
bump = views.rank_change_bump(dataset, block, lang, focus, tuple(sorted(hidden)))
narrow = views.rank_change_bump_narrow(dataset, block, lang, focus, tuple(sorted(hidden)))
stem = theme.file_stem(t("rankings.chart.file_bump", lang), block, focus)
layout.chart_pair(bump, narrow, theme.plotly_config(stem), key="rank_bump")

# Scores of two chosen years (default: the previous scored year → the selected year).
render.section(t("rankings.page.dumbbell_heading", lang))
default = rank_changes.default_pair(dataset, block=block, year=year)
year_a, year_b = layout.year_pair(dataset.years_of(block), default, lang, key=f"{block}_{year}")
if year_a == year_b:
    render.notice("rankings.page.same_year", lang)
    st.stop()
year_a, year_b = min(year_a, year_b), max(year_a, year_b)
shown = views.rank_change_pair(dataset, block, lang, focus, year_a, year_b)
if shown.methodology_changed:
    st.warning(
        t("rankings.page.methodology_warning", lang, year_a=year_a, year_b=year_b),
        icon=":material/warning:",
    )
if shown.movement:
    st.markdown(f"**{render.escape_markdown(shown.movement)}**")
stem = theme.file_stem(t("rankings.chart.file_dumbbell", lang), year_a, year_b, block)
layout.chart(shown.dumbbell, theme.plotly_config(stem))

# Movers.
render.section(t("rankings.page.movers_heading", lang, year_a=year_a, year_b=year_b))
for column, key, lines in zip(st.columns(2), ("rises", "falls"), (shown.rises, shown.falls)):
    column.markdown(f"**{t(f'rankings.page.{key}', lang)}**")
    layout.bullets(lines, t(f"rankings.page.no_{key}", lang), escape=True, where=column)
