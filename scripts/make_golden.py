"""Regenerate the golden findings texts in tests/golden/ from the bundled sample data.

Run it only on purpose, after a deliberate change to the findings rules, templates or sample
data, and read the diff before committing: `python scripts/make_golden.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parviz import findings, i18n  # noqa: E402
from parviz.commands.findings import text_report  # noqa: E402
from parviz.loading import load_dataset  # noqa: E402

YEAR = 2021
GOLDEN = ROOT / "tests" / "golden"


def main() -> None:
    """Write tests/golden/findings_<YEAR>_<lang>.txt for every language."""
    dataset = load_dataset(ROOT / "data")
    found = findings.findings(dataset, year=YEAR)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for lang in i18n.LANGUAGES:
        path = GOLDEN / f"findings_{YEAR}_{lang}.txt"
        path.write_text(text_report(dataset, found, dataset.blocks, YEAR, lang) + "\n", "utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
