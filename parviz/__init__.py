"""parviz: rankings, changes and findings of Vietnam's Administrative Reform Index.

The flow: files → load (``loading``) → validate (``validation``) → dataset (``dataset``) →
rank / compare / find (``ranking``, ``comparison``, ``movers``, ``findings``, ``overview``,
``profile``, ``breakdown``) → views (``parviz.views``, one per page) → pages (``pages/``, laid
out by ``parviz.ui``), slides (``storyline``) and exports (``parviz.export``). Only
``parviz.ui`` imports Streamlit.
"""

__version__ = "0.1.0"
