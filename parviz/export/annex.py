"""The ranking of a year as a printable annex (A4 landscape), shaped like a decision's annex.

Columns: STT, đơn vị, points per criterion, survey points (when published), tổng điểm, xếp
hạng, xếp loại. ``annex_table`` is the table (numbers stay numbers, for XLSX); ``to_html``
prints cleanly (every data string HTML-escaped); ``to_pdf`` renders that HTML with Debian's
chromium headless (no network: the HTML has no external resource).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from parviz import comparison, components, precision, ranking
from parviz.dataset import Dataset
from parviz.export import tables
from parviz.i18n import fmt_number, t

PDF_TIMEOUT = 60  # seconds: chromium prints an annex in ~2 s; a hung browser must not block
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


class PdfError(RuntimeError):
    """The PDF could not be made (no chromium, or it failed)."""


def annex_table(dataset: Dataset, *, year: int, block: str, lang: str) -> pd.DataFrame:
    """Return the annex rows of one block: localised headers, numbers as numbers."""
    ranks = ranking.ranked(dataset, year=year, block=block)  # as the slides and the report
    criteria = dataset.criteria(year, block)
    points = ranking.criterion_points_of(dataset, year=year, block=block)
    wide = points.pivot_table(index="unit_id", columns="criterion_id", values="points",
                              aggfunc="sum")
    decimals = precision.of_rows(ranks)  # every number as published (97,685)
    columns: dict[str, object] = {
        t("export.annex.stt", lang): range(1, len(ranks) + 1),
        t("export.annex.unit", lang): ranks["unit"].astype(str).tolist(),
    }
    for _, criterion in criteria.iterrows():
        cid = str(criterion["criterion_id"])
        header = t("export.annex.criterion", lang, id=cid,
                   max=fmt_number(float(criterion["max_points"]), lang, _decimals(criterion)))
        values = wide[cid].reindex(ranks["unit_id"]) if cid in wide.columns else None
        columns[header] = (
            [None] * len(ranks) if values is None else values.round(decimals).tolist()
        )
    parts = components.split(ranks)  # a total's published split: both parts, side by side
    if parts is not None and ranks["assessed_points"].notna().any():
        columns[t("grades.components.assessed", lang)] = parts["assessed"].round(decimals).tolist()
    if ranks["survey_points"].notna().any():
        columns[t("export.annex.survey", lang)] = ranks["survey_points"].round(decimals).tolist()
    columns[t("export.annex.total", lang)] = ranks["score"].astype(float).round(decimals).tolist()
    columns[t("export.annex.rank", lang)] = ranks["rank"].astype("Int64").tolist()
    if any(comparison.grade_labels(ranks, lang)):
        columns[t("export.annex.grade", lang)] = comparison.grade_labels(ranks, lang)
    if ranks["classification"].notna().any():  # the heads' classification, when published
        columns[t("export.annex.classification", lang)] = [
            comparison.classification_label(c, lang) for c in ranks["classification"]
        ]
    frame = pd.DataFrame(columns)
    frame[t("export.annex.rank", lang)] = frame[t("export.annex.rank", lang)].astype("Int64")
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    return precision.mark(frame, decimals, floats)


def _decimals(criterion: pd.Series) -> int:
    return 0 if float(criterion["max_points"]).is_integer() else 2


def blocks_for(dataset: Dataset, year: int, block: str | None) -> list[str]:
    """Return ``[block]`` or every block scored in ``year``."""
    if block is not None:
        return [block]
    return [b for b in dataset.blocks if year in dataset.years_of(b)]


def to_xlsx(dataset: Dataset, *, year: int, blocks: Sequence[str], lang: str) -> bytes:
    """Return the annex of ``blocks`` as one XLSX sheet (a block column when several)."""
    frames = []
    for block in blocks:
        frame = annex_table(dataset, year=year, block=block, lang=lang)
        if len(blocks) > 1:
            frame.insert(0, t("export.annex.block", lang), dataset.block_name(block, lang))
        frames.append(frame)
    combined = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    for frame in frames:  # each block's decimals; a column shows the most of them
        for column, decimals in frame.attrs.get(precision.ATTR, {}).items():
            shown = combined.attrs.get(precision.ATTR, {}).get(column, 0)
            precision.mark(combined, max(decimals, shown), [column])
    return tables.to_xlsx_bytes(combined, t("export.annex.sheet", lang, year=year))


# --- HTML ---------------------------------------------------------------------------------

_CSS = """
@page { size: A4 landscape; margin: 12mm 10mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #000;
       font-size: 10pt; margin: 0; }
section { page-break-after: always; break-after: page; }
section:last-child { page-break-after: auto; break-after: auto; }
.heading { text-align: right; font-weight: bold; font-style: italic; margin: 0 0 4mm; }
h1 { font-size: 13pt; text-align: center; margin: 0 0 1mm; text-transform: uppercase; }
.subtitle { text-align: center; font-style: italic; margin: 0 0 4mm; }
.illustrative { text-align: center; color: #B33A00; font-weight: bold; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th, td { border: 0.6pt solid #000; padding: 0.9mm 1.4mm; }
td:nth-child(2) { width: 27%; }
td:last-child { width: 17%; }
th { background: #EDEDED; font-weight: bold; text-align: center; vertical-align: middle; }
td.num { text-align: right; white-space: nowrap; }
td.center { text-align: center; }
.legend, .source { font-size: 9pt; margin-top: 3mm; }
"""


def to_html(dataset: Dataset, *, year: int, blocks: Sequence[str], lang: str) -> bytes:
    """Return a printable HTML document with one annex page per block (UTF-8 bytes)."""
    sections = [_section(dataset, year, block, lang) for block in blocks]
    title = html.escape(t("export.annex.page_title", lang, year=year))
    document = (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(sections)
        + "\n</body></html>\n"
    )
    return document.encode("utf-8")


def _section(dataset: Dataset, year: int, block: str, lang: str) -> str:
    frame = annex_table(dataset, year=year, block=block, lang=lang)
    block_name = dataset.block_name(block, lang)
    unit_header = t("export.annex.unit", lang)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = []
    for _, row in frame.iterrows():
        cells = []
        for column, value in row.items():
            if column == unit_header or isinstance(value, str):
                cells.append(f"<td>{html.escape(str(value))}</td>")
            elif pd.isna(value):
                cells.append('<td class="center">–</td>')
            elif isinstance(value, float):
                text = fmt_number(value, lang, precision.column_decimals(frame, column))
                cells.append(f'<td class="num">{text}</td>')
            else:
                cells.append(f'<td class="center">{int(value)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    criteria = dataset.criteria(year, block)
    names = "; ".join(
        f"{c['criterion_id']}: {c['name_en' if lang == 'en' else 'name_vi']}"
        for _, c in criteria.iterrows()
    )
    parts = [
        "<section>",
        f'<p class="heading">{html.escape(t("export.annex.heading", lang))}</p>',
        f"<h1>{html.escape(t('export.annex.title', lang, year=year, block=block_name))}</h1>",
        f'<p class="subtitle">{html.escape(t("export.annex.subtitle", lang, year=year))}</p>',
    ]
    if dataset.illustrative:
        label = html.escape(t("presentation.illustrative", lang))
        parts.append(f'<p class="illustrative">{label}</p>')
    parts += [
        f"<table><thead><tr>{head}</tr></thead><tbody>",
        *body,
        "</tbody></table>",
        f'<p class="legend">{html.escape(t("export.annex.legend", lang, criteria=names))}</p>',
        f'<p class="source">{html.escape(_source(dataset, year, lang))}</p>',
        "</section>",
    ]
    return "\n".join(parts)


def _source(dataset: Dataset, year: int, lang: str) -> str:
    from parviz.storyline import source_line  # the same "Nguồn: …" line as the slides

    return source_line(dataset, year, lang)


# --- PDF ----------------------------------------------------------------------------------


def chromium_path() -> str | None:
    """Return the chromium executable on PATH, or None."""
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def to_pdf(document: bytes, *, timeout: float = PDF_TIMEOUT, lang: str = "vi") -> bytes:
    """Return ``document`` (HTML bytes) printed to PDF by chromium headless.

    Raises PdfError when chromium is missing, fails or takes longer than ``timeout``.
    """
    browser = chromium_path()
    if browser is None:
        raise PdfError(t("export.pdf.no_chromium", lang))
    with tempfile.TemporaryDirectory(prefix="parviz-pdf-") as folder:
        source = Path(folder) / "annex.html"
        target = Path(folder) / "annex.pdf"
        source.write_bytes(document)
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise PdfError(t("export.pdf.failed", lang, error=f"timeout {timeout} s")) from error
        if not target.is_file() or target.stat().st_size == 0:
            raise PdfError(t("export.pdf.failed", lang, error="no output"))
        return target.read_bytes()
