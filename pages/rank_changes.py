"""Rank changes (Biến động thứ hạng): ranks over the years, scores of two years, movers."""

import streamlit as st

from parviz import comparison, movers, theme
from parviz.charts import ranking as charts
from parviz.i18n import t
from parviz.ui import cache, render, widgets
from parviz.ui.page import page_setup

page = page_setup("rank_changes")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block
block_name = dataset.block_name(block, lang)


def units_of(dataset, block: str, year: int) -> widgets.UnitChoices:
    """Return the block's units in rank order of ``year``, by full name (cached)."""
    history = comparison.block_history(cache.standings(dataset), block)
    unit_ids = comparison.units_in_order(history, year)
    return widgets.unit_choices_in(dataset, unit_ids, year)


def others_of(dataset, block: str, year: int, focus: str) -> widgets.UnitChoices:
    """Return the units that can be hidden from the bump chart, by short name (cached)."""
    history = comparison.block_history(cache.standings(dataset), block)
    names = widgets.unique_labels(dict(zip(history["unit_id"], history["short_name"])))
    unit_ids = [u for u in comparison.units_in_order(history, year) if u != focus]
    return widgets.unit_choices(unit_ids, names)


def bump_view(dataset, block: str, lang: str, focus: str, hidden: tuple):
    """Return the bump chart of the block's ranks over the years (cached per choice)."""
    history = comparison.block_history(cache.standings(dataset), block)
    return charts.bump_chart(
        history,
        lang=lang,
        block_name=dataset.block_name(block, lang),
        source=charts.source_caption(dataset, lang),
        focus=focus,
        hidden=hidden,
        colours=theme.unit_colours(history["unit_id"]),  # the same colour in both charts
        breaks=comparison.methodology_breaks(dataset, block),
    )


def pair_view(dataset, block: str, lang: str, focus: str, year_a: int, year_b: int):
    """Return the comparison of two years: warning flag, movement line, dumbbell, movers."""
    history = comparison.block_history(cache.standings(dataset), block)
    compared = comparison.compare_years(
        cache.standings(dataset), dataset, block=block, year_a=year_a, year_b=year_b
    )
    movement = comparison.unit_movement(compared, focus, year_a=year_a, year_b=year_b, lang=lang)
    dumbbell = charts.dumbbell(
        compared,
        year_a=year_a,
        year_b=year_b,
        lang=lang,
        block_name=dataset.block_name(block, lang),
        source=charts.source_caption(dataset, lang, years=[year_a, year_b]),
        measure=comparison.comparable_measure(dataset, block, year_a, year_b),
        focus=focus,
        colours=theme.unit_colours(history["unit_id"]),
    )
    sentences = [
        [
            comparison.mover_sentence(row, year_a=year_a, year_b=year_b, lang=lang)
            for _, row in rows.iterrows()
        ]
        for rows in movers.split(movers.between(compared))  # the findings' and slides' rule
    ]
    changed = comparison.methodology_changed(dataset, block, year_a, year_b)
    return changed, movement, dumbbell, sentences


choices = cache.shared(dataset, units_of, block, year)
if not choices:
    render.notice("rankings.page.no_data", lang, year=year, block=block_name)
    st.stop()
focus = widgets.unit_select(choices, lang)
years = dataset.years_of(block)

# Ranks over all years.
render.section(t("rankings.page.bump_heading", lang))
hidden = widgets.units_multiselect(
    t("rankings.page.hidden", lang),
    cache.shared(dataset, others_of, block, year, focus),
    key=f"hidden_{block}",
    placeholder=t("rankings.page.hidden_placeholder", lang),
)
bump = cache.shared(dataset, bump_view, block, lang, focus, tuple(sorted(hidden)))
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
changed, movement, dumbbell, sentences = cache.shared(
    dataset, pair_view, block, lang, focus, year_a, year_b
)
if changed:
    st.warning(
        t("rankings.page.methodology_warning", lang, year_a=year_a, year_b=year_b),
        icon=":material/warning:",
    )
if movement:
    st.markdown(f"**{render.escape_markdown(movement)}**")
stem = theme.file_stem(t("rankings.chart.file_dumbbell", lang), year_a, year_b, block)
st.plotly_chart(dumbbell, config=theme.plotly_config(stem), theme=None, width="stretch")

# Movers.
render.section(t("rankings.page.movers_heading", lang, year_a=year_a, year_b=year_b))
for column, heading, lines, empty in zip(
    st.columns(2),
    ("rankings.page.rises", "rankings.page.falls"),
    sentences,
    ("rankings.page.no_rises", "rankings.page.no_falls"),
):
    column.markdown(f"**{t(heading, lang)}**")
    bullets = [f"- {render.escape_markdown(sentence)}" for sentence in lines]
    column.markdown("\n".join(bullets) or t(empty, lang))
