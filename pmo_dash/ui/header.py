"""The line under each page title (when, how much, from which returns), and the home page's title."""

from __future__ import annotations

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.auth.roles import User
from pmo_dash.data import Filters
from pmo_dash.periods import label
from pmo_dash.ui import fmt


def caption(f: Filters, what: str) -> None:
    info = data.intake.build_info(f.scope)
    st.caption(
        f"{fmt.plain(what)} · as of {label(f.as_of)} · "
        f"warehouse built {info['built_at']:%-d %b %Y %H:%M} UTC from "
        f"{info['files']} returns ({info['accepted']:,} rows accepted, {info['rejected']:,} rejected)"
    )


TODAY = " (today)"  # after a label whose value returns keep only as it is today


def is_past(f: Filters) -> bool:
    """Whether the view is of an earlier period than the latest: then what returns keep only as it is
    today (a risk's owner, a milestone's forecast) is labelled as today's."""
    known = data.portfolio.periods(f.scope)
    return bool(known) and f.as_of < known[0]


def portfolio_title(user: User, departments: pl.DataFrame) -> str:
    """The home page's title, by what the user sees: the enterprise, one department, or theirs."""
    if user.sees_every_department:
        return "Enterprise portfolio"
    if departments.height == 1:
        return f"{departments['name'][0]} portfolio"
    return "Your departments' portfolio"
