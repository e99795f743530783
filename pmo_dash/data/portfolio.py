"""Portfolio reads: the filter lists and the enterprise, department and programme views."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash.data.cache import Filters, Scope, run


def all_departments() -> Scope:
    """Every department in the warehouse: the scope of a user who may see everything."""
    return tuple(run("portfolio/all_department_ids", {})["department_id"])


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


def kpi_trend(f: Filters) -> pl.DataFrame:
    """Headline measures per period for the 13 periods up to the as-of period."""
    return run("portfolio/kpi_trend", f.params())


def rag_mix(f: Filters) -> pl.DataFrame:
    return run("portfolio/rag_mix", f.params())


def watermelons(f: Filters) -> pl.DataFrame:
    return run("portfolio/watermelons", f.params())


def department_summary(f: Filters) -> pl.DataFrame:
    """Per department: active projects, budget and withheld budgets, Red reported and on evidence."""
    return run("portfolio/department_summary", f.params())


def department_variance(f: Filters) -> pl.DataFrame:
    return run("portfolio/department_variance", f.params())


def project_scatter(f: Filters) -> pl.DataFrame:
    return run("portfolio/project_scatter", f.params())


def changed_projects(f: Filters, since: dt.date) -> pl.DataFrame:
    return run("portfolio/changed_projects", f.params(since=since))


def programme_summary(f: Filters) -> pl.DataFrame:
    return run("portfolio/programme_summary", f.params())


def projects_table(f: Filters) -> pl.DataFrame:
    return run("portfolio/projects_table", f.params())


def find_choices(choices: pl.DataFrame, needle: str) -> pl.DataFrame:
    """The projects of `project_choices` with `needle` in their ID or name (any case)."""
    return choices.filter(pl.col("label").str.to_lowercase().str.contains(needle.lower(), literal=True))


def find_projects(rows: pl.DataFrame, needle: str, rags: list[str], late_only: bool) -> pl.DataFrame:
    """The rows of the projects table a search keeps: `needle` in the ID, name or manager (any case),
    an evidence RAG among `rags` (any when none), late only if asked."""
    found = rows
    if needle:
        text = pl.concat_str(["project_id", "project", "project_manager"], separator=" ", ignore_nulls=True)
        found = found.filter(text.str.to_lowercase().str.contains(needle.lower(), literal=True))
    if rags:
        found = found.filter(pl.col("evidence_rag").is_in(rags))
    if late_only:
        found = found.filter(pl.col("slip_days") > 0)
    return found
