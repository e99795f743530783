"""The reporting calendar: per department and period, when its return was due and whether it came.

A period's return is due `settings.due_working_days` working days (Monday to Friday) after the month's
end (`periods.due_date`). Only returns submitted through the app count: the repository's manifests say
who submitted which version and when. A first version submitted on or before the due date (its UTC date)
is on time, after it late; more than one version is a resubmission (`first_on_time` says how the first
came); no version is missing once the due date has passed, and not yet due until then.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash import periods as months
from pmo_dash.intake.submissions.store import SubmissionStore
from pmo_dash.settings import Settings

STATUSES = ("on time", "late", "resubmitted", "missing", "not yet due")
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


def _when(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(dt.UTC)


def reporting_calendar(
    settings: Settings, department_ids: list[str], today: dt.date, periods: int = 12
) -> pl.DataFrame:
    """One row per department and period (the `periods` months ended before `today`): its due date,
    status (`STATUSES`), versions submitted, and who submitted the first and the latest, and when."""
    store = SubmissionStore(settings.submissions_dir)
    rows = []
    for department in department_ids:
        for period in last_periods(today, periods):
            deadline = due(period, settings.due_working_days)
            versions = store.versions(department, period)
            row = {"department_id": department, "period": period, "due": deadline, "versions": len(versions)}
            if not versions:
                rows.append(row | {"status": "missing" if today > deadline else "not yet due"})
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
