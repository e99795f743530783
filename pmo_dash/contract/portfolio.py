"""The portfolio's returns: departments, objectives, programmes, projects, their status and milestones."""

from __future__ import annotations

from pmo_dash.contract.model import NARRATIVE, Column, DateOrder, Table, enum, money, project_ref, rag, score

TABLES: tuple[Table, ...] = (
    Table(
        "departments",
        "one row per department PMO",
        (
            Column("department_id", "id", True, "short code; the department's folder name"),
            Column("name", "text", True, "department name"),
            Column("division", "text", False, "division or business unit"),
            Column("pmo_head", "text", False, "name of the department's PMO head"),
        ),
        key=("department_id",),
    ),
    Table(
        "strategic_objectives",
        "one row per strategic objective",
        (
            Column("objective_id", "id", True, "objective code"),
            Column("name", "text", True, "objective"),
            Column("weight", "float", False, "relative weight in scoring", min=0),
        ),
        key=("objective_id",),
        enterprise=True,
    ),
    Table(
        "programmes",
        "one row per programme",
        (
            Column("programme_id", "id", True, "programme code"),
            Column("department_id", "id", True, "owning department", references="departments.department_id"),
            Column("name", "text", True, "programme name"),
            Column("sponsor", "text", False, "senior responsible owner"),
        ),
        key=("programme_id",),
    ),
    Table(
        "projects",
        "one row per project",
        (
            Column("project_id", "id", True, "project code"),
            Column("department_id", "id", True, "owning department", references="departments.department_id"),
            Column("programme_id", "id", False, "programme, if any", references="programmes.programme_id"),
            Column("name", "text", True, "project name"),
            Column("sponsor", "text", False, "project sponsor"),
            Column("project_manager", "text", False, "project manager"),
            enum(
                "methodology",
                ("PRINCE2", "PMI", "Agile", "Hybrid"),
                aliases={"prince 2": "PRINCE2", "pmbok": "PMI"},
                doc="delivery method",
            ),
            enum(
                "stage",
                ("Initiation", "Planning", "Execution", "Closing", "Closed"),
                doc="lifecycle stage",
            ),
            enum(
                "state",
                ("Active", "On hold", "Closed", "Cancelled"),
                aliases={"on-hold": "On hold", "onhold": "On hold", "canceled": "Cancelled"},
                doc="current state",
            ),
            Column(
                "objective_id",
                "id",
                False,
                "strategic objective served",
                references="strategic_objectives.objective_id",
            ),
            score("strategic_fit", doc="fit with strategy, 1 (poor) to 5 (core)"),
            Column("baseline_start", "date", True, "approved start"),
            Column("baseline_finish", "date", True, "approved finish"),
            Column("forecast_finish", "date", False, "current forecast finish"),
            Column("actual_finish", "date", False, "actual finish, once delivered", not_future=True),
            money("budget", doc="budget at completion (BAC)"),
            money("expected_benefit", required=False, doc="expected benefit value"),
            Column("mandatory", "bool", False, "regulatory or otherwise mandatory (yes/no)"),
            Column("compliance_tags", "list", False, "frameworks in scope, e.g. GDPR;HIPAA;SOX"),
        ),
        key=("project_id",),
        date_order=(
            DateOrder("baseline_start", "baseline_finish"),
            DateOrder("baseline_start", "forecast_finish"),
            DateOrder("baseline_start", "actual_finish"),
        ),
    ),
    Table(
        "status_reports",
        "one row per project per reporting period",
        (
            project_ref(),
            Column("as_of", "date", True, "end date of the reporting period", not_future=True),
            rag("overall_rag", doc="reported overall RAG"),
            rag("schedule_rag", doc="reported schedule RAG"),
            rag("cost_rag", doc="reported cost RAG"),
            rag("scope_rag", required=False, doc="reported scope RAG"),
            rag("resource_rag", required=False, doc="reported resource RAG"),
            Column("percent_complete", "float", True, "percent complete, 0-100", min=0, max=100),
            money("planned_value", doc="planned value (PV) to date"),
            money("earned_value", doc="earned value (EV) to date"),
            money("actual_cost", doc="actual cost (AC) to date"),
            Column("forecast_finish", "date", False, "forecast finish at this report"),
            score("stakeholder_satisfaction", required=False, doc="1 (poor) to 5 (excellent)"),
            Column("summary", "text", False, "narrative", max_length=NARRATIVE),
        ),
        key=("project_id", "as_of"),
        monthly="as_of",
    ),
    Table(
        "milestones",
        "one row per milestone",
        (
            Column("milestone_id", "id", True, "milestone code"),
            project_ref(),
            Column("name", "text", True, "milestone"),
            Column("baseline_date", "date", True, "approved date"),
            Column("forecast_date", "date", False, "forecast date"),
            Column("actual_date", "date", False, "date achieved", not_future=True),
        ),
        key=("milestone_id",),
    ),
)
