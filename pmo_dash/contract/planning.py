"""The planning returns: the dependencies between projects (and their milestones)."""

from __future__ import annotations

from pmo_dash.contract.model import Column, Table, enum, project_ref

TABLES: tuple[Table, ...] = (
    Table(
        "dependencies",
        "one row per dependency, filed by the department of the project that waits",
        (
            Column("dependency_id", "id", True, "dependency code"),
            project_ref(),
            Column(
                "milestone_id",
                "id",
                False,
                "the milestone of the project that waits which needs it (empty: the project)",
                references="milestones.milestone_id",
            ),
            Column(
                "predecessor_project_id",
                "id",
                True,
                "the project it waits for (any department's)",
            ),
            Column(
                "predecessor_milestone_id",
                "id",
                False,
                "the predecessor's milestone that delivers it (empty: the predecessor's finish)",
            ),
            enum(
                "type",
                ("Finish-to-start", "Delivers-to"),
                aliases={
                    "fs": "Finish-to-start",
                    "finish to start": "Finish-to-start",
                    "finish-start": "Finish-to-start",
                    "delivers to": "Delivers-to",
                    "delivers": "Delivers-to",
                },
                doc="finish-to-start (the waiting project starts when the predecessor finishes) or "
                "delivers-to (the predecessor delivers into it)",
            ),
            enum("criticality", ("High", "Medium", "Low"), aliases={"h": "High", "m": "Medium", "l": "Low"}),
            enum(
                "state",
                ("Open", "Met", "Withdrawn"),
                aliases={"closed": "Met", "cancelled": "Withdrawn"},
                doc="open (still awaited), met or withdrawn",
            ),
            Column(
                "needed_by",
                "date",
                False,
                "when the waiting project needs it (empty: see README Measures)",
            ),
        ),
        key=("dependency_id",),
    ),
)
