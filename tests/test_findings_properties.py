"""Property-based: on random small datasets every finding agrees with ranking.standings."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parviz import findings, i18n, ranking
from parviz.findings import render
from tests.test_findings import build

# Few distinct totals, so ties are frequent.
TOTALS = (71.97, 80.0, 85.86, 90.33, 91.53)
CLASSES = (None, "excellent", "good", "completed")


@st.composite
def datasets(draw):
    """Draw result rows: 2–5 units, 2–4 years, units missing some years, optional ranks."""
    units = [f"u{i}" for i in range(draw(st.integers(2, 5)))]
    first = 2018
    years = list(range(first, first + draw(st.integers(2, 4))))
    rows = []
    for year in years:
        present = [u for u in units if draw(st.booleans()) or u == units[0]]
        totals = {u: draw(st.sampled_from(TOTALS)) for u in present}
        official = draw(st.booleans())
        # Official ranks follow the totals; equal totals are broken in drawn order.
        order = sorted(present, key=lambda u: (-totals[u], draw(st.integers(0, 9))))
        for place, unit in enumerate(order, start=1):
            cls = draw(st.sampled_from(CLASSES))
            rows.append((year, unit, totals[unit], place if official else None, cls, None))
    return rows, years


def check(rows, years) -> None:
    with tempfile.TemporaryDirectory() as folder:
        dataset = build(Path(folder) / "d", rows, years=years)
        table = ranking.standings(dataset)
        for year in years:
            found = findings.findings(dataset, year=year)
            for finding in found:
                agrees_with_ranking(finding, table, years)
                for lang in i18n.LANGUAGES:
                    assert render(finding, dataset, lang)


def row_of(table, unit: str, year: int):
    rows = table[(table["unit_id"] == unit) & (table["year"] == year)]
    return None if rows.empty else rows.iloc[0]


def agrees_with_ranking(finding, table, years) -> None:
    f, year = finding.figures, finding.year
    rows = [row_of(table, unit, year) for unit in finding.unit_ids]
    if finding.kind == "leader":
        assert rows[0]["rank"] == 1
    elif finding.kind == "runner_up":
        assert rows[0]["rank"] == 2
        if f.get("first_time"):
            earlier = [y for y in years if y < year]
            held = [y for y in earlier if _rank(table, finding.unit_ids[0], y) == 2]
            assert held[-1:] == ([f["since_year"]] if f["since_year"] else [])
            assert _rank(table, finding.unit_ids[0], max(earlier)) != 2
    elif finding.kind == "streak":
        n = f["streak"]
        back = [y for y in years if y <= year][-n:]
        assert len(back) == n and all(_rank(table, finding.unit_ids[0], y) == 1 for y in back)
        before = [y for y in years if y < back[0]]
        if before:  # the streak is maximal
            assert _rank(table, finding.unit_ids[0], before[-1]) != 1
    elif finding.kind == "tie":
        scores = {round(float(r["score"]), 2) for r in rows}
        assert len(rows) >= 2 and scores == {f["score"]}
        same = table[(table["year"] == year) & (table["score"].round(2) == f["score"])]
        assert set(same["unit_id"]) == set(finding.unit_ids)
        assert f["ranks"] == sorted(int(r["rank"]) for r in rows)
    elif finding.kind == "lowest":
        ranked = table[table["year"] == year]
        assert rows[0]["rank"] == ranked["rank"].max()
    elif finding.kind in ("rise", "fall"):
        row = rows[0]
        assert pd.notna(row["previous_rank"]) and row["previous_year"] == f["previous_year"]
        assert _rank(table, finding.unit_ids[0], f["previous_year"]) == f["previous_rank"]
        improved = int(row["rank"]) < int(row["previous_rank"])
        assert improved == (finding.kind == "rise")
        assert f["places"] == abs(int(row["previous_rank"]) - int(row["rank"])) > 0
    elif finding.kind == "classification_counts":
        assert sum(f["counts"].values()) <= len(table[table["year"] == year])


def _rank(table, unit: str, year: int) -> int | None:
    row = row_of(table, unit, year)
    return None if row is None else int(row["rank"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_every_finding_agrees_with_ranking(drawn):
    rows, years = drawn
    check(rows, years)


def test_a_fixed_example_with_a_tie_a_streak_and_moves():
    # u0 first three years running; u1 and u2 tied in 2020; u2 rises from 3rd to 2nd.
    rows = [
        (2018, "u0", 91.53, 1, None, None),
        (2018, "u1", 85.86, 2, None, None),
        (2018, "u2", 80.0, 3, None, None),
        (2019, "u0", 91.53, 1, None, None),
        (2019, "u1", 85.86, 2, None, None),
        (2019, "u2", 80.0, 3, None, None),
        (2020, "u0", 91.53, 1, None, None),
        (2020, "u2", 85.86, 2, None, None),
        (2020, "u1", 85.86, 3, None, None),
    ]
    check(rows, [2018, 2019, 2020])
    with tempfile.TemporaryDirectory() as folder:
        dataset = build(Path(folder) / "d", rows)
        kinds = [f.kind for f in findings.findings(dataset, year=2020)]
    assert {"leader", "streak", "tie", "rise", "fall"} <= set(kinds)
