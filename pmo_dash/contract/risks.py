"""The risk returns: risks, their reviews, and issues."""

from __future__ import annotations

from pmo_dash.contract.model import Column, DateOrder, Table, enum, money, project_ref, score

TABLES: tuple[Table, ...] = (
    Table(
        "risks",
        "one row per risk",
        (
            Column("risk_id", "id", True, "risk code"),
            project_ref(),
            Column("title", "text", True, "risk"),
            Column("category", "text", True, "risk category"),
            score("likelihood", doc="1 (rare) to 5 (almost certain)"),
            score("impact", doc="1 (minimal) to 5 (severe)"),
            Column("owner", "text", False, "risk owner"),
            enum(
                "response",
                ("Avoid", "Reduce", "Transfer", "Accept", "Share", "Exploit", "Enhance"),
                aliases={"mitigate": "Reduce"},
                doc="response strategy",
            ),
            enum("state", ("Open", "Closed", "Occurred"), doc="risk state"),
            Column("raised_on", "date", True, "date raised", not_future=True),
            Column("closed_on", "date", False, "date closed", not_future=True),
            Column("action_due", "date", False, "next action due"),
            money("cost_exposure", required=False, doc="cost if the risk occurs"),
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
            score("likelihood", doc="likelihood at this review"),
            score("impact", doc="impact at this review"),
        ),
        key=("risk_id", "reviewed_on"),
    ),
    Table(
        "issues",
        "one row per issue",
        (
            Column("issue_id", "id", True, "issue code"),
            project_ref(),
            Column("title", "text", True, "issue"),
            enum("severity", ("Low", "Medium", "High", "Critical"), doc="severity"),
            enum(
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
)
