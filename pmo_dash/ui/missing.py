"""What a page shows where the returns in view hold nothing to draw: what is missing and which return
would supply it, never bare axes or a row of zeros (oversight-level returns carry no risks, benefits
or lessons)."""

from __future__ import annotations

import polars as pl
import streamlit as st

# The returns (docs/data-contract.md) that supply each kind of thing a page draws.
SUPPLIED_BY = {
    "benefits": "`benefits` and `benefit_measurements` returns",
    "lessons": "`lessons` return",
    "risks": "`risks` return (and `risk_reviews`)",
    "issues": "`issues` return",
}


def nothing(
    rows: pl.DataFrame, what: str, supply: str, *, alert: bool = False, counted: str | None = None
) -> bool:
    """True, saying so in place of the chart or page, when `rows` is empty (or, with `counted`, counts
    none in every row): no `what` in view, and the return that would supply them."""
    if not rows.is_empty() and (counted is None or rows[counted].sum()):
        return False
    text = f"No {what} in view: a department's {SUPPLIED_BY[supply]} would supply them."
    if alert:
        st.info(text, icon=":material/info:")
    else:
        st.caption(text)
    return True
