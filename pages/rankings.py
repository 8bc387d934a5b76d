"""Rankings (Xếp hạng): scores of a block in a year as ranked bars and a downloadable table."""

import streamlit as st

from parviz import comparison, theme
from parviz.charts import ranking as charts
from parviz.i18n import t
from parviz.ui import cache, render, tables
from parviz.ui.page import page_setup

page = page_setup("rankings")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block
block_name = dataset.block_name(block, lang)


def view(dataset, year: int, block: str, lang: str):
    """Return the ranked bars, the prepared display table and its file stem (None: no ranking)."""
    ranking = cache.ranking_of(dataset, year=year, block=block)
    if ranking.empty:
        return None, None, ""
    figure = charts.ranking_bar(
        ranking,
        lang=lang,
        block_name=dataset.block_name(block, lang),
        source=charts.source_caption(dataset, lang, years=[year]),
        bands=charts.band_names(dataset, year=year, block=block, lang=lang),
        max_score=dataset.max_total(year, block) or 100.0,
    )
    stem = theme.file_stem(t("rankings.chart.file_bar", lang), year, block)
    return figure, tables.prepare(comparison.ranking_table(ranking, lang), lang), stem


figure, table, stem = cache.shared(dataset, view, year, block, lang)
if figure is None:
    render.notice("rankings.page.no_data", lang, year=year, block=block_name)
    st.stop()
st.plotly_chart(figure, config=theme.plotly_config(stem), theme=None, width="stretch")

render.section(t("rankings.page.table_heading", lang))
tables.table_with_downloads(
    table,
    lang=lang,
    file_stem=stem,
    sheet_name=f"{t('rankings.page.sheet', lang)} {year}",
    key="ranking_table",
    wide_columns=[t("rankings.column.unit", lang), t("rankings.column.classification", lang)],
)
