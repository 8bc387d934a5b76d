"""The pages of the app, registered in one list: a new page is one line in PAGES.

Each page's title is the i18n key ``ui.page.<slug>.title`` (add it to parviz/locales/ui.toml);
its URL is ``/<slug>`` (the first page is also the home page, ``/``).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from parviz.i18n import t


@dataclass(frozen=True)
class PageEntry:
    """A page: its script (relative to app.py), URL slug and Material icon."""

    script: str
    slug: str
    icon: str

    def title(self, lang: str) -> str:
        """Return the page title in ``lang``."""
        return t(f"ui.page.{self.slug}.title", lang)


# The browser tab's icon, a file of the app (works offline), sent inline as a data: URL: given
# a file, Streamlit read and re-encoded it on every run and the browser fetched it anew on
# every page load (#16).
ICON = Path(__file__).parent / "assets" / "favicon.png"
ICON_URL = "data:image/png;base64," + base64.b64encode(ICON.read_bytes()).decode("ascii")

PAGES: tuple[PageEntry, ...] = (
    PageEntry("pages/overview.py", "overview", ":material/dashboard:"),
    PageEntry("pages/rankings.py", "rankings", ":material/leaderboard:"),
    PageEntry("pages/rank_changes.py", "rank_changes", ":material/trending_up:"),
    PageEntry("pages/criteria.py", "criteria", ":material/grid_on:"),
    PageEntry("pages/profile.py", "profile", ":material/person_search:"),
    PageEntry("pages/presentation.py", "presentation", ":material/slideshow:"),
    PageEntry("pages/data.py", "data", ":material/database:"),
    PageEntry("pages/import.py", "import", ":material/upload_file:"),
)


def entry(slug: str) -> PageEntry:
    """Return the registered page with ``slug``."""
    return next(page for page in PAGES if page.slug == slug)


def pages(lang: str) -> list[st.Page]:
    """Return the st.Page objects for st.navigation, titled in ``lang``.

    ``url_path`` is fixed so a page keeps its identity (and URL) when the language changes.
    """
    return [
        st.Page(page.script, title=page.title(lang), icon=page.icon, url_path=page.slug,
                default=index == 0)
        for index, page in enumerate(PAGES)
    ]
