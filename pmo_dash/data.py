"""Cached, scoped reads for the pages. Every function takes the user's scope: the departments they may see.

Results are cached per (query, scope, parameters, warehouse version), so a rebuilt warehouse is
picked up on the next rerun without a restart, and one user's scope never serves another's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import db
from pmo_dash.settings import get_settings

Scope = tuple[str, ...]


@st.cache_data(ttl=get_settings().cache_ttl_seconds, show_spinner=False, max_entries=2000)
def _cached(name: str, version: str, params: tuple[tuple[str, Any], ...]) -> pl.DataFrame:
    return db.query(get_settings().warehouse, name, dict(params), at_version=version)


def run(name: str, scope: Scope, **params: Any) -> pl.DataFrame:
    """The named query for the departments in `scope` (a query never sees any other)."""
    version = db.version(get_settings().warehouse)
    bound = {"scope": list(scope), **params}
    return _cached(name, version, tuple(sorted((k, _hashable(v)) for k, v in bound.items())))


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def all_departments() -> Scope:
    """Every department in the warehouse: the scope of a user who may see everything."""
    version = db.version(get_settings().warehouse)
    return tuple(_cached("all_department_ids", version, ()).get_column("department_id"))


def departments(scope: Scope) -> pl.DataFrame:
    return run("departments", scope)


def periods(scope: Scope) -> list[dt.date]:
    return run("periods", scope).get_column("period").to_list()


def overview_kpis(scope: Scope, as_of: dt.date) -> dict[str, Any]:
    return run("overview_kpis", scope, as_of=as_of).row(0, named=True)


def rag_mix(scope: Scope, as_of: dt.date) -> pl.DataFrame:
    return run("rag_mix", scope, as_of=as_of)


def watermelons(scope: Scope, as_of: dt.date) -> pl.DataFrame:
    return run("watermelons", scope, as_of=as_of)


def build_info(scope: Scope) -> dict[str, Any]:
    return run("build_info", scope).row(0, named=True)
