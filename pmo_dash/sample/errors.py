"""Deliberate bad rows in one department, so the validation report always has something to show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

Frames = dict[str, pl.DataFrame]


@dataclass(frozen=True)
class Injected:
    """One deliberate error: where it is in the written file (header is row 1) and the rule it breaks."""

    table: str
    row: int
    column: str
    value: str
    rule: str


def _set(frame: pl.DataFrame, row: int, column: str, value: object) -> pl.DataFrame:
    hit = pl.int_range(pl.len()) == row
    return frame.with_columns(pl.when(hit).then(pl.lit(value)).otherwise(pl.col(column)).alias(column))


def _likelihood_out_of_range(frames: Frames, dept: str) -> Injected | None:
    risks = frames["risks"]
    row = risks.height // 3
    frames["risks"] = _set(risks, row, "likelihood", 7)
    return Injected("risks", row + 2, "likelihood", "7", "range 1-5")


def _duplicate_risk_id(frames: Frames, dept: str) -> Injected | None:
    risks = frames["risks"]
    copy = risks.slice(risks.height * 2 // 3, 1).with_columns(
        pl.lit("Sole supplier of the scanning service may exit the market").alias("title"),
        pl.lit("Supplier").alias("category"),
    )
    frames["risks"] = pl.concat([risks, copy])
    return Injected("risks", risks.height + 2, "risk_id", copy["risk_id"][0], "unique key")


def _report_for_unknown_project(frames: Frames, dept: str) -> Injected | None:
    reports = frames["status_reports"]
    real = reports["project_id"][-1]
    ghost = real.replace("-P0", "-P", 1) if "-P0" in real else real + "0"  # a mistyped id: a zero dropped
    orphan = reports.tail(1).with_columns(pl.lit(ghost).alias("project_id"))
    frames["status_reports"] = pl.concat([reports, orphan])
    return Injected("status_reports", reports.height + 2, "project_id", ghost, "reference")


def _unparseable_date(frames: Frames, dept: str) -> Injected | None:
    milestones = frames["milestones"].with_columns(pl.col("baseline_date").cast(pl.String))
    row = milestones.height // 2
    frames["milestones"] = _set(milestones, row, "baseline_date", "31/13/2025")
    return Injected("milestones", row + 2, "baseline_date", "31/13/2025", "date")


def _finish_before_start(frames: Frames, dept: str) -> Injected | None:
    projects = frames["projects"]
    row = {c: None for c in projects.columns} | {
        "project_id": f"{dept}-P{projects.height + 1:04d}",
        "department_id": dept,
        "name": "Records retention archive",
        "methodology": "PRINCE2",
        "stage": "Initiation",
        "state": "Active",
        "strategic_fit": 3,
        "baseline_start": dt.date(2026, 3, 1),
        "baseline_finish": dt.date(2025, 9, 30),
        "budget": 250_000,
        "mandatory": "yes",
        "compliance_tags": "GDPR",
    }
    frames["projects"] = pl.concat([projects, pl.DataFrame([row], schema=projects.schema)])
    return Injected("projects", projects.height + 2, "baseline_finish", "2025-09-30", "date order")


def _unknown_lesson_effect(frames: Frames, dept: str) -> Injected | None:
    lessons = frames.get("lessons")
    if lessons is None or lessons.height == 0:
        return None
    row = lessons.height // 2
    frames["lessons"] = _set(lessons, row, "effect", "Neutral")
    return Injected("lessons", row + 2, "effect", "Neutral", "enum")


def _missing_issue_title(frames: Frames, dept: str) -> Injected | None:
    issues = frames.get("issues")
    if issues is None or issues.height == 0:
        return None
    row = issues.height // 2
    frames["issues"] = _set(issues, row, "title", None)
    return Injected("issues", row + 2, "title", "", "required")


INJECTIONS: tuple[Callable[[Frames, str], Injected | None], ...] = (
    _likelihood_out_of_range,
    _duplicate_risk_id,
    _report_for_unknown_project,
    _unparseable_date,
    _finish_before_start,
    _unknown_lesson_effect,
    _missing_issue_title,
)


def inject(frames: Frames, dept: str) -> list[Injected]:
    """Break one department's frames in place, one rule per error; return what was broken where."""
    done = [fn(frames, dept) for fn in INJECTIONS]
    return [i for i in done if i is not None]
