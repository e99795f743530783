"""The reporting calendar: per department and period, when its return was due and whether it came.

A period's return is due `settings.due_working_days` working days (Monday to Friday) after the month's
end (`periods.due_date`). Only returns submitted through the app count: the repository's manifests say
who submitted which version and when. A first version submitted on or before the due date (its UTC date)
is on time, after it late; more than one version is a resubmission (`first_on_time` says how the first
came); no version is in the base returns when the warehouse holds status reports for that department
and month loaded from PMO_SOURCE_DIR (neither on time nor missing: nobody knows when they came), else
missing once the due date has passed, and not yet due until then. A department returns once per
cadence window (its `cadence`: Monthly, Quarterly, Annual): in a month between two of its returns
nothing is expected ("not expected"), unless something was submitted. Its returns fall in the month of
the year its latest return did (a quarterly or annual department's; none yet: December).

The Submit page shows it live from the repository; each build writes it into the warehouse as
`reporting_calendar` (over the months anyone reported), where the data-quality scorecard's timeliness
counts it.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash import periods as months
from pmo_dash.intake.submissions.store import SubmissionStore
from pmo_dash.settings import Settings

STATUSES = ("on time", "late", "resubmitted", "in the base returns", "missing", "not yet due", "not expected")
STEP = {"Monthly": 1, "Quarterly": 3, "Annual": 12}  # months between a department's returns
SCHEMA = {
    "department_id": pl.String,
    "period": pl.String,  # YYYY-MM
    "due": pl.Date,
    "status": pl.String,
    "first_on_time": pl.Boolean,  # null when nothing was submitted
    "versions": pl.Int64,
    "first_by": pl.String,
    "first_at": pl.Datetime("us", "UTC"),
    "latest_by": pl.String,
    "latest_at": pl.Datetime("us", "UTC"),
}


def last_periods(today: dt.date, count: int) -> list[str]:
    """The `count` months ended before `today`, oldest first (`YYYY-MM`)."""
    found, year, month = [], today.year, today.month
    for _ in range(count):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        found.append(f"{year:04d}-{month:02d}")
    return found[::-1]


def due(period: str, working_days: int) -> dt.date:
    """The day a period's return is due."""
    end = months.month_end(dt.date.fromisoformat(f"{period}-01"))
    return months.due_date(end, working_days)


def expected(period: str, cadence: str, anchor: int) -> bool:
    """Whether a department of this cadence, whose returns fall in month `anchor` of the year (or every
    `STEP` months from it), returns for `period` ("YYYY-MM")."""
    return (int(period[5:]) - anchor) % STEP.get(cadence, 1) == 0


def anchor(department: str, loaded: frozenset[tuple[str, str]], store: SubmissionStore | None) -> int:
    """The month of the year of the department's latest return, loaded or submitted (none: December)."""
    months = [p for d, p in loaded if d == department] + (store.periods(department) if store else [])
    return int(max(months)[5:]) if months else 12


def _when(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(dt.UTC)


def reporting_calendar(
    settings: Settings,
    department_ids: list[str],
    today: dt.date,
    periods: int = 12,
    loaded: frozenset[tuple[str, str]] = frozenset(),
    cadences: dict[str, str] | None = None,
) -> pl.DataFrame:
    """One row per department and period (the `periods` months ended before `today`): its due date,
    status (`STATUSES`), versions submitted, and who submitted the first and the latest, and when.
    `loaded` holds the (department, "YYYY-MM") whose status reports the warehouse has; `cadences` each
    department's cadence (none given: Monthly)."""
    store = SubmissionStore(settings.submissions_dir)
    months_ = last_periods(today, periods)
    return statuses(store, settings.due_working_days, department_ids, months_, today, loaded, cadences)


def statuses(
    store: SubmissionStore | None,
    working_days: int,
    department_ids: list[str],
    periods: list[str],
    today: dt.date,
    loaded: frozenset[tuple[str, str]] = frozenset(),
    cadences: dict[str, str] | None = None,
) -> pl.DataFrame:
    """The calendar (`SCHEMA`) of these departments over these periods ("YYYY-MM"), as known `today`
    (no repository: nothing submitted)."""
    rows = []
    for department in department_ids:
        cadence = (cadences or {}).get(department, "Monthly")
        month = anchor(department, loaded, store) if cadence != "Monthly" else 1
        for period in periods:
            deadline = due(period, working_days)
            versions = store.versions(department, period) if store else []
            row = {"department_id": department, "period": period, "due": deadline, "versions": len(versions)}
            if not versions:
                if not expected(period, cadence, month):
                    status = "not expected"
                elif today <= deadline:
                    status = "not yet due"
                elif (department, period) in loaded:
                    status = "in the base returns"
                else:
                    status = "missing"
                rows.append(row | {"status": status})
                continue
            first, latest = versions[0], versions[-1]
            on_time = _when(first.submitted_at).date() <= deadline
            status = "resubmitted" if len(versions) > 1 else "on time" if on_time else "late"
            rows.append(
                row
                | {
                    "status": status,
                    "first_on_time": on_time,
                    "first_by": first.user,
                    "first_at": _when(first.submitted_at),
                    "latest_by": latest.user,
                    "latest_at": _when(latest.submitted_at),
                }
            )
    return pl.DataFrame(rows, schema=SCHEMA)


def for_warehouse(
    store: SubmissionStore | None,
    working_days: int,
    cadences: dict[str, str],
    loaded: frozenset[tuple[str, str]],
    today: dt.date,
) -> pl.DataFrame:
    """The calendar a build writes into the warehouse: every department (`cadences`: id -> cadence) over
    the months anyone reported (those in `loaded`), with the period as the month's last day (as
    `periods` has it)."""
    reported = sorted({period for _, period in loaded})
    found = statuses(store, working_days, list(cadences), reported, today, loaded, cadences)
    return found.with_columns(pl.col("period").str.to_date("%Y-%m").dt.month_end())
