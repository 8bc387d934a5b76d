"""Contract tests of the catalogs and the number formats (parviz/i18n.py, parviz/locales/)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from parviz import i18n
from parviz.i18n import fmt_number, fmt_percent, fmt_signed, plotly_separators

PACKAGE = Path(i18n.__file__).resolve().parent
CATALOG = i18n.catalog()


def placeholders(template: str) -> set[str]:
    """Return the {names} a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = CATALOG[key]
    assert set(entry) == {"vi", "en"}, f"{key}: languages {sorted(entry)}"
    assert entry["vi"].strip() and entry["en"].strip(), f"{key}: empty message"
    assert placeholders(entry["vi"]) == placeholders(entry["en"]), key


def test_every_message_formats_with_its_own_placeholders():
    for key, entry in CATALOG.items():
        for lang, template in entry.items():
            params = {name: "x" for name in placeholders(template)}
            assert template.format(**params), f"{key} [{lang}]"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (91.53, "vi", "91,53"),
        (91.53, "en", "91.53"),
        (12345.678, "vi", "12.345,68"),
        (12345.678, "en", "12,345.68"),
        (85.8, "vi", "85,80"),
        (0, "vi", "0,00"),
        (None, "vi", "–"),
        (float("nan"), "en", "–"),
    ],
)
def test_fmt_number(value, lang, expected):
    assert fmt_number(value, lang) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(1.2, "+1,20"), (-0.5, "−0,50"), (0.0, "0,00"), (None, "–")]
)
def test_fmt_signed_vi(value, expected):
    assert fmt_signed(value, "vi") == expected


def test_fmt_percent_and_plotly_separators():
    assert fmt_percent(81.33, "vi") == "81,33%"
    assert fmt_percent(81.33, "en") == "81.33%"
    assert plotly_separators("vi") == ",."
    assert plotly_separators("en") == ".,"


def test_t_localises_float_params_and_falls_back_to_vietnamese():
    assert i18n.t("problem.where.row", "vi", row=91.53) == "dòng 91,53"
    assert i18n.t("problem.where.row", "en", row=91.53) == "row 91.53"
    assert i18n.t("ui.filter.year", "fr") == i18n.t("ui.filter.year", "vi") == "Năm"
    with pytest.raises(KeyError):
        i18n.t("ui.no.such.key", "vi")


# --- every problem code raised in parviz/ has a rule and a fix --------------------------------

_LITERAL_CODE = re.compile(r"""Problem\(\s*["']([a-z0-9_]+)["']""")


def _code_parameters(trees: list[ast.Module]) -> dict[str, int]:
    """Return {function name: position of its ``code`` parameter} over every function defined."""
    found = {"Problem": 0}  # the dataclass: code is its first field
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [arg.arg for arg in node.args.posonlyargs + node.args.args]
                if "code" in names:
                    found[node.name] = names.index("code")
    return found


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _string_constants(node: ast.AST) -> set[str]:
    """Return the string constants of a literal or of a conditional between literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _string_constants(node.body) | _string_constants(node.orelse)
    return set()


def problem_codes_in_source() -> set[str]:
    """Return every problem code written literally in parviz/**.py.

    Found as the `code` argument of any call to Problem or to a helper with a `code` parameter,
    as a literal assigned to a variable named `code`, and by the plain `Problem("code"` pattern.
    """
    sources = [path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))]
    trees = [ast.parse(source) for source in sources]
    positions = _code_parameters(trees)
    codes: set[str] = set()
    for source, tree in zip(sources, trees):
        codes |= set(_LITERAL_CODE.findall(source))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called_name(node) in positions:
                position = positions[_called_name(node)]
                if len(node.args) > position:
                    codes |= _string_constants(node.args[position])
                for keyword in node.keywords:
                    if keyword.arg == "code":
                        codes |= _string_constants(keyword.value)
            elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "code" for target in node.targets
            ):
                codes |= _string_constants(node.value)
    return codes


def test_problem_codes_are_found_in_the_source():
    codes = problem_codes_in_source()
    # Codes raised in three different ways: literal Problem(...), a helper, a `code =` variable.
    assert {"dataset_missing", "unknown_block", "value_negative"} <= codes


@pytest.mark.parametrize("code", sorted(problem_codes_in_source()))
def test_every_problem_code_has_a_rule_and_a_fix(code):
    assert i18n.has(f"problem.{code}.rule"), f"problem.{code}.rule missing"
    assert i18n.has(f"problem.{code}.fix"), f"problem.{code}.fix missing"


def test_every_problem_message_has_both_a_rule_and_a_fix():
    codes = {key.split(".")[1] for key in CATALOG if key.startswith("problem.")}
    codes -= {"severity", "where"}
    for code in codes:
        assert i18n.has(f"problem.{code}.rule") and i18n.has(f"problem.{code}.fix"), code
