"""Resource demand per project, role and month, and each department's capacity per role and month."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.sample.core import LAST_PERIOD, MONTH, Calendar, choice, dates, expand, pick, rounded
from pmo_dash.sample.names import ROLES
from pmo_dash.sample.portfolio import ACTIVE, HOLD, Departments, Projects

ROLE_WEIGHTS = np.array([0.2, 0.2, 0.45, 0.2, 0.1])
MONTHLY_COST_PER_FTE = 11_000


def build_demand(rng: np.random.Generator, p: Projects, cal: Calendar) -> pl.DataFrame:
    """A project manager plus 1-3 other roles for every month the project runs within the window."""
    first, last = cal.period_of(p.start), cal.period_of(p.end)
    wanted = 1 + choice(rng, p.n, (0.35, 0.4, 0.25))  # other roles besides the project manager
    position = np.argsort(np.argsort(rng.random((p.n, 4)), axis=1), axis=1)
    chosen = np.concatenate([np.ones((p.n, 1), dtype=bool), position < wanted[:, None]], axis=1)
    parent, role = np.nonzero(chosen)
    team = np.clip(p.budget / (p.true_dur / MONTH * MONTHLY_COST_PER_FTE), 0.3, 40) * 0.65
    weight = ROLE_WEIGHTS[role] / np.bincount(parent, ROLE_WEIGHTS[role])[parent]
    base = team[parent] * weight
    base = np.where(role == 0, np.minimum(base, 1.0), base)
    ridx, rank = expand(np.maximum(last - first + 1, 0)[parent])
    proj = parent[ridx]
    month = first[proj] + rank
    x = np.clip((cal.starts[month] + 15 - p.start[proj]) / p.true_dur[proj], 0, 1)
    fte = base[ridx] * (0.5 + np.sin(np.pi * x)) * rng.lognormal(0, 0.1, len(ridx))
    return pl.DataFrame(
        {
            "project_id": p.ids.gather(proj),
            "role": pick(ROLES, role[ridx]),
            "month": dates(cal.starts[month]),
            "demand_fte": np.maximum(np.round(fte, 1), 0.1),
            "_dept": p.dept[proj],
            "_role": role[ridx],
            "_month": month,
        }
    )


def build_capacity(
    rng: np.random.Generator, depts: Departments, cal: Calendar, demand: pl.DataFrame
) -> pl.DataFrame:
    """Capacity near each department's average demand: thin in low-maturity ones, dips in Aug and Dec."""
    shape = (depts.n, len(ROLES), len(cal.ends))
    cell = np.ravel_multi_index(
        (demand["_dept"].to_numpy(), demand["_role"].to_numpy(), demand["_month"].to_numpy()), shape
    )
    load = np.bincount(cell, demand["demand_fte"].to_numpy(), minlength=int(np.prod(shape))).reshape(shape)
    factor = 1.0 + 0.35 * depts.maturity + rng.normal(0, 0.05, depts.n)
    level = load.mean(axis=2) * factor[:, None] * rng.uniform(0.95, 1.1, shape[:2])
    month_number = cal.starts.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12 + 1
    season = np.where(np.isin(month_number, (8, 12)), 0.9, 1.0)
    capacity = np.maximum(rounded(level[:, :, None] * season[None, None, :], 0.5), 0.5)
    dept, role, month = (a.ravel() for a in np.indices(shape))
    return pl.DataFrame(
        {
            "department_id": depts.codes.gather(dept),
            "role": pick(ROLES, role),
            "month": dates(cal.starts[month]),
            "capacity_fte": capacity.ravel(),
            "_dept": dept,
        }
    )


PLAN_MONTHS = 12  # how far ahead departments plan their resources


def plan_ahead(
    rng: np.random.Generator, p: Projects, demand: pl.DataFrame, capacity: pl.DataFrame, forecast: np.ndarray
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Resource plans for the months after the window: each running or held project keeps its latest
    team (with some noise) until its forecast finish; capacity repeats the last year's pattern.

    Drawn after everything else, so the tables of the window are the same with or without it.
    """
    months = np.datetime64(LAST_PERIOD, "M") + np.arange(1, PLAN_MONTHS + 1)
    open_ = np.flatnonzero((p.state == ACTIVE) | (p.state == HOLD))
    latest = (
        demand.filter(pl.col("project_id").is_in(p.ids.gather(open_).implode()))
        .sort("month")
        .group_by("project_id", "role", "_dept", "_role", maintain_order=True)
        .last()
    )
    index = {pid: i for i, pid in enumerate(p.ids.to_list())}
    parent = np.array([index[pid] for pid in latest["project_id"]], dtype=np.int64)
    finish_month = forecast[parent].astype("datetime64[D]").astype("datetime64[M]")
    ahead = np.clip((finish_month - np.datetime64(LAST_PERIOD, "M")).astype(np.int64), 3, PLAN_MONTHS)
    row, rank = expand(ahead)
    fte = latest["demand_fte"].to_numpy()[row] * rng.lognormal(0, 0.1, len(row))
    future_demand = pl.DataFrame(
        {
            "project_id": latest["project_id"].gather(row),
            "role": latest["role"].gather(row),
            "month": pl.Series(months[rank].astype("datetime64[D]")).cast(pl.Date),
            "demand_fte": np.maximum(np.round(fte, 1), 0.1),
            "_dept": latest["_dept"].gather(row),
        }
    )
    last_year = capacity.sort("month").group_by("department_id", "role", maintain_order=True).tail(12)
    future_capacity = last_year.with_columns(pl.col("month").dt.offset_by("12mo")).select(
        "department_id", "role", "month", "capacity_fte", "_dept"
    )
    return future_demand, future_capacity
