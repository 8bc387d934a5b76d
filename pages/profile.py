"""Unit profile (Hồ sơ đơn vị): why a unit is where it is, and what it needs to climb."""

import streamlit as st

from parviz import breakdown, comparison, profile, ranking, theme
from parviz.charts import profile as charts
from parviz.i18n import t
from parviz.ui import cache, findings_view, render, widgets
from parviz.ui.page import page_setup

page = page_setup("profile")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block
block_name = dataset.block_name(block, lang)
standings = cache.standings(dataset)
unit_ids = profile.block_units(standings, block=block, year=year)
if not unit_ids:
    render.notice("profile.no_units", lang, block=block_name)
    st.stop()
unit_id = widgets.unit_select(dataset, unit_ids, year, lang)
unit_name = dataset.name_in(unit_id, year)
short_name = dataset.name_in(unit_id, year, short=True)
config = theme.plotly_config(theme.file_stem("ho-so", unit_id, year))
ranks = cache.ranking_of(dataset, year=year, block=block)
row = profile.ranking_row(ranks, unit_id)
breaks = comparison.methodology_breaks(dataset, block)

render.section(t("profile.heading", lang, unit=unit_name, year=year))
if row is None:
    render.notice("profile.not_ranked", lang, unit=unit_name, year=year)
else:
    kpi = profile.kpi_values(row, lang)
    tiles = st.columns(3)
    tiles[0].metric(t("profile.kpi.score", lang), kpi["score"], kpi["score_delta"])
    tiles[1].metric(
        t("profile.kpi.rank", lang),
        kpi["rank"],
        kpi["rank_delta"],
        help=t("profile.kpi.rank_help", lang),
    )
    # A classification is a phrase, too long for a metric's big font: label and bold text.
    tiles[2].caption(t("profile.kpi.classification", lang))
    tiles[2].markdown(f"**{kpi['classification']}**")

render.section(t("profile.section.history", lang))
history = profile.history(standings, unit_id)
title = t("profile.chart.history_title", lang, unit=short_name)
st.plotly_chart(
    charts.history(history, lang, title=title, breaks=breaks),
    config=config,
    theme=None,
    width="stretch",
    key="profile_history",
)

if row is not None:
    table = breakdown.criterion_table(dataset, year=year, block=block)
    points = ranking.criterion_points(dataset)
    deltas = profile.deltas_of(points, dataset.table("criteria"), row)
    render.section(t("profile.section.radar", lang))
    if table.empty:
        render.notice("profile.only_totals", lang, year=year)
    else:
        series = profile.radar_series(table, unit_id)
        leader = series["leader_id"]
        leader_name = dataset.name_in(leader, year, short=True) if leader else None
        title = t("profile.chart.radar_title", lang, unit=short_name, year=year)
        figure = charts.radar(
            series, lang, title=title, unit_name=short_name, leader_name=leader_name
        )
        st.plotly_chart(figure, config=config, theme=None, width="stretch")
    if deltas.previous_year is None:
        render.section(t("profile.section.waterfall", lang, previous="–"))
        render.notice("profile.no_previous", lang)
    else:
        render.section(t("profile.section.waterfall", lang, previous=deltas.previous_year))
        if deltas.missing_years:
            missing = ", ".join(map(str, deltas.missing_years))
            render.notice("profile.missing_years", lang, years=missing)
        else:
            if comparison.methodology_changed(dataset, block, deltas.previous_year, year):
                st.warning(
                    t(
                        "profile.methodology_changed",
                        lang,
                        year_a=deltas.previous_year,
                        year_b=year,
                    )
                )
            title = t(
                "profile.chart.waterfall_title",
                lang,
                unit=short_name,
                year=year,
                previous=deltas.previous_year,
                before=deltas.previous_score,
                after=deltas.score,
            )
            st.plotly_chart(
                charts.waterfall(deltas, lang, title=title),
                config=config,
                theme=None,
                width="stretch",
                key="profile_waterfall",
            )

    if deltas.previous_year is not None:
        render.section(t("profile.section.overtakes", lang, year=year))
        passes = profile.overtakes(standings, unit_id=unit_id, year=year)
        lines = profile.overtake_lines(
            passes,
            points,
            dataset.table("criteria"),
            unit_id=unit_id,
            year=year,
            previous_year=deltas.previous_year,
            lang=lang,
        )
        st.markdown("\n".join(f"- {line}" for line in lines) or t("profile.overtake.none", lang))

    if not table.empty:
        strengths, weaknesses = profile.strengths_and_weaknesses(table, unit_id)
        left, right = st.columns(2)
        for column, key, frame in (
            (left, "strengths", strengths),
            (right, "weaknesses", weaknesses),
        ):
            with column:
                render.section(t(f"profile.section.{key}", lang))
                st.markdown("\n".join(f"- {line}" for line in profile.strength_lines(frame, lang)))

    render.section(t("profile.section.way_up", lang))
    plan = profile.way_up(ranks, table, unit_id)
    names = dict(zip(ranks["unit_id"], ranks["short_name"]))
    st.markdown("\n".join(f"- {line}" for line in profile.way_up_lines(plan, names, lang)))

# Findings about this unit (added by the findings engineer): one call here.
findings_view.show_unit(dataset, unit_id, year, lang)
