"""The bundled illustrative sample in data/: reproducible, and true to every published fact.

The CSV files are read with pandas directly (not through parviz) so these tests pin the files
themselves. The published facts are listed in docs/published-facts.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SCRIPT = ROOT / "scripts" / "make_sample.py"
CSV_FILES = (
    "metadata.csv",
    "sources.csv",
    "blocks.csv",
    "units.csv",
    "unit_names.csv",
    "methodology.csv",
    "criteria.csv",
    "bands.csv",
    "scores.csv",
    "results.csv",
)


def read(name: str) -> pd.DataFrame:
    """Read one CSV of data/ with text columns kept as text and empty cells as ''."""
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def cents(value: str | float) -> int:
    """Return a 2-decimal number as integer hundredths, so comparisons are exact."""
    return round(float(value) * 100)


@pytest.fixture(scope="module")
def results() -> pd.DataFrame:
    """Return results.csv joined with each unit's block, totals as hundredths."""
    frame = read("results.csv").merge(read("units.csv")[["unit_id", "block"]], on="unit_id")
    frame["year"] = frame["year"].astype(int)
    frame["rank"] = frame["rank"].astype(int)
    frame["cents"] = frame["total"].map(cents)
    return frame


@pytest.fixture(scope="module")
def scores() -> pd.DataFrame:
    """Return scores.csv with each criterion's maximum and the unit's block."""
    frame = read("scores.csv").merge(read("units.csv")[["unit_id", "block"]], on="unit_id")
    criteria = read("criteria.csv")[["year", "block", "criterion_id", "max_points"]]
    frame = frame.merge(criteria, on=["year", "block", "criterion_id"], how="left")
    frame["year"] = frame["year"].astype(int)
    frame["cents"] = frame["points"].map(cents)
    frame["max_cents"] = frame["max_points"].map(cents)
    return frame


def block_year(results: pd.DataFrame, year: int, block: str) -> pd.DataFrame:
    """Return the results of one year×block, best rank first."""
    rows = results[(results["year"] == year) & (results["block"] == block)]
    return rows.sort_values("rank")


def rank_of(results: pd.DataFrame, year: int, unit_id: str) -> int:
    """Return the official rank of a unit in a year."""
    row = results[(results["year"] == year) & (results["unit_id"] == unit_id)]
    assert len(row) == 1, f"{unit_id} has {len(row)} results in {year}"
    return int(row["rank"].iloc[0])


# --- (a) the files are exactly what the committed generator writes -------------------------


def test_generator_reproduces_data_byte_for_byte(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True, capture_output=True
    )
    generated = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in DATA.iterdir())
    assert generated == committed
    for name in generated:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


@pytest.mark.parametrize("name", CSV_FILES)
def test_csv_is_plain_utf8_nfc_with_lf(name: str) -> None:
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    text = raw.decode("utf-8")
    assert text == unicodedata.normalize("NFC", text)
    assert text.endswith("\n") and not text.startswith("#")


@pytest.mark.parametrize(("name", "column"), [("results.csv", "total"), ("scores.csv", "points")])
def test_numbers_have_two_decimals(name: str, column: str) -> None:
    values = read(name)[column]
    assert values.map(lambda v: re.fullmatch(r"\d+\.\d\d", v) is not None).all()


# --- (b) each published fact ---------------------------------------------------------------

PUBLISHED_TOTALS = [  # (year, block, unit_id, total, official rank)
    (2021, "department", "so-gtvt", "91.53", 1),
    (2021, "department", "so-khcn", "90.33", 2),
    (2021, "district", "tp-hai-duong", "85.86", 1),
    (2021, "district", "nam-sach", "85.86", 2),
    (2023, "department", "so-gtvt", "92.86", 1),
    (2023, "department", "so-noi-vu", "91.11", 2),
    (2023, "department", "so-tttt", "91.06", 3),
    (2023, "district", "nam-sach", "90.86", 1),
    (2023, "district", "chi-linh", "88.82", 2),
    (2023, "district", "kim-thanh", "88.58", 3),
    (2024, "department", "so-gtvt", "93.08", 1),
    (2024, "department", "so-noi-vu", "90.41", 2),
    (2024, "department", "so-tttt", "90.30", 3),
]


@pytest.mark.parametrize(("year", "block", "unit_id", "total", "rank"), PUBLISHED_TOTALS)
def test_published_total_and_rank(
    results: pd.DataFrame, year: int, block: str, unit_id: str, total: str, rank: int
) -> None:
    row = results[(results["year"] == year) & (results["unit_id"] == unit_id)]
    assert row["block"].tolist() == [block]
    assert row["cents"].tolist() == [cents(total)]
    assert row["rank"].tolist() == [rank]


ORDER_2024 = [  # departments 4th to 12th in 2024, in the published order
    "so-nnptnt",
    "so-gddt",
    "vp-ubnd-tinh",
    "so-tai-chinh",
    "so-vhttdl",
    "so-xay-dung",
    "so-tu-phap",
    "thanh-tra-tinh",
    "so-y-te",
]
PUBLISHED_RANKS = [  # (year, unit_id, official rank)
    (2020, "so-gtvt", 1),
    (2020, "chi-linh", 1),
    (2021, "chi-linh", 3),
    (2020, "kinh-mon", 2),
    (2021, "kinh-mon", 4),
    (2021, "ninh-giang", 12),
    (2022, "nam-sach", 1),
    (2024, "nam-sach", 1),
    *[(2024, unit_id, rank) for rank, unit_id in enumerate(ORDER_2024, start=4)],
]


@pytest.mark.parametrize(("year", "unit_id", "rank"), PUBLISHED_RANKS)
def test_published_rank(results: pd.DataFrame, year: int, unit_id: str, rank: int) -> None:
    assert rank_of(results, year, unit_id) == rank


def test_gtvt_was_not_first_in_2019(results: pd.DataFrame) -> None:
    assert rank_of(results, 2019, "so-gtvt") != 1


@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019, 2020])
def test_khcn_was_not_second_between_2016_and_2021(results: pd.DataFrame, year: int) -> None:
    assert rank_of(results, year, "so-khcn") != 2


@pytest.mark.parametrize(
    ("block", "unit_id"), [("department", "so-y-te"), ("district", "ninh-giang")]
)
def test_lowest_of_block_in_2021(results: pd.DataFrame, block: str, unit_id: str) -> None:
    rows = block_year(results, 2021, block)
    last = rows.iloc[-1]
    assert last["unit_id"] == unit_id
    assert last["rank"] == len(rows)
    assert (rows["cents"].drop(last.name) > last["cents"]).all()


@pytest.mark.parametrize(("block", "count"), [("department", 18), ("district", 12)])
def test_units_scored_in_2021(results: pd.DataFrame, block: str, count: int) -> None:
    assert len(block_year(results, 2021, block)) == count


@pytest.mark.parametrize(
    ("block", "excellent", "good", "completed"), [("department", 2, 14, 2), ("district", 0, 8, 4)]
)
def test_heads_classification_2021(
    results: pd.DataFrame, block: str, excellent: int, good: int, completed: int
) -> None:
    counts = block_year(results, 2021, block)["classification"].value_counts()
    assert counts.get("excellent", 0) == excellent
    assert counts.get("good", 0) == good
    assert counts.get("completed", 0) == completed
    assert counts.sum() == excellent + good + completed


def test_excellent_heads_2021_are_gtvt_and_khcn(results: pd.DataFrame) -> None:
    rows = block_year(results, 2021, "department")
    assert set(rows.loc[rows["classification"] == "excellent", "unit_id"]) == {"so-gtvt", "so-khcn"}


def units_in_band(results: pd.DataFrame, year: int, block: str, band_id: str) -> set[str]:
    """Return the units of a year×block in a band."""
    rows = block_year(results, year, block)
    return set(rows.loc[rows["band_id"] == band_id, "unit_id"])


def test_2022_departments_at_or_above_90(results: pd.DataFrame) -> None:
    assert units_in_band(results, 2022, "department", "A") == {"so-gtvt", "so-noi-vu", "so-khcn"}


def test_2022_departments_yte_only_one_below_80(results: pd.DataFrame) -> None:
    assert units_in_band(results, 2022, "department", "C") == {"so-y-te"}


def test_2022_other_14_departments_80_to_90(results: pd.DataFrame) -> None:
    assert len(units_in_band(results, 2022, "department", "B")) == 14


def test_2022_districts_at_or_above_90(results: pd.DataFrame) -> None:
    assert units_in_band(results, 2022, "district", "A") == {"nam-sach", "kim-thanh"}


def test_2024_top_three_departments_in_band_a(results: pd.DataFrame) -> None:
    assert units_in_band(results, 2024, "department", "A") == {"so-gtvt", "so-noi-vu", "so-tttt"}


def test_2024_departments_from_4th_in_80_to_90_band(results: pd.DataFrame) -> None:
    rows = block_year(results, 2024, "department")
    rest = rows[rows["rank"] >= 4]
    assert len(rest) == 15
    assert (rest["band_id"] == "B").all()
    assert rest["cents"].between(8000, 8999).all()


def test_bands_are_the_published_ones() -> None:
    bands = read("bands.csv")
    got = {
        (int(r.year), r.block, int(r.order), r.min_index, r.min_criterion_pct)
        for r in bands.itertuples()
    }
    want = {
        (year, block, order, min_index, pct)
        for block in ("department", "district")
        for year, order, min_index, pct in [
            (2022, 1, "90", ""),
            (2022, 2, "80", ""),
            (2022, 3, "0", ""),
            (2024, 1, "90", "80"),
            (2024, 2, "80", "70"),
        ]
    }
    assert got == want


CRITERIA_2021 = [
    "Công tác chỉ đạo, điều hành cải cách hành chính",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển chính quyền điện tử",
]


@pytest.mark.parametrize("block", ["department", "district"])
def test_seven_criteria_of_2021(block: str) -> None:
    criteria = read("criteria.csv")
    rows = criteria[(criteria["year"] == "2021") & (criteria["block"] == block)]
    rows = rows.sort_values("order", key=lambda s: s.astype(int))
    assert rows["criterion_id"].tolist() == [f"C{i}" for i in range(1, 8)]
    assert rows["name_vi"].tolist() == CRITERIA_2021
    assert (rows["parent_id"] == "").all()


DEPARTMENT_NAMES = {
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Ban Quản lý các khu công nghiệp tỉnh",
}
DISTRICT_NAMES = {  # unit_id -> official name
    "tp-hai-duong": "UBND thành phố Hải Dương",
    "chi-linh": "UBND thành phố Chí Linh",
    "kinh-mon": "UBND thị xã Kinh Môn",
    "nam-sach": "UBND huyện Nam Sách",
    "kim-thanh": "UBND huyện Kim Thành",
    "thanh-ha": "UBND huyện Thanh Hà",
    "cam-giang": "UBND huyện Cẩm Giàng",
    "binh-giang": "UBND huyện Bình Giang",
    "gia-loc": "UBND huyện Gia Lộc",
    "tu-ky": "UBND huyện Tứ Kỳ",
    "ninh-giang": "UBND huyện Ninh Giang",
    "thanh-mien": "UBND huyện Thanh Miện",
}


def test_department_names_are_the_published_18() -> None:
    units = read("units.csv")
    assert set(units.loc[units["block"] == "department", "name"]) == DEPARTMENT_NAMES
    assert (units["block"] == "department").sum() == 18


def test_district_names_are_the_published_12() -> None:
    units = read("units.csv")
    districts = units[units["block"] == "district"]
    assert dict(zip(districts["unit_id"], districts["name"], strict=True)) == DISTRICT_NAMES


def test_renames_of_chi_linh_and_kinh_mon() -> None:
    names = read("unit_names.csv")
    got = sorted(zip(names["unit_id"], names["from_year"].astype(int), names["name"], strict=True))
    assert got == [
        ("chi-linh", 2016, "UBND thị xã Chí Linh"),
        ("chi-linh", 2019, "UBND thành phố Chí Linh"),
        ("kinh-mon", 2016, "UBND huyện Kinh Môn"),
        ("kinh-mon", 2019, "UBND thị xã Kinh Môn"),
    ]


def test_sources_of_the_published_years() -> None:
    sources = read("sources.csv")
    assert sorted(sources["year"].astype(int)) == [2021, 2022, 2023, 2024]
    assert set(sources["date"]) == {"2022-03-21", "2023-03-01", "2024-04-03", "2025-04"}
    assert (sources["url"] == "").all()  # none is known; never invent one


# --- (c) internal consistency ------------------------------------------------------------------


def test_every_unit_has_seven_criteria_every_year(scores: pd.DataFrame) -> None:
    counts = scores.groupby(["year", "unit_id"]).size()
    assert len(counts) == 30 * 9
    assert (counts == 7).all()


def test_criteria_add_up_to_the_total(results: pd.DataFrame, scores: pd.DataFrame) -> None:
    sums = scores.groupby(["year", "unit_id"])["cents"].sum().rename("sum")
    joined = results.set_index(["year", "unit_id"]).join(sums, how="outer")
    assert joined["sum"].notna().all() and joined["cents"].notna().all()
    assert (joined["sum"] == joined["cents"]).all()


def test_points_within_criterion_maxima(scores: pd.DataFrame) -> None:
    assert scores["max_points"].notna().all()
    assert (scores["cents"] >= 0).all()
    assert (scores["cents"] <= scores["max_cents"]).all()


def test_criterion_maxima_add_up_to_max_total() -> None:
    criteria = read("criteria.csv")
    criteria["max"] = criteria["max_points"].map(cents)
    sums = criteria.groupby(["year", "block"])["max"].sum()
    methodology = read("methodology.csv").set_index(["year", "block"])
    assert len(methodology) == 18
    assert sums.to_dict() == {key: cents(m) for key, m in methodology["max_total"].items()}
    assert set(methodology["max_total"]) == {"100"}


def test_methodology_differs_by_block_and_changes_in_2022() -> None:
    criteria = read("criteria.csv")
    maxima = criteria.groupby(["year", "block"])["max_points"].apply(tuple)
    assert maxima[("2021", "department")] != maxima[("2021", "district")]
    assert maxima[("2021", "department")] != maxima[("2022", "department")]
    assert maxima[("2021", "district")] != maxima[("2022", "district")]
    c7 = criteria.loc[criteria["criterion_id"] == "C7"].set_index(["year", "block"])["name_vi"]
    assert c7[("2022", "department")].endswith("chính quyền số")


def test_the_only_tie_is_the_published_one(results: pd.DataFrame) -> None:
    tied = results[results.duplicated(["year", "block", "cents"], keep=False)]
    assert set(zip(tied["year"], tied["block"], tied["unit_id"], strict=True)) == {
        (2021, "district", "tp-hai-duong"),
        (2021, "district", "nam-sach"),
    }


def test_ranks_are_1_to_n_and_follow_totals(results: pd.DataFrame) -> None:
    for (year, block), rows in results.groupby(["year", "block"]):
        rows = rows.sort_values("rank")
        assert rows["rank"].tolist() == list(range(1, len(rows) + 1)), (year, block)
        assert rows["cents"].is_monotonic_decreasing, (year, block)


def test_classification_follows_the_index_rule(results: pd.DataFrame) -> None:
    expected = results["cents"].map(
        lambda c: "excellent" if c >= 9000 else "good" if c >= 8000 else "completed"
    )
    assert (results["classification"] == expected).all()


def test_bands_follow_the_band_rule(results: pd.DataFrame, scores: pd.DataFrame) -> None:
    bands = read("bands.csv")
    points = {
        key: list(zip(rows["cents"], rows["max_cents"], strict=True))
        for key, rows in scores.groupby(["year", "unit_id"])
    }
    for row in results.itertuples():
        rules = bands[(bands["year"] == str(row.year)) & (bands["block"] == row.block)]
        expected = ""
        for band in rules.sort_values("order", key=lambda s: s.astype(int)).itertuples():
            pct = int(band.min_criterion_pct or 0)
            criteria_ok = all(p * 100 >= pct * m for p, m in points[(row.year, row.unit_id)])
            if row.cents >= cents(band.min_index) and criteria_ok:
                expected = band.band_id
                break
        assert row.band_id == expected, (row.year, row.unit_id)


# --- (d) the data says it is illustrative ----------------------------------------------------


def test_metadata_says_illustrative() -> None:
    rows = read("metadata.csv")
    meta = dict(zip(rows["key"], rows["value"], strict=True))
    assert meta["illustrative"] == "true"
    assert "minh họa" in meta["title"]
    assert meta["region"] == "Hải Dương"
    assert "docs/published-facts.md" in meta["description"]
    assert "scripts/make_sample.py" in meta["description"]


def test_readme_says_illustrative() -> None:
    text = (DATA / "README.md").read_text(encoding="utf-8")
    assert "Dữ liệu minh họa" in text and "illustrative" in text
    assert "scripts/make_sample.py" in text
