"""Data text meets markup at one boundary (parviz.markup): a hostile corpus stays text (#19)."""

from __future__ import annotations

import html
import re

import pytest

from parviz import markup
from parviz.charts import ranking as ranking_charts
from parviz.charts.text import safe_figure, safe_text
from parviz.loading import load_dataset
from parviz.problems import Problem
from parviz.ranking import rank
from tests.helpers import MINIMAL

# Each line tries another way for a name to become markup, a link, an image or code.
HOSTILE = [
    "![x](http://beacon.invalid/a.png)",
    "[bấm vào](http://evil.invalid/)",
    "[x]: http://evil.invalid/ref",
    "<img src=x onerror=alert(1)>",
    "<a href='http://evil.invalid'>x</a>",
    "<http://evil.invalid/auto>",
    "http://evil.invalid/bare.png",
    "www.evil.invalid",
    "admin@evil.invalid",
    "javascript:alert(1)",
    "```![i](http://beacon.invalid/3)```",
    "`a``![i](http://beacon.invalid/2)``b`",
    "** đậm ** _nghiêng_ ~~gạch~~",
    "$x^2$ and $$y$$",
    "# Tiêu đề",
    "> trích dẫn",
    "| a | b |",
    "- mục",
    "1) mục",
    "9498. mục",
    "---",
    "===",
    ":red[đỏ] :material/home:",
    "&lt;b&gt; &amp;",
    "dòng 1\ndòng 2\r\n# dòng 3",
    "\\[x\\](http://evil.invalid)",
    '=HYPERLINK("http://evil.invalid","x")',
]
# Characters that must never be left unescaped by escape_markdown.
ACTIVE = set("\\`*_[]<>&|~$#")


def _unescaped(text: str) -> list[str]:
    """Return the syntax characters of ``text`` that are not backslash-escaped."""
    found, position = [], 0
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char in ACTIVE:
            found.append(char)
        position += 1
    return found


def _unescape(text: str) -> str:
    """Return what CommonMark shows for backslash escapes of ASCII punctuation."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_markdown_has_no_live_syntax_and_shows_the_text_as_typed(text):
    escaped = markup.escape_markdown(text)
    assert _unescaped(escaped) == [], escaped
    # The reader sees what the file says (a word joiner, invisible, breaks bare addresses).
    assert _unescape(escaped).replace(markup.JOINER, "") == markup.plain(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert not re.search(r"(?i)(https?|www)[:.]|@\w", escaped)  # no bare address left


@pytest.mark.parametrize(("text", "start"), [("- x", "\\-"), ("1) x", "1\\)"), ("---", "\\-")])
def test_a_text_never_starts_a_list_or_a_rule(text, start):
    assert markup.escape_markdown(text).startswith(start)


def test_numbers_stay_readable():
    assert markup.escape_markdown("91.53 và 12.345,68") == "91.53 và 12.345,68"


@pytest.mark.parametrize("text", HOSTILE)
def test_problem_messages_escape_data_values_at_the_same_boundary(text):
    line = Problem("unknown_unit", file="scores.csv", row=3, params={"unit": text}).render(
        "vi", markdown=True
    )
    escaped = markup.escape_markdown(text)
    assert escaped in line
    assert "](" not in _unescape_free(line)


def _unescape_free(text: str) -> str:
    """Return ``text`` with escaped characters removed: what is left is live syntax."""
    return re.sub(r"\\.", "", text)


def test_code_span_survives_any_backtick_run():
    span = markup.code_span("a ``` b ` c")
    fence = span.split(" ")[0]
    assert fence == "````" and span.endswith(fence)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>",
        "file:///etc/passwd",
        "//evil.invalid/x",
        "http://user:pw@bank.invalid/",
        "http://bank.invalid@evil.invalid/",
        "http:// space.invalid",
        "http://line\nbreak.invalid",
        "ftp://files.invalid/",
        "",
        None,
    ],
)
def test_only_plain_http_urls_become_links(url):
    assert markup.http_url(url) is None
    assert "](" not in markup.source_link("Quyết định", url)


def test_a_url_cannot_break_out_of_its_link():
    url = "http://gov.invalid/a_(b))![x](http://beacon.invalid/x.png)"
    link = markup.source_link("Quyết định [1]", url)
    title, rest = link.split("](", 1)
    destination, host = rest.split(") (", 1)
    assert "(" not in destination and ")" not in destination and " " not in destination
    assert "![" not in link.replace("\\[", "") and host == "gov.invalid)"
    assert title == "[Quyết định \\[1\\]"


def test_an_https_source_shows_its_host():
    assert markup.source_link("QĐ 123", "https://sonoivu.example.gov.vn/qd.pdf") == (
        "[QĐ 123](https://sonoivu.example.gov.vn/qd.pdf) (sonoivu.example.gov.vn)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<a href='http://evil.invalid'>x</a>", "&lt;a href='http://evil.invalid'&gt;x&lt;/a&gt;"),
        ('<span style="background:url(http://b.invalid)">', "&lt;span style="),
        ("<img src=http://b.invalid>", "&lt;img src=http://b.invalid&gt;"),
        ("Tổng<br>điểm <b>91</b><extra></extra>", "Tổng<br>điểm <b>91</b><extra></extra>"),
        ("<b style='x'>y</b>", "&lt;b style='x'&gt;y</b>"),
        ("80–<90%", "80–&lt;90%"),
    ],
)
def test_plotly_text_keeps_only_bare_formatting_tags(text, expected):
    assert safe_text(text).startswith(expected)


def test_escape_plotly_escapes_every_tag_and_ampersand():
    assert markup.escape_plotly("<b>A & B</b>") == "&lt;b&gt;A &amp; B&lt;/b&gt;"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    if hasattr(value, "tolist"):
        return _strings(value.tolist())
    return []


def test_a_chart_of_hostile_names_has_no_live_tag_anywhere():
    names = [
        "<a href='http://evil.invalid'>x</a>",
        '<span style="background:url(http://beacon.invalid)">y</span>',
        "<img src=http://beacon.invalid/i.png>",
    ]
    ranking = rank(load_dataset(MINIMAL), year=2021, block="district")
    ranking["unit"] = ranking["short_name"] = names
    fig = ranking_charts.ranking_bar(ranking, lang="vi", block_name=names[0], source=names[1])
    texts = _strings(fig.to_plotly_json())
    live = [s for s in texts if re.search(r"<(a|span|img)\b", s, re.IGNORECASE)]
    assert live == []
    assert any("&lt;a href" in s for s in texts)  # still shown, as text
    title = html.unescape(safe_figure(fig).layout.title.text)
    assert title.replace("<br>", " ").count("<a href") == 1  # titles wrap at spaces (#14)


@pytest.mark.parametrize("text", ["\u202eSở Y tế", "Sở Nội\u200b vụ", "\ufeffA\u2066B\u2069"])
def test_shown_text_drops_zero_width_and_direction_controls(text):
    for shown in (markup.escape_markdown(text), markup.escape_html(text), safe_text(text)):
        assert not markup.INVISIBLE.search(shown), repr(shown)
