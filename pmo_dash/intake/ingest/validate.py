"""Validate one table's returns against the contract: every failing row is rejected, kept and explained."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash.contract import Column, Table
from pmo_dash.intake.ingest import keys, periods, withheld
from pmo_dash.intake.ingest.parse import Check, dtype, parse, typed, unread
from pmo_dash.intake.ingest.read import FILE, FOLDER, META, ROW, FileProblem, SourceFile
from pmo_dash.intake.ingest.report import PROBLEMS, file_problems, report
from pmo_dash.intake.ingest.validated import Validated

REJECTED = {"table_name": pl.String, "file": pl.String, "row": pl.Int64, "record": pl.String}


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
    markers: tuple[str, ...] = (),
) -> Validated:
    """Accept, or reject with reasons, every row of every file of `table`; `parents` are already validated.
    A value that is one of the withheld `markers` is read as empty and recorded, and never rejects its row."""
    problems: list[pl.DataFrame] = []
    usable: list[pl.DataFrame] = []
    oversight = oversight_departments(parents)
    for source in files:
        periods.supersede(table, source, formats)
        _check_file(table, source, enterprise_folder, oversight)
        problems.append(file_problems(source))
        if source.frame is not None and not source.reject_all:
            # A row the reader could not split is rejected as such; its fields mean nothing.
            readable = source.frame.filter(~pl.col(ROW).is_in(list(source.broken_rows)))
            usable.append(_conform(table, readable))
    raw = pl.concat(usable, how="vertical") if usable else empty(table, typed=False)
    raw, held = withheld.mark(table, raw, markers)
    needed = {c.name: _needed(c, oversight, held) for c in table.columns if c.required}
    for_period = {s.name: s.period for s in files if s.period is not None}
    rows, row_problems, copies = _check_rows(table, raw, parents, formats, latest, needed, for_period)
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
            rejected_keys.append(keys.raw_keys(table, gone))
        else:
            gone = source.frame.join(bad, on=[FILE, ROW], how="semi")
        rejected.append(_records(table, gone))
    accepted = rows.join(bad, on=[FILE, ROW], how="anti")
    return Validated(
        accepted=accepted,
        withheld=withheld.recorded(table, raw, accepted, held),
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


def oversight_departments(parents: dict[str, Validated]) -> list[str]:
    """The departments whose departments return gives their profile as Oversight."""
    departments = parents.get("departments")
    if departments is None or "profile" not in departments.accepted.columns:
        return []
    oversight = departments.accepted.filter(pl.col("profile") == "Oversight")
    return oversight["department_id"].unique().to_list()


DETAIL = " (delivery detail: required of a Delivery department)"


def _needed(column: Column, oversight: list[str], held: list[str]) -> tuple[pl.Expr, str]:
    """The rows that must give a required column, and why, when not every row must."""
    rows, why = pl.lit(True), ""
    if column.detail:
        rows, why = ~pl.col(FOLDER).is_in(oversight), DETAIL
    if column.unless:
        other = pl.col(column.unless)
        given = other.is_not_null() & (other != "")
        if column.unless in held:
            given = given | pl.col(withheld.flag(column.unless))
        rows, why = rows & ~given, f" (give it or {column.unless})"
    if column.name in held:
        rows = rows & ~pl.col(withheld.flag(column.name))
    return rows, why


def _check_file(table: Table, source: SourceFile, enterprise_folder: str, oversight: list[str]) -> None:
    if source.frame is None or source.reject_all:
        return
    if table.enterprise != (source.folder == enterprise_folder):
        where = f"the '{enterprise_folder}' folder" if table.enterprise else "a department's own folder"
        source.problems.append(FileProblem("wrong_folder", f"{table.name} are submitted in {where}"))
        source.reject_all = True
        return
    columns = set(source.frame.columns)
    missing = [
        c
        for c in table.columns
        if c.required
        and c.name not in columns
        and not (c.detail and source.folder in oversight)
        and not (c.unless and c.unless in columns)
    ]
    if missing:
        names = ", ".join(f"{c.name} (or {c.unless})" if c.unless else c.name for c in missing)
        message = f"required column(s) missing: {names}; no row could be accepted"
        if any(c.detail for c in missing):
            message += (
                "; delivery detail is required of a Delivery department (a department whose departments "
                "return gives its profile as Oversight may leave it out)"
            )
        given = [c for c in source.frame.columns if c not in META]
        one_column = len(given) == 1 and len(table.required) > 1
        if one_column:
            message += (
                f"; row 1 reads as one column ('{given[0][:60]}'): separate the columns with commas, "
                "semicolons or tabs (save as 'CSV UTF-8' or 'Unicode Text')"
            )
        source.problems.append(FileProblem("missing_column", message, 1, ", ".join(c.name for c in missing)))
        source.reject_all = True
        if one_column:
            return  # its one 'column' is the whole header: no use listing it as unknown as well
    known = set(table.names) | set(META)
    for extra in sorted(columns - known):
        source.problems.append(
            FileProblem("unknown_column", f"column '{extra}' is not in the template; ignored", 1, extra)
        )


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
    table: Table,
    raw: pl.DataFrame,
    parents: dict[str, Validated],
    formats: list[str],
    latest: dt.date,
    needed: dict[str, tuple[pl.Expr, str]],
    for_period: dict[str, str],
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The rows typed; the problems found; and every copy of a repeated key (FILE, ROW), all rejected."""
    fast, full, checks = [], {}, []
    for column in table.columns:
        quick, thorough, column_checks = parse(column, formats, latest, needed.get(column.name))
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
        report(failing.filter(pl.col(flag)), name, check)
        for flag, (name, check) in zip(flags, checks, strict=True)
    ]
    typed_rows = work.select(*(pl.col(typed(c.name)).alias(c.name) for c in table.columns), *META)
    found += [_date_order(typed_rows, order.earlier, order.later) for order in table.date_order]
    astray = []  # (file, row) of rows filed in a folder, or a period's return, they do not belong to
    if for_period:
        wrong_month = periods.outside(typed_rows, table, for_period)
        found.append(wrong_month)
        astray.append(wrong_month.select(pl.col("file").alias(FILE), pl.col("row").alias(ROW)))
    if "department_id" in table.names and not table.enterprise:
        own = keys.own_department(typed_rows)
        found.append(own)
        astray.append(own.select(pl.col("file").alias(FILE), pl.col("row").alias(ROW)))
    for column in table.columns:
        if column.references:
            problems, elsewhere = keys.reference(typed_rows, column.name, column.references, parents)
            found.append(problems)
            astray.append(elsewhere)
    # A row filed in another department's folder is not a second copy of that department's row:
    # it alone is rejected, for where it was filed.
    placed = typed_rows.join(pl.concat(astray), on=[FILE, ROW], how="anti") if astray else typed_rows
    duplicates, copies = keys.duplicates(table, placed)
    found.append(duplicates)
    return typed_rows, pl.concat(found, how="vertical"), copies


def _date_order(typed: pl.DataFrame, earlier: str, later: str) -> pl.DataFrame:
    bad = typed.get_column(later) < typed.get_column(earlier)
    rows = typed.filter(bad.fill_null(False))
    message = (
        pl.lit(f"{later} ")
        + pl.col(later).cast(pl.String)
        + pl.lit(f" is before {earlier} ")
        + pl.col(earlier).cast(pl.String)
    )
    return report(rows, later, Check("date_order", pl.lit(True), message))
