"""What a department's template is pre-filled with: its rows as the warehouse holds them, read-only.

A sheet a department submits replaces its table whole (the monthly tables: the rows of the period),
so every non-monthly sheet carries all the department's rows, closed projects and closed risks too:
a row left out of a submitted sheet is a row removed. The monthly sheets carry the period only: the
rows already returned for it (a resubmission corrects them), else one row per project active in the
period (per benefit), dated the period's last day, its measures left to fill.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from pmo_dash import db, sql
from pmo_dash.contract import TABLES, Table
from pmo_dash.intake.ingest.withheld import flag

# How a table's rows are found to be a department's: by the first of these columns it has.
LINKS = ("department_id", "project_id", "risk_id", "benefit_id", "proposal_id")
# What a new status return carries from the project's last one: figures "as at this report" that
# rarely change, so that leaving them alone does not silently reset them to the project's.
CARRIED = ("forecast_finish", "budget", "baseline_finish")


def department_tables() -> list[Table]:
    """The standard returns a department submits (the IPMO's enterprise tables are not among them)."""
    return [t for t in TABLES if not t.enterprise]


def prefill(warehouse: Path, department: str, period_end: dt.date) -> dict[str, pl.DataFrame]:
    """Every department table's rows for the template, contract columns in order, plus a boolean
    `withheld.flag(column)` column wherever a value was withheld."""
    sheets = {t.name: rows(warehouse, t, department) for t in department_tables()}
    active = _query(warehouse, "active_projects", department=department, period_end=period_end)
    sheets["status_reports"] = _this_period(
        sheets["status_reports"], "project_id", active["project_id"], period_end, CARRIED
    )
    benefits = sheets["benefits"]["benefit_id"]
    sheets["benefit_measurements"] = _this_period(
        sheets["benefit_measurements"], "benefit_id", benefits, period_end, ()
    )
    return sheets


def rows(warehouse: Path, table: Table, department: str) -> pl.DataFrame:
    """The department's accepted rows of `table`, in the order they were returned."""
    link = next(c for c in LINKS if c in table.names)
    found = _query(
        warehouse, f"rows_by_{link.removesuffix('_id')}", table_name=table.name, department=department
    )
    held = _query(warehouse, "withheld", table_name=table.name)
    key = pl.concat_str([pl.col(k).cast(pl.String) for k in table.key], separator=" / ")
    flags = [
        key.is_in(keys).alias(flag(column))
        for column in table.names
        if (keys := held.filter(pl.col("column") == column)["key"].to_list())
    ]
    return found.select(table.names).with_columns(flags)


def _this_period(
    returned: pl.DataFrame, ident: str, due: pl.Series, period_end: dt.date, carried: tuple[str, ...]
) -> pl.DataFrame:
    """The rows of the period already returned, and a new row for every `due` id without one: dated the
    period's end, the `carried` columns (and whether they were withheld) from its latest earlier row."""
    month = pl.col("as_of").dt.month_start()
    start = period_end.replace(day=1)
    current = returned.filter(month == start)
    earlier = returned.filter(pl.col("as_of") < start).sort("as_of").group_by(ident).last()
    kept = [c for c in returned.columns if c in (ident, *carried) or c.removeprefix(flag("")) in carried]
    missing = pl.DataFrame({ident: due}, schema={ident: pl.String}).join(current, on=ident, how="anti")
    new = missing.join(earlier.select(kept), on=ident, how="left").with_columns(
        pl.lit(period_end).alias("as_of")
    )
    return pl.concat([current, new], how="diagonal_relaxed").select(returned.columns).sort(ident)


def periods(warehouse: Path) -> tuple[dt.date | None, dt.date | None]:
    """The first and last reporting periods (month ends) the warehouse holds."""
    found = _query(warehouse, "periods")
    return found["first_period"][0], found["last_period"][0]


def departments(warehouse: Path) -> dict[str, str]:
    """Every department in the warehouse: id -> name."""
    return dict(_query(warehouse, "departments").iter_rows())


def _query(warehouse: Path, name: str, **params: object) -> pl.DataFrame:
    return db.run_sql(warehouse, sql.template(name), params)
