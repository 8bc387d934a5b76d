"""`parviz findings`: the key findings of a year as sentences (text) or records (JSON)."""

from __future__ import annotations

import argparse
import json

from parviz import findings, i18n
from parviz.cli import EXIT_INVALID, EXIT_OK, UsageError, dataset_path, print_problems
from parviz.dataset import Dataset
from parviz.loading import load

NAME = "findings"
HELP = "print the key findings of a year (who leads, rose, fell, tied, is last)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `parviz findings`."""
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--block", help="one block (default: every block)")
    # --data and --lang come from the common options (cli.common_options), before or after.
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace, lang: str) -> int:
    """Print the findings of --year (and --block) in the chosen language and format."""
    result = load(dataset_path(args))
    if result.dataset is None:
        print_problems(result.problems, lang)
        return EXIT_INVALID
    dataset = result.dataset
    blocks = _blocks(dataset, args.year, args.block, lang)
    found = [f for b in blocks for f in findings.findings(dataset, year=args.year, block=b)]
    if args.format == "json":
        records = [f.record(findings.render(f, dataset, lang)) for f in found]
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        print(text_report(dataset, found, blocks, args.year, lang))
    return EXIT_OK


def _blocks(dataset: Dataset, year: int, block: str | None, lang: str) -> list[str]:
    """Return the blocks scored in ``year`` (just ``block`` when given); refuse unknown ones."""
    blocks = [b for b in dataset.blocks if year in dataset.years_of(b)]
    if block is not None:
        blocks = [b for b in blocks if b == block]
    if not blocks:
        raise UsageError(
            i18n.t(
                "findings.cli.unknown",
                lang,
                year=year,
                block=f", '{block}'" if block else "",
                blocks=", ".join(dataset.blocks),
                years=", ".join(map(str, dataset.years)),
            )
        )
    return blocks


def text_report(
    dataset: Dataset, found: list[findings.Finding], blocks: list[str], year: int, lang: str
) -> str:
    """Return the findings as plain text: a heading per block, then one sentence a line."""
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        name = dataset.block_name(block, lang)
        lines.append(i18n.t("findings.cli.heading", lang, block=name, year=year))
        lines += [f"- {findings.render(f, dataset, lang)}" for f in found if f.block == block]
    if dataset.illustrative:
        lines += ["", i18n.t("findings.illustrative_note", lang)]
    return "\n".join(lines)
