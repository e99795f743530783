"""The governance returns: change requests, stage gates, compliance controls, capacity, demand and
post-implementation reviews."""

from __future__ import annotations

from pmo_dash.contract.model import NARRATIVE, Column, DateOrder, Table, enum, money, project_ref

TABLES: tuple[Table, ...] = (
    Table(
        "change_requests",
        "one row per change request",
        (
            Column("change_id", "id", True, "change request code"),
            project_ref(),
            Column("raised_on", "date", True, "date raised", not_future=True),
            Column("title", "text", True, "change"),
            money("cost_impact", doc="cost impact (negative saves)", signed=True),
            Column("schedule_impact_days", "int", True, "schedule impact in days"),
            enum("decision", ("Pending", "Approved", "Rejected", "Deferred"), doc="decision"),
            Column("decided_on", "date", False, "date decided", not_future=True),
            enum(
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
            project_ref(),
            enum("gate", ("G0", "G1", "G2", "G3", "G4", "G5"), doc="gate"),
            Column("planned_on", "date", True, "planned gate date"),
            Column("passed_on", "date", False, "date passed", not_future=True),
            enum("decision", ("Go", "Hold", "Recycle", "Stop"), required=False, doc="gate decision"),
        ),
        key=("project_id", "gate"),
    ),
    Table(
        "compliance_controls",
        "one row per project per control",
        (
            project_ref(),
            Column("framework", "text", True, "GDPR, HIPAA, SOX, ISO27001, ..."),
            Column("control", "text", True, "control reference"),
            enum(
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
            project_ref(),
            Column("role", "text", True, "role"),
            Column("month", "date", True, "first day of the month"),
            Column("demand_fte", "float", True, "demanded full-time equivalents", min=0),
        ),
        key=("project_id", "role", "month"),
    ),
    Table(
        "post_implementation_reviews",
        "one row per post-implementation review of a closed project",
        (
            project_ref(),
            Column("held_on", "date", True, "date the review was held", not_future=True),
            enum(
                "rating",
                ("Successful", "Partially successful", "Unsuccessful"),
                aliases={"partially": "Partially successful", "partial": "Partially successful"},
                doc="the review's verdict on what the project delivered",
            ),
            money(
                "benefits_realised_to_date",
                required=False,
                doc="benefits realised to date at the review (GBP)",
            ),
            Column("findings", "text", False, "what the review found", max_length=NARRATIVE),
        ),
        key=("project_id",),
    ),
)
