"""The storyline as a 16:9 PowerPoint deck: native editable charts, findings in the notes.

Bar (ranking), line (rank history) and radar (spotlight) are native charts, editable in
PowerPoint and LibreOffice; the criterion heatmap has no native equivalent and is a PNG made by
kaleido. Every slide carries the source line, and the illustrative label when the data is made
up. The default template's placeholders keep 4:3 positions, so every shape is placed here.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
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

from parviz import hall, storyline, theme
from parviz.charts.ranking import cap_ids, cap_note
from parviz.dataset import Dataset
from parviz.export import images, pptx_hall
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
    # One line at any length: a wrapped title would run into the subtitle and the chart.
    size = 30 if len(title) <= 48 else 26 if len(title) <= 58 else 22
    _text_box(page, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.7), [title], size=size,
              bold=True)
    if subtitle:
        _text_box(page, MARGIN, Inches(0.9), WIDTH - 2 * MARGIN, Inches(0.4), [subtitle],
                  size=16, colour=MUTED)


def _footer(page: PptxSlide, story: Storyline, index: int, total: int) -> None:
    top = Inches(6.95)
    if story.illustrative_label:
        _text_box(page, MARGIN, top, Inches(4.2), Inches(0.4), [story.illustrative_label],
                  size=11, bold=True, colour=WARNING)
    left = MARGIN + (Inches(4.3) if story.illustrative_label else 0)
    _text_box(page, left, top, WIDTH - left - Inches(1.4), Inches(0.4), [story.source], size=11,
              colour=MUTED)
    _text_box(page, WIDTH - Inches(1.4), top, Inches(0.9), Inches(0.4), [f"{index}/{total}"],
              size=11, colour=MUTED, align=PP_ALIGN.RIGHT)


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
    lines = list(slide.bullets) or [t("presentation.findings.none", story.lang)]
    _text_box(page, MARGIN, CONTENT_TOP, WIDTH - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP, lines,
              size=20, bullet=True)


def _ranking_slide(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    ranks = _capped(slide.data)
    if len(ranks) < len(slide.data):  # a large block: the same top/bottom cut as the app's charts
        note = cap_note(len(ranks), len(slide.data), story.lang)
        _text_box(page, MARGIN, CONTENT_BOTTOM, WIDTH - 2 * MARGIN, Inches(0.3), [note], size=11)
    data = CategoryChartData(number_format="0.00")
    data.categories = [
        _fit(f"{int(r)}. {n}", LABEL_CHARS) for r, n in zip(ranks["rank"], ranks["short_name"])
    ]
    data.add_series(t("presentation.chart.score", story.lang),
                    [round(float(s), 2) for s in ranks["score"]])
    frame = page.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, CONTENT_TOP, WIDTH - 2 * MARGIN,
        CONTENT_BOTTOM - CONTENT_TOP, data,
    )
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.size, chart.font.name = Pt(11 if len(ranks) > 14 else 15), FONT
    chart.category_axis.reverse_order = True  # 1st at the top
    # The score axis crosses the categories at the last one: with reversed order, the bottom.
    chart.value_axis._element.find(qn("c:crosses")).set("val", "max")
    _every_label(chart.category_axis)
    value_axis = chart.value_axis
    value_axis.minimum_scale = 0
    value_axis.maximum_scale = float(dataset.max_total(story.year, slide.block) or 100)
    value_axis.has_major_gridlines = True
    plot = chart.plots[0]
    plot.gap_width = 40
    plot.has_data_labels = True
    plot.data_labels.number_format = "0.00"
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = BAR
    _localised_labels(series, ranks["score"], story.lang)


def _capped(ranks: pd.DataFrame) -> pd.DataFrame:
    """Return the top and bottom TOP_N rows of a large ranking (all rows of a small one)."""
    keep = cap_ids(ranks["unit_id"].tolist())
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


def _localised_labels(series, values: pd.Series, lang: str) -> None:
    """Write each bar's label as text (91,53 in Vietnamese, whatever the viewer's locale)."""
    for point, value in zip(series.points, values):
        label = point.data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END
        label.text_frame.text = fmt_number(float(value), lang)


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
    history: pd.DataFrame = slide.extra
    years = sorted(int(y) for y in history["year"].unique())
    data = CategoryChartData(number_format="0")
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
    lines = list(slide.bullets) or [t("presentation.changes.none", story.lang)]
    _text_box(page, left, CONTENT_TOP, WIDTH - left - MARGIN, CONTENT_BOTTOM - CONTENT_TOP,
              lines, size=16 if len(lines) > 4 else 18, bullet=True)


def _heatmap_slide(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    fig = storyline.figure(slide, story, dataset)
    height = CONTENT_BOTTOM - CONTENT_TOP
    width = WIDTH - 2 * MARGIN
    # Render at the shape's aspect ratio so the picture is not stretched.
    px_w = 1800
    px_h = int(px_w * height / width)
    fig.update_layout(height=px_h, width=px_w, margin={"t": 60, "b": 20})
    picture = images.png(fig, width=px_w, height=px_h)
    page.shapes.add_picture(io.BytesIO(picture), MARGIN, CONTENT_TOP, width, height)


def _leaders_slide(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    table: pd.DataFrame = slide.data
    half = (WIDTH - 2 * MARGIN - Inches(0.4)) // 2
    for i, group in enumerate(("top", "bottom")):
        rows = [line for line, g in zip(slide.bullets, table["group"]) if g == group]
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
        data = CategoryChartData(number_format="0.0")
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

