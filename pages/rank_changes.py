"""Rank changes (Biến động thứ hạng): ranks over the years, scores of two years, movers."""

import streamlit as st

from parviz import comparison, theme
from parviz.charts import ranking as charts
from parviz.i18n import t
from parviz.ui import cache, render, widgets
from parviz.ui.page import page_setup

page = page_setup("rank_changes")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block
block_name = dataset.block_name(block, lang)

history = comparison.block_history(cache.standings(dataset), block)
unit_ids = comparison.units_in_order(history, year)
if not unit_ids:
    render.notice("rankings.page.no_data", lang, year=year, block=block_name)
    st.stop()
focus = widgets.unit_select(dataset, unit_ids, year, lang)
names = dict(zip(history["unit_id"], history["short_name"]))
years = dataset.years_of(block)
colours = theme.unit_colours(history["unit_id"])  # the same colour for a unit in both charts

# Ranks over all years.
render.section(t("rankings.page.bump_heading", lang))
hidden = st.multiselect(
    t("rankings.page.hidden", lang),
    [u for u in unit_ids if u != focus],
    format_func=lambda unit_id: names.get(unit_id, unit_id),
    key=f"hidden_{block}",
    placeholder=t("rankings.page.hidden_placeholder", lang),
)
bump = charts.bump_chart(
    history,
    lang=lang,
    block_name=block_name,
    source=charts.source_caption(dataset, lang),
    focus=focus,
    hidden=hidden,
    colours=colours,
    breaks=comparison.methodology_breaks(dataset, block),
)
stem = theme.file_stem(t("rankings.chart.file_bump", lang), block, focus)
st.plotly_chart(bump, config=theme.plotly_config(stem), theme=None, width="stretch")

# Scores of two chosen years (default: the previous scored year → the selected year).
render.section(t("rankings.page.dumbbell_heading", lang))
earlier = [y for y in years if y < year]
left, right, _ = st.columns([1, 1, 3])
year_a = left.selectbox(
    t("rankings.page.year_a", lang),
    years,
    index=years.index(earlier[-1] if earlier else year),
    key=f"year_a_{block}_{year}",
)
year_b = right.selectbox(
    t("rankings.page.year_b", lang), years, index=years.index(year), key=f"year_b_{block}_{year}"
)
if year_a == year_b:
    render.notice("rankings.page.same_year", lang)
    st.stop()
year_a, year_b = min(year_a, year_b), max(year_a, year_b)
if comparison.methodology_changed(dataset, block, year_a, year_b):
    st.warning(
        t("rankings.page.methodology_warning", lang, year_a=year_a, year_b=year_b),
        icon=":material/warning:",
    )
compared = comparison.compare_years(
    cache.standings(dataset), dataset, block=block, year_a=year_a, year_b=year_b
)
movement = comparison.unit_movement(compared, focus, year_a=year_a, year_b=year_b, lang=lang)
if movement:
    st.markdown(f"**{render.escape_markdown(movement)}**")
measure = comparison.comparable_measure(dataset, block, year_a, year_b)
dumbbell = charts.dumbbell(
    compared,
    year_a=year_a,
    year_b=year_b,
    lang=lang,
    block_name=block_name,
    source=charts.source_caption(dataset, lang, years=[year_a, year_b]),
    measure=measure,
    focus=focus,
    colours=colours,
)
stem = theme.file_stem(t("rankings.chart.file_dumbbell", lang), year_a, year_b, block)
st.plotly_chart(dumbbell, config=theme.plotly_config(stem), theme=None, width="stretch")

# Movers.
render.section(t("rankings.page.movers_heading", lang, year_a=year_a, year_b=year_b))
rises, falls = comparison.movers(compared)
for column, heading, rows, empty in zip(
    st.columns(2),
    ("rankings.page.rises", "rankings.page.falls"),
    (rises, falls),
    ("rankings.page.no_rises", "rankings.page.no_falls"),
):
    column.markdown(f"**{t(heading, lang)}**")
    sentences = [
        comparison.mover_sentence(row, year_a=year_a, year_b=year_b, lang=lang)
        for _, row in rows.iterrows()
    ]
    lines = [f"- {render.escape_markdown(sentence)}" for sentence in sentences]
    column.markdown("\n".join(lines) or t(empty, lang))
