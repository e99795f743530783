"""The planning returns: the dependencies between projects (and their milestones), and the proposed
initiatives (the demand pipeline), their resource demand and the portfolio board's decisions on them."""

from __future__ import annotations

from pmo_dash.contract.model import Column, Table, enum, money, project_ref, score

LEVELS = ("Low", "Medium", "High")
LEVEL_ALIASES = {"l": "Low", "m": "Medium", "h": "High", "med": "Medium"}

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
    Table(
        "proposals",
        "one row per proposed initiative (not yet a project)",
        (
            Column("proposal_id", "id", True, "proposal code"),
            Column(
                "department_id", "id", True, "proposing department", references="departments.department_id"
            ),
            Column("title", "text", True, "initiative"),
            Column("sponsor", "text", True, "sponsor"),
            money("estimated_cost", doc="estimated whole-life cost (GBP)"),
            money("annual_benefit", doc="expected benefit a year once delivered (GBP)"),
            Column("benefit_years", "int", True, "years the benefit lasts", min=1, max=50),
            Column(
                "objective_id",
                "id",
                False,
                "strategic objective",
                references="strategic_objectives.objective_id",
            ),
            score("strategic_fit", doc="1 (weak) to 5 (strong)"),
            enum("risk_rating", LEVELS, aliases=LEVEL_ALIASES, doc="delivery risk"),
            enum(
                "operational_impact",
                LEVELS,
                aliases=LEVEL_ALIASES,
                doc="disruption to operations while it is delivered",
            ),
            Column("requested_start", "date", True, "requested start"),
        ),
        key=("proposal_id",),
    ),
    Table(
        "proposal_demand",
        "one row per proposal, role and month",
        (
            Column("proposal_id", "id", True, "the proposal", references="proposals.proposal_id"),
            Column("role", "text", True, "role"),
            Column("month", "date", True, "first day of the month"),
            Column("demand_fte", "float", True, "demanded full-time equivalents", min=0),
        ),
        key=("proposal_id", "role", "month"),
    ),
    Table(
        "proposal_decisions",
        "one row per decision of the portfolio board on a proposal",
        (
            Column("proposal_id", "id", True, "the proposal", references="proposals.proposal_id"),
            Column("decided_on", "date", True, "date decided", not_future=True),
            enum(
                "decision",
                ("Approved", "Deferred", "Rejected"),
                aliases={"approve": "Approved", "defer": "Deferred", "reject": "Rejected"},
                doc="approved to start, deferred or rejected",
            ),
            Column("decided_by", "text", False, "deciding body"),
            Column("note", "text", False, "conditions or reasons"),
        ),
        key=("proposal_id", "decided_on"),
    ),
)
