"""One record shape for every problem found in data, rendered through i18n."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from parviz import i18n, markup


class Severity(str, Enum):
    """An error stops an import; a warning is reported and the data is used."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """A problem in a data file, located as precisely as the source allows."""

    code: str
    severity: Severity = Severity.ERROR
    file: str | None = None
    sheet: str | None = None
    row: int | None = None  # 1-based, as a spreadsheet shows it (the header is row 1)
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        """Return True when the problem stops the data from being used."""
        return self.severity is Severity.ERROR

    def location(self, lang: str, *, markdown: bool = False) -> str:
        """Return where the problem is, e.g. "File 'scores.csv', row 14, column 'points'"."""
        say = markup.md if markdown else i18n.t
        parts = []
        if self.file:
            parts.append(say("problem.where.file", lang, file=self.file))
        if self.sheet:
            parts.append(say("problem.where.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(say("problem.where.row", lang, row=self.row))
        if self.column:
            parts.append(say("problem.where.column", lang, column=self.column))
        return ", ".join(parts)

    def message(self, lang: str, *, markdown: bool = False) -> str:
        """Return the rule that was broken, with the offending values."""
        say = markup.md if markdown else i18n.t
        return say(f"problem.{self.code}.rule", lang, **self.params)

    def fix(self, lang: str, *, markdown: bool = False) -> str:
        """Return how to fix the problem."""
        say = markup.md if markdown else i18n.t
        return say(f"problem.{self.code}.fix", lang, **self.params)

    def render(self, lang: str, *, markdown: bool = False) -> str:
        """Return one line a person can act on: location, rule, fix.

        ``markdown``: for a page; the values from the data are escaped, the catalog's own
        Markdown (code spans) is kept.
        """
        label = i18n.t(f"problem.severity.{self.severity.value}", lang)
        where = self.location(lang, markdown=markdown)
        head = f"{label} — {where}: " if where else f"{label}: "
        message, fix = self.message(lang, markdown=markdown), self.fix(lang, markdown=markdown)
        return f"{head}{message} {fix}"

    def to_record(self, lang: str) -> dict[str, Any]:
        """Return a JSON-ready dict with the message in ``lang``."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "params": {key: _jsonable(value) for key, value in self.params.items()},
            "message": self.message(lang),
            "fix": self.fix(lang),
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Return the problems that are errors."""
    return [problem for problem in problems if problem.is_error]


def has_errors(problems: Iterable[Problem]) -> bool:
    """Return True when any problem is an error."""
    return any(problem.is_error for problem in problems)


class DataError(Exception):
    """Raised when data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s): " + ", ".join(p.code for p in problems))
        self.problems = problems
