"""The login gate: who is signed in, the login form for everyone else, and logging out.

streamlit-authenticator 0.4.2 keeps the session (`authentication_status`, `username`) and reads the
re-login cookie; we draw our own form and check passwords ourselves (`pmo_dash.auth.gate`), so that
every refusal gets its own message and takes the same time, and check what it does not: over-long
passwords (bcrypt refuses them), lock-out expiry, users since removed, logouts before a restart.

The users and the failed-attempt counts are shared by every session of the server (cached per
users-file version), so that failed attempts count across sessions and the lock-out means
something. A new users file (any `python -m pmo_dash users` change) starts the count afresh.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import time
from pathlib import Path

import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.models import CookieModel
from streamlit_authenticator.utilities import LoginError

from pmo_dash.auth import gate, users
from pmo_dash.auth.attempts import LoginAttempts
from pmo_dash.auth.config import AuthConfig
from pmo_dash.auth.logouts import LogoutStore
from pmo_dash.auth.roles import User
from pmo_dash.settings import Settings
from pmo_dash.ui import cookie, fmt, warmup

USERNAME, PASSWORD, SUBMIT, LOGOUT = "login_username", "login_password", "login_submit", "logout_button"
_NOTICE, _SUBMITTED, _LEAVING = "_login_notice", "_login_submitted", "_logout_requested"
_SINCE, _REALM = "_logged_in_at", "_logged_in_with"

log = logging.getLogger(__name__)


def _flag(name: str) -> None:
    """Widget callback: note the click, to act on at the top of the next run, before anything is drawn."""
    st.session_state[name] = True


@st.cache_resource(show_spinner=False, max_entries=4)
def _directory(path: str, version: int) -> tuple[dict[str, users.UserRecord], dict, LoginAttempts]:
    """The users, the credentials dict streamlit-authenticator reads, and the failed-attempt counts,
    per file version."""
    records = users.load(Path(path))
    return records, users.credentials(records), LoginAttempts()


def directory(config: AuthConfig) -> tuple[dict[str, users.UserRecord], dict, LoginAttempts]:
    return _directory(str(config.users_file), config.users_file.stat().st_mtime_ns)


def _realm(config: AuthConfig) -> str:
    """Which users a login was checked against: a demo login is no login once demo mode is off."""
    return f"{config.cookie_name}:{config.users_file}"


def require_user(config: AuthConfig, settings: Settings) -> User | None:
    """The signed-in user; or, for anyone else, the login form and None."""
    records, credentials, attempts = directory(config)
    logouts = LogoutStore(settings.sessions)
    cookie.read_from_the_request()
    authenticator = stauth.Authenticate(  # once per run; its cookie manager draws nothing (ui/cookie.py)
        credentials,
        config.cookie_name,
        config.cookie_key,
        settings.cookie_expiry_days,
        auto_hash=False,
        login_sleep_time=0,
    )
    model = authenticator.cookie_controller.cookie_model
    if st.session_state.pop(_LEAVING, False) and st.session_state.get("authentication_status"):
        # The browser deletes the cookie when the writer drawn for it runs (ui/cookie.py); a reload or a
        # closed tab can beat it, so the server also refuses this user's earlier cookies and sessions,
        # after a restart too.
        _record_logout(logouts, config, credentials, st.session_state["username"])
        cookie.forget()
        authenticator.logout(location="unrendered")
        st.session_state[_NOTICE] = ("success", "You have logged out.")
    message = None
    if not st.session_state.get("authentication_status"):
        token = authenticator.cookie_controller.get_cookie()
        if token and _revoked(token, records, credentials, logouts, config, settings):
            authenticator.cookie_controller.delete_cookie()
        elif token:
            try:
                authenticator.login(location="unrendered")  # the re-login cookie
                st.session_state[_REALM] = _realm(config)
            except LoginError:  # it names a user no longer in the file
                authenticator.cookie_controller.delete_cookie()
        if st.session_state.pop(_SUBMITTED, False):
            message = _attempt(model, records, attempts, config, settings)
    username = st.session_state.get("username") if st.session_state.get("authentication_status") else None
    if username and st.session_state.setdefault(_REALM, _realm(config)) != _realm(config):
        cookie.forget()
        authenticator.logout(location="unrendered")
        username, message = None, "The login settings of this server have changed. Log in again."
    if username and username not in records:
        cookie.forget()
        authenticator.logout(location="unrendered")
        username, message = None, "Your account no longer exists. Ask an admin."
    if username:
        logged_in_at = st.session_state.setdefault(_SINCE, time.time())
        if logged_in_at <= _not_before(username, records, credentials, logouts, config):
            cookie.forget()
            authenticator.logout(location="unrendered")  # also deletes the cookie
            username, message = (
                None,
                "You were logged out (a password change or a logout elsewhere). Log in again.",
            )
    if username:
        cookie.write_issued()
        st.session_state.pop(_NOTICE, None)
        return users.user(username, records[username])
    for key in (_SINCE, _REALM):
        st.session_state.pop(key, None)
    _form(message, config)
    return None


def _record_logout(logouts: LogoutStore, config: AuthConfig, credentials: dict, username: str) -> None:
    now = time.time()
    # In memory as well: should the store fail, this server still refuses the user's earlier logins.
    credentials["usernames"].get(username, {})["signed_out_at"] = now
    try:
        logouts.record(config.cookie_name, username, now)
    except (OSError, sqlite3.Error) as err:
        log.error("Could not record the logout of %s in %s: %s", username, logouts.path, err)


def _not_before(
    username: str,
    records: dict,
    credentials: dict,
    logouts: LogoutStore,
    config: AuthConfig,
    if_unreadable: float = 0.0,
) -> float:
    """Logins of this user from before this moment no longer count: their last logout (kept in the
    sessions store, so it outlives a restart) or the last password change (kept in the users file)."""
    signed_out = credentials["usernames"].get(username, {}).get("signed_out_at", 0.0)
    try:
        stored = logouts.logged_out_at(config.cookie_name, username)
    except (OSError, sqlite3.Error) as err:
        log.error("Could not read the logouts in %s: %s", logouts.path, err)
        stored = if_unreadable
    return max(signed_out, stored, records[username].valid_after if username in records else 0.0)


def _revoked(
    token: dict,
    records: dict,
    credentials: dict,
    logouts: LogoutStore,
    config: AuthConfig,
    settings: Settings,
) -> bool:
    """Was this login cookie issued before its user last logged out or changed password?"""
    username = token.get("username")
    issued = token.get("exp_date", 0) - settings.cookie_expiry_days * 86400
    # A store that cannot be read might hold this cookie's logout: refuse it; the password still works.
    latest = _not_before(username, records, credentials, logouts, config, if_unreadable=math.inf)
    return username not in records or issued <= latest


def _attempt(
    model: CookieModel, records: dict, attempts: LoginAttempts, config: AuthConfig, settings: Settings
) -> str | None:
    """Try the submitted username and password; the message to show when they are refused."""
    username = (st.session_state.get(USERNAME) or "").strip().lower()
    password = (st.session_state.get(PASSWORD) or "").strip()  # as streamlit-authenticator reads it
    st.session_state[PASSWORD] = ""  # never kept, never shown again
    if not username or not password:
        return "Enter your username and password."
    size = len(password.encode())
    if size > users.BCRYPT_MAX_BYTES:
        return (
            f"That password is {size} bytes long, and no PMO Dash password is longer than "
            f"{users.BCRYPT_MAX_BYTES} bytes: check that you typed or pasted the right one."
        )
    refused = gate.check(
        username, password, records, attempts, settings.max_login_attempts, settings.login_lockout_minutes
    )
    if refused:
        return refused
    record = records[username]
    # What streamlit-authenticator's own login sets, so that its logout and cookie work as they would.
    st.session_state.update(
        authentication_status=True,
        username=username,
        name=record.name,
        email=record.email,
        roles=record.roles,
    )
    st.session_state[_SINCE] = time.time()
    st.session_state[_REALM] = _realm(config)
    cookie.issue(model, username)
    return None


def _form(message: str | None, config: AuthConfig) -> None:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title("PMO Dash")
        st.caption("The integrated IT PMO's portfolio dashboard. Log in to see your departments.")
        with st.form("login"):
            st.text_input("Username", key=USERNAME, autocomplete="username")
            st.text_input("Password", type="password", key=PASSWORD, autocomplete="current-password")
            st.form_submit_button(
                "Log in",
                key=SUBMIT,
                type="primary",
                icon=":material/login:",
                on_click=_flag,
                args=(_SUBMITTED,),
            )
        if message:
            st.error(message, icon=":material/lock:")
        elif notice := st.session_state.pop(_NOTICE, None):
            getattr(st, notice[0])(notice[1])
        if config.demo:
            demo_users = (
                "Log in as `exec`, `fin_head`, `hr_head`, `viewer` or `admin`; each password is `demo-` and "
                "the username (e.g. `demo-exec`)."
            )
            if config.demo_data:
                st.info(
                    f"**Demo mode**, on the shipped demo data. {demo_users} Never use demo mode with real "
                    "returns.",
                    icon=":material/science:",
                )
            else:
                # Forced on (PMO_DEMO=true) over other data: never claim it is the demo's.
                st.warning(
                    f"**Demo mode** is switched on for data that is not the shipped demo: anyone can log in "
                    f"with the published demo passwords. {demo_users}",
                    icon=":material/science:",
                )
    warmup.scripts()  # plotly.js, the data grid and pickers, fetched and compiled while the password is typed


def sidebar(user: User, demo: bool) -> None:
    """Who is signed in, as what, and the way out."""
    with st.sidebar:
        st.divider()
        roles = ", ".join(r.replace("_", " ") for r in user.roles)
        where = ", ".join(user.departments) or "no department"
        if user.sees_every_department:
            where = "every department"
        st.caption(f"Signed in as **{fmt.plain(user.name)}** ({roles}; {fmt.plain(where)})")
        st.button("Log out", key=LOGOUT, icon=":material/logout:", on_click=_flag, args=(_LEAVING,))
        if demo:
            st.caption(":material/science: Demo mode: demo users, published passwords. Not for real data.")
