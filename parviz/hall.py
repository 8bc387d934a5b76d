"""The hall's link: the address of the live presentation of a year, put on the slides.

People in the hall scan a QR code on the title or closing slide and land on the presentation
page of that year, following the presenter (``?follow=1``; see parviz/live.py). The address is
built from the setting PARVIZ_PUBLIC_URL only, never from data: a dataset cannot choose where
a code sends the hall. Without the setting there is no link, no code and no closing slide.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode, urlsplit

from parviz.i18n import t
from parviz.storyline import TITLE, Slide, Storyline

CLOSING = "closing"  # the slide kind that ends a deck carrying the hall's link
PAGE = "presentation"  # the slug of the presentation page (parviz/ui/navigation.py)
FOLLOW = "follow"  # query parameter: "1" opens the page following the presenter


def base_url(public_url: str) -> str:
    """Return the usable base of ``public_url`` (scheme, host, path; no slash at the end).

    Returns "" for anything but an absolute http(s) address without credentials: a password
    in the address would be printed on every slide.
    """
    try:
        parts = urlsplit(public_url.strip())
        host = parts.hostname
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not host or parts.username or parts.password:
        return ""
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def hall_url(public_url: str, *, year: int, lang: str) -> str:
    """Return the address of the live presentation of ``year`` in ``lang`` ("" without a base)."""
    base = base_url(public_url)
    if not base:
        return ""
    query = urlencode({"year": int(year), "lang": lang, FOLLOW: 1})
    return f"{base}/{PAGE}?{query}"


def closing_slide(lang: str) -> Slide:
    """Return the last slide: thanks, and where to keep following and exploring."""
    return Slide(
        CLOSING,
        t("hall.closing.title", lang),
        subtitle=t("hall.closing.subtitle", lang),
        bullets=(t("hall.closing.scan", lang),),
    )


def with_link(story: Storyline, public_url: str) -> Storyline:
    """Return ``story`` carrying the hall's link and ending on the closing slide (if a base)."""
    url = hall_url(public_url, year=story.year, lang=story.lang)
    if not url:
        return story
    slides = (*story.slides, closing_slide(story.lang))
    return dataclasses.replace(story, hall_url=url, slides=slides)


def carries_code(story: Storyline, kind: str) -> bool:
    """Return True when a slide of ``kind`` shows the hall's QR code in ``story``."""
    return bool(story.hall_url) and kind in (TITLE, CLOSING)
