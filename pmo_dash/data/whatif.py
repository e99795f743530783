"""What-if reads: the projects a review could fund, their resource plans and the capacity to meet them."""

from __future__ import annotations

import polars as pl
import streamlit as st

from pmo_dash.data.cache import Filters, run, warehouse_version
from pmo_dash.settings import get_settings
from pmo_dash.whatif.levers import Levers
from pmo_dash.whatif.outcome import Outcome, evaluate


def candidates(f: Filters) -> pl.DataFrame:
    return run("whatif/whatif_candidates", f.params())


def uncosted(f: Filters) -> pl.DataFrame:
    """The projects a review could fund but cannot cost (no EAC, no budget), left out of the what-if."""
    return run("whatif/whatif_uncosted", f.params())


def demand(f: Filters) -> pl.DataFrame:
    return run("whatif/whatif_demand", f.params())


def capacity(f: Filters) -> pl.DataFrame:
    return run("whatif/whatif_capacity", f.params())


# About 1.5 MB an entry at the enterprise tier: 64 keep a review's recent moves without eating the
# memory that ten sessions need.
@st.cache_data(show_spinner=False, max_entries=64, ttl=get_settings().cache_ttl_seconds)
def _evaluate(version: str, f: Filters, levers: str) -> Outcome:
    """One scenario, cached per warehouse version, filters and levers (as JSON)."""
    return evaluate(*_inputs(version, f), Levers.from_json(levers))


@st.cache_resource(show_spinner=False, max_entries=16, ttl=get_settings().cache_ttl_seconds)
def _inputs(version: str, f: Filters) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The candidates, their demand and the capacity, shared by every scenario on them and not copied
    for each (a cached query is; for the demand's 116,767 rows at the enterprise tier that took 9 ms
    of every slider step). Nothing changes them in place: the what-if only derives new frames."""
    return candidates(f), demand(f), capacity(f)


def outcome(f: Filters, levers: Levers) -> Outcome:
    """What these levers choose from the projects in view, and what it does; dragging a slider back to
    an earlier value answers from the cache."""
    return _evaluate(warehouse_version(), f, levers.to_json())
