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
    return db.query(get_settings().warehouse, name, {k: _unfreeze(v) for k, v in params})


def run(name: str, params: dict[str, Any]) -> pl.DataFrame:
    """The named query with these parameters; `scope` limits it to the departments a user may see."""
    version = db.version(get_settings().warehouse)
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in params.items()))
    return _cached(name, version, frozen)


def _unfreeze(value: Any) -> Any:
    """Lists travel through the cache as tuples (hashable); DuckDB binds them as lists."""
    return list(value) if isinstance(value, tuple) else value


def all_departments() -> Scope:
    """Every department in the warehouse: the scope of a user who may see everything."""
    return tuple(run("portfolio/all_department_ids", {})["department_id"])


# Lists for the filters.
def periods(scope: Scope) -> list[dt.date]:
    """Reporting periods in which a project in scope existed, latest first."""
    return run("portfolio/periods", {"scope": scope})["period"].to_list()


def departments(scope: Scope) -> pl.DataFrame:
    return run("portfolio/departments", {"scope": scope})


def programmes(scope: Scope) -> pl.DataFrame:
    return run("portfolio/programmes", {"scope": scope})


def objectives(scope: Scope) -> pl.DataFrame:
    return run("portfolio/objectives", {"scope": scope})


def project_choices(scope: Scope) -> pl.DataFrame:
    """Every project in scope, labelled `ID · name`, for a picker."""
    return run("portfolio/project_choices", {"scope": scope})


def build_info(scope: Scope) -> dict[str, Any]:
    return run("intake/build_info", {"scope": scope}).row(0, named=True)


# Portfolio views: any level of the drill path, by narrowing the filters.
def kpi_trend(f: Filters) -> pl.DataFrame:
    """Headline measures per period for the 13 periods up to the as-of period."""
    return run("portfolio/kpi_trend", f.params())


def rag_mix(f: Filters) -> pl.DataFrame:
    return run("portfolio/rag_mix", f.params())


def watermelons(f: Filters) -> pl.DataFrame:
    return run("portfolio/watermelons", f.params())


def department_variance(f: Filters) -> pl.DataFrame:
    return run("portfolio/department_variance", f.params())


def project_scatter(f: Filters) -> pl.DataFrame:
    return run("portfolio/project_scatter", f.params())


def reporting_compliance(f: Filters) -> pl.DataFrame:
    return run("portfolio/reporting_compliance", f.params())


def changed_projects(f: Filters, since: dt.date) -> pl.DataFrame:
    return run("portfolio/changed_projects", f.params(since=since))


def risks_into_red(f: Filters, since: dt.date) -> pl.DataFrame:
    return run("risks/risks_into_red", f.params(since=since))


def programme_summary(f: Filters) -> pl.DataFrame:
    return run("portfolio/programme_summary", f.params())


def projects_table(f: Filters) -> pl.DataFrame:
    return run("portfolio/projects_table", f.params())


# Risks.
def risk_heatmap(f: Filters) -> pl.DataFrame:
    """Risks open in the period per likelihood x impact cell, as last reviewed then."""
    return run("risks/risk_heatmap", f.params())


def risk_cell(f: Filters, likelihood: int, impact: int) -> pl.DataFrame:
    return run("risks/risk_cell", f.params(likelihood=likelihood, impact=impact))


def risk_movement(f: Filters, since: dt.date) -> pl.DataFrame:
    return run("risks/risk_movement", f.params(since=since))


def risks_worsened(f: Filters, since: dt.date) -> pl.DataFrame:
    return run("risks/risks_worsened", f.params(since=since))


def risk_trend(f: Filters) -> pl.DataFrame:
    return run("risks/risk_trend", f.params())


def top_risks(f: Filters) -> pl.DataFrame:
    return run("risks/top_risks", f.params())


def overdue_risk_actions(f: Filters) -> pl.DataFrame:
    return run("risks/overdue_risk_actions", f.params())


def risk_concentration(f: Filters) -> pl.DataFrame:
    return run("risks/risk_concentration", f.params())


def open_issues(f: Filters) -> pl.DataFrame:
    return run("risks/open_issues", f.params())


# Benefits.
def benefit_status(f: Filters) -> pl.DataFrame:
    """Every benefit of the projects in view, measured to the period."""
    return run("benefits/benefit_status", f.params())


def benefits_behind(status: pl.DataFrame, count: int = 10) -> pl.DataFrame:
    """The measured benefits furthest behind their plan to date."""
    return status.filter(pl.col("realisation").is_not_null()).sort("realisation", "benefit_id").head(count)


def benefits_at_risk(status: pl.DataFrame) -> pl.DataFrame:
    """Benefits of projects that are Red on evidence in the period."""
    return status.filter(pl.col("at_risk")).sort("benefit_id")


def benefits_curve(f: Filters) -> pl.DataFrame:
    return run("benefits/benefits_curve", f.params())


def benefits_rollup(f: Filters) -> pl.DataFrame:
    """Realisation per department, per objective and per kind."""
    return run("benefits/benefits_rollup", f.params())


# Lessons learned.
def lessons_health(f: Filters) -> pl.DataFrame:
    """The six components and the score per department per period (13 up to the as-of period)."""
    return run("lessons/lessons_health", f.params())


def lessons_library(
    f: Filters, words: list[str], categories: list[str] | None = None, effects: list[str] | None = None
) -> pl.DataFrame:
    return run(
        "lessons/lessons_library",
        f.params(words=tuple(words), categories=tuple(categories or ()), effects=tuple(effects or ())),
    )


def lesson_themes(f: Filters) -> pl.DataFrame:
    return run("lessons/lesson_themes", f.params(min_departments=get_settings().recurring_theme_departments))


def lessons_mix(f: Filters) -> pl.DataFrame:
    return run("lessons/lessons_mix", f.params())


# One project, as it stood in the as-of period.
def project(scope: Scope, project_id: str, as_of: dt.date, part: str) -> pl.DataFrame:
    """One part of a project's brief: brief, history, milestones, risks, benefits, lessons, changes,
    gates or controls. Empty when the project is outside the scope."""
    if part not in PROJECT_PARTS:
        raise ValueError(f"unknown project part {part!r}")
    return run(f"project/project_{part}", {"scope": scope, "project": project_id, "as_of": as_of})


PROJECT_PARTS = (
    "brief",
    "history",
    "milestones",
    "risks",
    "benefits",
    "lessons",
    "lesson_matches",
    "changes",
    "gates",
    "controls",
)


# What-if: the projects a review could fund, their resource plans and the capacity to meet them.
def whatif_candidates(f: Filters) -> pl.DataFrame:
    return run("whatif/whatif_candidates", f.params())


def whatif_demand(f: Filters) -> pl.DataFrame:
    return run("whatif/whatif_demand", f.params())


def whatif_capacity(f: Filters) -> pl.DataFrame:
    return run("whatif/whatif_capacity", f.params())


def warehouse_version() -> str:
    """The build a result came from, as saved scenarios record it."""
    built = run("intake/build_info", {"scope": ()})["built_at"][0]
    return f"built {built:%Y-%m-%d %H:%M:%S} UTC"
