"""Ingestion: read every department's returns, normalise and validate them, and account for every row."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pmo_dash.contract import TABLES
from pmo_dash.intake.ingest.read import FILE, FileProblem, SourceFile, discover, read
from pmo_dash.intake.ingest.report import file_problems
from pmo_dash.intake.ingest.validate import validate
from pmo_dash.intake.ingest.validated import Validated
from pmo_dash.intake.ingest.withheld import WITHHELD

__all__ = ["Ingested", "ingest", "ingest_files"]


@dataclass
class Ingested:
    tables: dict[str, Validated]  # with a sink, `accepted` is kept only for tables others refer to
    files: list[SourceFile]
    problems: pl.DataFrame  # file,row,column,value,rule,message
    rejected: pl.DataFrame  # every rejected row exactly as submitted
    runs: pl.DataFrame  # one row per source file: rows read, accepted, rejected
    withheld: pl.DataFrame  # WITHHELD: every withheld value of an accepted row


Sink = Callable[[str, pl.DataFrame], None]
# Tables whose accepted keys later tables are checked against; the rest can be let go once sunk.
PARENTS = {c.references.split(".")[0] for t in TABLES for c in t.columns if c.references}


def ingest(
    source: Path,
    formats: list[str],
    enterprise_folder: str,
    progress: Callable[[str], None] = lambda step: None,
    today: dt.date | None = None,
    sink: Sink | None = None,
    withheld: list[str] | tuple[str, ...] = ("withheld",),
) -> Ingested:
    """Read and validate every return under `source`; dates of events may not lie after this month; a
    value that is one of the `withheld` markers (any case) is kept as withheld: empty, and recorded.

    One table at a time, parents before children. With a `sink`, each table's accepted rows are
    handed to it as soon as they are known, and only what later tables need is kept: memory then
    holds one table's returns at a time, not the whole portfolio's.
    """
    files = discover(source)
    return ingest_files(files, formats, enterprise_folder, progress, today, sink, withheld)


def ingest_files(
    files: list[SourceFile],
    formats: list[str],
    enterprise_folder: str,
    progress: Callable[[str], None] = lambda step: None,
    today: dt.date | None = None,
    sink: Sink | None = None,
    withheld: list[str] | tuple[str, ...] = ("withheld",),
) -> Ingested:
    """`ingest` over files already found (a submission's preview names its own, as uploaded)."""
    latest = _month_end(today or dt.date.today())
    markers = tuple(m.strip().lower() for m in withheld if m.strip())
    for found in files:
        if found.table is None and not found.problems:
            found.problems.append(FileProblem("unknown_table", _unknown_table_message(found)))
    _refuse_twice_submitted(files)
    _supersede(files)
    tables: dict[str, Validated] = {}
    # Reading is mostly waiting on the disk and polars' own threads: overlap a table's files.
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 1) * 2)) as pool:
        for table in TABLES:
            mine = [f for f in files if f.table == table.name]
            for done in pool.map(read, mine):
                progress(done.name)
            validated = validate(table, mine, tables, formats, enterprise_folder, latest, markers)
            for done in mine:
                done.frame = None  # the text as read: every row is now accepted, or kept as rejected
            if sink is not None:
                sink(table.name, validated.accepted)
                if table.name not in PARENTS:
                    validated.accepted = validated.accepted.clear()
            tables[table.name] = validated
    unknown = [file_problems(f) for f in files if f.table is None]
    problems = pl.concat([*(t.problems for t in tables.values()), *unknown], how="vertical")
    rejected = pl.concat([t.rejected for t in tables.values()], how="vertical")
    held = pl.concat([pl.DataFrame(schema=WITHHELD), *(t.withheld for t in tables.values())], how="vertical")
    return Ingested(tables, files, problems, rejected, _runs(files, tables), held)


def _refuse_twice_submitted(files: list[SourceFile]) -> None:
    """One table in two files of one folder (`risks.csv` and `risks.xlsx`): using either would be a guess."""
    groups: dict[tuple[str, str, str | None], list[SourceFile]] = {}
    for found in files:
        if found.table is not None:
            groups.setdefault((found.folder, found.table, found.period), []).append(found)
    for (folder, table, _), copies in groups.items():
        if len(copies) < 2:
            continue
        names = " and ".join(c.path.name for c in copies)
        for copy in copies:
            copy.problems.append(
                FileProblem(
                    "duplicate_return",
                    f"{table} is submitted {len(copies)} times in {folder} ({names}): none of them was used, "
                    "since choosing one would be a guess; keep one file and submit again",
                )
            )
            copy.reject_all = True


def _supersede(files: list[SourceFile]) -> None:
    """A monthly return for one period (`status_reports@2026-10.csv`) replaces that period's rows of its
    department's other return of the table."""
    periods: dict[tuple[str, str], set[str]] = {}
    for found in files:
        if found.table is not None and found.period is not None and not found.reject_all:
            periods.setdefault((found.folder, found.table), set()).add(found.period)
    for found in files:
        if found.table is not None and found.period is None:
            found.superseded = frozenset(periods.get((found.folder, found.table), ()))


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return following - dt.timedelta(days=1)


def _unknown_table_message(found: SourceFile) -> str:
    names = ", ".join(t.name for t in TABLES)
    return (
        f"'{found.path.name}' is not a standard return; ignored "
        f"(expected <table>.csv, .xlsx or .parquet for: {names})"
    )


def _runs(files: list[SourceFile], tables: dict[str, Validated]) -> pl.DataFrame:
    accepted = pl.concat([t.accepted_by_file for t in tables.values()])
    rejected = pl.concat(
        [t.rejected.group_by(pl.col("file").alias(FILE)).len("rejected") for t in tables.values()]
    )
    base = pl.DataFrame(
        {
            "path": [f.name for f in files],
            "table_name": [f.table for f in files],
            "department_folder": [f.folder for f in files],
            "sha256": [f.sha256 for f in files],
            "bytes": [f.size for f in files],
            "modified_at": [f.modified_at for f in files],
            "rows_read": [f.rows_read for f in files],
            "file_problems": [len(f.problems) for f in files],
        },
        schema={
            "path": pl.String,
            "table_name": pl.String,
            "department_folder": pl.String,
            "sha256": pl.String,
            "bytes": pl.Int64,
            "modified_at": pl.Datetime("us"),
            "rows_read": pl.Int64,
            "file_problems": pl.Int64,
        },
    )
    return (
        base.join(accepted.rename({FILE: "path"}), on="path", how="left")
        .join(rejected.rename({FILE: "path"}), on="path", how="left")
        .with_columns(pl.col("accepted", "rejected").fill_null(0).cast(pl.Int64))
    )
