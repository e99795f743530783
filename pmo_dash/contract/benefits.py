"""The benefit returns: benefits and their measurements."""

from __future__ import annotations

from pmo_dash.contract.model import Column, Table, enum, project_ref

TABLES: tuple[Table, ...] = (
    Table(
        "benefits",
        "one row per benefit",
        (
            Column("benefit_id", "id", True, "benefit code"),
            project_ref(),
            Column("name", "text", True, "benefit"),
            enum(
                "kind",
                ("Cashable", "Non-cashable", "Non-financial"),
                aliases={"non cashable": "Non-cashable", "non financial": "Non-financial"},
                doc="benefit kind",
            ),
            Column("measure", "text", True, "what is measured"),
            Column("unit", "text", True, "unit of measure"),
            Column("baseline_value", "float", True, "value before the project"),
            Column("target_value", "float", True, "value the project commits to"),
            Column("target_date", "date", True, "date the target is due"),
            Column("owner", "text", False, "benefit owner"),
        ),
        key=("benefit_id",),
    ),
    Table(
        "benefit_measurements",
        "one row per benefit per period",
        (
            Column("benefit_id", "id", True, "the benefit", references="benefits.benefit_id"),
            Column("as_of", "date", True, "end date of the measured period", not_future=True),
            Column("planned_value", "float", True, "planned cumulative value to date"),
            Column("actual_value", "float", True, "actual cumulative value to date"),
        ),
        key=("benefit_id", "as_of"),
        monthly="as_of",
    ),
)
