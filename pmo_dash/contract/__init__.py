"""The data contract: every standard template, declared once, by domain.

Ingestion, validation, the docs (docs/data-contract.md), the staging views and the downloadable
templates are all generated from this package, so the names here are the names everywhere.
"""

from __future__ import annotations

from pmo_dash.contract import benefits, governance, lessons, planning, portfolio, risks
from pmo_dash.contract.model import Column, DateOrder, Kind, Table

__all__ = ["BY_NAME", "TABLES", "Column", "DateOrder", "Kind", "Table", "table"]

# In the order the build validates them: every table after the tables it refers to.
TABLES: tuple[Table, ...] = (
    *portfolio.TABLES,
    *risks.TABLES,
    *benefits.TABLES,
    *lessons.TABLES,
    *governance.TABLES,
    *planning.TABLES,
)

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return BY_NAME[name]
