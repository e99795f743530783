"""Risks and their review history: troubled projects raise more and worse risks, which drift over time."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.sample import texts as t
from pmo_dash.sample.core import (
    LAST,
    between,
    chance,
    choice,
    dates,
    expand,
    group_cumsum,
    ids,
    last_of_group,
    masked,
    people,
    pick,
    rounded,
)
from pmo_dash.sample.portfolio import CANCELLED, CLOSED, Projects

OPEN, SHUT, OCCURRED = range(3)
RISK_STATES = ("Open", "Closed", "Occurred")


def build_risks(rng: np.random.Generator, p: Projects, codes: pl.Series) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The risks table and the risk_reviews history behind it."""
    pidx, _ = expand(np.clip(2 + rng.poisson(0.5 + 7 * p.trouble), 2, 12))
    n = len(pidx)
    trouble, mat, end = p.trouble[pidx], p.maturity[pidx], p.end[pidx]
    raised = between(rng, p.start[pidx], end, power=1.3)
    state = _states(rng, p, pidx, raised)
    closed = np.minimum(raised + np.maximum(7, np.floor(rng.random(n) * (end - raised))), end).astype(int)
    review_end = np.where(state == OPEN, end, closed)
    cadence = np.where(chance(rng, 0.2 + 0.7 * mat), 30, 91)
    counts = (review_end - raised) // cadence + 1
    likelihood0 = np.clip(np.round(rng.normal(2.0 + 2.2 * trouble, 0.9)), 1, 5).astype(np.int64)
    impact0 = np.clip(np.round(rng.normal(2.3 + 1.8 * trouble, 0.9)), 1, 5).astype(np.int64)
    ridx, rank = expand(counts)
    jitter = np.where(rank > 0, rng.integers(0, 6, len(ridx)), 0)
    reviewed = np.minimum(raised[ridx] + rank * cadence[ridx] + jitter, review_end[ridx])
    easing = 0.12 + 0.12 * (state[ridx] != OPEN)
    likelihood = _drift(rng, likelihood0[ridx], rank, 0.1 + 0.15 * trouble[ridx], easing)
    impact = _drift(rng, impact0[ridx], rank, 0.04 + 0.06 * trouble[ridx], easing / 2)
    latest = last_of_group(counts)
    risk_ids = ids(codes, p.dept[pidx], "R", 5)
    category = choice(rng, n, t.RISK_CATEGORY_WEIGHTS)
    titles = [t for group in t.RISK_TITLES for t in group]
    exposure = rounded(p.budget[pidx] * rng.uniform(0.005, 0.06, n) * impact[latest] / 3, 1000)
    risks = pl.DataFrame(
        {
            "risk_id": risk_ids,
            "project_id": p.ids.gather(pidx),
            "title": pick(titles, category * 3 + rng.integers(0, 3, n)),
            "category": pick(t.RISK_CATEGORIES, category),
            "likelihood": likelihood[latest],
            "impact": impact[latest],
            "owner": masked(people(rng, n), chance(rng, 0.9, n)),
            "response": pick(t.RESPONSES, choice(rng, n, t.RESPONSE_WEIGHTS)),
            "state": pick(RISK_STATES, state),
            "raised_on": dates(raised),
            "closed_on": dates(closed, state == SHUT),
            "action_due": _action_due(rng, state, raised, closed, mat),
            "cost_exposure": masked(pl.Series(exposure.astype(np.int64)), chance(rng, 0.85, n)),
            "_dept": p.dept[pidx],
        }
    )
    reviews = pl.DataFrame(
        {
            "risk_id": risk_ids.gather(ridx),
            "reviewed_on": dates(reviewed),
            "likelihood": likelihood,
            "impact": impact,
            "_dept": p.dept[pidx][ridx],
        }
    )
    return risks, reviews


def _states(rng: np.random.Generator, p: Projects, pidx: np.ndarray, raised: np.ndarray) -> np.ndarray:
    """Occurred more on troubled projects; closed more the older the risk; none open on finished work."""
    occurred = 0.04 + 0.12 * p.trouble[pidx]
    finished = np.isin(p.state[pidx], (CLOSED, CANCELLED))
    closing = np.where(finished, 1.0, np.minimum(0.8, (p.end[pidx] - raised) / 400))
    u = rng.random(len(pidx))
    return np.where(u < occurred, OCCURRED, np.where(u < occurred + closing, SHUT, OPEN))


def _drift(
    rng: np.random.Generator, first: np.ndarray, rank: np.ndarray, up: np.ndarray, down: np.ndarray
) -> np.ndarray:
    """A score walking by -1/0/+1 per review within 1..5, starting at `first`."""
    u = rng.random(len(rank))
    step = np.where(rank == 0, 0, (u < up).astype(np.int64) - (u > 1 - down).astype(np.int64))
    return np.clip(first + group_cumsum(step, rank), 1, 5)


def _action_due(
    rng: np.random.Generator, state: np.ndarray, raised: np.ndarray, closed: np.ndarray, mat: np.ndarray
) -> pl.Series:
    """Open risks: next action mostly ahead, overdue more often in low-maturity departments."""
    n = len(state)
    overdue = chance(rng, 0.12 + 0.35 * (1 - mat))
    ahead = LAST + between(rng, np.full(n, 7), np.full(n, 90))
    behind = np.maximum(LAST - between(rng, np.full(n, 5), np.full(n, 120)), raised)
    past = raised + np.floor(rng.random(n) * (closed - raised)).astype(np.int64)
    due = np.where(state == OPEN, np.where(overdue, behind, ahead), past)
    keep = np.where(state == OPEN, chance(rng, 0.92, n), chance(rng, 0.5, n))
    return dates(due, keep)
