"""The one boundary where text from the data meets a markup: Markdown, Plotly labels, links.

Names, titles and sources come from files anyone may have edited. Every page, slide and message
that shows them passes them through here, so they show as typed and never act: no link, no
image, no emphasis, no HTML, no formula. Catalog templates (trusted) keep their own Markdown;
only the values put into them are escaped (:func:`md`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote, urlsplit

from parviz.i18n import t

# Characters that start Markdown (and Streamlit Markdown) syntax anywhere in a line: links and
# images ([ ]), emphasis (* _ ~), code spans of any length (`), HTML and autolinks (< > &),
# tables (|), headings (#), LaTeX ($) and escapes (\\). CommonMark shows a backslash-escaped
# ASCII punctuation character as itself.
_SPECIAL = re.compile(r"[\\`*_\[\]<>&|~$#]")
# At the start of a text: a list item ("9498. x", "1) x", "- x", "+ x") or a rule ("---", "===").
_ORDERED_MARKER = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")
_LINE_MARKER = re.compile(r"^(\s*)([-+=])(?=[\s\-+=]|$)")
# Streamlit's Markdown (remark-gfm) turns bare addresses into links after reading the escapes,
# so escaping cannot stop them: a WORD JOINER (U+2060, invisible, no width) after the parts it
# looks for ("http:", "www.", "@") breaks the pattern. Only text shaped like an address gets one.
_AUTOLINK = re.compile(r"(?i)((?:https?|ftp|mailto|www)(?=[:.])|@)")
JOINER = "\u2060"
# Line breaks, tabs and other C0/C1 controls would start a new Markdown block or hide text.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# Zero-width and text-direction controls: "\u202eSở Y tế" would show reversed, look-alikes
# would show alike. Shown text drops them (ZWJ/ZWNJ stay: emoji and some scripts need them).
INVISIBLE = re.compile(r"[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# URL characters that may not appear in a Markdown link destination unencoded.
_URL_SAFE = "/:?#[]@!$&*+,;=%~-._"


def plain(text: object) -> str:
    """Return ``text`` as one line of visible characters: controls (newlines included) become
    a space, zero-width and direction controls go."""
    return INVISIBLE.sub("", _CONTROLS.sub(" ", "" if text is None else str(text)))


def escape_markdown(text: object) -> str:
    """Return ``text`` to show literally in Markdown (and Streamlit's Markdown), on one line."""
    escaped = _SPECIAL.sub(lambda found: "\\" + found.group(0), plain(text))
    escaped = _ORDERED_MARKER.sub(r"\1\\\2", escaped)
    escaped = _LINE_MARKER.sub(r"\1\\\2", escaped)
    return _AUTOLINK.sub(lambda found: found.group(0) + JOINER, escaped)


def markdown_table(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """Return a Markdown (GFM) table of ``rows`` under ``headers``, every cell shown as typed.

    Each header and cell is escaped (its "|" too), so text from the data stays one plain cell.
    """
    lines = [[escape_markdown(header) for header in headers], ["---"] * len(headers)]
    lines += [[escape_markdown(cell) for cell in row] for row in rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def md(key: str, lang: str, /, **params: Any) -> str:
    """Return the catalog message ``key`` for Markdown, every text parameter escaped.

    The template's own Markdown (bold, code spans) stays; numbers are localised as in ``t``.
    """
    escaped = {k: escape_markdown(v) if isinstance(v, str) else v for k, v in params.items()}
    return t(key, lang, **escaped)


def code_span(text: object) -> str:
    """Return ``text`` as an inline code span, whatever backtick runs it contains."""
    value = plain(text)
    runs = [len(run) for run in re.findall(r"`+", value)]
    fence = "`" * (max(runs, default=0) + 1)
    return f"{fence} {value} {fence}" if value else "` `"


def escape_plotly(text: object) -> str:
    """Return ``text`` for a Plotly label (tick, hover, legend, annotation, title).

    Plotly reads <a href>, <b>, <br>, <img>-like tags in every text it draws; entities show as
    their character, so escaping < > & makes any tag show as typed.
    """
    return html.escape(plain(text), quote=False)


def escape_html(text: object) -> str:
    """Return ``text`` for HTML content or an attribute value."""
    return html.escape(plain(text), quote=True)


def http_url(url: object) -> str | None:
    """Return ``url`` when it is a plain http(s) address with a host, else None.

    Refused: other schemes (javascript:, data:, file:), a user name or password before the host
    (``http://bank@evil``), spaces and control characters. Characters that could close a
    Markdown link or an HTML attribute are percent-encoded.
    """
    text = "" if url is None else str(url).strip()
    if not text or _CONTROLS.search(text) or " " in text:
        return None
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    return quote(text, safe=_URL_SAFE.replace("[", "").replace("]", ""))


def url_host(url: str) -> str:
    """Return the host of an address accepted by :func:`http_url`."""
    return urlsplit(url).hostname or ""


def source_link(title: str, url: object) -> str:
    """Return a source for Markdown: ``[title](url) (host)``, or the escaped title alone."""
    label = escape_markdown(title)
    safe = http_url(url)
    if safe is None:
        return label
    return f"[{label}]({safe}) ({escape_markdown(url_host(safe))})"
