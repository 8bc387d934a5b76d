"""The page-wide phone stylesheet (#14): one place for what changes below 640 px.

Injected once per page run by ``page_setup`` (and by the presentation page). The server does
not know the screen's width; a chart that must differ on a phone (:func:`parviz.ui.layout.
chart_pair`) is chosen by the browser's User-Agent (:func:`on_phone`): only the chart shown is
sent, since a hidden Plotly chart costs the browser the same drawing time (#16).
"""

from __future__ import annotations

import streamlit as st

NARROW = 640  # px: at most this wide is a phone (portrait)
# A phone's browser names itself "Mobile" in its User-Agent (Android's Chrome and Firefox,
# iPhone's Safari "Mobile/…"); tablets and desktops do not ("Mobi" is the common test).
PHONE_TOKEN = "Mobi"

_CSS = f"""
<style>
@media (max-width: {NARROW}px) {{
  /* Chart titles wrap at 46 characters; 13 px keeps such a line inside a phone's width. */
  [data-testid="stPlotlyChart"] .gtitle {{ font-size: 13px !important; }}
  /* Plotly's zoom bar sat on the titles; Streamlit's own chart toolbar (full screen) stays. */
  [data-testid="stPlotlyChart"] .modebar-container {{ display: none !important; }}
  /* The page's own padding: Streamlit keeps 1rem a side; nothing may push it wider. */
  [data-testid="stMainBlockContainer"] {{ padding-left: 0.75rem; padding-right: 0.75rem; }}
  [data-testid="stMain"] {{ overflow-x: hidden; }}
  /* Number tiles two abreast (Streamlit stacks every column, a screen of tiles per block). */
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) {{
    flex-flow: row wrap !important; }}
  [data-testid="stColumn"]:has([data-testid="stMetric"]) {{
    min-width: calc(50% - 0.5rem) !important; flex: 1 1 calc(50% - 0.5rem) !important; }}
  /* A followed slide: no projector zoom (1920 px shrunk to 390 made 5 px text); phone-sized
     type, and the chart image at 720 px, scrolling sideways inside itself. */
  .pv-stage {{ zoom: 1 !important; height: auto !important; padding: 8px 4px !important;
    font-size: 16px !important; }}
  .pv-stage h1.pv-title {{ font-size: 24px !important; }}
  .pv-cover {{ padding-top: 24px !important; }}
  .pv-cover h1.pv-title {{ font-size: 28px !important; }}
  .pv-stage .pv-subtitle, .pv-cover .pv-subtitle {{ font-size: 16px !important; }}
  .pv-stage li, .pv-text li, .pv-columns li, .pv-side li {{ font-size: 16px !important; }}
  .pv-columns h2 {{ font-size: 20px !important; }}
  .pv-stage .pv-illustrative, .pv-footer {{ font-size: 12px !important; }}
  .pv-body, .pv-columns {{ flex-direction: column; gap: 12px !important; }}
  .pv-chart {{ overflow-x: auto; max-width: 100%; }}
  /* The hall's code (title and closing slides): above its caption, inside the screen. */
  .pv-hall {{ flex-direction: column; gap: 12px !important; margin-top: 12px !important; }}
  .pv-hall img, .pv-hall-closing img {{ width: 240px !important; height: 240px !important; }}
  .pv-hall-caption {{ font-size: 18px !important; }}
  .pv-hall-url {{ font-size: 14px !important; }}
  .pv-chart img {{ width: 720px !important; max-width: none !important;
    max-height: none !important; }}
}}
</style>
"""


def is_phone_agent(user_agent: str) -> bool:
    """Return True when a User-Agent string is a phone's."""
    return PHONE_TOKEN in user_agent


def on_phone() -> bool:
    """Return True when this session's browser is a phone (False when it does not say)."""
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except Exception:  # noqa: BLE001 - no request behind the session (a bare script run)
        return False
    return is_phone_agent(agent)


def stylesheet() -> None:
    """Add the phone rules to the page (an empty element: takes no room)."""
    st.html(_CSS)
