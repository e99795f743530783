"""The validation report's rows: one per problem, with file, row, column, value, rule and message."""

from __future__ import annotations

import polars as pl

from pmo_dash.intake.ingest.parse import Check, shown
from pmo_dash.intake.ingest.read import FILE, ROW, SourceFile

PROBLEMS = {
    "file": pl.String,
    "row": pl.Int64,
    "column": pl.String,
    "value": pl.String,
    "rule": pl.String,
    "message": pl.String,
}
VALUE_LIMIT = 200  # characters of a value quoted in the report; the whole row is kept in rejected_rows


def report(frame: pl.DataFrame, column: str, check: Check) -> pl.DataFrame:
    return frame.filter(check.bad).select(
        pl.col(FILE).alias("file"),
        pl.col(ROW).alias("row"),
        pl.lit(column).alias("column"),
        shown(pl.col(column).cast(pl.String), VALUE_LIMIT).alias("value"),
        pl.lit(check.rule).alias("rule"),
        check.message.cast(pl.String).alias("message"),
    )


def file_problems(source: SourceFile) -> pl.DataFrame:
    rows = [
        {
            "file": source.name,
            "row": p.row,
            "column": p.column,
            "value": p.value,
            "rule": p.rule,
            "message": p.message,
        }
        for p in source.problems
    ]
    return pl.DataFrame(rows, schema=PROBLEMS)
