"""The hall's QR code on the title and closing slides of the presentation page.

The code is an SVG inlined as a data: URI (sharp at any size; no request leaves the page); the
address under it comes from the setting PARVIZ_PUBLIC_URL (parviz/hall.py), never from data,
and is escaped all the same.
"""

from __future__ import annotations

import base64
import html
from functools import lru_cache

import streamlit as st

from parviz import hall, qr, settings
from parviz.i18n import t
from parviz.storyline import Slide, Storyline

# Title slide: a corner code that leaves the slide's text alone; closing slide: a large one.
_CSS = """
<style>
.pv-hall { display: flex; align-items: center; justify-content: center; gap: 1.2em;
  color: #111111; margin: 0.4em auto 0; }
.pv-hall img { background: #FFFFFF; display: block; }
.pv-hall-title img { width: clamp(120px, 22vh, 220px); height: auto; }
.pv-hall-closing img { width: clamp(160px, 42vh, 420px); height: auto; }
.pv-hall-text { text-align: left; max-width: 32em; }
.pv-hall-caption { font-size: 24px; font-weight: 700; margin: 0 0 0.2em; }
.pv-hall-url { font-size: 20px; font-family: "DejaVu Sans Mono", monospace; color: #222222;
  overflow-wrap: anywhere; }
@media (max-width: 640px) {
  .pv-hall { flex-direction: column; gap: 0.4em; }
  .pv-hall-text { text-align: center; }
  .pv-hall-caption { font-size: 18px; }
  .pv-hall-url { font-size: 14px; }
}
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


def hall_code(slide: Slide, story: Storyline) -> None:
    """Draw the hall's QR code when ``slide`` carries it (title and closing, with a link)."""
    if not hall.carries_code(story, slide.kind):
        return
    st.html(_CSS + code_html(story.hall_url, story.lang, large=slide.kind == hall.CLOSING))


def linked(story: Storyline) -> Storyline:
    """Return ``story`` with the hall's link from PARVIZ_PUBLIC_URL (unchanged without it)."""
    return hall.with_link(story, settings.public_url())
