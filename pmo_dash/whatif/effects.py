"""What a selection does: capacity use, benefits over time, money per department, and money per department.

Each function takes a selection, as a boolean array in the candidates' row order or as a set of
project ids, and the (shocked) inputs, and returns a small DataFrame the page charts as is.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import polars as pl

CELL = ["department_id", "role", "month"]
Chosen = np.ndarray | pl.Series | Collection[str]


def mask(selection: Chosen, candidates: pl.DataFrame) -> np.ndarray:
    """A selection as a boolean array in the candidates' row order: a boolean array or Series is
    taken as it is (it must be as long as the candidates), anything else as project ids."""
    if isinstance(selection, np.ndarray | pl.Series) and np.asarray(selection).dtype == bool:
        if len(selection) != len(candidates):
            raise ValueError(f"a selection of {len(selection)} flags for {len(candidates)} candidates")
        return np.asarray(selection)
    return candidates["project_id"].is_in(list(selection)).to_numpy()


def _ids(selection: Chosen, candidates: pl.DataFrame) -> pl.DataFrame:
    return candidates.filter(pl.Series(mask(selection, candidates))).select("project_id", "department_id")


def capacity_use(
    selection: Chosen, candidates: pl.DataFrame, demand: pl.DataFrame, capacity: pl.DataFrame
) -> pl.DataFrame:
    """`department_id, role, month, demand_fte, capacity_fte, utilisation, over` for every cell with
    demand from the selection or a capacity row.

    A project's demand counts in its own department. capacity_fte is null where the department
    returned no capacity (unconstrained, as in the optimiser), and so are utilisation and over
    is false there; utilisation is demand / capacity, null when capacity is 0.
    """
    used = (
        demand.join(_ids(selection, candidates), on="project_id")
        .group_by(CELL)
        .agg(pl.col("demand_fte").cast(pl.Float64).sum())
    )
    limits = (
        capacity.filter(pl.col("capacity_fte").is_not_null())
        .group_by(CELL)
        .agg(pl.col("capacity_fte").cast(pl.Float64).sum())
    )
    cap = pl.col("capacity_fte")
    return (
        used.join(limits, on=CELL, how="full", coalesce=True)
        .with_columns(pl.col("demand_fte").fill_null(0.0))
        .with_columns(
            utilisation=pl.when(cap > 0).then(pl.col("demand_fte") / cap),
            over=(pl.col("demand_fte") > cap * (1 + 1e-9) + 1e-9).fill_null(False),
        )
        .sort(CELL)
    )


def capacity_by_role(use: pl.DataFrame) -> pl.DataFrame:
    """`role, month, demand_fte, capacity_fte, over, over_departments` from `capacity_use`.

    Demand and capacity are summed over departments, but `over` is true when any one department's
    cell is over: spare people in one department do not staff another's projects. Demand in cells
    without a capacity row is included in demand_fte but has no capacity to set against it; a role
    and month for which no department returned capacity has capacity_fte null (not known), never 0.
    """
    return (
        use.group_by("role", "month")
        .agg(
            pl.col("demand_fte").sum(),
            pl.when(pl.col("capacity_fte").is_not_null().any()).then(pl.col("capacity_fte").sum()),
            pl.col("over").any(),
            over_departments=pl.col("over").sum().cast(pl.Int64),
        )
        .sort("role", "month")
    )


def benefits_by_month(selection: Chosen, candidates: pl.DataFrame, benefits: pl.DataFrame) -> pl.DataFrame:
    """`month, value`: the planned benefit value of the selected projects per month, in month order."""
    return (
        benefits.join(_ids(selection, candidates).select("project_id"), on="project_id")
        .group_by("month")
        .agg(pl.col("value").cast(pl.Float64).sum())
        .sort("month")
    )


def by_department(selection: Chosen, candidates: pl.DataFrame) -> pl.DataFrame:
    """`department_id, candidates, funded, cost, funded_now, cost_now`: count and eac of the selected
    projects per department, next to the current portfolio's (funded_now) for comparison."""
    chosen = pl.Series(mask(selection, candidates))
    now = pl.col("funded_now").fill_null(False)
    return (
        candidates.with_columns(chosen.alias("_chosen"))
        .group_by("department_id")
        .agg(
            candidates=pl.len().cast(pl.Int64),
            funded=pl.col("_chosen").sum().cast(pl.Int64),
            cost=pl.col("eac").filter(pl.col("_chosen")).sum().cast(pl.Float64),
            funded_now=now.sum().cast(pl.Int64),
            cost_now=pl.col("eac").filter(now).sum().cast(pl.Float64),
        )
        .sort("department_id")
    )
