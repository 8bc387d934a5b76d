"""Overview (Tổng quan): headline numbers and a compact ranking of a block in a year."""

from parviz import overview
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
    table = overview.compact_table(ranking, tied_label=t("ui.table.tied", lang))
    render.compact_ranking(table, lang, previous_year=overview.previous_year(ranking))
    findings_view.show_block(dataset, year, block, lang)
