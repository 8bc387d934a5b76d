"""A figure as the browser should receive it to draw it once, not twice (#16).

Streamlit's chart element draws a Plotly figure, then deep-copies it (JSON) on mount and hands
the copy to ``Plotly.react``, which redraws the whole chart when the copy is not the same
figure to Plotly's eyes. These made every parviz chart a different figure to it:

- the template (``plotly_white``): a layout value compared by identity, and the copy's is new;
- data arrays sent as typed arrays (numpy → base64): with no ``layout.datarevision``, Plotly
  takes every array of a new identity as new data;
- a chart that selects points: Streamlit sets its click, drag and hover modes on mount.

:func:`for_browser` returns the same chart without them: the template's values written into
the layout and traces (what Plotly.js would apply from it), arrays as plain lists, a
``datarevision`` that is a digest of the figure's content (a changed figure still redraws),
and the modes Streamlit would set. (The width needs nothing: Plotly sizes the first draw to
the chart's box, the width Streamlit then measures.)
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

import numpy as np
import plotly.graph_objects as go

# Layout containers a template styles once for every container of that kind ("xaxis" styles
# xaxis, xaxis2...). Colour scales are left out: every parviz trace that uses one names it, and
# Plotly compares the layout's nested scales as changed on every copy.
_SUBPLOTS = ("xaxis", "yaxis", "polar", "ternary", "scene", "geo", "smith", "coloraxis")
_ARRAY_DEFAULTS = {  # layout array → the template's defaults for each of its items
    "annotations": "annotationdefaults",
    "shapes": "shapedefaults",
    "images": "imagedefaults",
    "sliders": "sliderdefaults",
    "updatemenus": "updatemenudefaults",
    "selections": "selectiondefaults",
}
_LEFT_OUT = {"colorscale", *_ARRAY_DEFAULTS.values()}


def for_browser(figure: go.Figure, *, points_selectable: bool = False) -> go.Figure:
    """Return ``figure`` drawn the same, sent so that the browser draws it once.

    ``points_selectable``: the chart selects points on click (Streamlit's ``on_select`` with
    ``selection_mode="points"``): its click, hover and drag modes are set as Streamlit sets
    them on mount, which would otherwise be a change and a second draw.
    """
    spec = _plain(figure.to_plotly_json())
    layout = dict(spec.get("layout") or {})
    template = layout.pop("template", None) or {}
    data = [_with_trace_defaults(trace, template.get("data") or {}, count)
            for count, trace in _numbered(spec.get("data") or [])]  # fmt: skip
    layout = _with_layout_defaults(layout, template.get("layout") or {}, data)
    if points_selectable:
        layout = {"dragmode": "pan", "hovermode": "closest", **layout, "clickmode": "event+select"}
    layout["datarevision"] = revision(data, layout)
    sent = go.Figure({"data": data, "layout": layout})
    sent.layout.template = None  # no template at all (a constructed figure gets the default)
    return sent


def revision(data: list[dict], layout: dict) -> str:
    """Return a digest of a figure's content: Plotly's ``datarevision``."""
    text = json.dumps(
        {"data": data, "layout": layout}, sort_keys=True, default=str, ensure_ascii=False
    )
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _plain(value: Any) -> Any:
    """Return ``value`` with arrays (numpy, or Plotly's base64 form) as lists of Python values."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        return _decoded(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _decoded(array: dict) -> list:
    """Return the values of a base64 typed array as Plotly.py writes it ({dtype, bdata, shape})."""
    values = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
    if array.get("shape"):
        values = values.reshape([int(size) for size in str(array["shape"]).split(",")])
    return values.tolist()


def _merged(defaults: Any, own: Any) -> Any:
    """Return ``own`` over ``defaults``: nested dicts merged, any other value of ``own`` wins."""
    if not isinstance(defaults, dict) or not isinstance(own, dict):
        return own
    merged = dict(defaults)
    for key, value in own.items():
        merged[key] = _merged(merged[key], value) if key in merged else value
    return merged


def _numbered(traces: list[dict]) -> list[tuple[int, dict]]:
    """Return each trace with how many traces of its type came before it."""
    seen: dict[str, int] = {}
    numbered = []
    for trace in traces:
        kind = trace.get("type", "scatter")
        numbered.append((seen.get(kind, 0), trace))
        seen[kind] = seen.get(kind, 0) + 1
    return numbered


def _with_trace_defaults(trace: dict, defaults: dict, count: int) -> dict:
    """Return ``trace`` over its template defaults (cycled as Plotly.js cycles them)."""
    of_type = defaults.get(trace.get("type", "scatter")) or []
    if not of_type:
        return trace
    chosen = dict(of_type[count % len(of_type)])
    # A marker's (or line's) colour bar is shown when the figure gives one, not the template:
    # the template's is kept only where the trace has its own.
    for key, value in list(chosen.items()):
        if isinstance(value, dict) and "colorbar" in value and "colorbar" not in trace.get(key, {}):
            chosen[key] = {k: v for k, v in value.items() if k != "colorbar"}
    return _merged(chosen, trace)


def _with_layout_defaults(layout: dict, defaults: dict, data: list[dict]) -> dict:
    """Return ``layout`` over the template's layout values, applied as Plotly.js applies them."""
    plain = {key: value for key, value in defaults.items()
             if key not in _LEFT_OUT and _kind(key) is None}  # fmt: skip
    merged = _merged(plain, layout)
    for key in _containers(layout, data):
        own = layout.get(key, {})
        merged[key] = _merged(defaults.get(_kind(key), {}), own)
        if _kind(key) in ("xaxis", "yaxis"):
            merged[key].update(_switches(own, _grid_default(key, data)))
    for array, default_key in _ARRAY_DEFAULTS.items():
        if array in merged and defaults.get(default_key):
            merged[array] = [_merged(defaults[default_key], item) for item in merged[array]]
    return merged


# Plotly.js turns an axis's grid, zero line or axis line on when the figure itself gives its
# colour or width, not when the template does: once the template's colours are the figure's
# own, each switch the figure leaves unset is set to what Plotly.js would have chosen.
_SWITCHES = {
    "showgrid": ("gridcolor", "gridwidth", "griddash"),
    "zeroline": ("zerolinecolor", "zerolinewidth"),
    "showline": ("linecolor", "linewidth"),
}
# Traces drawn along a category axis (Plotly.js "oriented"): no grid across their positions.
_ORIENTED = {"bar", "histogram", "box", "violin", "funnel", "waterfall"}


def _switches(own: dict, grid: bool) -> dict:
    """Return the axis switches ``own`` leaves unset, as Plotly.js would set them."""
    return {
        switch: (grid and switch != "showline") or any(own.get(attr) for attr in implied_by)
        for switch, implied_by in _SWITCHES.items()
        if switch not in own
    }


def _grid_default(axis_key: str, data: list[dict]) -> bool:
    """Return whether Plotly.js draws grid lines on an axis by default (its traces decide)."""
    for trace in data:
        if trace.get("type") not in _ORIENTED:
            continue
        horizontal = trace.get("orientation", "h" if trace.get("type") == "funnel" else "v") == "h"
        if "orientation" not in trace and "y" not in trace and "x" in trace:
            horizontal = True  # only values along x: Plotly.js lays the bars sideways
        position = trace.get("yaxis", "y") if horizontal else trace.get("xaxis", "x")
        if _axis_name(position) == axis_key:
            return False
    return True


def _kind(key: str) -> str | None:
    """Return the subplot kind a layout key names ("xaxis2" → "xaxis"), None for others."""
    found = re.fullmatch(r"([a-z]+?)(\d*)", key)
    return found.group(1) if found and found.group(1) in _SUBPLOTS else None


def _containers(layout: dict, data: list[dict]) -> set[str]:
    """Return the subplot containers the figure has: in its layout or used by its traces."""
    keys = {key for key in layout if _kind(key)}
    for trace in data:
        kind = trace.get("type", "scatter")
        if "polar" in kind:
            keys.add(trace.get("subplot", "polar"))
        elif kind not in ("pie", "sunburst", "treemap", "icicle", "funnelarea", "table", "sankey"):
            keys.add(_axis_name(trace.get("xaxis", "x")))
            keys.add(_axis_name(trace.get("yaxis", "y")))
    return keys


def _axis_name(reference: str) -> str:
    """Return the layout key of a trace's axis reference ("x2" → "xaxis2")."""
    return f"{reference[0]}axis{reference[1:]}"
