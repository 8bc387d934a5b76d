"""The hall's QR code in the PowerPoint deck: a corner code on the title slide, a large one on
the closing slide (parviz/hall.py). Shapes are placed on parviz.export.pptx's 16:9 grid.
"""

from __future__ import annotations

import io

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Inches, Pt

from parviz import hall, qr
from parviz.dataset import Dataset
from parviz.i18n import t
from parviz.storyline import TITLE, Slide, Storyline

WIDTH = Inches(13.333)
MARGIN = Inches(0.5)
FONT = "DejaVu Sans"
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x59, 0x59, 0x59)
PICTURE_NAME = "parviz-hall-qr"  # how a test (or a person in the selection pane) finds it

# Title slide: bottom right, above the footer, clear of the centred text.
TITLE_SIZE, TITLE_TOP = Inches(1.7), Inches(4.75)
# Closing slide: left half, under the title.
CLOSING_SIZE, CLOSING_TOP = Inches(4.6), Inches(1.6)


def add_code(page: PptxSlide, slide: Slide, story: Storyline) -> None:
    """Put the hall's QR code (and its address) on the title or closing slide, when any."""
    if not hall.carries_code(story, slide.kind):
        return
    if slide.kind == TITLE:
        left = WIDTH - MARGIN - TITLE_SIZE
        _picture(page, story, left, TITLE_TOP, TITLE_SIZE)
        _text(page, left - Inches(1.8), TITLE_TOP + TITLE_SIZE, TITLE_SIZE + Inches(1.8),
              Inches(0.35), t("hall.code.caption", story.lang), size=11, colour=MUTED,
              align=PP_ALIGN.RIGHT)  # fmt: skip
        return
    _picture(page, story, MARGIN + Inches(0.4), CLOSING_TOP, CLOSING_SIZE)


def closing_text(page: PptxSlide, slide: Slide, story: Storyline, dataset: Dataset) -> None:
    """Draw the closing slide's text beside its QR code: what to do, and the address."""
    left = MARGIN + Inches(0.4) + CLOSING_SIZE + Inches(0.6)
    width = WIDTH - MARGIN - left
    _text(page, left, CLOSING_TOP + Inches(0.3), width, Inches(2.4), " ".join(slide.bullets),
          size=22)  # fmt: skip
    _text(page, left, CLOSING_TOP + Inches(2.5), width, Inches(1.2), story.hall_url, size=16,
          colour=MUTED)  # fmt: skip


def _picture(page: PptxSlide, story: Storyline, left: Emu, top: Emu, size: Emu) -> None:
    picture = page.shapes.add_picture(io.BytesIO(qr.png(story.hall_url, scale=12)), left, top,
                                      size, size)  # fmt: skip
    picture.name = PICTURE_NAME
    # Alternative text for screen readers (and the address for anyone reading the file).
    picture._element.nvPicPr.cNvPr.set("descr", t("hall.code.alt", story.lang,
                                                  url=story.hall_url))  # fmt: skip


def _text(page: PptxSlide, left: Emu, top: Emu, width: Emu, height: Emu, text: str, *,
          size: int, colour: RGBColor = TEXT, align=PP_ALIGN.LEFT) -> None:  # fmt: skip
    frame = page.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.name = Pt(size), FONT
    run.font.color.rgb = colour
