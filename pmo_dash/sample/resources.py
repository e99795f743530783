"""Resource demand per project, role and month, and each department's capacity per role and month."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.sample.core import MONTH, Calendar, choice, dates, expand, pick, rounded
from pmo_dash.sample.names import ROLES
from pmo_dash.sample.portfolio import Departments, Projects

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
