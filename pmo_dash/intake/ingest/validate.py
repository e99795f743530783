"""Validate one table's returns against the contract: every failing row is rejected, kept and explained."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from pmo_dash.contract import BY_NAME, Column, Table
from pmo_dash.intake.ingest.parse import Check, dtype, parse, shown, typed, unread
from pmo_dash.intake.ingest.read import FILE, FOLDER, META, ROW, FileProblem, SourceFile

PROBLEMS = {
    "file": pl.String,
    "row": pl.Int64,
    "column": pl.String,
    "value": pl.String,
    "rule": pl.String,
    "message": pl.String,
}
SHOWN_COPIES = 3  # rows of a repeated key named in its message
VALUE_LIMIT = 200  # characters of a value quoted in the report; the whole row is kept in rejected_rows
REJECTED = {"table_name": pl.String, "file": pl.String, "row": pl.Int64, "record": pl.String}


@dataclass
class Validated:
    accepted: pl.DataFrame  # typed contract columns plus _file, _row, _folder
    rejected: pl.DataFrame  # REJECTED: the row exactly as submitted, as JSON
    problems: pl.DataFrame  # PROBLEMS
    rejected_keys: pl.DataFrame  # keys of rejected rows, so children can say why a reference fails
    accepted_by_file: pl.DataFrame  # __file, accepted: the count outlives the rows (see ingest's sink)


def empty(table: Table, *, typed: bool = True) -> pl.DataFrame:
    schema = {c.name: dtype(c) if typed else pl.String() for c in table.columns}
    return pl.DataFrame(schema=schema | {FILE: pl.String, ROW: pl.Int64, FOLDER: pl.String})


def validate(
    table: Table,
    files: list[SourceFile],
    parents: dict[str, Validated],
    formats: list[str],
    enterprise_folder: str,
    latest: dt.date,
) -> Validated:
    """Accept, or reject with reasons, every row of every file of `table`; `parents` are already validated."""
    problems: list[pl.DataFrame] = []
    usable: list[pl.DataFrame] = []
    for source in files:
        _check_file(table, source, enterprise_folder)
        problems.append(file_problems(source))
        if source.frame is not None and not source.reject_all:
            # A row the reader could not split is rejected as such; its fields mean nothing.
            readable = source.frame.filter(~pl.col(ROW).is_in(list(source.broken_rows)))
            usable.append(_conform(table, readable))
    raw = pl.concat(usable, how="vertical") if usable else empty(table, typed=False)
    rows, row_problems, copies = _check_rows(table, raw, parents, formats, latest)
    row_problems = pl.concat(
        [row_problems, *(_broken_rows(s) for s in files if s.broken_rows)], how="vertical"
    )
    problems.append(row_problems)
    reported = row_problems.select(pl.col("file").alias(FILE), pl.col("row").alias(ROW))
    bad = pl.concat([reported, copies], how="vertical").unique()
    rejected_keys = [rows.join(bad, on=[FILE, ROW], how="semi").select(*table.key, FOLDER)]
    rejected = []
    for source in files:
        if source.frame is None:
            continue
        if source.reject_all:
            gone = source.frame
            rejected_keys.append(_raw_keys(table, gone))
        else:
            gone = source.frame.join(bad, on=[FILE, ROW], how="semi")
        rejected.append(_records(table, gone))
    accepted = rows.join(bad, on=[FILE, ROW], how="anti")
    return Validated(
        accepted=accepted,
        rejected=pl.concat(rejected or [pl.DataFrame(schema=REJECTED)], how="vertical").sort("file", "row"),
        problems=pl.concat(problems, how="vertical"),
        rejected_keys=pl.concat(rejected_keys, how="vertical").drop_nulls(),
        accepted_by_file=accepted.group_by(FILE).len("accepted"),
    )


def _broken_rows(source: SourceFile) -> pl.DataFrame:
    """Rows the reader could not split into the header's columns."""
    rows = [
        {
            "file": source.name,
            "row": row,
            "column": "",
            "value": "",
            "rule": "field_count",
            "message": message,
        }
        for row, message in sorted(source.broken_rows.items())
    ]
    return pl.DataFrame(rows, schema=PROBLEMS)


def _raw_keys(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
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


def _check_file(table: Table, source: SourceFile, enterprise_folder: str) -> None:
    if source.frame is None or source.reject_all:
        return
    if table.enterprise != (source.folder == enterprise_folder):
        where = f"the '{enterprise_folder}' folder" if table.enterprise else "a department's own folder"
        source.problems.append(FileProblem("wrong_folder", f"{table.name} are submitted in {where}"))
        source.reject_all = True
        return
    columns = set(source.frame.columns)
    missing = [c for c in table.required if c not in columns]
    if missing:
        names = ", ".join(missing)
        message = f"required column(s) missing: {names}; no row could be accepted"
        given = [c for c in source.frame.columns if c not in META]
        one_column = len(given) == 1 and len(table.required) > 1
        if one_column:
            message += (
                f"; row 1 reads as one column ('{given[0][:60]}'): separate the columns with commas, "
                "semicolons or tabs (save as 'CSV UTF-8' or 'Unicode Text')"
            )
        source.problems.append(FileProblem("missing_column", message, 1, names))
        source.reject_all = True
        if one_column:
            return  # its one 'column' is the whole header: no use listing it as unknown as well
    known = set(table.names) | set(META)
    for extra in sorted(columns - known):
        source.problems.append(
            FileProblem("unknown_column", f"column '{extra}' is not in the template; ignored", 1, extra)
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


def _conform(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """Template columns in template order (absent optional ones empty), plus where each row came from."""
    columns = [pl.col(c) if c in frame.columns else pl.lit(None, pl.String).alias(c) for c in table.names]
    return frame.select(*columns, *META)


def _records(table: Table, raw: pl.DataFrame) -> pl.DataFrame:
    """Rows exactly as submitted (every column, the user's own included), as JSON."""
    data = [c for c in raw.columns if c not in META]
    return raw.select(
        pl.lit(table.name).alias("table_name"),
        pl.col(FILE).alias("file"),
        pl.col(ROW).alias("row"),
        pl.struct(data).struct.json_encode().alias("record") if data else pl.lit("{}").alias("record"),
    )


def _check_rows(
    table: Table, raw: pl.DataFrame, parents: dict[str, Validated], formats: list[str], latest: dt.date
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The rows typed; the problems found; and every copy of a repeated key (FILE, ROW), all rejected."""
    fast, full, checks = [], {}, []
    for column in table.columns:
        quick, thorough, column_checks = parse(column, formats, latest)
        fast.append(quick)
        if thorough is not None:
            full[column.name] = thorough
        checks += [(column.name, check) for check in column_checks]
    # One pass reads every column the quick way; the forgiving way runs only where it is needed.
    work = raw.with_columns(fast)
    if full:
        needed = work.select(unread(table.column(name)).alias(name) for name in full).row(0, named=True)
        if any(needed.values()):
            work = work.with_columns(expr for name, expr in full.items() if needed[name])
    # One more pass flags every check; only the failing rows get messages.
    flags = [f"__bad_{i}" for i in range(len(checks))]
    work = work.with_columns(check.bad.alias(flag) for flag, (_, check) in zip(flags, checks, strict=True))
    failing = work.filter(pl.any_horizontal(flags)) if flags else work.clear()
    found = [
        _report(failing.filter(pl.col(flag)), name, check)
        for flag, (name, check) in zip(flags, checks, strict=True)
    ]
    typed_rows = work.select(*(pl.col(typed(c.name)).alias(c.name) for c in table.columns), *META)
    found += [_date_order(typed_rows, order.earlier, order.later) for order in table.date_order]
    astray = []  # (file, row) of rows filed in a folder they do not belong to
    if "department_id" in table.names and not table.enterprise:
        own = _own_department(typed_rows)
        found.append(own)
        astray.append(own.select(pl.col("file").alias(FILE), pl.col("row").alias(ROW)))
    for column in table.columns:
        if column.references:
            problems, elsewhere = _reference(typed_rows, column.name, column.references, parents)
            found.append(problems)
            astray.append(elsewhere)
    # A row filed in another department's folder is not a second copy of that department's row:
    # it alone is rejected, for where it was filed.
    placed = typed_rows.join(pl.concat(astray), on=[FILE, ROW], how="anti") if astray else typed_rows
    duplicates, copies = _duplicates(table, placed)
    found.append(duplicates)
    return typed_rows, pl.concat(found, how="vertical"), copies


def _report(frame: pl.DataFrame, column: str, check: Check) -> pl.DataFrame:
    return frame.filter(check.bad).select(
        pl.col(FILE).alias("file"),
        pl.col(ROW).alias("row"),
        pl.lit(column).alias("column"),
        shown(pl.col(column).cast(pl.String), VALUE_LIMIT).alias("value"),
        pl.lit(check.rule).alias("rule"),
        check.message.cast(pl.String).alias("message"),
    )


def _duplicates(table: Table, rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
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
    found = _report(
        firsts.with_columns(pl.col(first).cast(pl.String)), first, Check("unique", pl.lit(True), message)
    )
    return found, copies


def _date_order(typed: pl.DataFrame, earlier: str, later: str) -> pl.DataFrame:
    bad = typed.get_column(later) < typed.get_column(earlier)
    rows = typed.filter(bad.fill_null(False))
    message = (
        pl.lit(f"{later} ")
        + pl.col(later).cast(pl.String)
        + pl.lit(f" is before {earlier} ")
        + pl.col(earlier).cast(pl.String)
    )
    return _report(rows, later, Check("date_order", pl.lit(True), message))


def _own_department(typed: pl.DataFrame) -> pl.DataFrame:
    bad = pl.col("department_id").is_not_null() & (pl.col("department_id") != pl.col(FOLDER))
    message = (
        pl.lit("department_id ")
        + shown(pl.col("department_id"))
        + pl.lit(" does not match the folder '")
        + pl.col(FOLDER)
        + pl.lit("' this return was submitted in")
    )
    return _report(typed, "department_id", Check("department", bad, message))


def _reference(
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
    problems = _report(rows, column, Check("reference", unknown | elsewhere, message))
    return problems, rows.filter(~unknown & elsewhere).select(FILE, ROW)
