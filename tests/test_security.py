"""Hostile data stays text; exports do not run formulas; uploads are bounded; no secret leaks."""

from __future__ import annotations

import ast
import io
import logging
import re
import subprocess
import tomllib
import zipfile

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from parviz import bundle, reading
from parviz.export import tables
from parviz.loading import load_dataset
from parviz.ui import admin
from parviz.ui.navigation import PAGES
from tests.helpers import ROOT, copy_minimal

XSS = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://example.invalid","x")'


@pytest.fixture
def hostile(tmp_path):
    """Return the minimal dataset with a unit named like an HTML tag and one like a formula."""
    folder = copy_minimal(tmp_path)
    units = (folder / "units.csv").read_text(encoding="utf-8")
    units = units.replace("UBND huyện Bắc Hà,Bắc Hà", f"{XSS},{XSS}")
    units = units.replace(
        "UBND huyện Cẩm Lộc,Cẩm Lộc", f'"{FORMULA.replace(chr(34), 2 * chr(34))}",'
    )
    (folder / "units.csv").write_text(units, encoding="utf-8")
    dataset = load_dataset(folder)
    assert {XSS, FORMULA} <= set(dataset.table("units")["name"])
    return folder


def _raw_tag(text: str) -> bool:
    """True when ``text`` holds the tag as live markup (not escaped for Markdown or HTML)."""
    return re.search(r"(?<!\\)<img", text) is not None


@pytest.mark.parametrize("page", [p.script for p in PAGES])
def test_a_hostile_unit_name_is_never_markup_on_any_page(page, hostile, monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", str(hostile))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception
    for kind in ("markdown", "caption", "html", "info", "warning", "success", "error", "title"):
        for element in at.get(kind):
            body = str(getattr(element, "value", "") or getattr(element, "body", ""))
            assert not _raw_tag(body), (page, kind, body[:200])


def _string_constants(tree: ast.Module) -> set[str]:
    """Return the module-level names bound once to a string literal (a stylesheet, say).

    An f-string counts when it only formats module-level literals (a width, a CSS class).
    """
    literals = {  # names bound to a literal (string or number)
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    return {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign) and _literal_text(node.value, literals)
        for target in node.targets
        if isinstance(target, ast.Name)
    }  # fmt: skip


def _literal_text(value: ast.expr, literals: set[str]) -> bool:
    """Return True for a string literal, or an f-string of literals and literal names."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    if not isinstance(value, ast.JoinedStr):
        return False
    return all(
        isinstance(part, ast.Constant)
        or (isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name)
            and part.value.id in literals)
        for part in value.values
    )  # fmt: skip


def _raw_html_calls(tree: ast.Module) -> list[ast.Call]:
    """Return the calls that send raw HTML: ``*.html(...)`` or ``unsafe_allow_html=True``."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == "html")
            or any(k.arg == "unsafe_allow_html" for k in node.keywords)
        )
    ]


def test_unsafe_html_is_used_only_with_escaping():
    # A call that sends raw HTML passes either a string constant of the module (no data can be
    # in it) or lives in a module that escapes what it builds.
    for path in [*(ROOT / "parviz").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        constants = _string_constants(tree)
        for call in _raw_html_calls(tree):
            first = call.args[0] if call.args else None
            if isinstance(first, ast.Name) and first.id in constants:
                continue
            assert "html.escape" in text or "escape(" in text, (path, call.lineno)


def test_dataset_downloads_neutralise_formulas(hostile):
    dataset = load_dataset(hostile)
    archive = zipfile.ZipFile(io.BytesIO(bundle.dataset_zip(dataset)))
    units_csv = archive.read("units.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in units_csv and "\n=HYPERLINK" not in units_csv.replace('"', "")
    assert XSS in units_csv  # kept as text: a CSV is not HTML
    book = openpyxl.load_workbook(io.BytesIO(bundle.dataset_xlsx(dataset)))
    names = [row[2] for row in book["units"].iter_rows(min_row=2, values_only=True)]
    assert "'" + FORMULA in names and FORMULA not in names
    assert all(cell.data_type != "f" for row in book["units"].iter_rows() for cell in row)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1"])
def test_table_exports_neutralise_every_formula_start(value):
    frame = __import__("pandas").DataFrame({"unit": [value], "score": [1.5]})
    assert b"'" + value.encode() in tables.to_csv_bytes(frame)
    book = openpyxl.load_workbook(io.BytesIO(tables.to_xlsx_bytes(frame, "x")))
    assert book.active["A2"].value == "'" + value and book.active["A2"].data_type == "s"


def test_upload_limit_is_configured_and_checked_in_code():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == 20
    assert reading.MAX_UPLOAD_BYTES == 20 * 2**20
    big = b"x" * (reading.MAX_UPLOAD_BYTES + 1)
    assert [p.code for p in reading.check_upload_size(big, "big.csv")] == ["import_too_large"]


def test_no_secret_is_committed():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [name for name in tracked if name.endswith("secrets.toml")]
    pattern = re.compile(r"(parviz_admin_password|PARVIZ_ADMIN_PASSWORD)\s*=\s*['\"][^'\".]+['\"]")
    for name in tracked:
        path = ROOT / name
        if (
            path.suffix in {".py", ".toml", ".sh", ".md", ".yml", ".yaml", ".cfg"}
            and path.is_file()
        ):
            found = pattern.search(path.read_text(encoding="utf-8", errors="replace"))
            assert found is None or "..." in found.group(0), (name, found and found.group(0))


def test_the_password_is_never_logged(tmp_path, monkeypatch, caplog):
    secret = "rất-bí-mật-42"
    monkeypatch.setenv("PARVIZ_ADMIN_PASSWORD", secret)
    monkeypatch.setenv("PARVIZ_DATA", str(copy_minimal(tmp_path)))
    caplog.set_level(logging.DEBUG)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/import.py").run()
    at.text_input(key=admin.PASSWORD_WIDGET).input("sai-" + secret)
    at.button[0].click().run()
    at.text_input(key=admin.PASSWORD_WIDGET).input(secret)
    at.button[0].click().run()
    assert at.session_state[admin.ADMIN_FLAG] is True
    assert secret not in caplog.text
    assert secret not in str(at.query_params)
