"""The data contract: every standard template, declared once.

Ingestion, validation, the docs (docs/data-contract.md) and the downloadable templates
are all generated from this module, so the names here are the names everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["id", "text", "int", "float", "date", "bool", "enum", "list"]


# Default length limits by kind (characters). Narratives set their own, longer, limit.
LIMITS = {"id": 64, "text": 300, "list": 2000}
NARRATIVE = 5000


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True
    description: str = ""
    values: tuple[str, ...] = ()  # canonical enum values
    aliases: dict[str, str] = field(default_factory=dict)  # lower-case spelling -> canonical
    min: float | None = None
    max: float | None = None
    references: str | None = None  # "table.column"
    not_future: bool = False  # a date that records what happened: it cannot lie after this month
    max_length: int | None = None  # characters; None takes the kind's default (LIMITS)

    @property
    def limit(self) -> int | None:
        """The most characters a value may have: more is a paste gone wrong, and would stall every page."""
        return self.max_length or LIMITS.get(self.kind)

    def lookup(self) -> dict[str, str]:
        """Every accepted lower-case spelling of an enum value mapped to its canonical form."""
        accepted = {v.lower(): v for v in self.values}
        accepted.update(self.aliases)
        return accepted


@dataclass(frozen=True)
class DateOrder:
    """`later` may not fall before `earlier` (both optional: checked only when both set)."""

    earlier: str
    later: str


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    date_order: tuple[DateOrder, ...] = ()
    enterprise: bool = False  # submitted once by the IPMO, not by each department
    monthly: str | None = None  # key date column that names a month: two rows in one month are duplicates

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def _enum(name: str, values: tuple[str, ...], *, required: bool = True, aliases=None, doc=""):
    return Column(name, "enum", required, doc, values=values, aliases=dict(aliases or {}))


# Mixed colours collapse to the worse one: an IPMO never reads Amber/Green as Green.
RAG = ("Red", "Amber", "Green")
RAG_ALIASES = {
    "r": "Red",
    "a": "Amber",
    "g": "Green",
    "amber/green": "Amber",
    "green/amber": "Amber",
    "amber/red": "Red",
    "red/amber": "Red",
}


def _rag(name: str, *, required: bool = True, doc: str = "") -> Column:
    return _enum(name, RAG, required=required, aliases=RAG_ALIASES, doc=doc)


def _score(name: str, *, required: bool = True, doc: str = "") -> Column:
    return Column(name, "int", required, doc, min=1, max=5)


def _money(name: str, *, required: bool = True, doc: str = "") -> Column:
    return Column(name, "float", required, doc, min=0)


def _project_ref() -> Column:
    return Column("project_id", "id", True, "the project", references="projects.project_id")


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
            _enum(
                "methodology",
                ("PRINCE2", "PMI", "Agile", "Hybrid"),
                aliases={"prince 2": "PRINCE2", "pmbok": "PMI"},
                doc="delivery method",
            ),
            _enum(
                "stage",
                ("Initiation", "Planning", "Execution", "Closing", "Closed"),
                doc="lifecycle stage",
            ),
            _enum(
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
            _score("strategic_fit", doc="fit with strategy, 1 (poor) to 5 (core)"),
            Column("baseline_start", "date", True, "approved start"),
            Column("baseline_finish", "date", True, "approved finish"),
            Column("forecast_finish", "date", False, "current forecast finish"),
            Column("actual_finish", "date", False, "actual finish, once delivered", not_future=True),
            _money("budget", doc="budget at completion (BAC)"),
            _money("expected_benefit", required=False, doc="expected benefit value"),
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
            _project_ref(),
            Column("as_of", "date", True, "end date of the reporting period", not_future=True),
            _rag("overall_rag", doc="reported overall RAG"),
            _rag("schedule_rag", doc="reported schedule RAG"),
            _rag("cost_rag", doc="reported cost RAG"),
            _rag("scope_rag", required=False, doc="reported scope RAG"),
            _rag("resource_rag", required=False, doc="reported resource RAG"),
            Column("percent_complete", "float", True, "percent complete, 0-100", min=0, max=100),
            _money("planned_value", doc="planned value (PV) to date"),
            _money("earned_value", doc="earned value (EV) to date"),
            _money("actual_cost", doc="actual cost (AC) to date"),
            Column("forecast_finish", "date", False, "forecast finish at this report"),
            _score("stakeholder_satisfaction", required=False, doc="1 (poor) to 5 (excellent)"),
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
            _project_ref(),
            Column("name", "text", True, "milestone"),
            Column("baseline_date", "date", True, "approved date"),
            Column("forecast_date", "date", False, "forecast date"),
            Column("actual_date", "date", False, "date achieved", not_future=True),
        ),
        key=("milestone_id",),
    ),
    Table(
        "risks",
        "one row per risk",
        (
            Column("risk_id", "id", True, "risk code"),
            _project_ref(),
            Column("title", "text", True, "risk"),
            Column("category", "text", True, "risk category"),
            _score("likelihood", doc="1 (rare) to 5 (almost certain)"),
            _score("impact", doc="1 (minimal) to 5 (severe)"),
            Column("owner", "text", False, "risk owner"),
            _enum(
                "response",
                ("Avoid", "Reduce", "Transfer", "Accept", "Share", "Exploit", "Enhance"),
                aliases={"mitigate": "Reduce"},
                doc="response strategy",
            ),
            _enum("state", ("Open", "Closed", "Occurred"), doc="risk state"),
            Column("raised_on", "date", True, "date raised", not_future=True),
            Column("closed_on", "date", False, "date closed", not_future=True),
            Column("action_due", "date", False, "next action due"),
            _money("cost_exposure", required=False, doc="cost if the risk occurs"),
        ),
        key=("risk_id",),
        date_order=(DateOrder("raised_on", "closed_on"),),
    ),
    Table(
        "risk_reviews",
        "one row per risk per review",
        (
            Column("risk_id", "id", True, "the risk", references="risks.risk_id"),
            Column("reviewed_on", "date", True, "review date", not_future=True),
            _score("likelihood", doc="likelihood at this review"),
            _score("impact", doc="impact at this review"),
        ),
        key=("risk_id", "reviewed_on"),
    ),
    Table(
        "issues",
        "one row per issue",
        (
            Column("issue_id", "id", True, "issue code"),
            _project_ref(),
            Column("title", "text", True, "issue"),
            _enum("severity", ("Low", "Medium", "High", "Critical"), doc="severity"),
            _enum(
                "state",
                ("Open", "In progress", "Resolved", "Closed"),
                aliases={"in-progress": "In progress", "wip": "In progress"},
                doc="issue state",
            ),
            Column("raised_on", "date", True, "date raised", not_future=True),
            Column("resolved_on", "date", False, "date resolved", not_future=True),
        ),
        key=("issue_id",),
        date_order=(DateOrder("raised_on", "resolved_on"),),
    ),
    Table(
        "benefits",
        "one row per benefit",
        (
            Column("benefit_id", "id", True, "benefit code"),
            _project_ref(),
            Column("name", "text", True, "benefit"),
            _enum(
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
    Table(
        "lessons",
        "one row per lesson",
        (
            Column("lesson_id", "id", True, "lesson code"),
            _project_ref(),
            Column("logged_on", "date", True, "date logged", not_future=True),
            Column("category", "text", True, "lesson category"),
            Column("title", "text", True, "lesson"),
            Column("what_happened", "text", True, "what happened", max_length=NARRATIVE),
            Column("root_cause", "text", False, "root cause", max_length=NARRATIVE),
            Column("recommendation", "text", False, "advice for future projects", max_length=NARRATIVE),
            _enum("effect", ("Positive", "Negative"), doc="effect on the project"),
            _enum("state", ("Draft", "Validated", "Actioned", "Archived"), doc="lesson state"),
            Column("owner", "text", False, "owner of the follow-up action"),
            Column("action_due", "date", False, "follow-up action due"),
            Column("actioned_on", "date", False, "date the action was completed", not_future=True),
            Column("applied_to", "list", False, "project ids that reused it, e.g. P0012;P0040"),
        ),
        key=("lesson_id",),
        date_order=(DateOrder("logged_on", "actioned_on"),),
    ),
    Table(
        "change_requests",
        "one row per change request",
        (
            Column("change_id", "id", True, "change request code"),
            _project_ref(),
            Column("raised_on", "date", True, "date raised", not_future=True),
            Column("title", "text", True, "change"),
            Column("cost_impact", "float", True, "cost impact (negative saves)"),
            Column("schedule_impact_days", "int", True, "schedule impact in days"),
            _enum("decision", ("Pending", "Approved", "Rejected", "Deferred"), doc="decision"),
            Column("decided_on", "date", False, "date decided", not_future=True),
            _enum(
                "decided_by",
                ("CCB", "Steering committee"),
                required=False,
                aliases={"change control board": "CCB", "steerco": "Steering committee"},
                doc="deciding body",
            ),
        ),
        key=("change_id",),
        date_order=(DateOrder("raised_on", "decided_on"),),
    ),
    Table(
        "stage_gates",
        "one row per project per gate",
        (
            _project_ref(),
            _enum("gate", ("G0", "G1", "G2", "G3", "G4", "G5"), doc="gate"),
            Column("planned_on", "date", True, "planned gate date"),
            Column("passed_on", "date", False, "date passed", not_future=True),
            _enum("decision", ("Go", "Hold", "Recycle", "Stop"), required=False, doc="gate decision"),
        ),
        key=("project_id", "gate"),
    ),
    Table(
        "compliance_controls",
        "one row per project per control",
        (
            _project_ref(),
            Column("framework", "text", True, "GDPR, HIPAA, SOX, ISO27001, ..."),
            Column("control", "text", True, "control reference"),
            _enum(
                "state",
                ("Compliant", "In progress", "Non-compliant", "Not assessed"),
                aliases={"non compliant": "Non-compliant", "in-progress": "In progress"},
                doc="control state",
            ),
            Column("due_on", "date", False, "date the control is due"),
            Column("evidenced_on", "date", False, "date evidence was filed", not_future=True),
        ),
        key=("project_id", "framework", "control"),
    ),
    Table(
        "capacity",
        "one row per department, role and month",
        (
            Column("department_id", "id", True, "department", references="departments.department_id"),
            Column("role", "text", True, "role"),
            Column("month", "date", True, "first day of the month"),
            Column("capacity_fte", "float", True, "available full-time equivalents", min=0),
        ),
        key=("department_id", "role", "month"),
    ),
    Table(
        "demand",
        "one row per project, role and month",
        (
            _project_ref(),
            Column("role", "text", True, "role"),
            Column("month", "date", True, "first day of the month"),
            Column("demand_fte", "float", True, "demanded full-time equivalents", min=0),
        ),
        key=("project_id", "role", "month"),
    ),
)

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return BY_NAME[name]
