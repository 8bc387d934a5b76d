"""Static PNG images of Plotly figures through kaleido (Debian's chromium, no download).

kaleido 1.x starts a browser for every ``to_image`` unless a sync server runs: start it once
per process (``kaleido.start_sync_server``), which brings an image from ~2 s to ~0.1 s.
"""

from __future__ import annotations

import contextlib
import threading
import warnings

import plotly.graph_objects as go

from parviz import theme

_lock = threading.Lock()
_started = False


def _ensure_server() -> None:
    global _started
    with _lock:
        if _started:
            return
        import kaleido

        # RuntimeError: already started by someone else in this process.
        with contextlib.suppress(RuntimeError):
            kaleido.start_sync_server(silence_warnings=True)
        _started = True


def png(
    fig: go.Figure, *, width: int = theme.EXPORT_WIDTH, height: int = theme.EXPORT_HEIGHT,
    scale: float = 1.0,
) -> bytes:
    """Return ``fig`` as PNG bytes of ``width``×``height`` pixels (times ``scale``)."""
    _ensure_server()
    with warnings.catch_warnings():
        # plotly passes kaleido options the sync server does not use; nothing is lost.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return fig.to_image(format="png", width=width, height=height, scale=scale)


def svg(fig: go.Figure, *, width: int, height: int) -> str:
    """Return ``fig`` as an SVG document of ``width``×``height`` (Plotly's classes kept)."""
    _ensure_server()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return fig.to_image(format="svg", width=width, height=height).decode("utf-8")
