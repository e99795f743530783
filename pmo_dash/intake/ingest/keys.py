"""The checks on keys: repeated keys, rows filed in another department's folder, references to rows
that do not exist, and the keys of rows rejected whole (so that their children can be told why)."""

from __future__ import annotations

import polars as pl

from pmo_dash.contract import BY_NAME, Column, Table
from pmo_dash.intake.ingest.parse import Check, dtype, shown
from pmo_dash.intake.ingest.read import FILE, FOLDER, ROW
from pmo_dash.intake.ingest.report import report
from pmo_dash.intake.ingest.validated import Validated

SHOWN_COPIES = 3  # rows of a repeated key named in its message


def duplicates(table: Table, rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every copy of a repeated key is rejected (choosing one would be a guess); each group is reported
    once per file it is in, at its first row there, with its count and first rows: a key repeated n
    times costs one message, not n messages each naming n rows."""
    # A return dated any day of a month is that month's return, so two in one month clash.
    parts = [pl.col(k).dt.month_end() if k == table.monthly else pl.col(k) for k in table.key]
    keys = [f"__key_{i}" for i in range(len(parts))]
    named_parts = [p.alias(k) for p, k in zip(parts, keys, strict=True)]
    present = pl.all_horizontal([p.is_not_null() for p in parts])
    # A 64-bit hash of each key finds the few candidates without copying millions of keys; the exact
    # check below then drops any hash collision.
    maybe = rows.filter(present & pl.struct(named_parts).hash(seed=7).is_duplicated())
    keyed = maybe.with_columns(named_parts)
    key = pl.col(keys[0]) if len(keys) == 1 else pl.struct(keys)
    dupes = keyed.filter(key.is_duplicated()).sort(FILE, ROW)
    copies = dupes.select(FILE, ROW)
    where = pl.col(FILE) + pl.lit(" row ") + pl.col(ROW).cast(pl.String)
    groups = dupes.group_by(keys).agg(
        pl.len().cast(pl.Int64).alias("__count"), where.head(SHOWN_COPIES).str.join("; ").alias("__where")
    )
    firsts = dupes.group_by([*keys, FILE]).agg(pl.all().exclude(keys, FILE).first()).join(groups, on=keys)
    label = " + ".join(f"month of {k}" if k == table.monthly else k for k in table.key)
    named = pl.concat_str(
        [
            pl.col(k).dt.strftime("%Y-%m") if k == table.monthly else shown(pl.col(k).cast(pl.String))
            for k in table.key
        ],
        separator=" / ",
    )
    more = pl.col("__count") - SHOWN_COPIES
    message = (
        pl.lit(f"{label} ")
        + named
        + pl.lit(" appears ")
        + pl.col("__count").cast(pl.String)
        + pl.lit(" times (")
        + pl.col("__where")
        + pl.when(more > 0)
        .then(pl.lit("; and ") + more.cast(pl.String) + pl.lit(" more"))
        .otherwise(pl.lit(""))
        + pl.lit("); every copy is rejected")
    )
    first = table.key[0]
    found = report(
        firsts.with_columns(pl.col(first).cast(pl.String)), first, Check("unique", pl.lit(True), message)
    )
    return found, copies


def own_department(typed: pl.DataFrame) -> pl.DataFrame:
    bad = pl.col("department_id").is_not_null() & (pl.col("department_id") != pl.col(FOLDER))
    message = (
        pl.lit("department_id ")
        + shown(pl.col("department_id"))
        + pl.lit(" does not match the folder '")
        + pl.col(FOLDER)
        + pl.lit("' this return was submitted in")
    )
    return report(typed, "department_id", Check("department", bad, message))


def reference(
    typed: pl.DataFrame, column: str, target: str, parents: dict[str, Validated]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Rows whose reference fails, and those among them that refer to another department's row."""
    parent_table, parent_column = target.split(".")
    parent = parents[parent_table]
    noun = parent_table.rstrip("s").replace("_", " ")
    known = parent.accepted.select(
        pl.col(parent_column).alias(column), pl.col(FOLDER).alias("_owner")
    ).unique(column)
    rejected = (
        parent.rejected_keys.select(pl.col(parent_column).alias(column))
        .unique()
        .with_columns(pl.lit(True).alias("_was_rejected"))
    )
    rows = (
        typed.filter(pl.col(column).is_not_null())
        .join(known, on=column, how="left")
        .join(rejected, on=column, how="left")
    )
    # A department's own rows are checked against their folder by the `department` rule instead.
    check_owner = not BY_NAME[parent_table].enterprise and parent_table != "departments"
    unknown = pl.col("_owner").is_null()
    elsewhere = (pl.col("_owner") != pl.col(FOLDER)) if check_owner else pl.lit(False)
    message = (
        pl.when(unknown & pl.col("_was_rejected").fill_null(False))
        .then(
            pl.lit(f"{column} ")
            + shown(pl.col(column))
            + pl.lit(f" refers to a {noun} whose own row was rejected")
        )
        .when(unknown)
        .then(pl.lit(f"{column} ") + shown(pl.col(column)) + pl.lit(f" is not a known {noun}"))
        .otherwise(
            pl.lit(f"{column} ")
            + shown(pl.col(column))
            + pl.lit(f" is a {noun} of department ")
            + pl.col("_owner")
            + pl.lit(", not of ")
            + pl.col(FOLDER)
        )
    )
    problems = report(rows, column, Check("reference", unknown | elsewhere, message))
    return problems, rows.filter(~unknown & elsewhere).select(FILE, ROW)


def raw_keys(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """Keys of a file rejected whole, typed as accepted keys are, so its children can be told why."""
    return frame.select(*(_raw_key(table.column(k), frame) for k in table.key), FOLDER)


def _raw_key(column: Column, frame: pl.DataFrame) -> pl.Expr:
    # The text of a rejected file is not trusted: a key that does not read as its type is no key.
    if column.name not in frame.columns:
        return pl.lit(None, dtype(column)).alias(column.name)
    text = pl.col(column.name).cast(pl.String)
    if column.kind == "date":
        return text.str.to_date("%Y-%m-%d", strict=False).alias(column.name)
    return text.cast(dtype(column), strict=False).alias(column.name)
