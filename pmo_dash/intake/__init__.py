"""The write side: everything that writes the warehouse or the app's own state.

`ingest` reads and validates the departments' returns; `build` turns them into a new warehouse and
swaps it in; `isolated` runs a build in a process of its own; `scenarios` is the store of saved
what-if scenarios (apart from the warehouse, so that they survive rebuilds); `imports` turns foreign
exports into standard returns under a mapping file (`python -m pmo_dash import`); `submissions` takes
the departments' uploaded returns (checked, previewed, stored append-only, then built from); `templates` makes
the XLSX return a department fills, pre-filled from the warehouse, and the blank CSV per table;
`reporting_calendar` says per department and period whether its return came on time.

The read side (`pmo_dash.db`, `pmo_dash.data`, the chart builders and views) never imports this
package. The app reaches it only through the functions and types below, and the heavy parts
(polars ingestion, the builder) are imported only when a build is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pmo_dash.intake.scenarios import Scenario, ScenarioError, ScenarioStore, labelled
from pmo_dash.intake.templates import TemplateError, blank_csv
from pmo_dash.intake.templates import file_name as template_file_name
from pmo_dash.intake.templates import workbook as template_workbook

if TYPE_CHECKING:
    import datetime as dt

    import polars as pl

    from pmo_dash.auth.roles import User
    from pmo_dash.intake.isolated import Outcome
    from pmo_dash.intake.submissions import Manifest, Preview
    from pmo_dash.intake.submissions.queue import RebuildStatus
    from pmo_dash.settings import Settings

__all__ = [
    "BuildError",
    "Scenario",
    "ScenarioError",
    "ScenarioStore",
    "SubmissionRefused",
    "TemplateError",
    "blank_csv",
    "build_if_missing",
    "check_submission",
    "labelled",
    "rebuild",
    "rebuild_status",
    "reporting_calendar",
    "source_files",
    "submission_history",
    "submit",
    "template_file_name",
    "template_workbook",
]


class BuildError(Exception):
    """No warehouse could be built; the message says why and what to do."""


class SubmissionRefused(Exception):
    """A submission (or its preview) cannot be taken; the message says why, in the user's words."""


def rebuild(settings: Settings) -> Outcome:
    """Build a new warehouse from the configured returns in a process of its own (the Admin page)."""
    from pmo_dash.intake import isolated

    return isolated.rebuild(settings)


def build_if_missing(settings: Settings) -> bool:
    """Build from the configured returns when there is no warehouse yet (first start); True if built."""
    from pmo_dash.intake import build

    return build.build_if_missing(settings)


def source_files(folder: Path) -> list[tuple[str, Path]]:
    """Every file a build would find under `folder`, as the warehouse's lineage names it, and its path."""
    from pmo_dash.intake.ingest.read import discover

    return [(found.name, found.path) for found in discover(folder)]


Uploads = list[tuple[str, bytes]]  # (file name as uploaded, its content)


def check_submission(
    settings: Settings, user: User, department_id: str, period: str, uploads: Uploads
) -> Preview:
    """Validate uploaded returns for a department and period as the build would; nothing is stored.
    SubmissionRefused when the user may not submit for the department or a file cannot be taken."""
    from pmo_dash.intake import submissions

    return submissions.check(settings, user, department_id, period, uploads)


def submit(settings: Settings, user: User, department_id: str, period: str, uploads: Uploads) -> Manifest:
    """Store uploaded returns as the next version for the department and period, and queue a rebuild."""
    from pmo_dash.intake import submissions

    return submissions.submit(settings, user, department_id, period, uploads)


def rebuild_status(settings: Settings) -> RebuildStatus:
    """Queued, running, done or failed (and why): the rebuild that submissions asked for."""
    from pmo_dash.intake.submissions import queue

    return queue.status(settings)


def submission_history(settings: Settings, user: User) -> list[Manifest]:
    """Every version submitted for the departments this user may submit for, newest first."""
    from pmo_dash.intake.submissions.store import SubmissionStore

    store = SubmissionStore(settings.submissions_dir)
    return [m for m in store.listing() if user.may_submit(m.department_id)]


def reporting_calendar(
    settings: Settings,
    department_ids: list[str],
    today: dt.date,
    periods: int = 12,
    loaded: frozenset[tuple[str, str]] = frozenset(),
    cadences: dict[str, str] | None = None,
) -> pl.DataFrame:
    """Per department and period (the `periods` months ended before `today`): the due date, the status
    (on time, late, resubmitted, in the base returns, missing, not yet due, not expected) and who
    submitted the first and latest version, and when. Only returns submitted through the app have a
    time; a month with nothing submitted whose status reports are in `loaded` (department, "YYYY-MM") is
    in the base returns; a quarterly or annual department (`cadences`) is not expected between returns."""
    from pmo_dash.intake.submissions import calendar

    return calendar.reporting_calendar(settings, department_ids, today, periods, loaded, cadences)
