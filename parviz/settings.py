"""parviz's own settings: one declared list, each overridable by an environment variable.

Streamlit's own options (port, theme, upload size) live in `.streamlit/config.toml`.
Values are read on every call, not at import, so a test can change them with monkeypatch.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from parviz import i18n

# The repository root: the bundled sample lives in its data/ folder, next to the package.
REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA = REPO_ROOT / "data"


@dataclass(frozen=True)
class Setting:
    """A setting: its environment variable, default and help text."""

    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        """Return the environment variable that overrides the setting (its name)."""
        return self.name

    def value(self) -> str:
        """Return the environment's value when set and not blank, else the default."""
        return os.environ.get(self.name, "").strip() or self.default


DATA = Setting(
    "PARVIZ_DATA",
    str(BUNDLED_DATA),
    "Dataset to show: a folder of CSV files or one .xlsx workbook; "
    "default: the bundled illustrative sample in data/.",
)
LANG = Setting(
    "PARVIZ_LANG",
    i18n.DEFAULT_LANGUAGE,
    "Default language of the app and the CLI: vi or en (a visitor can switch; ?lang= wins).",
)
ADMIN_PASSWORD = Setting(
    "PARVIZ_ADMIN_PASSWORD",
    "",
    "Password that unlocks importing data in the app; empty disables import.",
)

PUBLIC_URL = Setting(
    "PARVIZ_PUBLIC_URL",
    "",
    "Address at which the hall reaches the app (e.g. http://10.0.0.5/); it puts a QR code of "
    "the live presentation on the title and closing slides; empty: no QR code.",
)
PRESENTER_CODE = Setting(
    "PARVIZ_PRESENTER_CODE",
    "",
    "Code that unlocks driving the live presentation the hall follows (the admin password "
    "works too); empty: only the admin password does.",
)

SETTINGS: tuple[Setting, ...] = (DATA, LANG, ADMIN_PASSWORD, PUBLIC_URL, PRESENTER_CODE)


def data_path() -> Path:
    """Return the dataset path in force (a folder or an .xlsx file), absolute."""
    return Path(DATA.value()).expanduser().resolve()


def language() -> str:
    """Return the default language code; an unsupported value falls back to Vietnamese."""
    return i18n.normalise_language(LANG.value().casefold())


def admin_password() -> str:
    """Return the configured admin password ('' when import is disabled)."""
    return ADMIN_PASSWORD.value()


def import_enabled() -> bool:
    """Return True when an admin password is set, so the app may offer importing data."""
    return admin_password() != ""


def public_url() -> str:
    """Return the app's address as the hall reaches it ('' when not set: no QR code)."""
    return PUBLIC_URL.value()


def presenter_code() -> str:
    """Return the presenter code ('' when only the admin password unlocks presenting)."""
    return PRESENTER_CODE.value()
