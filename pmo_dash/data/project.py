"""One project, as it stood in the as-of period: each part of its brief."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash.data.cache import Scope, run

PROJECT_PARTS = (
    "brief",
    "history",
    "milestones",
    "risks",
    "benefits",
    "lessons",
    "lesson_matches",
    "changes",
    "gates",
    "controls",
    "record",
    "lineage",
)


def part(scope: Scope, project_id: str, as_of: dt.date, part: str) -> pl.DataFrame:
    """One part of a project's brief: brief, history, milestones, risks, benefits, lessons, changes,
    gates, controls, lineage (the files and rows its figures came from) or its record (as returned,
    whatever the period). Empty when the project is outside the scope."""
    if part not in PROJECT_PARTS:
        raise ValueError(f"unknown project part {part!r}")
    return run(f"project/project_{part}", {"scope": scope, "project": project_id, "as_of": as_of})


def risk_cells(risks: pl.DataFrame) -> pl.DataFrame:
    """A project's open risks (its `risks` part) counted per heat-map cell, as the risk grid wants them."""
    return risks.group_by("likelihood", "impact").agg(pl.len().alias("risks"), pl.col("exposure").sum())
