"""A dataset with a block of 30 units with long Vietnamese names (issue #13's "done when").

Built from scripts/make_large.py (seeded, illustrative) with 32 units, keeping only its commune
block of exactly 30, whose names are replaced by realistic ones so the slides must fit long
labels. Usage: ``write_thirty(tmp_path / "thirty")`` → the folder.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

from tests.helpers import ROOT

NAMES = (
    "Phường Trần Hưng Đạo", "Phường Nguyễn Trãi", "Xã Cộng Hòa", "Thị trấn Phú Thái",
    "Xã Quang Trung", "Phường Thanh Bình", "Xã Hồng Phong", "Phường Lê Thanh Nghị",
    "Xã Tân Dân", "Thị trấn Nam Sách", "Xã An Phụ", "Phường Hải Tân",
    "Xã Thượng Quận", "Phường Phạm Ngũ Lão", "Xã Lai Khê", "Thị trấn Kẻ Sặt",
    "Xã Đồng Lạc", "Phường Cộng Hòa", "Xã Hoàng Hoa Thám", "Phường Tứ Minh",
    "Xã Nam Hưng", "Thị trấn Thanh Miện", "Xã Minh Đức", "Phường Việt Hòa",
    "Xã Ngọc Sơn", "Thị trấn Gia Lộc", "Xã Vĩnh Hồng", "Phường Ái Quốc",
    "Xã Hưng Đạo", "Thị trấn Ninh Giang",
)


YEAR = 2017  # the last of its three years (make_large starts in 2015)


def write_thirty(folder: Path, *, years: int = 3) -> Path:
    """Write the 30-unit dataset (communes only) into ``folder`` and return it."""
    spec = importlib.util.spec_from_file_location("make_large", ROOT / "scripts" / "make_large.py")
    make_large = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_large)
    make_large.write(folder, units=32, years=years)
    tables = {name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
              for name in ("units", "blocks", "methodology", "criteria", "scores", "results",
                           "metadata")}
    # Only the 30 communes: the one-unit blocks make_large adds would only lengthen the deck.
    units = tables["units"][tables["units"]["block"] == "commune"].copy()
    assert len(units) == len(NAMES)
    units["short_name"] = list(NAMES)
    units["name"] = [f"UBND {name}" for name in NAMES]
    tables["units"] = units
    for name in ("blocks", "methodology", "criteria"):
        tables[name] = tables[name][tables[name]["block"] == "commune"]
    tables["blocks"] = tables["blocks"].assign(order="1")
    for name in ("scores", "results"):
        tables[name] = tables[name][tables[name]["unit_id"].isin(units["unit_id"])]
    meta = tables["metadata"]
    meta.loc[meta["key"] == "title", "value"] = "Chỉ số CCHC – 30 xã, phường minh họa"
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    return folder


if __name__ == "__main__":  # write it for scripts/slide_screenshots.py --data
    import sys

    print(write_thirty(Path(sys.argv[1])))
