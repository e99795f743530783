"""The contract columns an import can fill, what kind of value each holds, and which return it feeds.

An import writes oversight-level returns: departments, projects and status_reports. A project's
column comes from its rows across the files: its baseline (start, finish, budget) as first stated,
its other columns as last stated. A status report's column comes from the one row of its file.
Enum values, aliases and length limits are the contract's own wherever the contract has the column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pmo_dash.contract import BY_NAME, Column
from pmo_dash.contract.model import LIMITS, RAG, RAG_ALIASES

Kind = Literal["id", "text", "date", "money", "number", "score", "enum", "bool"]
Feed = Literal["first", "latest"]

WITHHELD = "withheld"  # the literal a return carries for a value its source withholds
PROFILE = "Oversight"
CADENCES = ("Monthly", "Quarterly", "Annual")
# The five-point delivery confidence scale, best first (issue 12: kept as reported beside the RAG).
CONFIDENCE = ("Green", "Amber/Green", "Amber", "Amber/Red", "Red")


@dataclass(frozen=True)
class Target:
    name: str
    kind: Kind
    project: Feed | None = None  # feeds projects.csv, from the first or the latest row that states it
    report: bool = False  # feeds status_reports.csv, from each row
    values: tuple[str, ...] = ()  # canonical enum values
    aliases: dict[str, str] = field(default_factory=dict)  # lower-case spelling -> canonical
    low: float | None = None
    high: float | None = None
    limit: int | None = None  # characters

    def lookup(self) -> dict[str, str]:
        accepted = {v.casefold(): v for v in self.values}
        accepted.update(self.aliases)
        return accepted


def _contract(table: str, name: str) -> Column | None:
    return next((c for c in BY_NAME[table].columns if c.name == name), None)


def _target(name: str, kind: Kind, table: str, **kw) -> Target:
    """A target whose enum values, aliases, range and limit come from the contract, where it has them."""
    column = _contract(table, name)
    if column is not None:
        kw.setdefault("values", column.values)
        kw.setdefault("aliases", dict(column.aliases))
        kw.setdefault("low", column.min)
        kw.setdefault("high", column.max)
        kw.setdefault("limit", column.limit)
    elif kind == "text":
        kw.setdefault("limit", LIMITS["text"])
    return Target(name, kind, **kw)


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        _target("project_id", "id", "projects"),
        _target("name", "text", "projects", project="latest"),
        _target("sponsor", "text", "projects", project="latest"),
        _target("project_manager", "text", "projects", project="latest"),
        _target("methodology", "enum", "projects", project="latest"),
        _target("stage", "enum", "projects", project="latest"),
        _target("state", "enum", "projects", project="latest"),
        _target("strategic_fit", "score", "projects", project="latest"),
        _target("baseline_start", "date", "projects", project="first"),
        _target("baseline_finish", "date", "projects", project="first", report=True),
        _target("forecast_finish", "date", "projects", project="latest", report=True),
        _target("budget", "money", "projects", project="first", report=True),
        _target("expected_benefit", "money", "projects", project="latest"),
        _target("mandatory", "bool", "projects", project="latest"),
        _target("overall_rag", "enum", "status_reports", report=True),
        _target(
            "delivery_confidence",
            "enum",
            "status_reports",
            report=True,
            values=CONFIDENCE,
            aliases={"green/amber": "Amber/Green", "red/amber": "Amber/Red"},
        ),
        _target("schedule_rag", "enum", "status_reports", report=True),
        _target("cost_rag", "enum", "status_reports", report=True),
        _target("scope_rag", "enum", "status_reports", report=True),
        _target("resource_rag", "enum", "status_reports", report=True),
        _target("percent_complete", "number", "status_reports", report=True),
        _target("planned_value", "money", "status_reports", report=True),
        _target("earned_value", "money", "status_reports", report=True),
        _target("actual_cost", "money", "status_reports", report=True),
        _target("stakeholder_satisfaction", "score", "status_reports", report=True),
        _target("summary", "text", "status_reports", report=True),
    )
}
# An oversight return must carry these (issue 12, part 3); a rating is overall_rag or delivery_confidence.
REQUIRED = ("name", "baseline_start", "baseline_finish", "budget")
RATINGS = ("overall_rag", "delivery_confidence")

# The columns each return is written with, in this order; a column the mapping does not fill is left out.
DEPARTMENT_COLUMNS = ("department_id", "name", "division", "profile", "cadence", "complete_returns")
PROJECT_COLUMNS = ("project_id", "department_id", *(t.name for t in TARGETS.values() if t.project))
REPORT_COLUMNS = ("project_id", "as_of", *(t.name for t in TARGETS.values() if t.report))


def collapse(confidence: str) -> str:
    """A five-point rating as the three-colour RAG (Amber/Green is Amber, Amber/Red is Red)."""
    return {c.casefold(): c for c in RAG}.get(confidence.casefold()) or RAG_ALIASES[confidence.casefold()]
