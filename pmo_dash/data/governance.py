"""Governance reads: the steering committee's decisions (needed and made), compliance with the
regulatory frameworks, and resource capacity against demand."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash.data.cache import Filters, run


def gates_due(f: Filters) -> pl.DataFrame:
    """Stage gates not passed, planned before the period's end (overdue) or within the horizon after."""
    return run("governance/gates_due", f.params())


def changes_pending(f: Filters) -> pl.DataFrame:
    return run("governance/changes_pending", f.params())


def escalations(f: Filters) -> pl.DataFrame:
    """Critical and high issues open too long, and red-zone risks with overdue actions."""
    return run("governance/escalations", f.params())


def outside_tolerance(f: Filters) -> pl.DataFrame:
    return run("governance/outside_tolerance", f.params())


def gate_decisions(f: Filters) -> pl.DataFrame:
    return run("governance/gate_decisions", f.params())


def gates_passed(f: Filters) -> pl.DataFrame:
    return run("governance/gates_passed", f.params())


def change_log(f: Filters) -> pl.DataFrame:
    return run("governance/change_log", f.params())


def scope_creep(f: Filters) -> pl.DataFrame:
    return run("governance/scope_creep", f.params())


def agenda(
    gates: pl.DataFrame, changes: pl.DataFrame, escalations: pl.DataFrame, tolerance: pl.DataFrame
) -> pl.DataFrame:
    """The decisions needed as one list for the steering committee: what, for which project, since when
    and why, overdue gates first, then the escalations, the projects outside tolerance and the changes."""
    schema = {
        "item": pl.String,
        "project_id": pl.String,
        "project": pl.String,
        "department": pl.String,
        "what": pl.String,
        "since": pl.Date,
        "detail": pl.String,
    }
    parts = [
        gates.select(
            pl.when(pl.col("overdue"))
            .then(pl.lit("Gate overdue"))
            .otherwise(pl.lit("Gate due"))
            .alias("item"),
            "project_id",
            "project",
            "department",
            pl.format("{} planned {}", "gate", pl.col("planned_on").dt.strftime("%-d %b %Y")).alias("what"),
            pl.col("planned_on").alias("since"),
            pl.concat_str(
                [
                    pl.lit("evidence "),
                    pl.col("evidence_rag").fill_null("not rated"),
                    pl.lit("; "),
                    pl.col("evidence"),
                ],
                ignore_nulls=True,
            ).alias("detail"),
        ),
        escalations.select(
            pl.format("Escalated {}", pl.col("kind").str.to_lowercase()).alias("item"),
            "project_id",
            "project",
            "department",
            pl.col("title").alias("what"),
            pl.col("since"),
            pl.format("{}, {} days", "level", "days").alias("detail"),
        ),
        tolerance.select(
            pl.lit("Outside tolerance").alias("item"),
            "project_id",
            "project",
            "department",
            pl.format("outside {} tolerance", "outside").alias("what"),
            pl.lit(None, pl.Date).alias("since"),
            pl.concat_str(
                [
                    pl.format("cost {}% over budget", (pl.col("overrun") * 100).round(0).cast(pl.Int64)),
                    pl.when(pl.col("slip_days") > 0).then(pl.format("{} days late", "slip_days")),
                ],
                separator="; ",
                ignore_nulls=True,
            ).alias("detail"),
        ),
        changes.select(
            pl.lit("Change pending").alias("item"),
            "project_id",
            "project",
            "department",
            pl.col("title").alias("what"),
            pl.col("raised_on").alias("since"),
            pl.format("{} days old; {} days of schedule", "age_days", "schedule_impact_days").alias("detail"),
        ),
    ]
    return (
        pl.concat([p.cast(schema) for p in parts], how="vertical") if parts else pl.DataFrame(schema=schema)
    )


def compliance_matrix(f: Filters) -> pl.DataFrame:
    return run("governance/compliance_matrix", f.params())


def controls_attention(f: Filters) -> pl.DataFrame:
    return run("governance/controls_attention", f.params())


def uncontrolled_tags(f: Filters) -> pl.DataFrame:
    return run("governance/uncontrolled_tags", f.params())


def mandatory_projects(f: Filters) -> pl.DataFrame:
    return run("governance/mandatory_projects", f.params())


UTILISATION_ROWS = ("department_role", "department", "role")


def utilisation(f: Filters, rows: str = "department_role") -> pl.DataFrame:
    """Capacity, demand and utilisation per month (12 from the period's) and per department's role,
    department, or role across departments (`rows`)."""
    if rows not in UTILISATION_ROWS:
        raise ValueError(f"unknown utilisation rows {rows!r}")
    return run("governance/utilisation", f.params(rows=rows))


def bottlenecks(f: Filters) -> pl.DataFrame:
    return run("governance/bottlenecks", f.params())


def demand_drivers(f: Filters, department_id: str | None, role: str | None, month: dt.date) -> pl.DataFrame:
    """The projects planning demand in one cell of the utilisation map (None: summed over)."""
    return run("governance/demand_drivers", f.params(department=department_id, role=role, month=month))


def unstarted_demand(f: Filters) -> pl.DataFrame:
    return run("governance/unstarted_demand", f.params())


def satisfaction_by_department(f: Filters) -> pl.DataFrame:
    return run("governance/satisfaction_by_department", f.params())


def lowest_satisfaction(f: Filters) -> pl.DataFrame:
    return run("governance/lowest_satisfaction", f.params())


def pir_status(f: Filters) -> pl.DataFrame:
    """Per department: closed projects and their post-implementation reviews held, overdue, not yet due."""
    return run("governance/pir_status", f.params())


def pir_list(f: Filters) -> pl.DataFrame:
    return run("governance/pir_list", f.params())
