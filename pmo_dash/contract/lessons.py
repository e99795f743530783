"""The lessons-learned return."""

from __future__ import annotations

from pmo_dash.contract.model import NARRATIVE, Column, DateOrder, Table, enum, project_ref

TABLES: tuple[Table, ...] = (
    Table(
        "lessons",
        "one row per lesson",
        (
            Column("lesson_id", "id", True, "lesson code"),
            project_ref(),
            Column("logged_on", "date", True, "date logged", not_future=True),
            Column("category", "text", True, "lesson category"),
            Column("title", "text", True, "lesson"),
            Column("what_happened", "text", True, "what happened", max_length=NARRATIVE),
            Column("root_cause", "text", False, "root cause", max_length=NARRATIVE),
            Column("recommendation", "text", False, "advice for future projects", max_length=NARRATIVE),
            enum("effect", ("Positive", "Negative"), doc="effect on the project"),
            enum("state", ("Draft", "Validated", "Actioned", "Archived"), doc="lesson state"),
            Column("owner", "text", False, "owner of the follow-up action"),
            Column("action_due", "date", False, "follow-up action due"),
            Column("actioned_on", "date", False, "date the action was completed", not_future=True),
            Column("applied_to", "list", False, "project ids that reused it, e.g. P0012;P0040"),
        ),
        key=("lesson_id",),
        date_order=(DateOrder("logged_on", "actioned_on"),),
    ),
)
