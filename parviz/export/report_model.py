"""The shapes of the written report: headings, paragraphs, tables, charts, annexes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

BODY, BULLET, PLACEHOLDER, NOTE, CAPTION = "body", "bullet", "placeholder", "note", "caption"
NOTE_SMALL = "note_small"  # a legend or note under a table
# XML 1.0 cannot hold these characters and kaleido's plotly.js fails on them: a data string
# holding one must break neither the file nor a chart.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: object) -> str:
    """Return ``text`` as a string without the characters XML cannot hold."""
    return _ILLEGAL.sub("", str(text))


def cleaned(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text ``columns`` (those present) are ``clean``."""
    present = [c for c in columns if c in frame.columns]
    return frame.assign(**{c: frame[c].map(clean) for c in present})


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 (I., II.) or 2 (1., 2.)."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text in a kind: body, bullet, placeholder, note, note_small, caption."""

    text: str
    kind: str = BODY


@dataclass(frozen=True)
class Table:
    """A table of text cells; ``widths`` are relative, ``numeric`` columns are right-aligned."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    numeric: tuple[bool, ...]


@dataclass(frozen=True)
class Chart:
    """A Plotly figure to print as a picture, with its caption under it."""

    figure: go.Figure = field(compare=False, repr=False)
    caption: str = ""
    width_px: int = 900


Element = Heading | Paragraph | Table | Chart


@dataclass(frozen=True)
class Annex:
    """One annex on landscape pages: its label ("Phụ lục I"), title and content."""

    label: str
    title: str
    subtitle: str
    elements: tuple[Element, ...]


@dataclass(frozen=True)
class Report:
    """The report of one year: the heading of the form, the body, the annexes, the notes."""

    lang: str
    year: int
    issuer_parent: str
    issuer: str
    number: str
    date_line: str
    kind: str
    title: str
    illustrative_label: str
    body: tuple[Element, ...]
    signature: tuple[tuple[str, ...], tuple[str, ...]]
    notes: tuple[str, ...]
    annexes: tuple[Annex, ...]
    core_title: str = ""
