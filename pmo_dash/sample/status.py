"""Monthly status reports: earned value along an S-curve, and the RAG each project chose to report."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.sample import outlook
from pmo_dash.sample.core import MONTH, Calendar, chance, dates, expand, group_cummax, masked, pick
from pmo_dash.sample.portfolio import CANCELLED, CLOSED, HOLD, Projects
from pmo_dash.sample.texts import SUMMARIES

# Reported spellings: canonical first, then what sloppy departments type.
RAG_TEXT = ("Green", "Amber", "Red", "G", "green", " GREEN ", "Amber/Green")
MIN_WATERMELONS = 5


def s_curve(x: np.ndarray) -> np.ndarray:
    """Cumulative share of work (or budget) done at elapsed share x: slow start, fast middle, slow end."""
    return 0.3 * x + 0.7 * x * x * (3 - 2 * x)


def build_status(rng: np.random.Generator, p: Projects, cal: Calendar) -> pl.DataFrame:
    pidx, k, t = _report_rows(p, cal)
    pct, pv, ev, ac = _earned_value(p, pidx, t)
    forecast = p.forecast(pidx, t)
    spi = np.where(pv > 0, ev / np.maximum(pv, 1), 1.0)
    cpi = np.where(ac > 0, ev / np.maximum(ac, 1), 1.0)
    slip = forecast - (p.start + p.dur)[pidx]
    schedule = _level((spi < 0.85) | (slip > 60), (spi < 0.95) | (slip > 14))
    cost = _level(cpi < 0.85, cpi < 0.95)
    keep = ~_missing(rng, p.maturity[pidx], p.state[pidx] == CLOSED, pidx, k - len(cal.ends) + 1)
    _top_up_watermelons(p, pidx, (k == len(cal.ends) - 1) & keep & ((spi < 0.85) | (cpi < 0.85)))
    sched_rep, cost_rep, overall_rep = _reported(rng, p, pidx, schedule, cost)
    mat = p.maturity[pidx]
    n = len(pidx)
    sloppy = mat < 0.35
    mood = 4.3 - 2.5 * p.trouble[pidx] - 1.5 * outlook.unease(p, pidx, p.progress(pidx, t))
    satisfaction = np.clip(np.round(rng.normal(mood, 0.6)), 1, 5).astype(np.int64)
    frame = pl.DataFrame(
        {
            "project_id": p.ids.gather(pidx),
            "as_of": dates(t),
            "overall_rag": _spell(rng, overall_rep, sloppy),
            "schedule_rag": _spell(rng, sched_rep, sloppy),
            "cost_rag": _spell(rng, cost_rep, sloppy),
            "scope_rag": _soft_rag(rng, p, pidx, overall_rep),
            "resource_rag": _soft_rag(rng, p, pidx, overall_rep),
            "percent_complete": pct,
            "planned_value": pv,
            "earned_value": ev,
            "actual_cost": ac,
            "forecast_finish": dates(forecast, ~chance(rng, 0.1 * (1 - mat))),
            "stakeholder_satisfaction": masked(pl.Series(satisfaction), ~chance(rng, 0.1 + 0.3 * (1 - mat))),
            "summary": masked(
                pick([s for level in SUMMARIES for s in level], overall_rep * 4 + rng.integers(0, 4, n)),
                ~chance(rng, 0.05 + 0.35 * (1 - mat)),
            ),
            "_dept": p.dept[pidx],
        }
    )
    return frame.filter(pl.Series(keep))


def _report_rows(p: Projects, cal: Calendar) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One row per project per period from its start to its finish or cancellation (or the last period)."""
    first = cal.period_of(p.start + 14)
    stopped = np.isin(p.state, (CLOSED, CANCELLED))
    last = np.where(stopped, cal.period_of(p.stop), len(cal.ends) - 1)
    pidx, rank = expand(np.maximum(last - first + 1, 0))
    k = first[pidx] + rank
    return pidx, k, cal.ends[k]


def _earned_value(p: Projects, pidx: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, ...]:
    """Percent complete and cumulative PV, EV, AC, consistent and non-decreasing per project."""
    budget = p.budget[pidx]
    x = p.progress(pidx, t)
    pct = np.round(100 * s_curve(x), 1)
    pv = np.round(budget * s_curve(np.clip((t - p.start[pidx]) / p.dur[pidx], 0, 1))).astype(np.int64)
    ev = np.round(budget * pct / 100).astype(np.int64)
    held = np.where(p.state[pidx] == HOLD, np.maximum(t - p.stop[pidx], 0) / MONTH, 0.0)
    surge = budget * p.surge[pidx] * outlook.ramp(p, pidx, x)
    spend = ev * (1 + p.overrun[pidx] * (0.4 + 0.6 * x)) + surge + budget * 0.004 * held
    ac = group_cummax(np.maximum(np.round(spend), 0).astype(np.int64), pidx)
    return pct, pv, ev, ac


def _level(red: np.ndarray, amber: np.ndarray) -> np.ndarray:
    return np.where(red, 2, np.where(amber, 1, 0))


def _missing(
    rng: np.random.Generator, maturity: np.ndarray, closed: np.ndarray, pidx: np.ndarray, ago: np.ndarray
) -> np.ndarray:
    """Reports a low-maturity department never sent, mostly the latest ones (`ago` 0 is the last period)."""
    recency = np.select([ago == 0, ago == -1, ago == -2], [1.0, 0.35, 0.15], 0.03)
    late = np.clip(0.55 * (0.65 - maturity), 0.0, 0.4) * recency
    closing = closed & np.append(pidx[1:] != pidx[:-1], True)  # a closed project's final report
    return chance(rng, late) & ~closing


def _top_up_watermelons(p: Projects, pidx: np.ndarray, red: np.ndarray) -> None:
    """Make sure the latest period shows a few watermelons, in at least two departments."""
    rows = np.flatnonzero(red)
    candidates = pidx[rows[np.argsort(p.maturity[pidx[rows]], kind="stable")]]
    for project in candidates:
        melons = candidates[p.watermelon[candidates]]
        departments = set(p.dept[melons].tolist())
        if len(melons) >= MIN_WATERMELONS and len(departments) >= 2:
            return
        need_department = len(melons) >= MIN_WATERMELONS - 1 and len(departments) < 2
        if not (need_department and p.dept[project] in departments):
            p.watermelon[project] = True


def _reported(
    rng: np.random.Generator, p: Projects, pidx: np.ndarray, schedule: np.ndarray, cost: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Reported schedule, cost and overall RAG levels: evidence softened by the department's optimism."""
    optimist = chance(rng, 0.5 * (1 - p.maturity) ** 1.5)[pidx]
    sched_rep = np.maximum(schedule - optimist, 0)
    cost_rep = np.maximum(cost - optimist, 0)
    evidence = np.maximum(schedule, cost)
    noise = np.select([chance(rng, 0.04, len(pidx)), chance(rng, 0.03, len(pidx))], [1, -1], 0)
    overall = np.clip(np.maximum(sched_rep, cost_rep) + noise, np.maximum(evidence - 1, 0), 2)
    melon = p.watermelon[pidx] & (evidence == 2)
    zero = np.zeros_like(overall)
    return np.where(melon, zero, sched_rep), np.where(melon, zero, cost_rep), np.where(melon, zero, overall)


def _spell(rng: np.random.Generator, level: np.ndarray, sloppy: np.ndarray) -> pl.Series:
    """RAG text; sloppy departments sometimes type G, green, ' GREEN ' or Amber/Green."""
    variant = sloppy & chance(rng, 0.06, len(level))
    idx = np.where(variant & (level == 0), 3 + rng.integers(0, 3, len(level)), level)
    return pick(RAG_TEXT, np.where(variant & (level == 1), 6, idx))


def _soft_rag(rng: np.random.Generator, p: Projects, pidx: np.ndarray, overall: np.ndarray) -> pl.Series:
    """Scope or resource RAG: loosely tied to trouble and the overall report; often left blank."""
    feel = p.trouble[pidx] + rng.normal(0, 0.12, len(pidx))
    level = np.minimum(_level(feel > 0.65, feel > 0.45), np.maximum(overall, 1))
    return masked(pick(RAG_TEXT, level), ~chance(rng, 0.1 + 0.3 * (1 - p.maturity[pidx])))
