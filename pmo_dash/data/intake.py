"""What the warehouse was built from, as the pages' captions and the Admin page show it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmo_dash import db
from pmo_dash.data.cache import Scope, run
from pmo_dash.settings import Thresholds


def build_info(scope: Scope) -> dict[str, Any]:
    return run("intake/build_info", {"scope": scope}).row(0, named=True)


def built_from(warehouse: Path, version: str) -> frozenset[tuple[str, str]]:
    """Every file this version of the warehouse was built from, with its sha256: read before anyone has
    logged in (so not through the scoped cache), to tell the shipped demo from real returns."""
    return frozenset(db.query(warehouse, "intake/source_files", at_version=version).iter_rows())


def thresholds() -> Thresholds:
    """The cut-offs the served warehouse was built with (a warehouse from before a cut-off existed
    takes today's default for it)."""
    return Thresholds(**run("intake/thresholds", {}).row(0, named=True))


def reported_months(scope: Scope) -> frozenset[tuple[str, str]]:
    """(department, "YYYY-MM") of every month whose status reports the warehouse holds, in scope."""
    return frozenset(run("intake/reported_months", {"scope": scope}).iter_rows())


def returned(scope: Scope) -> dict[str, frozenset[str]]:
    """For each standard table, the departments in scope that returned rows of it (accepted)."""
    rows = run("intake/returned_tables", {"scope": scope})
    found: dict[str, set[str]] = {}
    for department, table in rows.select("department_id", "table_name").iter_rows():
        found.setdefault(table, set()).add(department)
    return {table: frozenset(departments) for table, departments in found.items()}
