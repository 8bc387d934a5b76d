"""The core (everything but parviz.ui) imports and works without Streamlit."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT

# Block streamlit (a None entry in sys.modules makes `import streamlit` raise ImportError),
# then import every module of parviz outside parviz.ui, and load the minimal dataset.
SCRIPT = """
import importlib, pkgutil, sys
sys.modules["streamlit"] = None
import parviz

def modules(package):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name == "parviz.ui":
            continue
        module = importlib.import_module(info.name)
        yield info.name
        if info.ispkg:
            yield from modules(module)

names = list(modules(parviz))
from pathlib import Path
from parviz import loading, ranking
dataset = loading.load_dataset(Path("tests/data/minimal"))
assert len(ranking.rank(dataset, year=2021, block="district")) == 3
assert "streamlit" not in {name.split(".")[0] for name in sys.modules if sys.modules[name]}
print(" ".join(names))
"""


def test_core_imports_without_streamlit():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    assert {"parviz.dataset", "parviz.loading", "parviz.ranking", "parviz.settings"} <= imported
    assert {"parviz.i18n", "parviz.overview", "parviz.provenance"} <= imported
    assert not any(name.startswith("parviz.ui") for name in imported)


def test_streamlit_is_imported_only_under_parviz_ui():
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "parviz").rglob("*.py"))
        if "ui" not in path.relative_to(ROOT / "parviz").parts[:1]
        and any(
            line.strip().startswith(("import streamlit", "from streamlit"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
