"""Rankings (Xếp hạng): lays out parviz/views/rankings.py (ranked bars, downloadable table)."""

import streamlit as st

from parviz import theme
from parviz.i18n import t
from parviz.ui import layout, render, tables, views
from parviz.ui.page import page_setup

page = page_setup("rankings")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block

shown = views.rankings(dataset, year, block, lang)
if shown is None:
    render.notice("rankings.page.no_data", lang, year=year, block=dataset.block_name(block, lang))
    st.stop()
layout.chart(shown.figure, theme.plotly_config(shown.file_stem))

render.section(t("rankings.page.table_heading", lang))
tables.table_with_downloads(
    shown.table,
    lang=lang,
    file_stem=shown.file_stem,
    sheet_name=f"{t('rankings.page.sheet', lang)} {year}",
    key="ranking_table",
    wide_columns=[t("rankings.column.unit", lang), t("rankings.column.classification", lang)],
    search_column=t("rankings.column.unit", lang),
)
