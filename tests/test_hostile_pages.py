"""A hostile dataset (tests/data/hostile.py) stays inert on every page: AppTest checks (#19).

Every text an element shows as Markdown must hold no live link, image, tag or autolink; every
st.html body no tag naming the beacon; every chart no link, style or image tag. The browser
test (tests/browser/test_hostile_browser.py) checks the same in Chromium.
"""

from __future__ import annotations

import re

import pytest

from parviz import markup
from parviz.ui import cache
from parviz.ui.navigation import PAGES
from tests.apptesting import app_test
from tests.data.hostile import BEACON_HOST, SOURCE_HOST, make

# Proto fields Streamlit renders as Markdown (bodies, labels, tooltips).
MARKDOWN_FIELDS = {"body", "label", "help", "caption", "placeholder"}
PLAIN_TYPES = {"html", "code", "text", "plotly_chart", "arrow_data_frame", "json", "exception"}
# A source's own link (only http(s), to the source's host) is allowed.
SOURCE_LINK = re.compile(rf"\]\(https?://{re.escape(SOURCE_HOST)}/[^)\s]*\)")


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    return make(tmp_path_factory.mktemp("hostile") / "dataset")


def live_markdown(text: str) -> list[str]:
    """Return the live Markdown syntax left in ``text`` (escaped characters do not count)."""
    bare = SOURCE_LINK.sub("](source)", re.sub(r"\\.", "", text))
    # A bare address (http:, www., a@b) is linked by Streamlit's Markdown even when escaped.
    patterns = [r"!\[", r"\]\((?!source\))", r"<[a-zA-Z/]", r"(?i)https?:", r"(?i)www\.",
                r"\w@\w", r"`", r"\$", r"\]\[", r":[a-z]+\["]  # fmt: skip
    return [p for p in patterns if re.search(p, bare)]


def _elements(node):
    """Yield every node of the tree: elements and blocks (an expander's label is a block's)."""
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _elements(child)


def _strings(proto) -> list[tuple[str, str]]:
    found = []
    for field, value in proto.ListFields():
        if isinstance(value, str):
            found.append((field.name, value))
        elif hasattr(value, "ListFields"):
            found += _strings(value)
    return found


def problems_on(at) -> list[tuple[str, str, str]]:
    """Return (element type, field, text) for every text that could act in a browser."""
    bad = []
    for element in _elements(at._tree):
        kind, proto = getattr(element, "type", ""), getattr(element, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        for field, text in _strings(proto):
            if kind == "html" or (kind == "markdown" and getattr(proto, "allow_html", False)):
                if re.search(rf"<[^>]*{re.escape(BEACON_HOST)}", text):
                    bad.append((kind, field, text[:300]))
            elif kind == "plotly_chart":
                if re.search(r"<(a|span|img)\b", text, re.IGNORECASE):
                    bad.append((kind, field, text[:300]))
            elif kind not in PLAIN_TYPES and field in MARKDOWN_FIELDS and live_markdown(text):
                bad.append((kind, field, f"{live_markdown(text)} {text[:300]}"))
    return bad


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", [p.script for p in PAGES])
def test_the_hostile_dataset_is_inert_on_every_page(page, lang, hostile_folder, monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(hostile_folder))
    cache.clear()
    at = app_test(timeout=90, year=2021, block="district", lang=lang).run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]  # the dataset is valid: no problem shown
    assert problems_on(at) == []


def test_the_checker_sees_live_markdown():
    assert live_markdown("![b](http://beacon.invalid/x.png)")
    assert live_markdown("x ```a``` y")
    assert not live_markdown(markup.escape_markdown("![b](http://beacon.invalid/x.png) a@b.c"))
    assert not live_markdown(markup.source_link("QĐ", f"http://{SOURCE_HOST}/qd)"))
