"""The storyline as a 16:9 PowerPoint deck: native editable charts, findings in the notes.

Bar (ranking), line (rank history) and radar (spotlight) are native charts, editable in
PowerPoint and LibreOffice; the criterion heatmap is native tables with coloured cells. A
ranking or heatmap of more than ROWS_PER_COLUMN units continues in a second column, as on the
screen. Every slide carries the source line, and the illustrative label when the data is made
up. The default template's placeholders keep 4:3 positions, so every shape is placed here.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd
from plotly.colors import sample_colorscale
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
)
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide as PptxSlide
from pptx.util import Inches, Pt

from parviz import hall, precision, storyline, theme
from parviz.charts.criteria import shown_units
from parviz.charts.ranking import shown_ids
from parviz.charts.slides import split
from parviz.dataset import Dataset
from parviz.export import pptx_hall
from parviz.export.chartdata import TextChartData
from parviz.i18n import fmt_number, t
from parviz.storyline import Slide, Storyline

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_TOP, CONTENT_BOTTOM = Inches(1.3), Inches(6.85)
FONT = "DejaVu Sans"
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x59, 0x59, 0x59)
WARNING = RGBColor(0xB3, 0x3A, 0x00)
BAR = RGBColor.from_string(theme.PALETTE[0].lstrip("#"))
AVERAGE = RGBColor.from_string(theme.AVERAGE_LINE.lstrip("#"))

LABEL_CHARS = 30  # longest category label kept on one line by LibreOffice at 11 pt
TITLE_SIZE = 24  # pt, every slide but the cover
ROWS_PER_COLUMN = 20  # as on the screen: a longer ranking or heatmap continues in a column
COLUMN_GAP = Inches(0.3)
Progress = Callable[[int, int], None]


def build_deck(story: Storyline, dataset: Dataset, *, progress: Progress | None = None) -> bytes:
    """Return the storyline as .pptx bytes; ``progress(done, total)`` after each slide."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    blank = deck.slide_layouts[6]
    deck.core_properties.title = story.title
    deck.core_properties.subject = story.footer
    total = len(story.slides)
    for index, slide in enumerate(story.slides, start=1):
        page = deck.slides.add_slide(blank)
        BUILDERS.get(slide.kind, _bullets_only)(page, slide, story, dataset)
        if slide.kind != storyline.TITLE:
            _title(page, slide.title, slide.subtitle)
        pptx_hall.add_code(page, slide, story)  # the hall's QR code (title, closing slides)
        _footer(page, story, index, total)
        _notes(page, slide, story.lang)
        if progress is not None:
            progress(index, total)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


# --- text ---------------------------------------------------------------------------------


def _text_box(page: PptxSlide, left, top, width, height, lines, *, size=20, bold=False,
              colour=TEXT, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, bullet=False):
    box = page.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        paragraph.space_after = Pt(size * 0.5)
        run = paragraph.add_run()
        run.text = f"• {line}" if bullet else line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        run.font.color.rgb = colour
    return box


def _title(page: PptxSlide, title: str, subtitle: str) -> None:
    # One size on every slide; the box is wide enough for the longest storyline title on one
    # line (tests render the deck through LibreOffice and check it).
    _text_box(page, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.6), [title], size=TITLE_SIZE,
              bold=True)
    if subtitle:
        _text_box(page, MARGIN, Inches(0.85), WIDTH - 2 * MARGIN, Inches(0.4), [subtitle],
                  size=16, colour=MUTED)


def _footer(page: PptxSlide, story: Storyline, index: int, total: int) -> None:
    top = Inches(6.92)
    label = Inches(5.0)  # the illustrative label on one line at 10 pt bold
    if story.illustrative_label:
        _text_box(page, MARGIN, top, label, Inches(0.3), [story.illustrative_label],
                  size=10, bold=True, colour=WARNING)
    left = MARGIN + (label + Inches(0.1) if story.illustrative_label else 0)
    _text_box(page, left, top, WIDTH - left - Inches(1.4), Inches(0.5), [story.source], size=10,
              colour=MUTED)
    _text_box(page, WIDTH - Inches(1.4), top, Inches(0.9), Inches(0.3), [f"{index}/{total}"],
              size=10, colour=MUTED, align=PP_ALIGN.RIGHT)


def _notes(page: PptxSlide, slide: Slide, lang: str) -> None:
    if not slide.notes:
        return
    heading = t("export.pptx.notes_heading", lang)
    page.notes_slide.notes_text_frame.text = "\n".join([heading, *slide.notes])


# --- slide kinds --------------------------------------------------------------------------


def _title_slide(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    width = WIDTH - 2 * MARGIN
    _text_box(page, MARGIN, Inches(1.8), width, Inches(1.4), [slide.title], size=40, bold=True,
              align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.BOTTOM)
    _text_box(page, MARGIN, Inches(3.3), width, Inches(0.6), [slide.subtitle], size=22,
              colour=MUTED, align=PP_ALIGN.CENTER)
    _text_box(page, MARGIN, Inches(4.3), width, Inches(2.0), list(slide.bullets), size=20,
              align=PP_ALIGN.CENTER)


def _bullets_only(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    lines = list(storyline.shown_lines(slide, story.lang))
    _text_box(page, MARGIN, CONTENT_TOP, WIDTH - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP, lines,
              size=20, bullet=True)


def _ranking_slide(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    """Native bar charts, one per column of at most ROWS_PER_COLUMN units, every unit named.

    A large block keeps its first and last units (the slide's subtitle says so).
    """
    ranks = _capped(slide.data)
    columns = split(ranks["unit_id"].tolist(), ROWS_PER_COLUMN)
    width = (WIDTH - 2 * MARGIN - COLUMN_GAP * (len(columns) - 1)) // len(columns)
    top = float(dataset.max_total(story.year, slide.block) or 100)
    for i, ids in enumerate(columns):
        left = MARGIN + i * (width + COLUMN_GAP)
        _bar_chart(page, ranks[ranks["unit_id"].isin(ids)], left, width, top, story.lang,
                   label_chars=LABEL_CHARS - 4 if len(columns) > 1 else LABEL_CHARS)


def _bar_chart(page: PptxSlide, ranks: pd.DataFrame, left, width, top: float, lang: str, *,
               label_chars: int) -> None:
    size = 14 if len(ranks) <= 14 else 12
    # The names' share of the width: the longest label at ~0.62 em a character, plus air.
    longest = max(len(_fit(f"{int(r)}. {n}", label_chars))
                  for r, n in zip(ranks["rank"], ranks["short_name"]))
    label_share = min(0.5, (Pt(longest * 0.62 * size) + Inches(0.3)) / width)
    decimals = precision.of_rows(ranks)  # as published
    number_format = "0." + "0" * decimals if decimals else "0"
    data = TextChartData(number_format=number_format)
    data.categories = [
        _fit(f"{int(r)}. {n}", label_chars) for r, n in zip(ranks["rank"], ranks["short_name"])
    ]
    data.add_series(t("presentation.chart.score", lang),
                    [round(float(s), decimals) for s in ranks["score"]])
    frame = page.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, left, CONTENT_TOP, width, CONTENT_BOTTOM - CONTENT_TOP, data,
    )
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    # A label that wraps makes LibreOffice hide every other one: small enough for one line.
    # LibreOffice also skips labels when rows get close: 14 pt up to 14 rows, else 12 pt.
    chart.font.size, chart.font.name = Pt(size), FONT
    chart.category_axis.reverse_order = True  # 1st at the top
    # The score axis crosses the categories at the last one: with reversed order, the bottom.
    chart.value_axis._element.find(qn("c:crosses")).set("val", "max")
    _every_label(chart.category_axis)
    _plot_from(chart, label_share)
    value_axis = chart.value_axis
    value_axis.minimum_scale = 0
    value_axis.maximum_scale = top
    value_axis.has_major_gridlines = True
    value_axis.major_unit = 20 if top >= 50 else None  # five ticks: never crowded or turned
    plot = chart.plots[0]
    plot.gap_width = 40
    plot.has_data_labels = True
    plot.data_labels.number_format = number_format
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = BAR
    _localised_labels(series, ranks["score"], lang, decimals)


def _plot_from(chart, share: float) -> None:
    """Place the bars at ``share`` of the chart's width: the names get the room on the left.

    LibreOffice otherwise sizes the label area itself, wraps a long name and then hides every
    other label.
    """
    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = plot_area.makeelement(qn("c:layout"), {})
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = layout.makeelement(qn("c:manualLayout"), {})
    layout.append(manual)
    for tag, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"),
                       ("x", f"{share:.3f}"), ("y", "0.02"), ("w", f"{0.9 - share:.3f}"),
                       ("h", "0.88")):
        manual.append(manual.makeelement(qn(f"c:{tag}"), {"val": value}))


def _capped(ranks: pd.DataFrame) -> pd.DataFrame:
    """Return the top and bottom TOP_N rows of a large ranking (all rows of a small one)."""
    keep = shown_ids(ranks)  # the units the page's and the slide's charts draw
    return ranks[ranks["unit_id"].isin(keep)] if len(keep) < len(ranks) else ranks


def _legend_below(chart) -> None:
    """Show the legend under the plot, outside it."""
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False


def _fit(text: str, width: int) -> str:
    """Return ``text`` cut to ``width`` characters with an ellipsis (a wrapped label makes
    LibreOffice hide every other category label)."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _localised_labels(series, values: pd.Series, lang: str, decimals: int = 2) -> None:
    """Write each bar's label as text (91,53 in Vietnamese, whatever the viewer's locale)."""
    for point, value in zip(series.points, values):
        label = point.data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END
        label.text_frame.text = "" if pd.isna(value) else fmt_number(float(value), lang, decimals)


def _every_label(axis) -> None:
    """Show every category label (PowerPoint and LibreOffice skip some when crowded)."""
    element = axis._element
    skip = element.find(qn("c:tickLblSkip"))
    if skip is None:
        skip = element.makeelement(qn("c:tickLblSkip"), {})
        # Schema order: tickLblSkip follows lblOffset/lblAlgn/auto/crosses; before noMultiLvlLbl.
        anchor = element.find(qn("c:noMultiLvlLbl"))
        if anchor is not None:
            anchor.addprevious(skip)
        else:
            element.append(skip)
    skip.set("val", "1")
    # LibreOffice hides every other label as soon as one wraps: keep each on one line.
    axis.tick_labels.font.size = axis.tick_labels.font.size  # creates c:txPr
    body = element.find(qn("c:txPr")).find(qn("a:bodyPr"))
    body.set("wrap", "none")


def _changes_slide(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    """A native line chart of the notable movers' ranks, beside one sentence per mover."""
    history: pd.DataFrame = slide.extra
    if history is None or history.empty:  # nobody moved: the sentence says so
        _bullets_only(page, slide, story, dataset)
        return
    years = sorted(int(y) for y in history["year"].unique())
    data = TextChartData(number_format="0")
    data.categories = [str(y) for y in years]
    order = history[history["year"] == story.year].sort_values("rank")["unit_id"].tolist()
    colours = theme.unit_colours(history["unit_id"])
    for unit_id in order:
        rows = history[history["unit_id"] == unit_id].set_index("year")["rank"]
        values = [int(rows[y]) if y in rows.index else None for y in years]
        data.add_series(str(history.loc[history["unit_id"] == unit_id, "short_name"].iloc[0]),
                        values)
    chart_width = Inches(7.8)
    chart = page.shapes.add_chart(
        XL_CHART_TYPE.LINE_MARKERS, MARGIN, CONTENT_TOP, chart_width,
        CONTENT_BOTTOM - CONTENT_TOP, data,
    ).chart
    chart.font.size, chart.font.name = Pt(14), FONT
    _legend_below(chart)
    chart.value_axis.reverse_order = True  # rank 1 at the top
    chart.value_axis.crosses = XL_AXIS_CROSSES.MAXIMUM  # keep the years at the bottom
    chart.value_axis.minimum_scale = 1
    chart.value_axis.maximum_scale = int(slide.data["units_ranked"].max())
    chart.value_axis.major_unit = 1 if history["rank"].max() <= 12 else 2
    chart.value_axis.has_title = True
    chart.value_axis.axis_title.text_frame.text = t("presentation.chart.rank", story.lang)
    for series, unit_id in zip(chart.plots[0].series, order):
        colour = RGBColor.from_string(colours[unit_id].lstrip("#"))
        series.format.line.color.rgb = colour
        series.format.line.width = Pt(3)
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = colour
    left = MARGIN + chart_width + Inches(0.3)
    lines = list(storyline.shown_lines(slide, story.lang))
    _text_box(page, left, CONTENT_TOP, WIDTH - left - MARGIN, CONTENT_BOTTOM - CONTENT_TOP,
              lines, size=16 if len(lines) > 4 else 18, bullet=True)


def _heatmap_slide(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    """Native tables (% of each criterion's maximum), coloured against the block average.

    One table per column of at most ROWS_PER_COLUMN units, so the type stays readable.
    """
    shares: pd.DataFrame = slide.data
    columns = split(shown_units(shares), ROWS_PER_COLUMN)  # the heatmap's units
    criteria = list(dict.fromkeys(shares.sort_values("order")["criterion_id"].astype(str)))
    spread = float(shares["difference"].abs().max() or 1.0)
    width = (WIDTH - 2 * MARGIN - COLUMN_GAP * (len(columns) - 1)) // len(columns)
    for i, ids in enumerate(columns):
        left = MARGIN + i * (width + COLUMN_GAP)
        _heat_table(page, shares[shares["unit_id"].isin(ids)], ids, criteria, left, width, spread,
                    story.lang)


def _heat_table(page: PptxSlide, shares: pd.DataFrame, ids: list[str], criteria: list[str],
                left, width, spread: float, lang: str) -> None:
    rows = len(ids) + 1
    row_height = min(Inches(0.4), (CONTENT_BOTTOM - Inches(0.15) - CONTENT_TOP) // rows)
    size = 14 if row_height >= Inches(0.3) and width > Inches(8) else 12
    shape = page.shapes.add_table(rows, len(criteria) + 1, left, CONTENT_TOP, width,
                                  row_height * rows)
    table = shape.table
    # LibreOffice wraps a cell that is too narrow whatever word_wrap says: size the value
    # columns for "100,0" (DejaVu: ~0.62 em a character), the names get the rest.
    value_width = Pt(2.9 * size) + Inches(0.1)  # "100,0" is 2.9 em wide in DejaVu Sans
    name_width = width - value_width * len(criteria)
    table.columns[0].width = name_width
    for j in range(1, len(criteria) + 1):
        table.columns[j].width = value_width
    for r in range(rows):
        table.rows[r].height = row_height
    name_chars = int((name_width - Inches(0.1)) / Inches(1) * 72 / (size * 0.56))
    cells = shares.set_index(["unit_id", "criterion_id"])
    names = dict(zip(shares["unit_id"], shares["short_name"]))
    ranks = dict(zip(shares["unit_id"], shares["rank"]))
    _cell(table.cell(0, 0), t("presentation.chart.unit", lang), size, bold=True)
    for j, criterion in enumerate(criteria, start=1):
        _cell(table.cell(0, j), criterion, size, bold=True, align=PP_ALIGN.CENTER)
    for i, unit_id in enumerate(ids, start=1):
        _cell(table.cell(i, 0), _fit(f"{int(ranks[unit_id])}. {names[unit_id]}", name_chars),
              size)
        for j, criterion in enumerate(criteria, start=1):
            if (unit_id, criterion) not in cells.index:
                _cell(table.cell(i, j), "", size)
                continue
            row = cells.loc[(unit_id, criterion)]
            fill, ink = _heat_colour(float(row["difference"]), spread)
            _cell(table.cell(i, j), fmt_number(float(row["pct"]), lang, 1), size,
                  align=PP_ALIGN.CENTER, fill=fill, ink=ink)


def _cell(cell, text: str, size: int, *, bold: bool = False, align=PP_ALIGN.LEFT,
          fill: RGBColor | None = None, ink: RGBColor = TEXT) -> None:
    """Write one table cell on one line with tight margins."""
    cell.margin_left = cell.margin_right = Inches(0.04)
    cell.margin_top = cell.margin_bottom = Inches(0.01)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame = cell.text_frame
    frame.word_wrap = False
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = ink
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill or (RGBColor(0xE8, 0xE8, 0xE8) if bold else
                                        RGBColor(0xFF, 0xFF, 0xFF))


def _heat_colour(difference: float, spread: float) -> tuple[RGBColor, RGBColor]:
    """Return (fill, text colour) of a cell: the screen's diverging scale around the average."""
    position = min(max(0.5 + difference / (2 * spread), 0.0), 1.0)
    (fill,) = sample_colorscale(theme.DIVERGING, [position], colortype="tuple")
    rgb = tuple(int(round(c * 255)) if c <= 1 else int(round(c)) for c in fill)
    light = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 140
    return RGBColor(*rgb), TEXT if light else RGBColor(0xFF, 0xFF, 0xFF)


def _leaders_slide(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    half = (WIDTH - 2 * MARGIN - Inches(0.4)) // 2
    for i, (group, rows) in enumerate(storyline.leader_groups(slide).items()):
        left = MARGIN + i * (half + Inches(0.4))
        colour = RGBColor.from_string((theme.UP if group == "top" else theme.DOWN).lstrip("#"))
        _text_box(page, left, CONTENT_TOP, half, Inches(0.6),
                  [t(f"presentation.leaders.{group}", story.lang)], size=26, bold=True,
                  colour=colour)
        _text_box(page, left, CONTENT_TOP + Inches(0.8), half, Inches(4.5), rows, size=22)


def _spotlight_slide(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    text_left = MARGIN
    if slide.data is not None and not slide.data.empty:
        radar = slide.data.sort_values("order")
        data = TextChartData(number_format="0.0")
        data.categories = [str(c) for c in radar["criterion_id"]]
        data.add_series(dataset.name_in(slide.unit_id, story.year),
                        [round(float(v), 1) for v in radar["pct"]])
        data.add_series(t("presentation.chart.average", story.lang),
                        [round(float(v), 1) for v in radar["average_pct"]])
        chart = page.shapes.add_chart(
            XL_CHART_TYPE.RADAR_MARKERS, MARGIN, CONTENT_TOP, Inches(6.2),
            CONTENT_BOTTOM - CONTENT_TOP, data,
        ).chart
        chart.font.size, chart.font.name = Pt(14), FONT
        _legend_below(chart)
        for series, colour in zip(chart.plots[0].series, (BAR, AVERAGE)):
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(3)
        text_left = MARGIN + Inches(6.5)
    _text_box(page, text_left, CONTENT_TOP, WIDTH - text_left - MARGIN,
              CONTENT_BOTTOM - CONTENT_TOP, list(slide.bullets), size=18, bullet=True)


BUILDERS: dict[str, Callable[[PptxSlide, Slide, Storyline, Dataset], None]] = {
    storyline.TITLE: _title_slide,
    storyline.FINDINGS: _bullets_only,
    storyline.RANKING: _ranking_slide,
    storyline.CHANGES: _changes_slide,
    storyline.HEATMAP: _heatmap_slide,
    storyline.LEADERS: _leaders_slide,
    storyline.SPOTLIGHT: _spotlight_slide,
    hall.CLOSING: pptx_hall.closing_text,
}

