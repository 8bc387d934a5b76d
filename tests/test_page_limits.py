"""Pages read like a table of contents (#17): short scripts that lay out a view model."""

from __future__ import annotations

import ast

import pytest

from tests.helpers import ROOT

# Every page: its logic is in parviz/views (#17).
LAID_OUT = ["profile", "rank_changes", "data", "criteria", "overview", "rankings", "presentation",
            "import"]
MAX_LINES, MAX_FUNCTION = 60, 15


def source_of(page: str) -> str:
    return (ROOT / "pages" / f"{page}.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", LAID_OUT)
def test_page_is_short(page: str) -> None:
    lines = [line for line in source_of(page).splitlines() if line.strip()]
    assert len(lines) <= MAX_LINES


@pytest.mark.parametrize("page", LAID_OUT)
def test_page_imports_no_pandas_and_has_short_functions(page: str) -> None:
    tree = ast.parse(source_of(page))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module)])
    }
    assert not imported & {"pandas", "numpy"}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            assert node.end_lineno - node.lineno + 1 <= MAX_FUNCTION, node.name


def test_every_page_is_held_to_the_limits() -> None:
    assert sorted(LAID_OUT) == sorted(path.stem for path in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("script", [f"pages/{page}.py" for page in LAID_OUT] + ["app.py"])
def test_nothing_is_shown_by_magic(script: str) -> None:
    # Streamlit's "magic" is off (.streamlit/config.toml, #16): a bare expression would show
    # nothing. Every statement that shows something calls st.* (or a parviz helper).
    tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
    bare = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and not isinstance(node.value, ast.Call | ast.Await)
        and not (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str))
    ]
    assert bare == []


def test_magic_is_off() -> None:
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False
