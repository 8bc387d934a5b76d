"""The `parviz` command: validate, rank, init, import, undo. Thin over the library."""

from __future__ import annotations

import argparse
import csv
import importlib
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from parviz import grades, i18n, precision, settings
from parviz.export.tables import neutralise
from parviz.importing import ImportOptions, import_table
from parviz.loading import load
from parviz.problems import Problem, has_errors
from parviz.ranking import RANK_KEYS, rank, rank_records
from parviz.storage import init_dataset, undo, undo_problems

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be carried out as written."""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="parviz", description="PAR Index (Chỉ số CCHC) tools", parents=[common_options()]
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    # Every subcommand takes the common options too, so they may follow it (#12).
    after = common_options(argparse.SUPPRESS)
    commands = _WithCommonOptions(subparsers, after)

    validate = commands.add_parser("validate", help="check a dataset and print every problem")
    validate.add_argument("path", nargs="?", type=Path)
    validate.add_argument("--format", choices=("text", "json"), default="text")

    ranking = commands.add_parser("rank", help="print the ranking of a year and block")
    ranking.add_argument("--year", type=int, required=True)
    ranking.add_argument("--block", required=True)
    ranking.add_argument("--format", choices=("table", "json", "csv"), default="table")

    init = commands.add_parser("init", help="create an empty dataset to import into")
    init.add_argument("dir", type=Path)
    init.add_argument("--title", required=True)
    init.add_argument("--region", default="")

    importer = commands.add_parser("import", help="import a published table (xlsx/csv)")
    importer.add_argument("file", type=Path)
    importer.add_argument("--year", type=int, required=True)
    importer.add_argument("--block", required=True)
    importer.add_argument("--sheet")
    importer.add_argument("--create-units", action="store_true")
    importer.add_argument("--replace", action="store_true")
    importer.add_argument("--dry-run", action="store_true")
    importer.add_argument("--column", action="append", default=[], metavar="ROLE=HEADER")
    importer.add_argument("--grades", metavar='"Xuất sắc,Tốt,Khá"', help="grade scale, best first")
    importer.add_argument("--format", choices=("text", "json"), default="text")

    commands.add_parser("undo", help="restore the dataset as it was before the last save")
    for module in command_modules():
        module.add_arguments(commands.add_parser(module.NAME, help=module.HELP))
    return parser


def common_options(default: object = None) -> argparse.ArgumentParser:
    """Return the parent parser of --data and --lang, declared once for every command.

    Under a subcommand the default is SUPPRESS, so an option written before the
    subcommand is not reset by the subcommand's own (absent) copy of it.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data", type=Path, default=default, help="dataset folder (default: $PARVIZ_DATA or data/)"
    )
    common.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=default, help="message language (default: vi)"
    )
    return common


class _WithCommonOptions:
    """Subparsers whose every parser inherits the common options."""

    def __init__(self, subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser):
        self._subparsers, self._parent = subparsers, parent

    def add_parser(self, name: str, **kwargs: object) -> argparse.ArgumentParser:
        """Add a subcommand parser with --data and --lang."""
        return self._subparsers.add_parser(name, parents=[self._parent], **kwargs)


# Subcommands that live in their own modules under parviz/commands/.
COMMAND_MODULES: tuple[str, ...] = ("parviz.commands.findings", "parviz.commands.export")


def command_modules() -> list[ModuleType]:
    """Return the imported subcommand modules."""
    return [importlib.import_module(name) for name in COMMAND_MODULES]


def dataset_path(args: argparse.Namespace) -> Path:
    """Return the dataset folder: --data, else $PARVIZ_DATA, else the bundled sample."""
    return Path(args.data) if args.data else settings.data_path()


def print_problems(problems: list[Problem], lang: str, fmt: str = "text") -> None:
    """Print problems as readable lines (stderr) or JSON records (stdout)."""
    if fmt == "json":
        print(json.dumps([p.to_record(lang) for p in problems], ensure_ascii=False, indent=2))
        return
    for problem in problems:
        print(problem.render(lang), file=sys.stderr)


def cmd_validate(args: argparse.Namespace, lang: str) -> int:
    """Validate a dataset; exit 1 when it has errors."""
    path = args.path or dataset_path(args)
    problems = load(path).problems
    print_problems(problems, lang, args.format)
    if args.format == "text":
        errors = sum(p.is_error for p in problems)
        key = "cli.validate.invalid" if errors else "cli.validate.ok"
        print(i18n.t(key, lang, path=str(path), errors=errors, warnings=len(problems) - errors))
    return EXIT_INVALID if has_errors(problems) else EXIT_OK


def cmd_rank(args: argparse.Namespace, lang: str) -> int:
    """Print the ranking of a year and block."""
    result = load(dataset_path(args))
    if result.dataset is None:
        print_problems(result.problems, lang)
        return EXIT_INVALID
    dataset = result.dataset
    if args.block not in dataset.blocks or args.year not in dataset.years_of(args.block):
        raise UsageError(
            i18n.t(
                "cli.rank.unknown",
                lang,
                year=args.year,
                block=args.block,
                blocks=", ".join(dataset.blocks),
                years=", ".join(map(str, dataset.years)),
            )
        )
    ranking = rank(dataset, year=args.year, block=args.block)
    records, decimals = rank_records(ranking), precision.of_rows(ranking)
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=RANK_KEYS, lineterminator="\n")
        writer.writeheader()
        # A unit named "=HYPERLINK(…)" must stay text in a spreadsheet (#19).
        writer.writerows({k: neutralise(v) for k, v in record.items()} for record in records)
        print(buffer.getvalue(), end="")
    else:
        print(format_table(records, lang, decimals))
    return EXIT_OK


def format_table(records: list[dict], lang: str, decimals: int = 2) -> str:
    """Return the ranking as an aligned text table with localised numbers as published."""
    head = [i18n.t(f"cli.rank.column.{key}", lang) for key in RANK_KEYS if key != "unit_id"]
    lines = [head]
    for record in records:
        lines.append(
            [
                record["unit"],
                i18n.fmt_number(record["score"], lang, decimals),
                i18n.fmt_number(record["index"], lang, decimals),
                str(record["rank"]),
                i18n.t("cli.rank.tied", lang) if record["tied"] else "",
                "–" if record["previous_rank"] is None else str(record["previous_rank"]),
                "–" if record["rank_change"] is None else _signed_int(record["rank_change"]),
                i18n.fmt_signed(record["score_change"], lang, decimals),
                record["grade"] or "",
            ]
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in lines)


def _signed_int(value: int | None) -> str:
    """Return +2 / −2 / 0 (a true minus sign, as in the score change)."""
    if value is None:
        return "–"
    return f"{value:+d}".replace("-", "−") if value else "0"


def cmd_init(args: argparse.Namespace, lang: str) -> int:
    """Create an empty dataset folder."""
    problems = init_dataset(args.dir, args.title, args.region)
    print_problems(problems, lang)
    if has_errors(problems):
        return EXIT_INVALID
    print(i18n.t("cli.init.done", lang, path=str(args.dir)))
    return EXIT_OK


def parse_columns(pairs: list[str], lang: str) -> dict[str, str]:
    """Parse repeated --column ROLE=HEADER options."""
    columns = {}
    for pair in pairs:
        role, sep, header = pair.partition("=")
        if not sep or not role.strip() or not header.strip():
            raise UsageError(i18n.t("cli.import.bad_column", lang, value=pair))
        columns[role.strip()] = header.strip()
    return columns


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    """Import a published table into the dataset."""
    if not args.file.is_file():
        raise UsageError(i18n.t("cli.import.no_file", lang, file=str(args.file)))
    options = ImportOptions(
        year=args.year,
        block=args.block,
        create_units=args.create_units,
        replace=args.replace,
        dry_run=args.dry_run,
        columns=parse_columns(args.column, lang),
        sheet=args.sheet,
        grades=tuple(grades.parse_names(getattr(args, "grades", None) or "")),
    )
    path = dataset_path(args)
    result = import_table(path, args.file.read_bytes(), args.file.name, options)
    print_problems(result.problems, lang, args.format)
    if has_errors(result.problems):
        if args.format == "text":
            print(i18n.t("cli.import.rejected", lang, path=str(path)))
        return EXIT_INVALID
    if args.format == "text":
        key = "cli.import.dry_run" if args.dry_run else "cli.import.done"
        print(
            i18n.t(
                key, lang, count=len(result.rows), year=args.year, block=args.block, path=str(path)
            )
        )
    return EXIT_OK


def cmd_undo(args: argparse.Namespace, lang: str) -> int:
    """Restore the files changed by the last save."""
    refused = undo_problems(dataset_path(args))  # a linked .versions or table file
    if refused:
        print_problems(refused, lang, "text")
        return EXIT_INVALID
    restored = undo(dataset_path(args))
    if restored is None:
        print(i18n.t("cli.undo.nothing", lang), file=sys.stderr)
        return EXIT_INVALID
    print(i18n.t("cli.undo.done", lang, version=restored))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, str], int]] = {
    "validate": cmd_validate,
    "rank": cmd_rank,
    "init": cmd_init,
    "import": cmd_import,
    "undo": cmd_undo,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 invalid input, 2 usage)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    lang = i18n.normalise_language(args.lang or settings.language())
    try:
        handlers = dict(COMMANDS) | {m.NAME: m.run for m in command_modules()}
        return handlers[args.command](args, lang)
    except BrokenPipeError:  # output piped into `head`: not an error of the data
        sys.stderr.close()
        return EXIT_OK
    except UsageError as error:
        print(f"parviz: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, ValueError) as error:  # a file that vanished, a permission, a bad value
        print(i18n.t("cli.failed", lang, error=f"{type(error).__name__}: {error}"), file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
