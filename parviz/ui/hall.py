"""The hall's QR code on the title and closing slides of the presentation page.

The code is an SVG inlined as a data: URI (sharp at any zoom; no request leaves the page); the
address under it comes from the setting PARVIZ_PUBLIC_URL (parviz/hall.py), never from data,
and is escaped all the same. Sizes are logical px of the slide's 1920 × 1080 stage, which the
page zooms to the screen (parviz/ui/presentation.py).
"""

from __future__ import annotations

import base64
import html
from functools import lru_cache

from parviz import hall, qr, settings
from parviz.i18n import t
from parviz.storyline import Slide, Storyline

# Title slide: a code under the cover's text; closing slide: a large one beside the text.
_CSS = """
<style>
.pv-hall { display: flex; align-items: center; justify-content: center; gap: 36px;
  color: #111111; margin: 24px auto 0; text-align: left; }
.pv-hall img { background: #FFFFFF; display: block; width: 300px; height: 300px; }
.pv-body > .pv-hall-closing { flex: 0 0 auto; flex-direction: column; gap: 16px;
  margin: 0; align-self: flex-start; }
.pv-hall-closing img { width: 520px; height: 520px; }
.pv-hall-text { max-width: 760px; }
.pv-hall-closing .pv-hall-text { max-width: 520px; text-align: center; }
.pv-hall-caption { font-size: 30px; font-weight: 700; margin: 0 0 0.3em; }
.pv-hall-url { font-size: 24px; font-family: "DejaVu Sans Mono", monospace; color: #222222;
  overflow-wrap: anywhere; }
</style>
"""


@lru_cache(maxsize=16)
def _data_uri(url: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(qr.svg(url, scale=10)).decode("ascii")


def code_html(url: str, lang: str, *, large: bool) -> str:
    """Return the QR code of ``url`` with its caption and the address written out."""
    size = "pv-hall-closing" if large else "pv-hall-title"
    alt = html.escape(t("hall.code.alt", lang, url=url), quote=True)
    caption = html.escape(t("hall.code.caption", lang))
    return (
        f"<div class='pv-hall {size}' data-testid='pv-hall-code'>"
        f"<img src='{_data_uri(url)}' alt='{alt}'>"
        f"<div class='pv-hall-text'><div class='pv-hall-caption'>{caption}</div>"
        f"<div class='pv-hall-url'>{html.escape(url)}</div></div></div>"
    )


def hall_html(slide: Slide, story: Storyline) -> str:
    """Return the hall's QR code block for ``slide`` ("" unless title or closing with a link)."""
    if not hall.carries_code(story, slide.kind):
        return ""
    return _CSS + code_html(story.hall_url, story.lang, large=slide.kind == hall.CLOSING)


def linked(story: Storyline) -> Storyline:
    """Return ``story`` with the hall's link from PARVIZ_PUBLIC_URL (unchanged without it)."""
    return hall.with_link(story, settings.public_url())
