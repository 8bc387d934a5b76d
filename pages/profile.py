"""Unit profile (Hồ sơ đơn vị): lays out parviz/views/profile.py (why a unit is where it is)."""

import streamlit as st

from parviz import theme
from parviz.i18n import t
from parviz.markup import md
from parviz.ui import findings_view, layout, render, views, widgets
from parviz.ui.page import page_setup

page = page_setup("profile")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block

choices = views.profile_units(dataset, block, year)
if not choices:
    render.notice("profile.no_units", lang, block=dataset.block_name(block, lang))
    st.stop()
unit_id = widgets.unit_select(choices, lang)
config = theme.plotly_config(theme.file_stem("ho-so", unit_id, year))
found = views.profile(dataset, year, block, unit_id, lang)


def change(shown) -> None:
    """Draw the waterfall since the previous scored year (or why not) and the overtakes."""
    render.section(t("profile.section.waterfall", lang, previous=shown.previous_year or "–"))
    if shown.notice:
        layout.show_notice(shown.notice, lang)
    if shown.methodology_changed:
        st.warning(t("profile.methodology_changed", lang, year_a=shown.previous_year, year_b=year))
    if shown.waterfall:
        layout.chart(shown.waterfall, config, key="profile_waterfall")
    if shown.previous_year is not None:
        render.section(t("profile.section.overtakes", lang, year=year))
        layout.bullets(shown.overtakes, t("profile.overtake.none", lang))


def criteria(shown) -> None:
    """Draw the radar, then strengths and weaknesses side by side."""
    layout.chart(shown.radar, config, key="profile_radar")
    for column, key in zip(st.columns(2), ("strengths", "weaknesses")):
        with column:
            render.section(t(f"profile.section.{key}", lang))
            layout.bullets(getattr(shown, key))


def history() -> None:
    """Draw the unit's rank and score over the years."""
    layout.chart(found.history, config, key="profile_history")


render.section(md("profile.heading", lang, unit=found.unit_name, year=year))
if not found.ranked:
    render.notice("profile.not_ranked", lang, unit=found.unit_name, year=year)
    history()  # the years it was ranked
else:
    layout.unit_kpis(found.kpi, lang)
    if found.components:  # the total's published split (Vĩnh Phúc: appraisal + survey)
        st.markdown(found.components)
    if found.criteria_notice:  # no points per criterion this year: said before the tabs
        layout.show_notice(found.criteria_notice, lang)
    # A tab's part of the profile is made when the tab is first opened (found.criteria, .change).
    by_criterion = [(t("profile.tab.criteria", lang), lambda: criteria(found.criteria))]
    layout.lazy_tabs([(t("profile.tab.history", lang), history),
                      *(by_criterion if found.has_radar else []),
                      (t("profile.tab.change", lang), lambda: change(found.change))],
                     key="profile_tab")  # fmt: skip
    render.section(t("profile.section.way_up", lang))
    layout.bullets(found.way_up)
findings_view.show_unit(dataset, unit_id, year, lang)
