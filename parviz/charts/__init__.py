"""Plotly figure builders: take frames and translated labels, return go.Figure."""
