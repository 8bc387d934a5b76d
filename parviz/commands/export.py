"""`parviz export`: a year's results as PowerPoint, Excel, printable HTML, PDF or a Word report.

    parviz export --year 2021 --format pptx --out ket-qua-2021.pptx [--block district]

All blocks scored that year by default. The same functions serve the app's download buttons.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from parviz import hall, i18n, settings, storyline
from parviz.cli import EXIT_INVALID, EXIT_OK, UsageError, dataset_path, print_problems
from parviz.dataset import Dataset
from parviz.export import annex, pptx, report_docx
from parviz.loading import load

NAME = "export"
HELP = "export a year's results to pptx, xlsx, html, pdf or a docx report"
FORMATS = ("pptx", "xlsx", "html", "pdf", "docx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `parviz export`."""
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument("--out", type=Path, required=True, help="file to write")
    parser.add_argument("--block", help="one block (default: every block of the year)")
    parser.add_argument("--spotlight", action="append", default=[], metavar="UNIT_ID",
                        help="add a slide about this unit (pptx; repeatable)")
    # --data and --lang come from the common options (cli.common_options), before or after.


def export_bytes(dataset: Dataset, *, year: int, fmt: str, block: str | None, lang: str,
                 spotlights: list[str] = ()) -> bytes:
    """Return the export of ``year`` in ``fmt`` (one block or all)."""
    blocks = annex.blocks_for(dataset, year, block)
    if fmt == "pptx":
        story = storyline.build(dataset, year=year, lang=lang, blocks=blocks,
                                spotlights=list(spotlights))
        story = hall.with_link(story, settings.public_url())  # QR code: PARVIZ_PUBLIC_URL
        return pptx.build_deck(story, dataset)
    if fmt == "docx":
        return report_docx.build_report(dataset, year=year, lang=lang, blocks=blocks)
    if fmt == "xlsx":
        return annex.to_xlsx(dataset, year=year, blocks=blocks, lang=lang)
    document = annex.to_html(dataset, year=year, blocks=blocks, lang=lang)
    if fmt == "html":
        return document
    return annex.to_pdf(document, lang=lang)


def run(args: argparse.Namespace, lang: str) -> int:
    """Write the export to --out."""
    result = load(dataset_path(args))
    if result.dataset is None:
        print_problems(result.problems, lang)
        return EXIT_INVALID
    dataset = result.dataset
    known_block = args.block is None or args.block in dataset.blocks
    if not known_block or not annex.blocks_for(dataset, args.year, args.block) or (
        args.block is not None and args.year not in dataset.years_of(args.block)
    ):
        raise UsageError(
            i18n.t("export.cli.unknown", lang, year=args.year, block=args.block or "*",
                   blocks=", ".join(dataset.blocks), years=", ".join(map(str, dataset.years)))
        )
    try:
        data = export_bytes(dataset, year=args.year, fmt=args.format, block=args.block,
                            lang=lang, spotlights=args.spotlight)
    except (annex.PdfError, report_docx.ReportError) as error:
        print(f"parviz: {error}", file=sys.stderr)
        return EXIT_INVALID
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(i18n.t("export.cli.done", lang, path=str(args.out), size=len(data)))
    return EXIT_OK
