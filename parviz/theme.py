"""Colours, fonts, number format and Plotly settings shared by every chart and export."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import plotly.graph_objects as go

from parviz import i18n
from parviz.units import strip_diacritics

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
)
# Further distinct colours for blocks of up to 30 units (Paul Tol's muted + light schemes).
EXTENDED: tuple[str, ...] = PALETTE + (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#77AADD",
    "#EE8866",
    "#EEDD88",
    "#FFAABB",
    "#99DDFF",
    "#44BB99",
    "#BBCC33",
    "#AAAA00",
    "#6699CC",
    "#997700",
    "#994455",
    "#004488",
    "#EE99AA",
)
GREY = "#BBBBBB"
TEXT = "#1A1A1A"
BACKGROUND = "#FFFFFF"
UP = "#009E73"  # rank improved
DOWN = "#D55E00"  # rank fell
SAME = "#7F7F7F"
AVERAGE_LINE = "#4D4D4D"
# Diverging scale around the block average: below = orange, above = blue.
DIVERGING = [[0.0, "#B35806"], [0.5, "#F7F7F7"], [1.0, "#2166AC"]]
FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
FONT_SIZE = 14

EXPORT_WIDTH, EXPORT_HEIGHT = 1920, 1080


# Plotly widens a margin for an axis's labels itself ("automargin"), by drawing the chart a
# second time (#16): charts leave room enough up front. The widths are DejaVu Sans's (the first
# font of FONT_FAMILY); a browser's fallback font is narrower, and automargin stays as the
# safety when a guess is short.
LABEL_GAP = 14  # px between an axis's labels and the plot, and to the figure's edge
_FONT_FILE = "DejaVuSans.ttf"


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Return the width (px) of one line of ``text`` at ``size`` px in DejaVu Sans."""
    font = _font(size)
    if font is None:  # no DejaVu Sans on this machine: an average character's width
        return 0.62 * size * len(text)
    return font.getlength(text)


@functools.lru_cache(maxsize=16)
def _font(size: float):  # -> PIL.ImageFont.FreeTypeFont | None
    """Return DejaVu Sans at ``size`` px, read once per size (a read costs ~4 ms), or None."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(_FONT_FILE, size)
    except OSError:
        return None


def label_room(labels: Iterable[str], size: float = FONT_SIZE) -> int:
    """Return the margin (px) that fits the widest of ``labels`` beside a plot."""
    return round(max((text_width(str(label), size) for label in labels), default=0) + LABEL_GAP)


def unit_colours(unit_ids: Iterable[str]) -> dict[str, str]:
    """Return one stable colour per unit: the same unit gets the same colour in every chart."""
    ordered = sorted(set(unit_ids))
    return {unit_id: EXTENDED[i % len(EXTENDED)] for i, unit_id in enumerate(ordered)}


def apply_layout(fig: go.Figure, lang: str, title: str, source: str = "") -> go.Figure:
    """Apply the parviz look: fonts, localised separators, title and a source caption."""
    fig.update_layout(
        template="plotly_white",
        separators=i18n.plotly_separators(lang),
        font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT},
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": FONT_SIZE + 4}},
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        # l: the first value label ("0") reaches past the plot's left edge by half its width.
        margin={"l": 16, "r": 30, "t": 60, "b": 60 if source else 30},
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    if source:
        fig.add_annotation(
            text=source,
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-45,
            xanchor="left",
            yanchor="top",
            align="left",  # a wrapped caption reads as a paragraph, not a centred block
            showarrow=False,
            font={"size": FONT_SIZE - 3, "color": SAME},
        )
    return fig


def file_stem(*parts: object) -> str:
    """Return an ascii file name: ('Xếp hạng', 2021, 'district') → 'xep-hang-2021-district'."""
    text = "-".join(str(part) for part in parts if part not in (None, ""))
    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(text).casefold()).strip("-") or "parviz"


def plotly_config(filename: str) -> dict:
    """Return the chart config: modebar PNG/SVG download at 1920×1080 with a meaningful name."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "width": EXPORT_WIDTH,
            "height": EXPORT_HEIGHT,
            "scale": 1,
            "filename": filename,
        },
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
