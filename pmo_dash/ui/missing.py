"""What a page says when a portfolio lacks something: what is missing and which return supplies it."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.data import Scope
from pmo_dash.ui import plot

ICON = ":material/inbox:"


def returned(tables: tuple[str, ...], scope: Scope) -> bool:
    """Did any department in scope return rows of any of these tables?"""
    found = data.intake.returned(scope)
    return any(found.get(table) for table in tables)


def say(what: str, tables: tuple[str, ...]) -> None:
    """No such data in view: say so, and which standard returns would supply it."""
    names = " and ".join(f"`{t}`" for t in tables)
    st.info(
        f"No {what} in view: a department's {names} return{'s' if len(tables) > 1 else ''} would supply "
        "them (see docs/data-contract.md).",
        icon=ICON,
    )


def page_needs(what: str, tables: tuple[str, ...], scope: Scope) -> None:
    """Stop a page whose whole subject is missing, saying so, rather than draw empty charts."""
    if not returned(tables, scope):
        say(what, tables)
        st.stop()


def chart(
    build: Callable[..., go.Figure],
    rows: pl.DataFrame,
    empty: str,
    *args,
    counted: str | None = None,
    half: bool = False,
    **kwargs,
) -> None:
    """Draw the chart, or say in words that there is nothing to draw (never bare axes): no rows, or,
    with `counted`, a count that is zero in every row (a trend of periods with nothing open). `half`
    for a chart in a column (`plot.show`)."""
    if rows.is_empty() or (counted is not None and not rows[counted].sum()):
        st.caption(empty)
        return
    plot.show(build(rows, *args, **kwargs), half=half)


# The returns (docs/data-contract.md) that supply each kind of thing a page draws.
SUPPLIED_BY = {
    "benefits": "`benefits` and `benefit_measurements` returns",
    "lessons": "`lessons` return",
    "risks": "`risks` return (and `risk_reviews`)",
    "issues": "`issues` return",
    "stage_gates": "`stage_gates` return",
    "change_requests": "`change_requests` return",
    "compliance_controls": "`compliance_controls` return",
    "capacity": "`capacity` and `demand` returns",
    "demand": "`demand` return",
    "dependencies": "`dependencies` return",
    "proposals": "`proposals` return",
}


def nothing(
    rows: pl.DataFrame, what: str, supply: str, *, alert: bool = False, counted: str | None = None
) -> bool:
    """True, saying so in place of the chart or page, when `rows` is empty (or, with `counted`, counts
    none in every row): no `what` in view, and the return that would supply them."""
    if not rows.is_empty() and (counted is None or rows[counted].sum()):
        return False
    supplied = SUPPLIED_BY.get(supply, f"`{supply}` return")
    text = f"No {what} in view: a department's {supplied} would supply them."
    if alert:
        st.info(text, icon=":material/info:")
    else:
        st.caption(text)
    return True
