"""views.tables: numbers as text at their published precision, in each language."""

from __future__ import annotations

import pandas as pd

from parviz import precision
from parviz.views import tables

CASES = [("vi", ["12,50", "–", "3,00"]), ("en", ["12.50", "–", "3.00"])]


def test_text_table_formats_float_columns_only() -> None:
    frame = pd.DataFrame({"criterion_id": ["C1", "C2", "C3"], "max_points": [12.5, None, 3.0]})
    for lang, expected in CASES:
        shown = tables.text_table(frame, lang)
        assert list(shown.frame["max_points"]) == expected
        assert shown.numbers == ("max_points",) and not shown.empty
        assert list(shown.frame["criterion_id"]) == ["C1", "C2", "C3"]
    assert frame["max_points"].iloc[0] == 12.5  # the input is not changed


def test_text_table_keeps_published_decimals() -> None:
    frame = precision.mark(pd.DataFrame({"score": [91.5]}), 1, ["score"])
    assert list(tables.text_table(frame, "vi").frame["score"]) == ["91,5"]


def test_prepare_keeps_a_small_table_as_numbers() -> None:
    frame = pd.DataFrame({"score": [91.53]})
    assert tables.prepare(frame, "vi").text is None


def test_text_of_a_long_table_shows_gaps_in_whole_number_columns() -> None:
    # The first year of a large block: no previous rank (Int64 with gaps) — it crashed the page.
    frame = pd.DataFrame({"rank": pd.array([1, 2], dtype="Int64"),
                          "previous_rank": pd.array([None, 4], dtype="Int64"),
                          "score": [91.5, 88.25]})  # fmt: skip
    text, numbers = tables.as_text(frame, "vi")
    assert list(text["previous_rank"]) == ["–", "4"]
    assert list(text["rank"]) == [1, 2] and numbers == ["previous_rank", "score"]
