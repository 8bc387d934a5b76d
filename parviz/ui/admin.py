"""Who may change the data: one administrator password, checked in constant time.

The password comes from PARVIZ_ADMIN_PASSWORD or, failing that, from Streamlit's secrets
(``.streamlit/secrets.toml``, key ``parviz_admin_password``). With neither, importing is
disabled. A successful login sets a flag in the visitor's own session state; every function
that writes data calls :func:`require_admin` first, so hiding a button is never the only guard.
The password is never logged, put in a URL or echoed back.
"""

from __future__ import annotations

import hmac
import logging

import streamlit as st

from parviz import lockout, settings
from parviz.i18n import t

log = logging.getLogger(__name__)

ADMIN_FLAG = "_parviz_admin"
SECRET_KEY = "parviz_admin_password"
PASSWORD_WIDGET = "_parviz_admin_password_input"
SESSION_GATE = "_parviz_admin_gate"


class NotAdmin(PermissionError):
    """Raised when a session that has not logged in as administrator tries to write data."""


def configured_password() -> str:
    """Return the administrator password in force ('' when importing is disabled)."""
    from_env = settings.admin_password()
    if from_env:
        return from_env
    try:
        value = st.secrets.get(SECRET_KEY, "")
    except Exception:  # no secrets.toml, or an unreadable one: import stays disabled
        return ""
    return str(value).strip() if value else ""


def import_enabled() -> bool:
    """Return True when an administrator password is configured."""
    return configured_password() != ""


def password_matches(given: str, configured: str) -> bool:
    """Compare in constant time; an empty configured password never matches."""
    if not configured:
        return False
    return hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8"))


def is_admin() -> bool:
    """Return True when this session logged in (and a password is still configured)."""
    return bool(st.session_state.get(ADMIN_FLAG)) and import_enabled()


def require_admin() -> None:
    """Raise NotAdmin unless this session is an administrator's."""
    if not is_admin():
        log.warning("a write was attempted by a session that is not an administrator")
        raise NotAdmin("administrator login required")


def login_form(lang: str) -> bool:
    """Draw the password form when needed; return True when the session is an administrator's."""
    if is_admin():
        if st.button(t("import.admin.logout", lang), key="_parviz_admin_logout"):
            st.session_state[ADMIN_FLAG] = False
            st.rerun()
        return True
    with st.form("_parviz_admin_login"):
        given = st.text_input(
            t("import.admin.password", lang), type="password", key=PASSWORD_WIDGET
        )
        submitted = st.form_submit_button(t("import.admin.login", lang))
    if submitted:
        _check(given, lang)
    return False


def session_gate() -> lockout.Gate:
    """Return this session's gate (its own count of wrong passwords)."""
    if not isinstance(st.session_state.get(SESSION_GATE), lockout.Gate):
        st.session_state[SESSION_GATE] = lockout.Gate(lockout.SESSION_POLICY)
    return st.session_state[SESSION_GATE]


def must_wait(lang: str, what: str) -> bool:
    """Say so and return True when the session or the process must wait before a guess.

    ``what`` names the gate in the server log ("admin login", "presenter unlock"): both share
    the same guess budget (lockout.SESSION_POLICY per session, PROCESS_GATE per process).
    """
    wait = max(session_gate().retry_after(), lockout.PROCESS_GATE.retry_after())
    if wait <= 0:
        return False
    log.warning("%s refused without checking: %.0f s to wait", what, wait)
    key = "security.admin.locked" if wait > 60 else "security.admin.wait"
    st.error(t(key, lang, seconds=int(wait + 0.999), minutes=int(wait / 60 + 0.999)),
             icon=":material/lock_clock:")  # fmt: skip
    return True


def _check(given: str, lang: str) -> None:
    """Log in on the right password, unless the session or the process must wait first."""
    if must_wait(lang, "admin login"):
        return
    gate = session_gate()
    if password_matches(given, configured_password()):
        gate.reset()
        st.session_state[ADMIN_FLAG] = True
        st.session_state.pop(PASSWORD_WIDGET, None)  # keep no copy of the password
        st.rerun()
    # The guess is never logged: it may be the password with a typo.
    log.warning(
        "admin login failed: %d wrong in this session, %d in the process (last %d min)",
        gate.failed(), lockout.PROCESS_GATE.failed(), lockout.PROCESS_POLICY.window // 60,
    )  # fmt: skip
    st.error(t("import.admin.wrong", lang), icon=":material/lock:")
