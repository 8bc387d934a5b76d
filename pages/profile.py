"""Unit profile (Hồ sơ đơn vị): why a unit is where it is, and what it needs to climb."""

import streamlit as st

from parviz import breakdown, comparison, components, precision, profile, ranking, theme
from parviz.charts import profile as charts
from parviz.i18n import t
from parviz.markup import md
from parviz.ui import cache, findings_view, render, widgets
from parviz.ui.page import page_setup

page = page_setup("profile")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block
block_name = dataset.block_name(block, lang)


def units_of(dataset, block: str, year: int) -> widgets.UnitChoices:
    """Return the units of the block to choose from (cached)."""
    unit_ids = profile.block_units(cache.standings(dataset), block=block, year=year)
    return widgets.unit_choices_in(dataset, unit_ids, year)


def view(dataset, year: int, block: str, unit_id: str, lang: str) -> dict:
    """Return everything the profile of ``unit_id`` draws: numbers, figures, lines (cached)."""
    standings = cache.standings(dataset)
    short_name = dataset.name_in(unit_id, year, short=True)
    ranks = cache.ranking_of(dataset, year=year, block=block)
    row = profile.ranking_row(ranks, unit_id)
    breaks = comparison.methodology_breaks(dataset, block)
    title = t("profile.chart.history_title", lang, unit=short_name)
    found = {
        "ranked": row is not None,
        "kpi": profile.kpi_values(row, lang) if row is not None else None,
        "history": charts.history(
            profile.history(standings, unit_id), lang, title=title, breaks=breaks
        ),
    }
    if row is None:
        return found
    table = breakdown.criterion_table(dataset, year=year, block=block)
    points = ranking.criterion_points(dataset)
    deltas = profile.deltas_of(points, dataset.table("criteria"), row)
    found.update(table_empty=table.empty, deltas=deltas, radar=None, waterfall=None,
                 components=components.line(row, lang))  # fmt: skip
    if not table.empty:
        series = profile.radar_series(table, unit_id)
        leader = series["leader_id"]
        leader_name = dataset.name_in(leader, year, short=True) if leader else None
        title = t("profile.chart.radar_title", lang, unit=short_name, year=year)
        found["radar"] = charts.radar(
            series, lang, title=title, unit_name=short_name, leader_name=leader_name
        )
        strengths, weaknesses = profile.strengths_and_weaknesses(table, unit_id)
        found["strengths"] = profile.strength_lines(strengths, lang)
        found["weaknesses"] = profile.strength_lines(weaknesses, lang)
    if deltas.previous_year is not None and not deltas.missing_years:
        found["changed"] = comparison.methodology_changed(
            dataset, block, deltas.previous_year, year
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
        found["waterfall"] = charts.waterfall(deltas, lang, title=title)
    if deltas.previous_year is not None:
        passes = profile.overtakes(standings, unit_id=unit_id, year=year)
        found["overtakes"] = profile.overtake_lines(
            passes,
            points,
            dataset.table("criteria"),
            unit_id=unit_id,
            year=year,
            previous_year=deltas.previous_year,
            lang=lang,
        )
    plan = profile.way_up(ranks, table, unit_id)
    names = dict(zip(ranks["unit_id"], ranks["short_name"]))
    found["way_up"] = profile.way_up_lines(plan, names, lang, precision.of_rows(ranks))
    return found


choices = cache.shared(dataset, units_of, block, year)
if not choices:
    render.notice("profile.no_units", lang, block=block_name)
    st.stop()
unit_id = widgets.unit_select(choices, lang)
unit_name = dataset.name_in(unit_id, year)
config = theme.plotly_config(theme.file_stem("ho-so", unit_id, year))
found = cache.shared(dataset, view, year, block, unit_id, lang)

render.section(md("profile.heading", lang, unit=unit_name, year=year))
if not found["ranked"]:
    render.notice("profile.not_ranked", lang, unit=unit_name, year=year)
else:
    kpi = found["kpi"]
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
    tiles[2].markdown(f"**{render.escape_markdown(kpi['classification'])}**")
    if kpi["grade"]:  # the unit's grade on the province's scale, when published
        tiles[2].caption(t("profile.kpi.grade", lang))
        tiles[2].markdown(f"**{render.escape_markdown(kpi['grade'])}**")
    if found["components"]:  # the total's published split (Vĩnh Phúc: appraisal + survey)
        st.markdown(found["components"])

render.section(t("profile.section.history", lang))
st.plotly_chart(found["history"], config=config, theme=None, width="stretch", key="profile_history")

if found["ranked"]:
    deltas = found["deltas"]
    render.section(t("profile.section.radar", lang))
    if found["table_empty"]:
        key = "grades.profile.no_criteria" if found["components"] else "profile.only_totals"
        render.notice(key, lang, year=year)
    else:
        st.plotly_chart(found["radar"], config=config, theme=None, width="stretch")
    if deltas.previous_year is None:
        render.section(t("profile.section.waterfall", lang, previous="–"))
        render.notice("profile.no_previous", lang)
    else:
        render.section(t("profile.section.waterfall", lang, previous=deltas.previous_year))
        if deltas.missing_years:
            missing = ", ".join(map(str, deltas.missing_years))
            render.notice("profile.missing_years", lang, years=missing)
        else:
            if found["changed"]:
                st.warning(
                    t(
                        "profile.methodology_changed",
                        lang,
                        year_a=deltas.previous_year,
                        year_b=year,
                    )
                )
            st.plotly_chart(
                found["waterfall"],
                config=config,
                theme=None,
                width="stretch",
                key="profile_waterfall",
            )

    if deltas.previous_year is not None:
        render.section(t("profile.section.overtakes", lang, year=year))
        lines = found["overtakes"]
        st.markdown("\n".join(f"- {line}" for line in lines) or t("profile.overtake.none", lang))

    if not found["table_empty"]:
        left, right = st.columns(2)
        for column, key in ((left, "strengths"), (right, "weaknesses")):
            with column:
                render.section(t(f"profile.section.{key}", lang))
                st.markdown("\n".join(f"- {line}" for line in found[key]))

    render.section(t("profile.section.way_up", lang))
    st.markdown("\n".join(f"- {line}" for line in found["way_up"]))

# Findings about this unit (added by the findings engineer): one call here.
findings_view.show_unit(dataset, unit_id, year, lang)
