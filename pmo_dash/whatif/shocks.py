"""Shocks: what the portfolio looks like if costs overrun and work slips, for some departments or all."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pmo_dash.whatif.levers import Levers


@dataclass(frozen=True, eq=False)
class Shocked:
    """The inputs after the shock, and which projects it hit (the page can mark them)."""

    candidates: pl.DataFrame
    demand: pl.DataFrame
    benefits: pl.DataFrame
    shocked_ids: frozenset[str]


def _later(column: str, months: int, hit: pl.Expr) -> pl.Expr:
    """`column` moved `months` calendar months later where `hit`; a month start stays a month start."""
    return pl.when(hit).then(pl.col(column).dt.offset_by(f"{months}mo")).otherwise(pl.col(column))


def apply_shocks(
    candidates: pl.DataFrame, demand: pl.DataFrame, benefits: pl.DataFrame, levers: Levers
) -> Shocked:
    """Apply the levers' shocks to the projects of `levers.shocked_departments` (all when empty).

    For each shocked project: eac x (1 + overrun_pct / 100); finish, every demand month and every
    benefit month `delay_months` later. A delay carries demand forward unchanged (the same work,
    later), so demand pushed past the last month with a capacity row meets no capacity limit there.
    Other projects are untouched. Pure: the inputs are not modified.
    """
    departments = list(levers.shocked_departments)
    hit_rows = pl.col("department_id").is_in(departments) if departments else pl.lit(True)
    ids = frozenset(candidates.filter(hit_rows)["project_id"].to_list())
    hit = pl.col("project_id").is_in(list(ids))
    factor = 1.0 + levers.overrun_pct / 100.0
    shocked = candidates.with_columns(
        pl.when(hit).then(pl.col("eac") * factor).otherwise(pl.col("eac")).alias("eac")
    )
    if levers.delay_months:
        months = levers.delay_months
        shocked = shocked.with_columns(_later("finish", months, hit).alias("finish"))
        demand = demand.with_columns(_later("month", months, hit).alias("month"))
        benefits = benefits.with_columns(_later("month", months, hit).alias("month"))
    return Shocked(shocked, demand, benefits, ids)
