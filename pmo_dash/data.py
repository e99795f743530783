"""Cached, scoped reads for the pages. Every read takes the user's scope: the departments they may see.

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


@st.cache_data(ttl=get_settings().cache_ttl_seconds, show_spinner=False, max_entries=5000)
def _cached(name: str, version: str, params: tuple[tuple[str, Any], ...]) -> pl.DataFrame:
    return db.query(get_settings().warehouse, name, {k: list(v) if k == "scope" else v for k, v in params})


def run(name: str, params: dict[str, Any]) -> pl.DataFrame:
    """The named query with these parameters; `scope` limits it to the departments a user may see."""
    version = db.version(get_settings().warehouse)
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in params.items()))
    return _cached(name, version, frozen)


def all_departments() -> Scope:
    """Every department in the warehouse: the scope of a user who may see everything."""
    return tuple(run("all_department_ids", {})["department_id"])


# Lists for the filters.
def periods(scope: Scope) -> list[dt.date]:
    """Reporting periods in which a project in scope existed, latest first."""
    return run("periods", {"scope": scope})["period"].to_list()


def departments(scope: Scope) -> pl.DataFrame:
    return run("departments", {"scope": scope})


def programmes(scope: Scope) -> pl.DataFrame:
    return run("programmes", {"scope": scope})


def objectives(scope: Scope) -> pl.DataFrame:
    return run("objectives", {"scope": scope})


def project_choices(scope: Scope) -> pl.DataFrame:
    """Every project in scope, labelled `ID · name`, for a picker."""
    return run("project_choices", {"scope": scope})


def build_info(scope: Scope) -> dict[str, Any]:
    return run("build_info", {"scope": scope}).row(0, named=True)


# Portfolio views: any level of the drill path, by narrowing the filters.
def kpi_trend(f: Filters) -> pl.DataFrame:
    """Headline measures per period for the 13 periods up to the as-of period."""
    return run("kpi_trend", f.params())


def rag_mix(f: Filters) -> pl.DataFrame:
    return run("rag_mix", f.params())


def watermelons(f: Filters) -> pl.DataFrame:
    return run("watermelons", f.params())


def department_variance(f: Filters) -> pl.DataFrame:
    return run("department_variance", f.params())


def project_scatter(f: Filters) -> pl.DataFrame:
    return run("project_scatter", f.params())


def reporting_compliance(f: Filters) -> pl.DataFrame:
    return run("reporting_compliance", f.params())


def changed_projects(f: Filters, since: dt.date) -> pl.DataFrame:
    return run("changed_projects", f.params(since=since))


def risks_into_red(f: Filters, since: dt.date) -> pl.DataFrame:
    return run("risks_into_red", f.params(since=since))


def programme_summary(f: Filters) -> pl.DataFrame:
    return run("programme_summary", f.params())


def projects_table(f: Filters) -> pl.DataFrame:
    return run("projects_table", f.params())


# One project, as it stood in the as-of period.
def project(scope: Scope, project_id: str, as_of: dt.date, part: str) -> pl.DataFrame:
    """One part of a project's brief: brief, history, milestones, risks, benefits, lessons, changes,
    gates or controls. Empty when the project is outside the scope."""
    if part not in PROJECT_PARTS:
        raise ValueError(f"unknown project part {part!r}")
    return run(f"project_{part}", {"scope": scope, "project": project_id, "as_of": as_of})


PROJECT_PARTS = (
    "brief",
    "history",
    "milestones",
    "risks",
    "benefits",
    "lessons",
    "changes",
    "gates",
    "controls",
)
