"""Criteria (Tiêu chí): lays out parviz/views/criteria.py (points gained and lost, by criterion)."""

import streamlit as st

from parviz import theme
from parviz.charts import criteria as charts
from parviz.i18n import t
from parviz.ui import layout, render, state, tables, views
from parviz.ui.page import page_setup

page = page_setup("criteria")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block
block_name = dataset.block_name(block, lang)
config = theme.plotly_config(theme.file_stem("tieu-chi", year, block))
shown = views.criteria_of_block(dataset, year, block, lang)


def clickable_chart(figure, key: str, table, narrow=None) -> None:
    """Draw a chart of units (and its phone variant); a click on a unit opens its profile."""
    event = layout.chart_pair(figure, narrow, config, key=key, on_select="rerun")
    unit_id = charts.selected_unit(event, table)
    if unit_id:
        state.set_unit(unit_id)
        st.switch_page("pages/profile.py")


def by_unit() -> None:
    """Units × criteria (heatmap), then the block's summary per criterion."""
    clickable_chart(shown.heatmap, "criteria_heatmap", shown.table, shown.heatmap_narrow)
    st.caption(t("criteria.heatmap.help", lang))
    if shown.left_out:  # ranked without criterion points: said, not silently dropped
        units = render.escape_markdown(", ".join(shown.left_out))
        st.caption(t("grades.criteria.left_out", lang, count=len(shown.left_out), units=units))
    render.section(t("criteria.summary.title", lang))
    tables.static_table(shown.summary)


def points_lost() -> None:
    """Points lost per criterion, stacked per unit."""
    clickable_chart(shown.lost, "criteria_lost", shown.table)
    st.caption(t("criteria.lost.help", lang))


def over_years() -> None:
    """The block's average per criterion over the years."""
    years = views.criteria_over_years(dataset, block, lang)
    if years.figure is None:
        render.notice("criteria.no_years", lang, block=block_name)
        return
    layout.chart_pair(years.figure, years.narrow, config, key="criteria_years")
    if years.breaks:
        st.caption(t("criteria.years.breaks", lang, years=", ".join(map(str, years.breaks))))


if shown.only_totals:  # no points per criterion this year: only the years' averages to show
    render.notice("criteria.only_totals", lang, year=year, block=block_name)
    over_years()
else:
    views_of_year = ((t("criteria.tab.units", lang), by_unit),
                     (t("criteria.tab.lost", lang), points_lost),
                     (t("criteria.tab.years", lang), over_years))  # fmt: skip
    layout.lazy_tabs(views_of_year, key="criteria_tab")
