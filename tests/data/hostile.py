"""Make a hostile dataset: every text field carries Markdown, HTML, Plotly tags, formulas and
invisible characters, each pointing at a beacon address named after the field (#19).

    .venv/bin/python tests/data/hostile.py OUT_FOLDER

The dataset is otherwise valid (the minimal test dataset, two years, one block, three units,
sources, bands), so every page and slide draws it. A test opens it and checks that nothing from
it acts: no request to BEACON_HOST, no dialog, no live link, no traceback.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MINIMAL = HERE / "minimal"
BEACON_HOST = "beacon.invalid"
# A source's own http link is allowed (shown with its host); it must not carry anything else.
SOURCE_HOST = "sources.invalid"


def payload(field: str, style: int = 0) -> str:
    """Return a hostile text for ``field``; ``style`` picks one of several attack mixes."""
    url = f"http://{BEACON_HOST}/{field}"
    mixes = [
        # Markdown: image, link, code-span bypass, emphasis, LaTeX, Streamlit directives.
        f"{field} ![b]({url}.png) [l]({url}) ```![c]({url}-code.png)``` **b** $x$ :red[r]",
        # HTML and Plotly tags, an autolink, a bare link, entities.
        f"{field} <img src={url}-img.png onerror=alert(1)> <a href='{url}-a'>a</a> "
        f'<span style="background:url({url}-css.png)">s</span> <{url}-auto> {url}-bare &lt;b&gt;',
        # Formulas, a javascript: link, invisible and direction characters.
        f'=HYPERLINK("{url}-f","{field}") [j](javascript:alert(1)) Sở\u200b\u202e {field}',
    ]
    return mixes[style % len(mixes)]


def _rewrite(path: Path, change) -> None:
    """Rewrite the CSV at ``path`` row by row with ``change(row, index)``."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for index, row in enumerate(rows):
        change(row, index)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def make(target: Path) -> Path:
    """Write the hostile dataset into ``target`` (replaced) and return it."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(MINIMAL, target)

    def metadata(row, _):
        if row["key"] in ("title", "region"):
            row["value"] = payload(f"meta-{row['key']}", 0 if row["key"] == "title" else 1)

    _rewrite(target / "metadata.csv", metadata)
    with (target / "metadata.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(["description", payload("meta-desc", 2)])

    def blocks(row, _):
        row["name_vi"], row["name_en"] = payload("block-vi", 0), payload("block-en", 1)

    _rewrite(target / "blocks.csv", blocks)

    def units(row, index):
        row["name"] = payload(f"unit-{row['unit_id']}", index)
        row["short_name"] = payload(f"short-{row['unit_id']}", index + 1)
        row["aliases"] = payload(f"alias-{row['unit_id']}", index + 2).replace("|", "/")

    _rewrite(target / "units.csv", units)

    def unit_names(row, index):
        row["name"] = payload(f"name{index}-{row['unit_id']}", index)
        row["short_name"] = payload(f"namesh{index}-{row['unit_id']}", index + 2)

    _rewrite(target / "unit_names.csv", unit_names)

    def criteria(row, index):
        cid = row["criterion_id"]
        row["name_vi"] = payload(f"crit-{cid}-vi", index)
        row["name_en"] = payload(f"crit-{cid}-en", index + 1)

    _rewrite(target / "criteria.csv", criteria)

    def methodology(row, index):
        row["name"] = payload(f"method-{row['year']}", index)
        row["source_id"] = "src"

    _rewrite(target / "methodology.csv", methodology)
    _write(
        target / "sources.csv",
        ["source_id", "year", "block", "title", "publisher", "decision", "date", "url"],
        [
            ["src", "", "", payload("src-title", 0), payload("src-pub", 1), payload("src-dec", 2),
             "2022-03-21", f"http://{SOURCE_HOST}/qd)![x](http://{BEACON_HOST}/src-break.png)"],
            ["js", "2021", "district", payload("js-title", 1), "", "", "",
             "javascript:alert(document.domain)"],
        ],
    )  # fmt: skip
    _write(
        target / "bands.csv",
        ["year", "block", "band_id", "order", "name_vi", "name_en", "min_index"],
        [
            [year, "district", band, order, payload(f"band-{band}-vi", order),
             payload(f"band-{band}-en", order + 1), minimum]
            for year in (2020, 2021)
            for order, (band, minimum) in enumerate([("A", 85), ("B", 0)], start=1)
        ],
    )  # fmt: skip

    def results(row, _):
        row["band_id"] = "A" if float(row["total"]) >= 85 else "B"

    _rewrite(target / "results.csv", results)
    _rename_unit(target, "c", HOSTILE_ID)
    return target


# Ids are text too: unit c gets one that is Markdown and a tag (no comma, no "|").
HOSTILE_ID = f"c![i](http://{BEACON_HOST}/id.png)<b>x"


def _rename_unit(target: Path, old: str, new: str) -> None:
    """Replace the unit id ``old`` by ``new`` in every table that names units."""

    def rename(row, _):
        if row.get("unit_id") == old:
            row["unit_id"] = new

    for name in ("units", "unit_names", "scores", "results"):
        _rewrite(target / f"{name}.csv", rename)


if __name__ == "__main__":
    print(make(Path(sys.argv[1])))
