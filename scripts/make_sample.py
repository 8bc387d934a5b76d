"""Write the bundled illustrative sample dataset: PAR Index of Hải Dương, 2016–2024.

Only the facts listed in docs/published-facts.md are real. Every other number (criterion
points, criterion maxima, the years 2016–2020 and 2022, the unpublished totals and ranks) is made
up here from a fixed seed, so the files are reproducible byte for byte and never hand-edited.

Usage: .venv/bin/python scripts/make_sample.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from parviz import schema

SEED = 20220309  # the day the 2021 index was announced; any fixed value would do
YEARS = tuple(range(2016, 2025))
FIRST_NEW_METHOD_YEAR = 2022  # the sample's methodology changes here (maxima, C7 name)
MAX_TOTAL = 100
DEFAULT_FLOOR_PCT = 40  # no made-up criterion falls below 40 % of its maximum
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data"
Row = dict[str, str]


@dataclass(frozen=True)
class Unit:
    """One scored unit: stable id, block, current official name, short label, aliases."""

    unit_id: str
    block: str
    name: str
    short_name: str
    aliases: tuple[str, ...] = ()


def _dept(unit_id: str, name: str, short: str, *aliases: str) -> Unit:
    return Unit(unit_id, "department", name, short, aliases)


def _dist(unit_id: str, name: str, short: str, *aliases: str) -> Unit:
    return Unit(unit_id, "district", name, short, aliases)


# The 18 departments and 12 districts of Hải Dương in 2021, as listed in the published sources.
UNITS: tuple[Unit, ...] = (
    _dept("so-noi-vu", "Sở Nội vụ", "Nội vụ", "Sở NV"),
    _dept("so-tu-phap", "Sở Tư pháp", "Tư pháp", "Sở TP"),
    _dept("so-khdt", "Sở Kế hoạch và Đầu tư", "Kế hoạch và Đầu tư", "Sở KH&ĐT", "Sở KHĐT"),
    _dept("so-tai-chinh", "Sở Tài chính", "Tài chính", "Sở TC"),
    _dept("so-cong-thuong", "Sở Công Thương", "Công Thương", "Sở Công thương"),
    _dept(
        "so-nnptnt",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Nông nghiệp và PTNT",
        "Sở NN&PTNT",
        "Sở Nông nghiệp và PTNT",
    ),
    _dept(
        "so-gtvt", "Sở Giao thông vận tải", "Giao thông vận tải", "Sở GTVT", "Sở Giao Thông Vận Tải"
    ),
    _dept("so-xay-dung", "Sở Xây dựng", "Xây dựng", "Sở XD"),
    _dept("so-tnmt", "Sở Tài nguyên và Môi trường", "Tài nguyên và Môi trường", "Sở TN&MT"),
    _dept(
        "so-tttt",
        "Sở Thông tin và Truyền thông",
        "Thông tin và Truyền thông",
        "Sở TT&TT",
        "Sở TTTT",
    ),
    _dept(
        "so-ldtbxh",
        "Sở Lao động - Thương binh và Xã hội",
        "Lao động - Thương binh và Xã hội",
        "Sở LĐ-TB&XH",
        "Sở Lao động, Thương binh và Xã hội",
    ),
    _dept(
        "so-vhttdl",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Văn hóa, Thể thao và Du lịch",
        "Sở VH,TT&DL",
        "Sở Văn hóa Thể thao và Du lịch",
    ),
    _dept("so-khcn", "Sở Khoa học và Công nghệ", "Khoa học và Công nghệ", "Sở KH&CN", "Sở KHCN"),
    _dept("so-gddt", "Sở Giáo dục và Đào tạo", "Giáo dục và Đào tạo", "Sở GD&ĐT", "Sở GDĐT"),
    _dept("so-y-te", "Sở Y tế", "Y tế", "Sở YT"),
    _dept("thanh-tra-tinh", "Thanh tra tỉnh", "Thanh tra tỉnh", "Thanh tra tỉnh Hải Dương"),
    _dept(
        "vp-ubnd-tinh",
        "Văn phòng UBND tỉnh",
        "Văn phòng UBND tỉnh",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "VP UBND tỉnh",
    ),
    _dept(
        "bql-kcn",
        "Ban Quản lý các khu công nghiệp tỉnh",
        "Ban Quản lý các KCN",
        "Ban Quản lý các KCN tỉnh",
        "BQL các KCN",
    ),
    _dist(
        "tp-hai-duong",
        "UBND thành phố Hải Dương",
        "TP Hải Dương",
        "TP Hải Dương",
        "Thành phố Hải Dương",
        "UBND TP. Hải Dương",
    ),
    _dist("chi-linh", "UBND thành phố Chí Linh", "Chí Linh", "TP Chí Linh", "Thị xã Chí Linh"),
    _dist("kinh-mon", "UBND thị xã Kinh Môn", "Kinh Môn", "TX Kinh Môn", "Huyện Kinh Môn"),
    _dist("nam-sach", "UBND huyện Nam Sách", "Nam Sách", "Huyện Nam Sách"),
    _dist("kim-thanh", "UBND huyện Kim Thành", "Kim Thành", "Huyện Kim Thành"),
    _dist("thanh-ha", "UBND huyện Thanh Hà", "Thanh Hà", "Huyện Thanh Hà"),
    _dist("cam-giang", "UBND huyện Cẩm Giàng", "Cẩm Giàng", "Huyện Cẩm Giàng"),
    _dist("binh-giang", "UBND huyện Bình Giang", "Bình Giang", "Huyện Bình Giang"),
    _dist("gia-loc", "UBND huyện Gia Lộc", "Gia Lộc", "Huyện Gia Lộc"),
    _dist("tu-ky", "UBND huyện Tứ Kỳ", "Tứ Kỳ", "Huyện Tứ Kỳ"),
    _dist("ninh-giang", "UBND huyện Ninh Giang", "Ninh Giang", "Huyện Ninh Giang"),
    _dist("thanh-mien", "UBND huyện Thanh Miện", "Thanh Miện", "Huyện Thanh Miện"),
)

# (unit_id, from_year, name, short_name): Chí Linh became a city and Kinh Môn a thị xã in 2019.
RENAMES: tuple[tuple[str, int, str, str], ...] = (
    ("chi-linh", 2016, "UBND thị xã Chí Linh", "Chí Linh"),
    ("chi-linh", 2019, "UBND thành phố Chí Linh", "Chí Linh"),
    ("kinh-mon", 2016, "UBND huyện Kinh Môn", "Kinh Môn"),
    ("kinh-mon", 2019, "UBND thị xã Kinh Môn", "Kinh Môn"),
)

BLOCKS: tuple[tuple[str, str, str], ...] = (
    ("department", "Sở, ban, ngành", "Departments"),
    ("district", "UBND huyện, thị xã, thành phố", "Districts"),
)

# The 7 criteria (lĩnh vực) as published for 2021; C7 was renamed in the later methodology.
CRITERIA: tuple[tuple[str, str], ...] = (
    ("Công tác chỉ đạo, điều hành cải cách hành chính", "Direction and management of PAR"),
    ("Cải cách thể chế", "Institutional reform"),
    ("Cải cách thủ tục hành chính", "Administrative procedures reform"),
    ("Cải cách tổ chức bộ máy hành chính nhà nước", "Reform of the state apparatus"),
    ("Cải cách chế độ công vụ", "Civil service reform"),
    ("Cải cách tài chính công", "Public finance reform"),
    ("Xây dựng và phát triển chính quyền điện tử", "E-government"),
)
C7_FROM_NEW_METHOD = (
    "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
    "E-government and digital government",
)

# Made-up criterion maxima (each row sums to 100): (block, new methodology?) -> C1..C7.
MAXIMA: dict[tuple[str, bool], tuple[int, ...]] = {
    ("department", False): (12, 10, 18, 12, 18, 12, 18),
    ("department", True): (10, 10, 18, 10, 16, 14, 22),
    ("district", False): (14, 10, 20, 10, 18, 10, 18),
    ("district", True): (12, 8, 20, 10, 16, 12, 22),
}

# Result bands as published (same for both blocks): band_id, vi, en, min_index, min criterion %.
BANDS: dict[int, tuple[tuple[str, str, str, int, int | None], ...]] = {
    2022: (
        ("A", "Từ 90% trở lên", "90% and above", 90, None),
        ("B", "Từ 80% đến dưới 90%", "80% to under 90%", 80, None),
        ("C", "Dưới 80%", "Under 80%", 0, None),
    ),
    2024: (
        (
            "A",
            "Từ 90% trở lên, không lĩnh vực nào dưới 80%",
            "90% and above, no criterion under 80%",
            90,
            80,
        ),
        (
            "B",
            "Từ 80% đến dưới 90%, không lĩnh vực nào dưới 70%",
            "80% to under 90%, no criterion under 70%",
            80,
            70,
        ),
    ),
}

# (source_id, year, title, publisher, decision, date); no URLs are known, so none are given.
SOURCES: tuple[tuple[str, int, str, str, str, str], ...] = (
    (
        "kinhtedothi-2022-03-21",
        2021,
        "Hải Dương: Sở Giao Thông Vận Tải Dẫn Đầu Chỉ Số Cải Cách Hành Chính",
        "kinhtedothi.vn",
        "",
        "2022-03-21",
    ),
    (
        "qd-336-2023",
        2022,
        "Quyết định 336/QĐ-UBND công bố Chỉ số CCHC năm 2022",
        "UBND tỉnh Hải Dương",
        "336/QĐ-UBND",
        "2023-03-01",
    ),
    ("hoi-nghi-2024-04-03", 2023, "Hội nghị công bố Chỉ số CCHC năm 2023", "", "", "2024-04-03"),
    ("cong-bo-2025-04", 2024, "Công bố Chỉ số CCHC năm 2024", "", "", "2025-04"),
)

# Made-up standing (in standard deviations) for units that the published facts show near the
# top or bottom, so the illustrative years 2016–2020 look continuous with the published ones.
LEVEL_HINTS: dict[str, float] = {
    "so-gtvt": 1.6,
    "so-noi-vu": 1.3,
    "so-tttt": 1.1,
    "so-khcn": 0.8,
    "so-y-te": -1.6,
    "nam-sach": 1.3,
    "tp-hai-duong": 1.2,
    "chi-linh": 1.1,
    "kinh-mon": 0.8,
    "kim-thanh": 0.7,
    "ninh-giang": -1.6,
}


@dataclass(frozen=True)
class Spec:
    """How one year×block is ranked: total bounds per rank range and everything that is pinned."""

    segments: tuple[tuple[int, int, float, float], ...]  # first rank, last rank, min, max total
    places: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...] = ()  # these units, these ranks
    totals: tuple[tuple[int, float], ...] = ()  # rank -> published total
    forbidden: tuple[tuple[str, int], ...] = ()  # unit must not hold this rank
    floors: tuple[tuple[int, int, int], ...] = ()  # first rank, last rank, min criterion %


def _at(unit_id: str, rank: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    return (unit_id,), (rank,)


TOP_2024 = ("so-gtvt", "so-noi-vu", "so-tttt")
ORDER_2024 = (  # departments ranked 4th to 12th in 2024, in the published order
    "so-nnptnt",
    "so-gddt",
    "vp-ubnd-tinh",
    "so-tai-chinh",
    "so-vhttdl",
    "so-xay-dung",
    "so-tu-phap",
    "thanh-tra-tinh",
    "so-y-te",
)

# Every pinned rank, total and band boundary below comes from docs/published-facts.md; the
# remaining bounds are a made-up, slowly rising range of plausible totals.
SPECS: dict[tuple[int, str], Spec] = {
    (2016, "department"): Spec(((1, 18, 70.0, 89.5),), forbidden=(("so-khcn", 2),)),
    (2017, "department"): Spec(((1, 18, 71.0, 90.0),), forbidden=(("so-khcn", 2),)),
    (2018, "department"): Spec(((1, 18, 72.0, 90.5),), forbidden=(("so-khcn", 2),)),
    (2019, "department"): Spec(((1, 18, 73.0, 91.0),), forbidden=(("so-khcn", 2), ("so-gtvt", 1))),
    (2020, "department"): Spec(
        ((1, 18, 74.0, 91.5),), places=(_at("so-gtvt", 1),), forbidden=(("so-khcn", 2),)
    ),
    (2021, "department"): Spec(
        ((3, 16, 80.0, 89.99), (17, 18, 74.0, 79.99)),  # 2 excellent, 14 good, 2 completed
        places=(_at("so-gtvt", 1), _at("so-khcn", 2), _at("so-y-te", 18)),
        totals=((1, 91.53), (2, 90.33)),
    ),
    (2022, "department"): Spec(
        ((1, 3, 90.0, 93.2), (4, 17, 80.0, 89.99), (18, 18, 75.0, 79.99)),
        places=((("so-gtvt", "so-noi-vu", "so-khcn"), (1, 2, 3)), _at("so-y-te", 18)),
    ),
    (2023, "department"): Spec(
        ((4, 18, 77.0, 90.5),),
        places=(_at("so-gtvt", 1), _at("so-noi-vu", 2), _at("so-tttt", 3)),
        totals=((1, 92.86), (2, 91.11), (3, 91.06)),
    ),
    (2024, "department"): Spec(
        ((4, 18, 80.0, 89.99),),
        places=tuple(_at(u, r) for r, u in enumerate(TOP_2024 + ORDER_2024, start=1)),
        totals=((1, 93.08), (2, 90.41), (3, 90.30)),
        floors=((1, 3, 80), (4, 18, 70)),  # band A needs ≥ 80 % everywhere, band B ≥ 70 %
    ),
    (2016, "district"): Spec(((1, 12, 65.0, 88.0),)),
    (2017, "district"): Spec(((1, 12, 66.0, 88.5),)),
    (2018, "district"): Spec(((1, 12, 67.0, 89.0),)),
    (2019, "district"): Spec(((1, 12, 68.0, 89.5),)),
    (2020, "district"): Spec(
        ((1, 12, 70.0, 90.0),), places=(_at("chi-linh", 1), _at("kinh-mon", 2))
    ),
    (2021, "district"): Spec(
        ((3, 8, 80.0, 85.85), (9, 12, 70.0, 79.99)),  # 8 good, 4 completed
        places=(
            _at("tp-hai-duong", 1),
            _at("nam-sach", 2),
            _at("chi-linh", 3),
            _at("kinh-mon", 4),
            _at("ninh-giang", 12),
        ),
        totals=((1, 85.86), (2, 85.86)),  # the published tie, broken by the official rank
    ),
    (2022, "district"): Spec(
        ((1, 2, 90.0, 92.5), (3, 12, 72.0, 89.99)),
        places=(_at("nam-sach", 1), _at("kim-thanh", 2)),
    ),
    (2023, "district"): Spec(
        ((4, 12, 72.0, 88.57),),
        places=(_at("nam-sach", 1), _at("chi-linh", 2), _at("kim-thanh", 3)),
        totals=((1, 90.86), (2, 88.82), (3, 88.58)),
    ),
    (2024, "district"): Spec(((1, 12, 74.0, 92.0),), places=(_at("nam-sach", 1),)),
}


def hundredths(value: float) -> int:
    """Return a 2-decimal number as an integer count of hundredths."""
    return round(value * 100)


def fmt2(value: int) -> str:
    """Format integer hundredths with exactly two decimals."""
    return f"{value // 100}.{value % 100:02d}"


def maxima(block: str, year: int) -> tuple[int, ...]:
    """Return the criterion maxima (whole points) of a block in a year."""
    return MAXIMA[(block, year >= FIRST_NEW_METHOD_YEAR)]


def criterion_names(year: int) -> list[tuple[str, str]]:
    """Return (name_vi, name_en) of C1..C7 in force in a year."""
    names = list(CRITERIA)
    if year >= FIRST_NEW_METHOD_YEAR:
        names[-1] = C7_FROM_NEW_METHOD
    return names


def rank_bounds(spec: Spec, n: int) -> list[tuple[int, int]]:
    """Return the (lowest, highest) total in hundredths allowed at each rank 1..n."""
    bounds: dict[int, tuple[int, int]] = {}
    for first, last, low, high in spec.segments:
        for rank in range(first, last + 1):
            bounds[rank] = (hundredths(low), hundredths(high))
    for rank, total in spec.totals:
        bounds[rank] = (hundredths(total), hundredths(total))
    assert sorted(bounds) == list(range(1, n + 1)), "every rank needs a bound"
    return [bounds[rank] for rank in range(1, n + 1)]


def draw_totals(rng: np.random.Generator, spec: Spec, n: int) -> list[int]:
    """Draw totals (hundredths) in rank order: distinct, except where published as equal."""
    bounds = rank_bounds(spec, n)
    totals: list[int] = []
    start = 0
    while start < n:
        low, high = bounds[start]
        end = start + 1
        while low < high and end < n and bounds[end] == bounds[start]:
            end += 1
        if low == high:  # a published total
            totals.append(low)
        else:  # a run of free ranks: distinct values below the rank above, above a pinned one
            top = min(high, totals[-1] - 1) if totals else high
            pinned_below = end < n and bounds[end][0] == bounds[end][1]
            bottom = max(low, bounds[end][0] + 1) if pinned_below else low
            picks = rng.choice(np.arange(bottom, top + 1), size=end - start, replace=False)
            totals.extend(sorted((int(p) for p in picks), reverse=True))
        start = end
    for rank in range(1, n):
        published_tie = bounds[rank - 1] == bounds[rank] and bounds[rank][0] == bounds[rank][1]
        assert totals[rank] < totals[rank - 1] or published_tie, f"rank {rank + 1} out of order"
    return totals


def assign_ranks(spec: Spec, unit_ids: Sequence[str], latent: dict[str, float]) -> dict[str, int]:
    """Put pinned units on their ranks and the others by latent standing, avoiding exclusions."""

    def by_standing(ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=lambda unit: (-latent[unit], unit))

    ranks: dict[str, int] = {}
    for group, places in spec.places:
        ranks.update(zip(by_standing(group), sorted(places), strict=True))
    free_ranks = sorted(set(range(1, len(unit_ids) + 1)) - set(ranks.values()))
    free_units = by_standing(unit for unit in unit_ids if unit not in ranks)
    ranks.update(zip(free_units, free_ranks, strict=True))
    for unit, rank in spec.forbidden:
        if ranks[unit] == rank:  # swap with the holder of the next free rank: the least change
            below = free_ranks[free_ranks.index(rank) + 1]
            other = next(u for u, r in ranks.items() if r == below)
            ranks[unit], ranks[other] = below, rank
    assert all(ranks[unit] != rank for unit, rank in spec.forbidden)
    return ranks


def floor_pct(spec: Spec, rank: int) -> int:
    """Return the lowest share (%) of its maximum any criterion may get at this rank."""
    return next(
        (pct for first, last, pct in spec.floors if first <= rank <= last), DEFAULT_FLOOR_PCT
    )


def split_total(
    rng: np.random.Generator, total: int, highs: Sequence[int], pct: int, bias: np.ndarray
) -> list[int]:
    """Split a total (hundredths) into criterion points in [pct % of max, max] summing to it."""
    lows = [-(-high * pct // 100) for high in highs]  # ceiling, so the floor really holds
    assert sum(lows) <= total <= sum(highs)
    # Each unit keeps its own strong and weak criteria (bias) across years, plus yearly noise.
    wanted = total / sum(highs) + bias + rng.normal(0.0, 0.04, size=len(highs))
    points = [
        int(np.clip(round(share * high), low, high))
        for share, low, high in zip(wanted, lows, highs, strict=True)
    ]
    return settle(points, total, lows, highs)


def settle(points: list[int], total: int, lows: Sequence[int], highs: Sequence[int]) -> list[int]:
    """Shift points to sum exactly to total, each criterion in proportion to its room to move."""
    gap = total - sum(points)
    if gap == 0:
        return points
    sign = 1 if gap > 0 else -1
    room = [
        high - p if gap > 0 else p - low for p, low, high in zip(points, lows, highs, strict=True)
    ]
    moves = [abs(gap) * r // sum(room) for r in room]
    left = abs(gap) - sum(moves)
    while left:  # the rounding remainder goes to the criteria with the most room left
        i = max(range(len(room)), key=lambda k: (room[k] - moves[k], -k))
        step = min(left, room[i] - moves[i])
        moves[i] += step
        left -= step
    return [p + sign * m for p, m in zip(points, moves, strict=True)]


def band_of(year: int, total: int, points: Sequence[int], highs: Sequence[int]) -> str:
    """Return the first band whose index and per-criterion conditions are met, else ''."""
    for band_id, _vi, _en, min_index, min_pct in BANDS.get(year, ()):
        index_ok = total >= min_index * MAX_TOTAL  # total is in hundredths of a point
        criteria_ok = min_pct is None or all(
            p * 100 >= min_pct * high for p, high in zip(points, highs, strict=True)
        )
        if index_ok and criteria_ok:
            return band_id
    return ""


def classify(total: int) -> str:
    """Classify the head of a unit from its index: ≥ 90 excellent, ≥ 80 good, else completed."""
    if total >= 90 * MAX_TOTAL:
        return "excellent"
    return "good" if total >= 80 * MAX_TOTAL else "completed"


def score_block(
    rng: np.random.Generator,
    year: int,
    block: str,
    level: dict[str, float],
    bias: dict[str, np.ndarray],
) -> tuple[list[Row], list[Row]]:
    """Return the results and scores rows of one year×block."""
    spec = SPECS[(year, block)]
    unit_ids = sorted(u.unit_id for u in UNITS if u.block == block)
    latent = {unit: level[unit] + float(rng.normal(0.0, 0.7)) for unit in unit_ids}
    ranks = assign_ranks(spec, unit_ids, latent)
    totals = draw_totals(rng, spec, len(unit_ids))
    highs = [100 * m for m in maxima(block, year)]
    results: list[Row] = []
    scores: list[Row] = []
    for unit in unit_ids:
        rank = ranks[unit]
        total = totals[rank - 1]
        points = split_total(rng, total, highs, floor_pct(spec, rank), bias[unit])
        for number, p in enumerate(points, start=1):
            scores.append(
                {
                    "year": str(year),
                    "unit_id": unit,
                    "criterion_id": f"C{number}",
                    "points": fmt2(p),
                }
            )
        results.append(
            {
                "year": str(year),
                "unit_id": unit,
                "total": fmt2(total),
                "rank": str(rank),
                "classification": classify(total),
                "band_id": band_of(year, total, points, highs),
            }
        )
    return results, scores


def generate(rng: np.random.Generator) -> tuple[list[Row], list[Row]]:
    """Return the results and scores rows of every year and block."""
    unit_ids = sorted(u.unit_id for u in UNITS)
    level = {unit: float(rng.normal(0.0, 0.8)) for unit in unit_ids} | LEVEL_HINTS
    bias = {unit: rng.normal(0.0, 0.04, size=len(CRITERIA)) for unit in unit_ids}
    results: list[Row] = []
    scores: list[Row] = []
    for year in YEARS:
        for block, _vi, _en in BLOCKS:
            block_results, block_scores = score_block(rng, year, block, level, bias)
            results += block_results
            scores += block_scores
    return results, scores


def metadata_rows() -> list[Row]:
    """Return the metadata: title, region, the illustrative flag and what is real."""
    description = (
        "Dữ liệu minh họa: chỉ các số liệu trong docs/published-facts.md là số liệu đã công bố; "
        "mọi số liệu khác do scripts/make_sample.py tạo ra (seed "
        f"{SEED}), không phải số liệu chính thức. Illustrative data: only the facts in "
        "docs/published-facts.md are published; every other number is made up by "
        f"scripts/make_sample.py (seed {SEED}) and is not official."
    )
    return [
        {
            "key": schema.META_TITLE,
            "value": "Chỉ số CCHC tỉnh Hải Dương 2016–2024 (dữ liệu minh họa)",
        },
        {"key": schema.META_REGION, "value": "Hải Dương"},
        {"key": schema.META_ILLUSTRATIVE, "value": "true"},
        {"key": schema.META_DESCRIPTION, "value": description},
        # The heading of the written report (parviz export --format docx).
        {"key": schema.META_REPORT_ISSUER_PARENT, "value": "UBND tỉnh Hải Dương"},
        {"key": schema.META_REPORT_ISSUER, "value": "Sở Nội vụ"},
        {"key": schema.META_REPORT_CODE, "value": "SNV"},
    ]


def sources_rows() -> list[Row]:
    """Return the sources of the published facts (no URLs are known)."""
    keys = ("source_id", "year", "title", "publisher", "decision", "date")
    return [dict(zip(keys, (s[0], str(s[1]), *s[2:]), strict=True)) for s in SOURCES]


def blocks_rows() -> list[Row]:
    """Return the two blocks, departments first."""
    return [
        {"block": block, "order": str(order), "name_vi": vi, "name_en": en}
        for order, (block, vi, en) in enumerate(BLOCKS, start=1)
    ]


def units_rows() -> list[Row]:
    """Return every unit with its current name, short name and aliases."""
    return [
        {
            "unit_id": u.unit_id,
            "block": u.block,
            "name": u.name,
            "short_name": u.short_name,
            "aliases": schema.LIST_SEPARATOR.join(u.aliases),
            "first_year": str(YEARS[0]),
            "last_year": str(YEARS[-1]),
        }
        for u in UNITS
    ]


def unit_names_rows() -> list[Row]:
    """Return the names in force over time of the renamed units."""
    keys = ("unit_id", "from_year", "name", "short_name")
    return [dict(zip(keys, (r[0], str(r[1]), r[2], r[3]), strict=True)) for r in RENAMES]


def methodology_rows() -> list[Row]:
    """Return one methodology row per year and block, linked to the year's source if any."""
    source_by_year = {year: source_id for source_id, year, *_ in SOURCES}
    return [
        {
            "year": str(year),
            "block": block,
            "max_total": str(MAX_TOTAL),
            "name": f"Bộ chỉ số CCHC {year} ({vi})",
            "source_id": source_by_year.get(year, ""),
        }
        for year in YEARS
        for block, vi, _en in BLOCKS
    ]


def criteria_rows() -> list[Row]:
    """Return the 7 criteria of every year and block with their (made-up) maxima."""
    return [
        {
            "year": str(year),
            "block": block,
            "criterion_id": f"C{number}",
            "order": str(number),
            "name_vi": vi,
            "name_en": en,
            "max_points": str(high),
        }
        for year in YEARS
        for block, _vi, _en in BLOCKS
        for number, ((vi, en), high) in enumerate(
            zip(criterion_names(year), maxima(block, year), strict=True), start=1
        )
    ]


def bands_rows() -> list[Row]:
    """Return the published bands of 2022 and 2024 for both blocks."""
    return [
        {
            "year": str(year),
            "block": block,
            "band_id": band_id,
            "order": str(order),
            "name_vi": vi,
            "name_en": en,
            "min_index": str(min_index),
            "min_criterion_pct": "" if min_pct is None else str(min_pct),
        }
        for year, bands in BANDS.items()
        for block, _vi, _en in BLOCKS
        for order, (band_id, vi, en, min_index, min_pct) in enumerate(bands, start=1)
    ]


README = f"""\
# Dữ liệu minh họa / illustrative data

**Vietnamese:** Bộ dữ liệu mẫu Chỉ số CCHC tỉnh Hải Dương 2016–2024 (khối sở, ban, ngành và khối
UBND cấp huyện) là **dữ liệu minh họa**. Chỉ các số liệu liệt kê trong
`docs/published-facts.md` (tổng điểm và thứ hạng đã công bố, nhóm xếp loại 2022, xếp loại người
đứng đầu 2021, tên các lĩnh vực) là số liệu thật; mọi số liệu khác (điểm từng lĩnh vực, điểm tối
đa của từng lĩnh vực, các năm 2016–2020, các tổng điểm và thứ hạng chưa công bố) được tạo ngẫu
nhiên, nhất quán với các số liệu đã công bố. Không dùng chúng như số liệu chính thức.

**English:** this sample of Hải Dương's PAR Index 2016–2024 (departments and districts) is
**illustrative**. Only the facts listed in `docs/published-facts.md` are real; every other number
is made up, consistently with those facts. Never present it as official.

## How it is generated

Every file in this folder is written by `scripts/make_sample.py` (numpy `default_rng`, seed
{SEED}); do not edit them by hand. Regenerate with

    .venv/bin/python scripts/make_sample.py

Running it twice gives byte-identical files, and `tests/test_sample_data.py` fails when these
files differ from what the script writes. The format is described in `docs/data-format.md`.
Real users replace this folder with their own published tables.
"""


def write_csv(path: Path, table: schema.Table, rows: list[Row], sort: bool = True) -> None:
    """Write rows as plain UTF-8 CSV with all declared columns, sorted by the table's key."""
    if sort:
        rows = sorted(rows, key=lambda row: tuple(row[k] for k in table.key))
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=table.column_names, restval="", extrasaction="raise", lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    # NFC, because sources mix NFC and NFD and the sample should be the clean reference.
    path.write_bytes(unicodedata.normalize("NFC", buffer.getvalue()).encode("utf-8"))


def write_dataset(out: Path) -> None:
    """Write every table of the sample dataset and its README into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    results, scores = generate(np.random.default_rng(SEED))
    tables = {
        schema.SOURCES: sources_rows(),
        schema.BLOCKS: blocks_rows(),
        schema.UNITS: units_rows(),
        schema.UNIT_NAMES: unit_names_rows(),
        schema.METHODOLOGY: methodology_rows(),
        schema.CRITERIA: criteria_rows(),
        schema.BANDS: bands_rows(),
        schema.SCORES: scores,
        schema.RESULTS: results,
    }
    # Metadata keeps its written order (title first) because people read it; all else is sorted.
    write_csv(out / schema.METADATA.file_name, schema.METADATA, metadata_rows(), sort=False)
    for table, rows in tables.items():
        write_csv(out / table.file_name, table, rows)
    (out / "README.md").write_bytes(unicodedata.normalize("NFC", README).encode("utf-8"))


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the command line and write the sample dataset."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (data/)")
    args = parser.parse_args(argv)
    write_dataset(args.out)
    print(f"wrote the illustrative sample dataset to {args.out}")


if __name__ == "__main__":
    main()
