"""Overview (Tổng quan): headline numbers and a compact ranking of a block in a year."""

import streamlit as st

from parviz import grades, overview
from parviz.charts import ranking as charts
from parviz.i18n import t
from parviz.markup import md
from parviz.ui import cache, findings_view, render
from parviz.ui.page import page_setup

page = page_setup("overview")
lang, dataset, year, block = page.lang, page.dataset, page.year, page.block
block_name = dataset.block_name(block, lang)


def view(dataset, year: int, block: str, lang: str):
    """Return the overview's numbers, lines and compact table (None when no ranking; cached)."""
    ranking = cache.ranking_of(dataset, year=year, block=block)
    if ranking.empty:
        return None
    bands = overview.band_counts(
        ranking, charts.band_names(dataset, year=year, block=block, lang=lang)
    )
    top, bottom = overview.ends(ranking)
    graded = grades.counts(ranking, grades.names_of(dataset.table("grades"), year, block, lang))
    heading = "rankings.overview.bands" if bands else "grades.overview.heading"
    return {
        "kpis": overview.block_kpis(ranking),
        "tiles": overview.movement_tiles(ranking),
        "groups": bands or graded or overview.classification_counts(ranking, lang),
        "heading": heading if bands or graded else "rankings.overview.classifications",
        "ends": (overview.ranking_lines(top, lang), overview.ranking_lines(bottom, lang)),
        "table": overview.compact_table(ranking, tied_label=t("ui.table.tied", lang)),
        "previous_year": overview.previous_year(ranking),
    }


render.section(md("ui.overview.heading", lang, block=block_name, year=year))
found = cache.shared(dataset, view, year, block, lang)
if found is None:
    render.notice("ui.empty.no_ranking", lang, block=block_name, year=year)
else:
    render.kpi_tiles(found["kpis"], lang)
    # Rank movement against the previous year, then bands or classifications when published.
    tiles, groups = found["tiles"], found["groups"]
    columns = st.columns(max(1, len(tiles)) + (1 if groups else 0))
    for column, (key, count) in zip(columns, tiles):
        column.metric(t(key, lang), count)
    if not tiles:  # the first year scored: nothing to compare with, not "0 rose"
        columns[0].info(t("grades.overview.no_previous", lang), icon=":material/info:")
    if groups:
        columns[-1].markdown(f"**{t(found['heading'], lang)}**")
        columns[-1].markdown(
            "\n".join(f"- {render.escape_markdown(name)}: **{count}**" for name, count in groups)
        )
    for column, key, lines in zip(
        st.columns(2), ("rankings.overview.top", "rankings.overview.bottom"), found["ends"]
    ):
        column.markdown(f"**{t(key, lang)}**")
        column.markdown("\n".join(f"- {render.escape_markdown(line)}" for line in lines))
    render.compact_ranking(found["table"], lang, previous_year=found["previous_year"])
    findings_view.show_block(dataset, year, block, lang)
