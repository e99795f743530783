"""The Submit page's record: where the rebuild a submission queued stands, and every version submitted."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from pmo_dash import intake
from pmo_dash.settings import Settings
from pmo_dash.ui import fmt, tables
from pmo_dash.ui.intake.views import month_label

ACTIVE = ("queued", "running")


def rebuild_status(settings: Settings) -> None:
    """Where the rebuild stands; while one is queued or running, watched every two seconds on its own
    (the rest of the page stays as it is), and the whole page redrawn once it has finished."""
    status = intake.rebuild_status(settings)
    if status.state in ACTIVE:
        _watch(settings)
    else:
        _say(status)


@st.fragment(run_every=2)
def _watch(settings: Settings) -> None:
    status = intake.rebuild_status(settings)
    if status.state not in ACTIVE:
        st.rerun()  # the whole page: its history and the pages' data are new
    _say(status)


def _say(status) -> None:
    if status.state == "idle":
        return  # nothing asked for since the server started: nothing to say
    text = {
        "queued": "A rebuild is queued.",
        "running": "The warehouse is being rebuilt; the pages show the previous one until it is done.",
        "done": "The last rebuild is done: every page shows the submissions.",
        "failed": (
            "The last rebuild failed; the previous warehouse is still serving and the submissions are kept."
        ),
    }[status.state]
    if status.pending and status.state == "running":
        text += " Another will follow for what was submitted meanwhile."
    detail = f" {fmt.plain(status.message[:1].upper() + status.message[1:])}." if status.message else ""
    when = (
        f" (finished {_time(status.finished_at)})"
        if status.finished_at and status.state in ("done", "failed")
        else ""
    )
    shown = getattr(st, "error" if status.state == "failed" else "info")
    shown(f"{text}{detail}{when}", icon=":material/sync:" if status.state in ACTIVE else None)


def _time(iso: str) -> str:
    return f"{dt.datetime.fromisoformat(iso):%-d %b %Y %H:%M} UTC"


def submissions(manifests) -> None:
    """Every version submitted for the user's departments, newest first."""
    st.subheader("Submissions")
    if not manifests:
        st.caption("Nothing submitted yet for your departments.")
        return
    rows = pl.DataFrame(
        [
            {
                "department": m.department_id,
                "period": month_label(m.period),
                "version": m.version,
                "user": m.user,
                "submitted_at": _time(m.submitted_at),
                "accepted": sum(c["accepted"] for c in m.counts.values()),
                "rejected": sum(c["rejected"] for c in m.counts.values()),
                "files": ", ".join(f.name for f in m.files),
            }
            for m in manifests
        ]
    )
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        height=tables.fitted_height(rows.height, 360),
        column_config={
            "department": st.column_config.TextColumn("Department", width="small"),
            "period": st.column_config.TextColumn("Period", width="small"),
            "version": st.column_config.NumberColumn("Version", format="%d", width="small"),
            "user": st.column_config.TextColumn("By", width="small"),
            "submitted_at": st.column_config.TextColumn("Submitted", width="medium"),
            "accepted": st.column_config.NumberColumn("Rows accepted", format="%d", width="small"),
            "rejected": st.column_config.NumberColumn("Rows rejected", format="%d", width="small"),
            "files": st.column_config.TextColumn("Files", width="medium"),
        },
    )


def submitted_in() -> pl.Expr:
    """Where a file of the build's source came from, from a row's `version`, `submitted_by` and
    `submitted_at` (submission_sources): "version 2 by fin_head, 2026-11-06", or "base returns" when no
    submission carried it. As the column `source`."""
    return (
        pl.when(pl.col("version").is_null())
        .then(pl.lit("base returns"))
        .otherwise(
            pl.format(
                "version {} by {}, {}", "version", "submitted_by", pl.col("submitted_at").str.slice(0, 10)
            )
        )
        .alias("source")
    )
