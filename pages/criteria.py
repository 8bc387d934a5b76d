"""Criteria (Tiêu chí): where each unit gains and loses points, criterion by criterion."""

import streamlit as st

from parviz import breakdown, comparison, theme
from parviz.charts import criteria as charts
from parviz.i18n import t
from parviz.ui import cache, render, state
from parviz.ui.page import page_setup

page = page_setup("criteria")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block
block_name = dataset.block_name(block, lang)
config = theme.plotly_config(theme.file_stem("tieu-chi", year, block))


def clickable_chart(figure, key: str, table) -> None:
    """Draw a chart of units; a click on a unit opens its profile."""
    event = st.plotly_chart(
        figure,
        config=config,
        theme=None,
        width="stretch",
        key=key,
        on_select="rerun",
        selection_mode="points",
    )
    unit_id = charts.selected_unit(event, table)
    if unit_id:
        state.set_unit(unit_id)
        st.switch_page("pages/profile.py")


def block_view(dataset, year: int, block: str, lang: str):
    """Return the breakdown table, heatmap, summary table and points-lost bars (cached)."""
    table = breakdown.criterion_table(dataset, year=year, block=block)
    if table.empty:
        return table, None, None, None, []
    block_name = dataset.block_name(block, lang)
    title = t("criteria.heatmap.title", lang, block=block_name, year=year)
    heatmap = charts.heatmap(table, lang, title=title)
    summary = breakdown.summary_table(breakdown.summary(table), lang)
    title = t("criteria.lost.title", lang, block=block_name, year=year)
    missing = breakdown.left_out(dataset, table, year=year, block=block)
    return table, heatmap, summary, charts.lost_bars(table, lang, title=title), missing


def years_view(dataset, block: str, lang: str):
    """Return the averages-over-years figure (None without data) and the methodology breaks."""
    averages = breakdown.block_averages_over_years(dataset, block=block)
    breaks = comparison.methodology_breaks(dataset, block)
    if averages.empty:
        return None, breaks
    title = t("criteria.years.title", lang, block=dataset.block_name(block, lang))
    return charts.averages_over_years(averages, lang, title=title, breaks=breaks), breaks


table, heatmap, summary, lost, missing = cache.shared(dataset, block_view, year, block, lang)
if table.empty:
    render.notice("criteria.only_totals", lang, year=year, block=block_name)
else:
    clickable_chart(heatmap, "criteria_heatmap", table)
    st.caption(t("criteria.heatmap.help", lang))
    if missing:  # ranked without criterion points: said, not silently dropped
        st.caption(t("grades.criteria.left_out", lang, count=len(missing),
                     units=render.escape_markdown(", ".join(missing))))  # fmt: skip

    render.section(t("criteria.summary.title", lang))
    st.dataframe(summary, hide_index=True, width="stretch", placeholder="–")

    clickable_chart(lost, "criteria_lost", table)
    st.caption(t("criteria.lost.help", lang))

figure, breaks = cache.shared(dataset, years_view, block, lang)
if figure is None:
    render.notice("criteria.no_years", lang, block=block_name)
else:
    st.plotly_chart(figure, config=config, theme=None, width="stretch")
    if breaks:
        st.caption(t("criteria.years.breaks", lang, years=", ".join(map(str, breaks))))
