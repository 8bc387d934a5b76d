"""The Streamlit layer: the only package that imports streamlit (cache, state, widgets, render)."""
