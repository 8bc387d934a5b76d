"""The tables of a parviz dataset: file names, columns, types and keys, declared once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    """How a column's text is parsed."""

    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    BOOL = "bool"


@dataclass(frozen=True)
class Column:
    """One column of a table."""

    name: str
    kind: Kind = Kind.TEXT
    required: bool = True  # the column must exist in the file
    nullable: bool = False  # a cell may be empty
    minimum: float | None = None


@dataclass(frozen=True)
class Table:
    """One table of a dataset: a CSV file or a workbook sheet of the same name."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    required: bool = True  # the file must exist

    @property
    def file_name(self) -> str:
        """Return the CSV file name of this table."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        """Return the names of all declared columns, in order."""
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        """Return the declared column called ``name``."""
        return next(column for column in self.columns if column.name == name)


def _text(name: str, required: bool = True, nullable: bool = False) -> Column:
    return Column(name, Kind.TEXT, required, nullable)


def _optional(name: str, kind: Kind = Kind.TEXT, minimum: float | None = None) -> Column:
    return Column(name, kind, required=False, nullable=True, minimum=minimum)


YEAR = Column("year", Kind.INT, minimum=1900)

METADATA = Table("metadata", (_text("key"), _text("value", nullable=True)), key=("key",))
SOURCES = Table(
    "sources",
    (
        _text("source_id"),
        _optional("year", Kind.INT),
        _optional("block"),
        _text("title"),
        _optional("publisher"),
        _optional("decision"),
        _optional("date"),
        _optional("url"),
    ),
    key=("source_id",),
    required=False,
)
BLOCKS = Table(
    "blocks",
    (Column("block"), Column("order", Kind.INT), _text("name_vi"), _text("name_en")),
    key=("block",),
)
UNITS = Table(
    "units",
    (
        _text("unit_id"),
        _text("block"),
        _text("name"),
        _optional("short_name"),
        _optional("aliases"),  # separated by "|"
        _optional("first_year", Kind.INT),
        _optional("last_year", Kind.INT),
        _optional("predecessor_ids"),  # separated by "|"
        _optional("successor_ids"),  # separated by "|"
    ),
    key=("unit_id",),
)
UNIT_NAMES = Table(
    "unit_names",
    (_text("unit_id"), Column("from_year", Kind.INT), _text("name"), _optional("short_name")),
    key=("unit_id", "from_year"),
    required=False,
)
METHODOLOGY = Table(
    "methodology",
    (
        YEAR,
        _text("block"),
        Column("max_total", Kind.NUMBER, minimum=0),
        _optional("name"),
        _optional("source_id"),
        _optional("decimals", Kind.INT, minimum=0),  # published precision, set by an import
    ),
    key=("year", "block"),
)
CRITERIA = Table(
    "criteria",
    (
        YEAR,
        _text("block"),
        _text("criterion_id"),
        _optional("parent_id"),
        Column("order", Kind.INT),
        _text("name_vi"),
        _text("name_en"),
        Column("max_points", Kind.NUMBER, minimum=0),
    ),
    key=("year", "block", "criterion_id"),
    required=False,
)
BANDS = Table(
    "bands",
    (
        YEAR,
        _text("block"),
        _text("band_id"),
        Column("order", Kind.INT),
        _text("name_vi"),
        _text("name_en"),
        Column("min_index", Kind.NUMBER, minimum=0),
        _optional("min_criterion_pct", Kind.NUMBER, minimum=0),
    ),
    key=("year", "block", "band_id"),
    required=False,
)
GRADES = Table(  # a year's grade scale (xếp loại công tác CCHC): the province's labels, in order
    "grades",
    (
        YEAR,
        _text("block"),
        _text("grade_id"),
        Column("order", Kind.INT),
        _text("name_vi"),
        _text("name_en"),
    ),
    key=("year", "block", "grade_id"),
    required=False,
)
SCORES = Table(
    "scores",
    (YEAR, _text("unit_id"), _text("criterion_id"), Column("points", Kind.NUMBER, minimum=0)),
    key=("year", "unit_id", "criterion_id"),
    required=False,
)
RESULTS = Table(
    "results",
    (
        YEAR,
        _text("unit_id"),
        _optional("total", Kind.NUMBER, minimum=0),
        _optional("index_pct", Kind.NUMBER, minimum=0),
        _optional("rank", Kind.INT, minimum=1),
        _optional("classification"),
        _optional("band_id"),
        _optional("survey_points", Kind.NUMBER, minimum=0),
        _optional("assessed_points", Kind.NUMBER, minimum=0),
        _optional("grade"),  # a grade_id of the year's scale in grades
        # Survey components of a national index, adding up to survey_points (#12).
        _optional("sipas_points", Kind.NUMBER, minimum=0),
        _optional("leaders_points", Kind.NUMBER, minimum=0),
        _optional("impact_points", Kind.NUMBER, minimum=0),
    ),
    key=("year", "unit_id"),
    required=False,
)

# A criterion that does not apply to a unit in a year: said so here, so that a unit scored on
# only some of its block's criteria (a file cut short) is an error, not a smaller maximum (#19).
NOT_APPLICABLE = Table(
    "not_applicable",
    (YEAR, _text("unit_id"), _text("criterion_id")),
    key=("year", "unit_id", "criterion_id"),
    required=False,
)

TABLES: tuple[Table, ...] = (
    METADATA,
    SOURCES,
    BLOCKS,
    UNITS,
    UNIT_NAMES,
    METHODOLOGY,
    CRITERIA,
    BANDS,
    GRADES,
    SCORES,
    RESULTS,
    NOT_APPLICABLE,
)
TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}

# Heads of units are classified from the results; the stored value is one of these codes.
CLASSIFICATIONS: tuple[str, ...] = ("excellent", "good", "completed", "not_completed")

# Separator inside list-valued cells (aliases, predecessor_ids, successor_ids).
LIST_SEPARATOR = "|"

# Metadata keys with a meaning to parviz.
META_TITLE = "title"
META_REGION = "region"
META_ILLUSTRATIVE = "illustrative"
META_DESCRIPTION = "description"
# The heading of the written report (optional): issuing body and its parent, the document
# code after "Số: …/BC-" and the place of the date line (default: region).
META_REPORT_ISSUER_PARENT = "report_issuer_parent"
META_REPORT_ISSUER = "report_issuer"
META_REPORT_CODE = "report_code"
META_REPORT_PLACE = "report_place"

# Two totals closer than this are equal (published figures have two decimals).
SCORE_TOLERANCE = 0.005
