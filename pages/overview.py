"""Overview (Tổng quan): lays out parviz/views/overview.py (headline numbers, compact ranking)."""

import streamlit as st

from parviz.i18n import t
from parviz.markup import md
from parviz.ui import findings_view, layout, render, views
from parviz.ui.page import page_setup

page = page_setup("overview")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block
block_name = dataset.block_name(block, lang)


def movement_and_groups(shown) -> None:
    """Draw rank movement against the previous year, then the groups when published."""
    columns = st.columns(max(1, len(shown.tiles)) + (1 if shown.groups else 0))
    for column, (key, count) in zip(columns, shown.tiles):
        column.metric(t(key, lang), count)
    if not shown.tiles:  # the first year scored: nothing to compare with, not "0 rose"
        columns[0].info(t("grades.overview.no_previous", lang), icon=":material/info:")
    if shown.groups:
        columns[-1].markdown(f"**{t(shown.groups_heading, lang)}**")
        lines = [f"{render.escape_markdown(name)}: **{count}**" for name, count in shown.groups]
        layout.bullets(lines, where=columns[-1])


render.section(md("ui.overview.heading", lang, block=block_name, year=year))
shown = views.overview(dataset, year, block, lang)
if shown is None:
    render.notice("ui.empty.no_ranking", lang, block=block_name, year=year)
else:
    render.kpi_tiles(shown.kpis, lang)
    movement_and_groups(shown)
    keys = ("rankings.overview.top", "rankings.overview.bottom")
    for column, key, lines in zip(st.columns(2), keys, (shown.top, shown.bottom)):
        column.markdown(f"**{t(key, lang)}**")
        layout.bullets(lines, escape=True, where=column)
    render.compact_ranking(shown.table, lang, previous_year=shown.previous_year)
    findings_view.show_block(dataset, year, block, lang)
