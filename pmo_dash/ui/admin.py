"""The admin page's parts: the build, a rebuild, and the users."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import intake
from pmo_dash.auth.config import AuthConfig
from pmo_dash.auth.roles import ROLES
from pmo_dash.settings import Settings
from pmo_dash.ui import fmt, login, tables

_NOTICE = "_admin_notice"


def build_summary(info: dict[str, Any], settings: Settings) -> None:
    st.caption(
        f"Built {info['built_at']:%-d %b %Y %H:%M} UTC from {fmt.plain(str(info['source_dir']))}: "
        f"{info['files']} returns, {info['rows_read']:,} rows read, {info['accepted']:,} accepted, "
        f"{info['rejected']:,} rejected (validation report: {fmt.plain(str(settings.report))})."
    )


def rebuild(settings: Settings) -> None:
    """Button callback: build a new warehouse from the configured returns, in a process of its own (a
    huge return must not take the server down), before the page is drawn again, so that the summary
    below shows the new build. The old one serves until the new one is ready, and if it never is."""
    outcome = intake.rebuild(settings)
    if outcome.ok:
        st.session_state[_NOTICE] = (
            "success",
            f"The warehouse was {outcome.message}. Every page now reads the new warehouse.",
        )
    else:
        st.session_state[_NOTICE] = (
            "error",
            f"The rebuild failed, and the previous warehouse is still serving: {outcome.message}.",
        )


def notice() -> None:
    if said := st.session_state.pop(_NOTICE, None):
        getattr(st, said[0])(fmt.plain(said[1]))


def users_table(config: AuthConfig, settings: Settings) -> None:
    records, _, attempts = login.directory(config)
    lockout, now = settings.login_lockout_minutes * 60, time.time()
    status = {name: attempts.status(name, lockout, now) for name in records}

    def locked_until(name: str) -> str:
        until = status[name][1]
        return "" if until is None else f"{dt.datetime.fromtimestamp(until, dt.UTC):%H:%M}"

    table = pl.DataFrame(
        [
            {
                "username": name,
                "name": r.name,
                "roles": ", ".join(r.replace("_", " ") for r in r.roles),
                "departments": "all"
                if any(ROLES[role].sees_every_department for role in r.roles)
                else ", ".join(r.departments) or "none",
                "failed logins": status[name][0],
                "locked until (UTC)": locked_until(name),
            }
            for name, r in sorted(records.items())
        ]
    )
    st.dataframe(
        table,
        hide_index=True,
        placeholder=tables.MISSING,
        column_config={"locked until (UTC)": st.column_config.TextColumn(help="Empty: not locked")},
    )
    if config.demo:
        ignored = (
            f" ({fmt.plain(str(settings.users_file))} is ignored)" if settings.users_file.exists() else ""
        )
        st.caption(f"Demo mode: these are the demo users, fixed in the code{ignored}.")
    else:
        st.caption(
            f"From {fmt.plain(str(config.users_file))}. Add, change or remove users on the server with "
            "`python -m pmo_dash users add|passwd|remove|list`; a reset password also lifts a lock-out."
        )
