"""The one cache every read goes through, and the filters every read takes.

Results are cached per (query, parameters, warehouse version), and the scope is a parameter, so
a rebuilt warehouse is picked up on the next rerun without a restart and one user's scope never
serves another's. Pages call these functions; they never see SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import db
from pmo_dash.settings import get_settings

Scope = tuple[str, ...]


@dataclass(frozen=True)
class Filters:
    """What a page shows: the departments in view (never beyond the user's scope), the period, and
    optionally one programme and one strategic objective."""

    scope: Scope
    as_of: dt.date
    programme: str | None = None
    objective: str | None = None

    def params(self, **more: Any) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "as_of": self.as_of,
            "programme": self.programme,
            "objective": self.objective,
            **more,
        }

    def within(self, departments: Scope) -> Filters:
        """The same filters, narrowed to some departments (never widened)."""
        return replace(self, scope=tuple(d for d in self.scope if d in departments))


# A cached read's key is the text of its parameters, not Streamlit's hash of them: Streamlit hashes an
# argument value by value, 1.2 ms for a scope of 40 departments, some 20 times a page. The text is exact
# for the values a query takes (below); anything else is refused, never keyed by its address.
_KEYED = (str, int, float, bool, dt.date, type(None))


@st.cache_data(ttl=get_settings().cache_ttl_seconds, show_spinner=False, max_entries=5000)
def _cached(name: str, version: str, key: str, _params: dict[str, Any]) -> pl.DataFrame:
    """`key` is `_params` written out (`_key`); Streamlit leaves arguments named with `_` unhashed."""
    return db.query(get_settings().warehouse, name, _params)


def run(name: str, params: dict[str, Any]) -> pl.DataFrame:
    """The named query with these parameters; `scope` limits it to the departments a user may see."""
    version = db.version(get_settings().warehouse)
    return _cached(name, version, _key(params), {k: _unfreeze(v) for k, v in params.items()})


def _key(params: dict[str, Any]) -> str:
    """The parameters as text, in name order: equal parameters, equal text, and only they."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in params.items()))
    for name, value in frozen:
        for item in value if isinstance(value, tuple) else (value,):
            if not isinstance(item, _KEYED):
                raise TypeError(f"parameter {name}: {type(item).__name__} cannot key a cached read")
    return repr(frozen)


def _unfreeze(value: Any) -> Any:
    """A sequence binds as a list in DuckDB."""
    return list(value) if isinstance(value, tuple | list) else value


def warehouse_version() -> str:
    """The build a result came from, as saved scenarios record it."""
    built = run("intake/build_info", {"scope": ()})["built_at"][0]
    return f"built {built:%Y-%m-%d %H:%M:%S} UTC"
