"""Monthly returns for one period: a period's return replaces that period's rows of the department's
other return of the table, and its own rows must lie in its period."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash.contract import Table
from pmo_dash.intake.ingest.parse import Check, parse, typed
from pmo_dash.intake.ingest.read import FILE, ROW, SourceFile
from pmo_dash.intake.ingest.report import report


def supersede(table: Table, source: SourceFile, formats: list[str]) -> None:
    """Drop the rows of `source` that a return for their period replaces (they are not this file's
    rows any more: counted neither as read nor as rejected). Rows whose month cannot be read stay."""
    key = table.monthly
    if not source.superseded or key is None or source.frame is None or key not in source.frame.columns:
        return
    fast, full, _ = parse(table.column(key), formats, dt.date.max)
    readings = [fast] if full is None else [fast, full]
    work = source.frame.select(pl.col(key))
    for reading in readings:
        work = work.with_columns(reading)
    month = work.get_column(typed(key)).dt.strftime("%Y-%m")
    kept = ~month.is_in(list(source.superseded)).fill_null(False)
    source.frame = source.frame.filter(kept)
    source.rows = source.frame.height


def outside(typed_rows: pl.DataFrame, table: Table, periods: dict[str, str]) -> pl.DataFrame:
    """The rows of a period's return dated in another month, each reported where the user sees it."""
    key = table.monthly
    if key is None or not periods:
        return report(typed_rows.clear(), key or table.key[0], Check("period", pl.lit(True), pl.lit("")))
    period = pl.col(FILE).replace_strict(periods, default=None)
    rows = typed_rows.with_columns(period.alias("__period")).filter(
        pl.col("__period").is_not_null()
        & pl.col(key).is_not_null()
        & (pl.col(key).dt.strftime("%Y-%m") != pl.col("__period"))
    )
    message = (
        pl.lit(f"{key} ")
        + pl.col(key).cast(pl.String)
        + pl.lit(" is not in ")
        + pl.col("__period")
        + pl.lit(", the period this return is for: a row of another month belongs in that month's return")
    )
    return report(rows.sort(FILE, ROW), key, Check("period", pl.lit(True), message))
