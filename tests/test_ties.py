"""Ties in a block of thousands of units: the named groups and the count of the others (#16).

``findings.ties`` cuts out only the groups it names; checked against a plain reference that
groups every unit by its rounded score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from parviz import findings


def _block(count: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    scores = rng.choice(np.round(rng.uniform(50, 100, count // 3), 2), count)
    scores[rng.choice(count, count // 20, replace=False)] = np.nan
    rows = pd.DataFrame({"block": "commune", "year": 2024,
                         "unit_id": [f"u{i:05d}" for i in range(count)],
                         "unit": [f"Xã {rng.integers(0, 10**6):06d}" for _ in range(count)],
                         "score": scores})  # fmt: skip
    rows["rank"] = rows["score"].rank(ascending=False, method="min")
    # As ranking.standings marks computed ranks: tied on the value ranked, at two decimals.
    rows["decimals"] = 2
    rows["tie_value"] = (rows["score"] * 100).round()
    rows["tied"] = rows["tie_value"].duplicated(keep=False) & rows["tie_value"].notna()
    return rows.sort_values(["rank", "unit"]).reset_index(drop=True)


def _reference(rows: pd.DataFrame) -> tuple[list[tuple[str, ...]], int, int]:
    """Return the tied groups best first (unit ids by rank, name), and the others' counts."""
    groups: dict[float, list[tuple[float, str, str]]] = {}
    for _, row in rows.iterrows():
        if not np.isnan(row["score"]):
            groups.setdefault(round(row["score"], 2), []).append(
                (row["rank"], row["unit"], row["unit_id"])
            )
    tied = sorted(sorted(members) for members in groups.values() if len(members) >= 2)
    named = [tuple(unit_id for _, _, unit_id in members) for members in tied]
    others = tied[findings.TIE_GROUPS :]
    return named[: findings.TIE_GROUPS], len(others), sum(len(group) for group in others)


def test_ties_of_a_large_block_match_a_plain_reference():
    for seed in range(3):
        rows = _block(3000, seed)
        found = findings.ties(rows)
        named, groups, units = _reference(rows)
        assert [f.unit_ids for f in found if f.kind == "tie"] == named
        others = [f.figures for f in found if f.kind == "tie_others"]
        assert others == [{"groups": groups, "units": units}]
