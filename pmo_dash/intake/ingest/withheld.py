"""Withheld values: a cell that says a value was withheld (`PMO_WITHHELD_MARKERS`) is read as empty and
recorded, never a reason to reject its row, so that a total can say how many values it leaves out."""

from __future__ import annotations

import re

import polars as pl

from pmo_dash.contract import Table
from pmo_dash.intake.ingest.read import FILE, ROW

WITHHELD = {
    "table_name": pl.String,
    "file": pl.String,
    "row": pl.Int64,
    "column": pl.String,
    "key": pl.String,
}


def flag(name: str) -> str:
    """The working name of the flag that says a column's value was withheld in a row."""
    return f"__withheld_{name}"


def withholdable(table: Table) -> list[str]:
    """Columns a value may be withheld in: all but the key and the references, which say what a row is
    and where it belongs."""
    return [c.name for c in table.columns if c.name not in table.key and c.references is None]


def mark(table: Table, raw: pl.DataFrame, markers: tuple[str, ...]) -> tuple[pl.DataFrame, list[str]]:
    """`raw` (all text) with every withheld value emptied and flagged, and the columns that held one."""
    if not markers or raw.is_empty():
        return raw, []
    # One pass over the text finds the few columns with a marker; values are already trimmed.
    pattern = "(?i)^(?:" + "|".join(re.escape(m) for m in markers) + ")$"
    columns = withholdable(table)
    hits = raw.select(pl.col(c).str.contains(pattern).any().alias(c) for c in columns).row(0, named=True)
    found = [c for c in columns if hits[c]]
    if not found:
        return raw, []
    raw = raw.with_columns(pl.col(c).str.contains(pattern).fill_null(False).alias(flag(c)) for c in found)
    emptied = raw.with_columns(pl.when(~pl.col(flag(c))).then(pl.col(c)).alias(c) for c in found)
    return emptied, found


def recorded(table: Table, raw: pl.DataFrame, accepted: pl.DataFrame, found: list[str]) -> pl.DataFrame:
    """One row per withheld value of an accepted row: table, file, row, column and the row's key."""
    if not found:
        return pl.DataFrame(schema=WITHHELD)
    key = pl.concat_str([pl.col(k).cast(pl.String) for k in table.key], separator=" / ").alias("key")
    kept = raw.select(FILE, ROW, *(flag(c) for c in found)).join(
        accepted.select(FILE, ROW, key), on=[FILE, ROW], how="inner"
    )
    parts = [
        kept.filter(pl.col(flag(c))).select(
            pl.lit(table.name).alias("table_name"),
            pl.col(FILE).alias("file"),
            pl.col(ROW).alias("row"),
            pl.lit(c).alias("column"),
            "key",
        )
        for c in found
    ]
    return pl.concat(parts, how="vertical").sort("file", "row", "column")
