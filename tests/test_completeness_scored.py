"""``completeness._scored`` keeps the first score row per unit, year and top criterion (#16).

It replaced a three-column groupby with one integer key; both must give the same rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from parviz import completeness, loading
from tests.helpers import SAMPLE


def _by_groupby(dataset, tops: np.ndarray) -> pd.DataFrame:
    keys, scores = dataset.score_keys, dataset.table("scores")
    known = np.flatnonzero((keys.unit >= 0) & (keys.criterion >= 0))
    frame = pd.DataFrame({"unit": keys.unit[known], "year": scores["year"].to_numpy()[known],
                          "top": tops[keys.criterion[known]], "first": known})  # fmt: skip
    frame = frame[frame["top"] >= 0]
    return frame.groupby(["unit", "year", "top"], as_index=False, sort=False)["first"].min()


def test_the_same_rows_as_a_groupby():
    dataset = loading.load_dataset(SAMPLE)
    tops = completeness.top_rows(dataset.table("criteria"))
    found = completeness._scored(dataset, tops)
    expected = _by_groupby(dataset, tops)
    assert len(found) > 1000
    columns = ["unit", "year", "top", "first"]
    pd.testing.assert_frame_equal(
        found[columns].reset_index(drop=True), expected[columns].reset_index(drop=True),
        check_dtype=False,
    )  # fmt: skip
