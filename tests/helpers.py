"""Shared test helpers: build datasets from the minimal fixture with one table replaced."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "data" / "minimal"
BAD = ROOT / "tests" / "data" / "bad"
SAMPLE = ROOT / "data"


def copy_minimal(target: Path) -> Path:
    """Copy the minimal dataset into ``target`` and return the new folder."""
    folder = target / "dataset"
    shutil.copytree(MINIMAL, folder)
    return folder


def with_table(target: Path, table: str, content: bytes | str) -> Path:
    """Return a copy of the minimal dataset whose ``table`` file holds ``content``."""
    folder = copy_minimal(target)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / f"{table}.csv").write_bytes(data)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return {relative path: bytes} of every file below ``folder``."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def office_pdf(data: bytes, folder: Path, name: str, *, timeout: int = 180) -> Path:
    """Write ``data`` as ``folder/name`` and return the PDF LibreOffice renders of it.

    As a province's staff would open an export; LibreOffice must be installed (scripts/test.sh).
    """
    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office, "LibreOffice is needed: scripts/test.sh installs it"
    path = folder / name
    path.write_bytes(data)
    subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{folder}/lo",
         "--convert-to", "pdf", "--outdir", str(folder), str(path)],
        check=True, capture_output=True, timeout=timeout,
    )  # fmt: skip
    pdf = path.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf
