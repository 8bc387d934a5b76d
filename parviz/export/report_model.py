"""The shapes of the written report: headings, paragraphs, tables, charts, annexes."""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

BODY, BULLET, PLACEHOLDER, NOTE, CAPTION = "body", "bullet", "placeholder", "note", "caption"
NOTE_SMALL = "note_small"  # a legend or note under a table


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
