"""AppTest for parviz: run app.py headless the way the real server does.

Use ``app_test(year=2021, block="district", lang="en")`` instead of ``AppTest.from_file``.

Why not plain ``AppTest.from_file``: Streamlit treats a folder named ``pages/`` next to the entry
script as a legacy (v1) multipage app until ``st.navigation`` is first called, and then never
again in that process. AppTest forgets that before every run, so without the patch below every
rerun after the first one runs the page script alone: app.py (language switch, navigation) is
skipped and its widgets vanish from the tree. The patch makes each AppTest run behave like the
server after its first run.
"""

from __future__ import annotations

import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from parviz.i18n import t
from tests.helpers import ROOT

APP = ROOT / "app.py"


class NavigationPagesManager(PagesManager):
    """A PagesManager that knows the app uses st.navigation, not the legacy pages/ folder."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


# One compiled-script cache for the process, as a server keeps: AppTest made a new one for
# every run and compiled app.py and the page again each time. Scripts are found by path; the
# scripts AppTest writes itself (from_string, from_function) are named by their content.
_SCRIPTS = ScriptCache()


def patch_pages_manager() -> None:
    """Make every AppTest run a script as the server does after its first run."""
    app_test_module.PagesManager = NavigationPagesManager
    app_test_module.ScriptCache = lambda: _SCRIPTS


def app_test(*, timeout: float = 30, **query: object) -> AppTest:
    """Return an AppTest of app.py (not yet run) opened on ``?key=value`` query parameters."""
    patch_pages_manager()
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.query_params.update({key: str(value) for key, value in query.items()})
    return at


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Click the tab ``label`` of the lazy tabs kept under ``key`` (#16); return the run."""
    at.session_state[key] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def ranking_table_tab(at: AppTest, lang: str) -> AppTest:
    """Open the Rankings page's table tab (its sortable table is drawn only when open, #16)."""
    return open_tab(at, "rankings_tab", t("rankings.page.table_heading", lang))
