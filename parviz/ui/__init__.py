"""The Streamlit layer: the only package that imports streamlit (cache, state, widgets, render).

Last step of the flow (files → load → validate → dataset → rank / compare / find → views →
pages): a page script asks ``parviz.ui.views`` for its cached view model and lays it out with
the helpers here; it decides nothing itself.
"""
