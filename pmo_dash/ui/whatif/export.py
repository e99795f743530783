"""A saved scenario as a file: its decisions against today's candidates, as CSV or a workbook."""

from __future__ import annotations

import json

import polars as pl

from pmo_dash import exports
from pmo_dash.intake import Scenario


def export_frame(scenario: Scenario, candidates: pl.DataFrame) -> pl.DataFrame:
    """Every candidate of today's warehouse, with the scenario's rank, score, cost (after its shocks)
    and decision as they stood when it was saved, best rank first."""
    funded = set(scenario.funded)
    frame = candidates.select(
        "project_id",
        "project",
        "department_id",
        "department",
        "mandatory",
        "funded_now",
        pl.col("project_id").is_in(list(funded)).alias("funded_in_scenario"),
    )
    if not scenario.decisions:
        return frame
    saved = pl.DataFrame(
        list(scenario.decisions),
        schema={
            "project_id": pl.String,
            "rank": pl.Int64,
            "score": pl.Float64,
            "eac": pl.Float64,
            "decision": pl.String,
        },
    ).rename({"eac": "eac_in_scenario"})
    return (
        saved.join(frame, on="project_id", how="left")
        .select(
            "rank",
            "project_id",
            "project",
            "department_id",
            "department",
            "decision",
            "score",
            "eac_in_scenario",
            "mandatory",
            "funded_now",
            "funded_in_scenario",
        )
        .sort("rank")
    )


def scenario_csv(scenario: Scenario, candidates: pl.DataFrame) -> bytes:
    """The scenario's decisions as a CSV, safe to open in a spreadsheet."""
    return exports.csv_bytes(export_frame(scenario, candidates))


def scenario_xlsx(scenario: Scenario, candidates: pl.DataFrame) -> bytes:
    """The scenario's decisions, and what it was, as a workbook safe to open."""
    about = {
        "scenario": scenario.name,
        "author": scenario.author_name,
        "saved (UTC)": scenario.created_at.isoformat(sep=" "),
        "warehouse": scenario.warehouse_version,
        "departments": ", ".join(scenario.scope),
    }
    about |= {f"lever: {k}": json.dumps(v) for k, v in scenario.levers.get("levers", {}).items()}
    about |= {f"result: {k}": str(v) for k, v in scenario.summary.items()}
    return exports.xlsx_bytes(
        {
            "decisions": export_frame(scenario, candidates),
            "scenario": pl.DataFrame({"item": list(about), "value": [str(v) for v in about.values()]}),
        }
    )
