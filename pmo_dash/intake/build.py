"""Build the warehouse from the returns into a new file, then swap it in atomically.

Readers never see a half-built warehouse, and a build that fails leaves the previous one
untouched and serving.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from pmo_dash import sql
from pmo_dash.contract import TABLES
from pmo_dash.forecast import warning
from pmo_dash.intake import BuildError
from pmo_dash.intake.ingest import Ingested, ingest
from pmo_dash.intake.ingest.read import FILE, FOLDER, ROW
from pmo_dash.settings import Settings


@dataclass
class BuildResult:
    warehouse: Path
    report: Path
    summary: pl.DataFrame  # per table: files, rows_read, accepted, rejected
    problems: int
    seconds: float


def build(
    settings: Settings,
    source: Path | None = None,
    warehouse: Path | None = None,
    report: Path | None = None,
    progress: Callable[[str], None] = lambda step: None,
    submissions: Path | None = None,
) -> BuildResult:
    """Build from `source` (default PMO_SOURCE_DIR), overlaid with the latest returns submitted in the
    repository `submissions` when one is given (the command line and the app's rebuilds give it)."""
    from pmo_dash.intake.submissions.assemble import assembled

    source = Path(source or settings.source_dir)
    warehouse = Path(warehouse or settings.warehouse)
    report = Path(report or settings.report)
    started = time.perf_counter()
    if not source.is_dir():
        raise BuildError(f"the source folder {source} does not exist")
    remove_stale_temporaries(warehouse, report)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    # Named for this build alone, so two builds at once never write into each other's file.
    building = warehouse.with_name(f".{warehouse.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.building")
    partial = None
    try:
        with assembled(source, submissions) as (folder, lineage), connect(building, settings) as con:
            # Each table goes into the new file as soon as it is validated, so the build holds one
            # table's returns at a time, not the portfolio's.
            found = ingest(
                folder,
                settings.day_first_formats,
                settings.enterprise_folder,
                progress,
                sink=lambda name, accepted: _create(con, f"raw_{name}", _raw(accepted)),
                withheld=settings.withheld_markers,
            )
            if not any(f.table for f in found.files):
                raise BuildError(
                    f"no returns found in {source}: expected one sub-folder per department of "
                    "<table>.csv files"
                )
            # The report describes the warehouse beside it: it replaces the last one only once the
            # new warehouse has; a failed build's report is kept apart, for the admin to read.
            partial = write_report(found.problems, report)
            if found.tables["projects"].accepted.is_empty():
                failed = failed_report(report)
                os.replace(partial, failed)
                raise BuildError(
                    "no project was accepted, so there is nothing to show; see the validation report "
                    f"{failed}"
                )
            progress("writing the warehouse")
            _load(con, found, settings, source)
            _create(con, "submission_sources", lineage)
            _create(con, "reporting_calendar", _calendar(con, settings, submissions))
            if not (warned := con.sql(sql.check("budget_scale")).pl()).is_empty():
                # Kept, and flagged: the report and the warehouse's problems say so.
                con.register("_warned", warned)
                con.execute("insert into validation_problems by name select * from _warned")
                con.unregister("_warned")
                found.problems = pl.concat([found.problems, warned], how="diagonal_relaxed")
                partial.unlink(missing_ok=True)
                partial = write_report(found.problems, report)
            con.execute("checkpoint")
        os.replace(building, warehouse)
    except BaseException as err:
        building.unlink(missing_ok=True)
        Path(f"{building}.wal").unlink(missing_ok=True)
        shutil.rmtree(f"{building}.tmp", ignore_errors=True)
        if partial is not None:
            partial.unlink(missing_ok=True)
        if isinstance(err, BuildError) or not isinstance(err, Exception):
            raise
        raise BuildError(
            f"the warehouse could not be written ({err}); the previous one is still in use"
        ) from err
    os.replace(partial, report)
    failed_report(report).unlink(missing_ok=True)
    summary = table_summary(found)
    return BuildResult(warehouse, report, summary, found.problems.height, time.perf_counter() - started)


def write_report(problems: pl.DataFrame, report: Path) -> Path:
    """The validation report as CSV, in a file of this build's own beside `report`; its values are what
    the returns said, so it is written neutralised: PMO heads open it in a spreadsheet."""
    from pmo_dash.exports import write_csv

    report.parent.mkdir(parents=True, exist_ok=True)
    partial = report.with_name(f".{report.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.part")
    write_csv(problems.sort("file", "row", nulls_last=False), partial)
    return partial


def failed_report(report: Path) -> Path:
    """Where the report of a build that made no warehouse goes, so that `report` still matches the
    warehouse being served."""
    return report.with_name(f"{report.stem}.failed{report.suffix}")


def remove_stale_temporaries(warehouse: Path, report: Path) -> None:
    """Files left by a build that was killed (`.<name>.<pid>.<tag>.building`, its `.wal` and DuckDB's
    `.tmp` spill folder, a report's `.part`): removed once the process that wrote them is gone."""
    for folder, name in {(warehouse.parent, warehouse.name), (report.parent, report.name)}:
        for path in folder.glob(f".{name}.*"):
            parts = path.name[len(name) + 2 :].split(".")
            ours = len(parts) >= 3 and parts[0].isdigit() and parts[2] in ("building", "part")
            if ours and not _alive(int(parts[0])):
                if path.is_dir():  # DuckDB's spill folder (`.building.tmp`)
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def table_summary(found: Ingested) -> pl.DataFrame:
    runs = found.runs.filter(pl.col("table_name").is_not_null())
    by_table = runs.group_by("table_name").agg(
        pl.len().alias("files"), pl.col("rows_read", "accepted", "rejected").sum()
    )
    order = pl.DataFrame({"table_name": [t.name for t in TABLES]})
    return order.join(by_table, on="table_name", how="left").fill_null(0)


def _raw(accepted: pl.DataFrame) -> pl.DataFrame:
    """A table's accepted rows as its raw_ table keeps them: where each came from, not the folder."""
    return accepted.drop(FOLDER).rename({FILE: "source_file", ROW: "source_row"})


def _load(con: duckdb.DuckDBPyConnection, found: Ingested, settings: Settings, source: Path) -> None:
    """Everything after the raw_ tables: lineage, problems, settings, staging views and marts."""
    built_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    _create(con, "build_settings", pl.DataFrame([settings.thresholds.model_dump()]))
    _create(con, "ingest_runs", found.runs.with_columns(pl.lit(built_at).alias("built_at")))
    _create(con, "validation_problems", found.problems)
    _create(con, "rejected_rows", found.rejected)
    _create(con, "withheld_values", found.withheld)
    info = pl.DataFrame({"built_at": [built_at], "source_dir": [str(source)]})
    _create(con, "build_info", info)
    for step in sql.build_steps():
        con.execute(step.read_text())
    # The early warning is fitted here, at build time, on the features the forecast mart keeps.
    shown, tested = warning.warnings(con.sql("from warning_features").pl(), settings.warning_threshold)
    _create(con, "early_warnings", shown)
    _create(con, "warning_backtest", tested)


def _calendar(con: duckdb.DuckDBPyConnection, settings: Settings, submissions: Path | None) -> pl.DataFrame:
    """The reporting calendar as known at this build, for the data-quality scorecard's timeliness."""
    from pmo_dash.intake.submissions import calendar
    from pmo_dash.intake.submissions.store import SubmissionStore

    cadences = dict(con.sql("select department_id, cadence from stg_departments order by 1").fetchall())
    loaded = frozenset(
        con.sql(sql.load("intake/reported_months"), params={"scope": list(cadences)}).fetchall()
    )
    store = SubmissionStore(Path(submissions)) if submissions else None
    today = dt.datetime.now(dt.UTC).date()
    return calendar.for_warehouse(store, settings.due_working_days, cadences, loaded, today)


def connect(building: Path, settings: Settings) -> duckdb.DuckDBPyConnection:
    """The new warehouse file, opened for the build. DuckDB's own limit would be 80% of the machine's
    memory: deriving the stress tier's marts took the build from 3.1 GB (reading the returns) to 4.2 GB,
    and with 2 GB it stays at 3.1 GB for some 15% longer in that step."""
    con = duckdb.connect(str(building))
    con.execute(f"set memory_limit = '{int(settings.build_memory_limit_mb)}MiB'")
    return con


def _create(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    con.register("_frame", frame)
    con.execute(f"create table {name} as select * from _frame")
    con.unregister("_frame")


def build_if_missing(settings: Settings) -> bool:
    """Build from the configured source when there is no warehouse yet; True if it built one."""
    warehouse = Path(settings.warehouse)
    if warehouse.exists():
        return False
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with open(warehouse.with_name(f".{warehouse.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two first visitors must not build twice
        if warehouse.exists():
            return False
        build(settings, submissions=settings.submissions_dir)
    return True
