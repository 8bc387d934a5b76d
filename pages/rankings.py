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


def chart() -> None:
    """The block's units as ranked bars."""
    layout.chart(shown.figure, theme.plotly_config(shown.file_stem))


def table() -> None:
    """The ranking as a sortable table (searched above a few hundred rows)."""
    unit_column = t("rankings.column.unit", lang)
    tables.data_table(
        shown.table,
        lang=lang,
        key="ranking_table",
        wide_columns=[unit_column, t("rankings.column.classification", lang)],
        search_column=unit_column,
    )


views_of_year = ((t("rankings.tab.chart", lang), chart),
                 (t("rankings.page.table_heading", lang), table))  # fmt: skip
layout.lazy_tabs(views_of_year, key="rankings_tab")
tables.downloads(  # under the tabs: the whole table, whichever view is open
    shown.table,
    lang=lang,
    file_stem=shown.file_stem,
    sheet_name=f"{t('rankings.page.sheet', lang)} {year}",
    key="ranking_table",
)
