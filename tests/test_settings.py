"""Settings (parviz/settings.py): defaults, environment overrides, documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from parviz import settings
from tests.helpers import ROOT

README = ROOT / "README.md"


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_each_setting_is_documented_in_the_readme(setting):
    text = README.read_text(encoding="utf-8")
    assert f"`{setting.name}`" in text, f"{setting.name} is not in README.md"


def test_names_are_unique_and_prefixed():
    names = [setting.name for setting in settings.SETTINGS]
    assert len(names) == len(set(names))
    assert all(name.startswith("PARVIZ_") for name in names)
    assert all(setting.help for setting in settings.SETTINGS)


def test_defaults(monkeypatch):
    for setting in settings.SETTINGS:
        monkeypatch.delenv(setting.name, raising=False)
    assert settings.data_path() == ROOT / "data"
    assert settings.language() == "vi"
    assert settings.admin_password() == ""
    assert not settings.import_enabled()


def test_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("PARVIZ_DATA", str(tmp_path / "mine"))
    monkeypatch.setenv("PARVIZ_LANG", "EN")
    monkeypatch.setenv("PARVIZ_ADMIN_PASSWORD", "s3cret")
    assert settings.data_path() == tmp_path / "mine"
    assert settings.language() == "en"
    assert settings.admin_password() == "s3cret"
    assert settings.import_enabled()


def test_blank_or_unknown_values_fall_back(monkeypatch):
    monkeypatch.setenv("PARVIZ_DATA", "   ")
    monkeypatch.setenv("PARVIZ_LANG", "fr")
    assert settings.data_path() == settings.BUNDLED_DATA
    assert settings.language() == "vi"


def test_relative_data_path_is_made_absolute(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARVIZ_DATA", "data2")
    assert settings.data_path() == Path(tmp_path, "data2").resolve()
