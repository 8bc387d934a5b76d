"""parviz — the Streamlit entry point: page config, language switch, navigation.

Run it with `bash scripts/serve.sh` (or `.venv/bin/streamlit run app.py`). Pages are listed in
parviz/ui/navigation.py; each page starts with `page_setup(...)`.

The flow: files → load → validate → dataset → rank / compare / find → views (parviz/views) →
pages (pages/, which only lay a view model out), slides (parviz/storyline.py), exports.
"""

import logging

import streamlit as st

from parviz.i18n import t
from parviz.ui import navigation, render, state, widgets

lang = state.language()
# A local file: an icon name (":material/…:") or emoji is fetched from Google's CDN as favicon.
st.set_page_config(page_title=t("ui.app.title", lang), page_icon=navigation.ICON_URL, layout="wide")
lang = widgets.language_switch()
page = st.navigation(navigation.pages(lang))
state.publish()  # a page switch may clear the URL: put the visitor's choices back
try:
    page.run()
except Exception:  # st.stop and st.rerun are not Exceptions: they pass through
    # The traceback names the server's paths: the log gets it, the viewer a sentence.
    logging.getLogger("parviz.app").exception("page %s failed", page.url_path or "overview")
    render.page_failed(lang)
