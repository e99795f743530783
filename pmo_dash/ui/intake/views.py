"""The Submit page: a PMO head picks a department and period, uploads returns, sees what the build
would make of them before anything is stored, then submits (a new version, a rebuild queued) or
discards. Who may submit for what is decided on the server (`pmo_dash.intake.submit`); the choices
offered here only spare the user a refusal."""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl
import streamlit as st

from pmo_dash import intake
from pmo_dash.auth.roles import User
from pmo_dash.contract import TABLES
from pmo_dash.settings import Settings
from pmo_dash.ui import download, fmt, tables
from pmo_dash.ui.filters import IN_LINK

# A problem with a return, as the upload's preview and the data-quality rows to fix list it.
PROBLEM_COLUMNS = {
    "file": st.column_config.TextColumn("File", width="medium"),
    "row": st.column_config.NumberColumn("Row", format="%d", width="small"),
    "column": st.column_config.TextColumn("Column", width="small"),
    "value": st.column_config.TextColumn("Value", width="small"),
    "rule": st.column_config.TextColumn("Rule", width="small"),
    "message": st.column_config.TextColumn("What is wrong", width="large"),
}

DEPARTMENT, PERIOD = "submit_for", "submit_period"  # URL keys
_UPLOADS, _PREVIEW, _NOTICE = "_submit_uploads", "_submit_preview", "_submit_notice"
_REQUESTED, _NOTICE_ERROR, _REFUSED = "_submit_requested", "_submit_error", "_submit_refused"
TYPES = ["csv", "xlsx", "parquet"]


def periods(today: dt.date, count: int = 13) -> list[str]:
    """The months a return may be for, newest first: the current one and the twelve before it."""
    found, year, month = [], today.year, today.month
    for _ in range(count):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found


def month_label(period: str) -> str:
    return dt.date.fromisoformat(f"{period}-01").strftime("%b %Y")


def allowed_departments(user: User, departments: pl.DataFrame) -> pl.DataFrame:
    """The departments this user may submit for (PMO head: their own; admin: all)."""
    return departments.filter(pl.col("department_id").map_elements(user.may_submit, return_dtype=pl.Boolean))


def choose(user: User, departments: pl.DataFrame, today: dt.date) -> tuple[str, str] | None:
    """The department and period to submit for, or None (said why) when the user may submit for none."""
    allowed = allowed_departments(user, departments)
    asked = st.query_params.get(DEPARTMENT)
    if asked and asked not in allowed["department_id"].to_list():
        # Kept until the user picks a department: the widget drops the link's value at once, and the
        # next rerun would otherwise take the refusal away before anyone has read it.
        st.session_state[_REFUSED] = asked
    if asked := st.session_state.get(_REFUSED):
        st.error(
            f"You cannot submit returns for '{fmt.plain(asked)}': "
            + (
                "PMO heads submit for their own departments only."
                if allowed.height
                else "your role submits none."
            ),
            icon=":material/block:",
        )
    if allowed.is_empty():
        st.info("Your role does not submit returns. PMO heads submit for their departments; admins for any.")
        return None
    names = dict(allowed.select("department_id", "name").iter_rows())
    left, right = st.columns(2)
    department = left.selectbox(
        "Department",
        list(names),
        format_func=lambda d: f"{fmt.plain(names[d])} ({fmt.plain(d)})",
        key=DEPARTMENT,
        on_change=lambda: st.session_state.pop(_REFUSED, None),
        **IN_LINK,
    )
    months = periods(today)
    period = right.selectbox(
        "Period (the month the return reports on)",
        months,
        index=1,  # the month just ended
        format_func=month_label,
        key=PERIOD,
        **IN_LINK,
    )
    return department, period


def templates(settings: Settings, department: str, period: str) -> None:
    """The return to fill: the department's workbook for the period, pre-filled from the warehouse, or a
    blank CSV per table. Only offered for a department the user may submit for (`choose`)."""
    st.markdown(
        "**1. Fill in the return.** The workbook has a sheet per return, pre-filled with what the warehouse "
        "holds for the department; change what has changed and fill in the month's status."
    )

    def workbook() -> bytes:
        try:
            return intake.template_workbook(settings, department, period)
        except intake.TemplateError as err:  # shown as the file's content would be worse: say it here
            st.session_state[_NOTICE_ERROR] = str(err)
            return b""

    left, right = st.columns([2, 3], vertical_alignment="bottom")
    left.download_button(
        f"Download the {month_label(period)} workbook",
        workbook,
        intake.template_file_name(department, period),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="template_xlsx",
        icon=":material/download:",
        on_click="ignore",
    )
    with right.popover("Blank CSV templates", icon=":material/table:"):
        for table in [t.name for t in TABLES if not t.enterprise]:
            st.download_button(
                f"{table}.csv",
                intake.blank_csv(table),
                f"{table}.csv",
                "text/csv",
                key=f"blank_{table}",
                type="tertiary",
                on_click="ignore",
            )
    if error := st.session_state.pop(_NOTICE_ERROR, None):
        st.error(fmt.plain(error))
    st.markdown(
        "**2. Upload it**, or CSV files named after their returns. Nothing is stored until you submit."
    )


def uploads(limit_mb: float) -> list[tuple[str, bytes]]:
    """The files chosen, as (name, content); a new uploader after a submit or discard starts empty."""
    generation = st.session_state.setdefault(_UPLOADS, 0)
    files = st.file_uploader(
        "Returns: CSV, XLSX or Parquet files named after their tables (status_reports.csv, risks.xlsx), or "
        "one workbook with a sheet per table",
        type=TYPES,
        accept_multiple_files=True,
        max_upload_size=max(1, int(limit_mb)),  # what the widget says and refuses; files.py checks it too
        key=f"uploads_{generation}",
    )
    return [(f.name, f.getvalue()) for f in files or []]


def _request() -> None:
    """Button callback: note the click, acted on when the page reaches it (a callback survives a rerun
    before the page is drawn, which a button's return value does not)."""
    st.session_state[_REQUESTED] = True


def _fresh_uploader() -> None:
    st.session_state[_UPLOADS] = st.session_state.get(_UPLOADS, 0) + 1
    st.session_state.pop(_PREVIEW, None)


def preview(settings: Settings, user: User, department: str, period: str, files: list[tuple[str, bytes]]):
    """Validate the upload (once per set of files), and show what the build would make of it."""
    key = (
        department,
        period,
        hashlib.sha256(b"".join(hashlib.sha256(d).digest() for _, d in files)).hexdigest(),
    )
    cached = st.session_state.get(_PREVIEW)
    if cached is None or cached[0] != key:
        try:
            found = intake.check_submission(settings, user, department, period, files)
        except intake.SubmissionRefused as refused:
            st.error(fmt.plain(str(refused)), icon=":material/block:")
            return None
        st.session_state[_PREVIEW] = cached = (key, found)
    found = cached[1]
    counts = pl.DataFrame(
        [{"table": t, **c} for t, c in found.counts.items()],
        schema={"table": pl.String, "read": pl.Int64, "accepted": pl.Int64, "rejected": pl.Int64},
    )
    rejected = int(counts["rejected"].sum() or 0)
    st.subheader(f"What the build would make of it: {month_label(period)}, {fmt.plain(department)}")
    st.dataframe(
        counts,
        hide_index=True,
        width="content",
        column_config={
            "table": st.column_config.TextColumn("Return"),
            "read": st.column_config.NumberColumn("Rows read", format="%d"),
            "accepted": st.column_config.NumberColumn("Accepted", format="%d"),
            "rejected": st.column_config.NumberColumn("Rejected", format="%d"),
        },
    )
    for note in found.notes:
        st.caption(fmt.plain(note))
    if rejected:
        st.warning(
            f"{rejected:,} row{'s' if rejected != 1 else ''} would be rejected: fix them in your file and "
            "upload it again, or submit and fix them in the next version. The rows accepted still count.",
            icon=":material/rule:",
        )
        problems = found.problems.select("file", "row", "column", "value", "rule", "message")
        st.dataframe(
            problems,
            hide_index=True,
            width="stretch",
            height=tables.fitted_height(problems.height, 400),
            placeholder=tables.MISSING,
            column_config=PROBLEM_COLUMNS,
        )
        download.csv_button(
            problems, f"problems-{department}-{period}", key="problems_csv", label="Download the problems"
        )
    else:
        st.success("Every row would be accepted.", icon=":material/check_circle:")
    return found


def decide(
    settings: Settings, user: User, department: str, period: str, files: list[tuple[str, bytes]]
) -> None:
    """Submit (a new version, a rebuild queued) or discard."""
    left, right, _ = st.columns([1, 1, 4])
    left.button("Submit", type="primary", icon=":material/send:", key="submit_return", on_click=_request)
    if st.session_state.pop(_REQUESTED, False):
        try:
            manifest = intake.submit(settings, user, department, period, files)
        except intake.SubmissionRefused as refused:
            st.error(fmt.plain(str(refused)), icon=":material/block:")
            return
        st.session_state[_NOTICE] = (
            f"Submitted as version {manifest.version} of {fmt.plain(department)}'s return for "
            f"{month_label(period)}. The warehouse is being rebuilt; the pages show it when that is done."
        )
        _fresh_uploader()
        st.rerun()
    right.button("Discard", icon=":material/delete:", key="discard", on_click=_fresh_uploader)


def notice() -> None:
    if said := st.session_state.pop(_NOTICE, None):
        st.success(said, icon=":material/task_alt:")
