"""Overview (Tổng quan): headline numbers and a compact ranking of a block in a year."""

import streamlit as st

from parviz import overview
from parviz.charts import ranking as charts
from parviz.i18n import t
from parviz.ui import cache, findings_view, render
from parviz.ui.page import page_setup

page = page_setup("overview")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block
block_name = dataset.block_name(block, lang)

render.section(t("ui.overview.heading", lang, block=block_name, year=year))
ranking = cache.ranking_of(dataset, year=year, block=block)
if ranking.empty:
    render.notice("ui.empty.no_ranking", lang, block=block_name, year=year)
else:
    render.kpi_tiles(overview.block_kpis(ranking), lang)
    # Rank movement against the previous year, then bands or classifications when published.
    tiles = overview.movement_tiles(ranking)
    bands = overview.band_counts(
        ranking, charts.band_names(dataset, year=year, block=block, lang=lang)
    )
    groups = bands or overview.classification_counts(ranking, lang)
    columns = st.columns(len(tiles) + (1 if groups else 0))
    for column, (key, count) in zip(columns, tiles):
        column.metric(t(key, lang), count)
    if groups:
        heading = "rankings.overview.bands" if bands else "rankings.overview.classifications"
        columns[-1].markdown(f"**{t(heading, lang)}**")
        columns[-1].markdown("\n".join(f"- {name}: **{count}**" for name, count in groups))
    top, bottom = overview.ends(ranking)
    for column, key, rows in zip(
        st.columns(2), ("rankings.overview.top", "rankings.overview.bottom"), (top, bottom)
    ):
        column.markdown(f"**{t(key, lang)}**")
        lines = overview.ranking_lines(rows, lang)
        column.markdown("\n".join(f"- {render.escape_markdown(line)}" for line in lines))
    table = overview.compact_table(ranking, tied_label=t("ui.table.tied", lang))
    render.compact_ranking(table, lang, previous_year=overview.previous_year(ranking))
    findings_view.show_block(dataset, year, block, lang)
