"""SQL lives in .sql files beside this module, loaded by name.

macros/     build time: the measures' formulas, text helpers, and the scoped table macros
staging/    build time: stg_<table>, one view per contract table (most written from the contract)
marts/      build time: <domain>.sql, the only definition of each domain's measures
queries/    read time: <domain>/<name>.sql, select and scope only, through the scoped macros
templates/  the write side's reads: what a department's XLSX template is pre-filled with
checks/     build time: warnings on rows kept (an amount that looks to be in the wrong unit)
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pmo_dash.contract import TABLES

HERE = Path(__file__).parent
# The build, in dependency order: the calendar before the risks, the risks before the projects (which
# count their open high risks); then the scope macros over those tables; then the marts that are
# table macros, which read through the scope macros.
TABLE_MARTS = ("periods", "risks", "portfolio", "forecast", "planning")
MACRO_MARTS = ("benefits", "lessons", "quality", "governance")


@cache
def load(name: str) -> str:
    """The text of `queries/<domain>/<name>.sql`."""
    return (HERE / "queries" / f"{name}.sql").read_text()


@cache
def check(name: str) -> str:
    """The text of `checks/<name>.sql`: a build-time check whose rows are warnings in the report."""
    return (HERE / "checks" / f"{name}.sql").read_text()


@cache
def template(name: str) -> str:
    """The text of `templates/<name>.sql` (intake's reads of the warehouse, for the XLSX templates)."""
    return (HERE / "templates" / f"{name}.sql").read_text()


@cache
def parameters(name: str) -> frozenset[str]:
    """The `$names` the named query binds."""
    return frozenset(re.findall(r"\$(\w+)", load(name)))


def build_steps() -> list[Path]:
    """The build's SQL files, in the order they run."""
    steps = [HERE / "macros" / "measures.sql", HERE / "macros" / "text.sql"]
    steps += [HERE / "staging" / f"stg_{table.name}.sql" for table in TABLES]
    steps += [HERE / "marts" / f"{mart}.sql" for mart in TABLE_MARTS]
    steps.append(HERE / "macros" / "scope.sql")
    return steps + [HERE / "marts" / f"{mart}.sql" for mart in MACRO_MARTS]


def query_names() -> list[str]:
    """Every query, as `<domain>/<name>`."""
    return sorted(
        str(p.relative_to(HERE / "queries").with_suffix("")) for p in (HERE / "queries").rglob("*.sql")
    )
