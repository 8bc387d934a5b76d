"""parviz's own settings: one declared list, each overridable by an environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The repository root (the bundled sample lives in its data/ folder).
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """A setting: its environment variable, default and help text."""

    env: str
    default: str
    help: str

    def value(self) -> str:
        """Return the environment's value, else the default."""
        return os.environ.get(self.env, "").strip() or self.default


DATA = Setting("PARVIZ_DATA", str(REPO_ROOT / "data"),
               "Dataset folder (CSV files) or .xlsx workbook; default: the bundled sample data/.")
LANG = Setting("PARVIZ_LANG", "vi", "Default language of the app and the CLI: vi or en.")
ADMIN_PASSWORD = Setting("PARVIZ_ADMIN_PASSWORD", "",
                         "Password that unlocks import in the app; empty disables import.")

SETTINGS: tuple[Setting, ...] = (DATA, LANG, ADMIN_PASSWORD)


def data_path() -> Path:
    """Return the dataset path in force."""
    return Path(DATA.value())


def language() -> str:
    """Return the default language code."""
    return LANG.value()


def admin_password() -> str:
    """Return the configured admin password ('' when import is disabled)."""
    return ADMIN_PASSWORD.value()
