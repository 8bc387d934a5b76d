"""Write a large illustrative dataset for benchmarks: many units, years, criteria, sub-criteria.

Every number is made up from a fixed seed (metadata says so: illustrative = true). The default
size is 10,000 units in 3 blocks (department, district, commune) × 10 years × 7 criteria with
40 sub-criteria: about 4 million score rows. The output is valid under `parviz validate`.

Usage: .venv/bin/python scripts/make_large.py [--units N] [--years N] [--out DIR]
The default folder, benchmarks/large/, is git-ignored.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "large"
SEED = 20260101
FIRST_YEAR = 2015
BLOCKS = (
    ("department", "Sở, ban, ngành", "Departments", 0.02),
    ("district", "UBND huyện, thị xã, thành phố", "Districts", 0.03),
    ("commune", "UBND xã, phường, thị trấn", "Communes", 0.95),
)
# (criterion, name_vi, name_en, max_points, number of sub-criteria): maxima add up to 100.
CRITERIA = (
    ("C1", "Công tác chỉ đạo, điều hành cải cách hành chính", "Direction and management", 12, 5),
    ("C2", "Cải cách thể chế", "Institutional reform", 10, 6),
    ("C3", "Cải cách thủ tục hành chính", "Administrative procedures reform", 18, 6),
    ("C4", "Cải cách tổ chức bộ máy hành chính nhà nước", "State apparatus reform", 10, 5),
    ("C5", "Cải cách chế độ công vụ", "Civil service reform", 16, 6),
    ("C6", "Cải cách tài chính công", "Public finance reform", 10, 6),
    ("C7", "Xây dựng và phát triển chính quyền số", "Digital government", 24, 6),
)


def sub_maxima(total: int, count: int) -> list[float]:
    """Split ``total`` points into ``count`` sub-criterion maxima (two decimals, exact sum)."""
    base = [round(total / count, 2)] * (count - 1)
    return [*base, round(total - sum(base), 2)]


def criteria_rows(years: list[int]) -> pd.DataFrame:
    """Return criteria.csv: 7 top-level criteria and their sub-criteria per year and block."""
    rows = []
    for year in years:
        for block, *_ in BLOCKS:
            for order, (cid, name_vi, name_en, maximum, subs) in enumerate(CRITERIA, start=1):
                rows.append((year, block, cid, "", order, name_vi, name_en, maximum))
                for index, sub_max in enumerate(sub_maxima(maximum, subs), start=1):
                    rows.append(
                        (year, block, f"{cid}.{index}", cid, index, f"{name_vi} – tiêu chí "
                         f"{index}", f"{name_en} – item {index}", sub_max)
                    )
    columns = ["year", "block", "criterion_id", "parent_id", "order", "name_vi", "name_en",
               "max_points"]
    return pd.DataFrame(rows, columns=columns)


def units_frame(count: int, years: list[int], rng: np.random.Generator) -> pd.DataFrame:
    """Return units.csv: ``count`` units spread over the blocks by their shares."""
    shares = np.array([share for *_, share in BLOCKS])
    sizes = np.maximum(1, np.floor(shares * count).astype(int))
    sizes[-1] = max(1, count - sizes[:-1].sum())
    block = np.repeat([b for b, *_ in BLOCKS], sizes)
    numbers = np.arange(1, len(block) + 1)
    kind = {"department": "Sở", "district": "UBND huyện", "commune": "UBND xã"}
    unit_id = [f"u{n:05d}" for n in numbers]
    name = [f"{kind[b]} Minh họa {n:05d}" for b, n in zip(block, numbers)]
    short = [f"Minh họa {n:05d}" for n in numbers]
    return pd.DataFrame(
        {
            "unit_id": unit_id,
            "block": block,
            "name": name,
            "short_name": short,
            "aliases": "",
            "first_year": years[0],
            "last_year": years[-1],
            "predecessor_ids": "",
            "successor_ids": "",
        }
    )


def scores_frame(units: pd.DataFrame, years: list[int], rng: np.random.Generator) -> pd.DataFrame:
    """Return scores.csv: one row per unit, year and sub-criterion, within each maximum."""
    subs = [(f"{cid}.{i}", m) for cid, *_, maximum, n in CRITERIA
            for i, m in enumerate(sub_maxima(maximum, n), start=1)]
    sub_ids = np.array([s for s, _ in subs])
    sub_max = np.array([m for _, m in subs])
    n_units, n_years, n_subs = len(units), len(years), len(subs)
    # Each unit has a level that drifts a little each year; each item varies around it.
    level = rng.uniform(0.55, 0.95, size=n_units)
    drift = rng.normal(0, 0.03, size=(n_years, n_units)).cumsum(axis=0)
    share = np.clip(level[None, :, None] + drift[:, :, None]
                    + rng.normal(0, 0.08, size=(n_years, n_units, n_subs)), 0.0, 1.0)
    points = np.round(share * sub_max[None, None, :], 2)
    return pd.DataFrame(
        {
            "year": np.repeat(years, n_units * n_subs),
            "unit_id": np.tile(np.repeat(units["unit_id"].to_numpy(), n_subs), n_years),
            "criterion_id": np.tile(sub_ids, n_years * n_units),
            "points": points.reshape(-1),
        }
    )


def results_frame(scores: pd.DataFrame) -> pd.DataFrame:
    """Return results.csv: the published total per unit and year (sum of its points)."""
    totals = scores.groupby(["year", "unit_id"], as_index=False, sort=True)["points"].sum()
    totals["total"] = totals["points"].round(2)
    return totals[["year", "unit_id", "total"]]


def write(out: Path, *, units: int, years: int, seed: int = SEED) -> dict[str, int]:
    """Write the dataset folder ``out``; return the row count of each file."""
    rng = np.random.default_rng(seed)
    year_list = list(range(FIRST_YEAR, FIRST_YEAR + years))
    out.mkdir(parents=True, exist_ok=True)
    unit_table = units_frame(units, year_list, rng)
    scores = scores_frame(unit_table, year_list, rng)
    tables = {
        "metadata": pd.DataFrame(
            {
                "key": ["title", "region", "illustrative", "description"],
                "value": [
                    f"Chỉ số CCHC – bộ dữ liệu lớn minh họa ({len(unit_table)} đơn vị)",
                    "Tỉnh minh họa",
                    "true",
                    f"Generated by scripts/make_large.py (seed {seed}) for benchmarks; "
                    "every number is made up.",
                ],
            }
        ),
        "blocks": pd.DataFrame(
            [(b, i, vi, en) for i, (b, vi, en, _) in enumerate(BLOCKS, start=1)],
            columns=["block", "order", "name_vi", "name_en"],
        ),
        "units": unit_table,
        "methodology": pd.DataFrame(
            [(y, b, 100, f"Bộ chỉ số CCHC {y} ({vi})", "") for y in year_list
             for b, vi, *_ in BLOCKS],
            columns=["year", "block", "max_total", "name", "source_id"],
        ),
        "criteria": criteria_rows(year_list),
        "scores": scores,
        "results": results_frame(scores),
    }
    counts = {}
    for name, frame in tables.items():
        frame.to_csv(out / f"{name}.csv", index=False, float_format="%.2f", lineterminator="\n")
        counts[name] = len(frame)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    counts = write(args.out, units=args.units, years=args.years, seed=args.seed)
    print(f"{args.out}: " + ", ".join(f"{name} {rows:,}" for name, rows in counts.items()))


if __name__ == "__main__":
    main()
