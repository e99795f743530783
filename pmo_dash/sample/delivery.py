"""Delivery records: milestones, stage gates, issues, change requests and compliance controls."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.sample import names as w
from pmo_dash.sample import texts as t
from pmo_dash.sample.core import (
    LAST,
    between,
    chance,
    choice,
    choice_rows,
    dates,
    expand,
    ids,
    masked,
    pick,
    rounded,
)
from pmo_dash.sample.portfolio import CANCELLED, CLOSED, GATE_FRACTIONS, GATES, HOLD, Projects


def _finished(p: Projects, pidx: np.ndarray) -> np.ndarray:
    return np.isin(p.state[pidx], (CLOSED, CANCELLED))


def build_milestones(rng: np.random.Generator, p: Projects, codes: pl.Series) -> pl.DataFrame:
    counts = rng.integers(3, 7, p.n)
    pidx, rank = expand(counts)
    n = len(pidx)
    frac = 0.08 + 0.84 * rank / (counts[pidx] - 1) + rng.uniform(-0.03, 0.03, n)
    start = p.start[pidx]
    baseline = start + np.round(frac * p.dur[pidx]).astype(np.int64)
    actual = start + np.round(frac * p.true_dur[pidx]).astype(np.int64)
    achieved = actual <= p.end[pidx]
    admitted = np.minimum(1.0, p.progress(pidx, np.full(n, LAST)) * p.recog[pidx])
    held = np.where(p.state[pidx] == HOLD, LAST - p.stop[pidx], 0)
    ahead = baseline + np.round((actual - baseline) * admitted).astype(np.int64) + held
    forecast = np.where(achieved, actual, np.maximum(ahead, LAST + 7))
    plans = [w.MILESTONE_PLANS[c] for c in sorted(w.MILESTONE_PLANS)]
    first = np.cumsum([0] + [len(plan) for plan in plans])[np.asarray(counts[pidx]) - 3]
    show_forecast = achieved | ((p.state[pidx] != CANCELLED) & ~chance(rng, 0.12 * (1 - p.maturity[pidx])))
    return pl.DataFrame(
        {
            "milestone_id": ids(codes, p.dept[pidx], "M", 5),
            "project_id": p.ids.gather(pidx),
            "name": pick([m for plan in plans for m in plan], first + rank),
            "baseline_date": dates(baseline),
            "forecast_date": dates(forecast, show_forecast),
            "actual_date": dates(actual, achieved),
            "_dept": p.dept[pidx],
        }
    )


def build_stage_gates(rng: np.random.Generator, p: Projects) -> pl.DataFrame:
    """Gates passed so far plus the next one; held, stopped or recycled where the project is."""
    passed = p.gates_passed()
    pidx, rank = expand(passed + (passed < len(GATES)))
    n = len(pidx)
    planned = p.start[pidx] + np.round(GATE_FRACTIONS[rank] * p.dur[pidx]).astype(np.int64)
    reached = p.gate_dates()[pidx, rank]
    done = rank < passed[pidx]
    passed_on = np.where(rank == len(GATES) - 1, reached, np.minimum(reached + rng.integers(0, 4, n), LAST))
    state = p.state[pidx]
    recycle = chance(rng, 0.15 * p.trouble[pidx])
    # decision index: 0 Go, 1 Hold, 2 Recycle, 3 Stop, 4 blank
    pending = np.select([state == HOLD, state == CANCELLED, recycle], [1, 3, 2], 4)
    go = np.where(chance(rng, 0.04 * (1 - p.maturity[pidx])), 4, 0)
    decision = np.where(done, go, pending)
    return pl.DataFrame(
        {
            "project_id": p.ids.gather(pidx),
            "gate": pick(GATES, rank),
            "planned_on": dates(planned),
            "passed_on": dates(passed_on, done),
            "decision": masked(pick(("Go", "Hold", "Recycle", "Stop", "Go"), decision), decision < 4),
            "_dept": p.dept[pidx],
        }
    )


def build_issues(rng: np.random.Generator, p: Projects, codes: pl.Series) -> pl.DataFrame:
    pidx, _ = expand(np.clip(rng.poisson(0.3 + 4.5 * p.trouble), 0, 6))
    n = len(pidx)
    start, end = p.start[pidx], p.end[pidx]
    raised = between(rng, start + (end - start) // 20, end)
    severity = np.clip(np.round(rng.normal(0.7 + 1.5 * p.trouble[pidx], 0.8)), 0, 3).astype(np.int64)
    fixed = raised + np.round(rng.exponential(45 + 30 * severity)).astype(np.int64)
    resolved = _finished(p, pidx) | (fixed <= end)
    state = np.where(resolved, 2 + chance(rng, 0.6, n), chance(rng, 0.5, n))
    return pl.DataFrame(
        {
            "issue_id": ids(codes, p.dept[pidx], "I", 5),
            "project_id": p.ids.gather(pidx),
            "title": pick(t.ISSUE_TITLES, rng.integers(0, len(t.ISSUE_TITLES), n)),
            "severity": pick(("Low", "Medium", "High", "Critical"), severity),
            "state": pick(("Open", "In progress", "Resolved", "Closed"), state),
            "raised_on": dates(raised),
            "resolved_on": dates(np.minimum(fixed, end), resolved),
            "_dept": p.dept[pidx],
        }
    )


def build_change_requests(rng: np.random.Generator, p: Projects, codes: pl.Series) -> pl.DataFrame:
    pidx, _ = expand(np.clip(rng.poisson(0.3 + 3.5 * p.trouble), 0, 5))
    n = len(pidx)
    start, end, budget = p.start[pidx], p.end[pidx], p.budget[pidx]
    trouble, mat = p.trouble[pidx], p.maturity[pidx]
    raised = between(rng, start + (end - start) // 10, end)
    cost = rounded(budget * rng.normal(0.03 + 0.06 * trouble, 0.035), 100)
    days = np.where(chance(rng, 0.3, n), 0, np.maximum(0, np.round(rng.normal(10 + 50 * trouble, 20))))
    recent = (raised > LAST - 45) & chance(rng, 0.5, n)
    pending = ~_finished(p, pidx) & (recent | chance(rng, 0.03 + 0.06 * (1 - mat)))
    decision = np.where(pending, 0, 1 + choice(rng, n, (0.65, 0.2, 0.15)))
    big = (np.abs(cost) > 0.05 * budget) | (days > 45)
    decided = np.minimum(raised + between(rng, np.full(n, 3), np.full(n, 40)), LAST)
    return pl.DataFrame(
        {
            "change_id": ids(codes, p.dept[pidx], "C", 4),
            "project_id": p.ids.gather(pidx),
            "raised_on": dates(raised),
            "title": pick(t.CHANGE_TITLES, rng.integers(0, len(t.CHANGE_TITLES), n)),
            "cost_impact": cost.astype(np.int64),
            "schedule_impact_days": days.astype(np.int64),
            "decision": pick(("Pending", "Approved", "Rejected", "Deferred"), decision),
            "decided_on": dates(decided, ~pending),
            "decided_by": masked(pick(("CCB", "Steering committee"), big.astype(np.int64)), ~pending),
            "_dept": p.dept[pidx],
        }
    )


def build_compliance(rng: np.random.Generator, p: Projects) -> pl.DataFrame:
    """2-5 controls per framework a project is tagged with; state follows progress."""
    tagged = np.flatnonzero(p.tags >= 0)
    sizes = np.array([len(t) for t in w.TAG_SETS])
    fw_table = np.array([[w.FRAMEWORKS.index(t[min(i, len(t) - 1)]) for i in range(2)] for t in w.TAG_SETS])
    parent, fw_rank = expand(sizes[p.tags[tagged]])
    proj = tagged[parent]
    framework = fw_table[p.tags[proj], fw_rank]
    offset = rng.integers(0, 5, len(proj))
    cidx, crank = expand(rng.integers(2, 6, len(proj)))
    pidx = proj[cidx]
    n = len(pidx)
    control = framework[cidx] * 5 + (offset[cidx] + crank) % 5
    x = p.progress(pidx, np.full(n, LAST))
    closed = p.state[pidx] == CLOSED
    # Compliant, In progress, Non-compliant, Not assessed
    running = np.stack([0.15 + 0.6 * x, 0.4 * (1 - x), 0.03 + 0.1 * p.trouble[pidx], 0.5 * (1 - x) ** 2], 1)
    state = choice_rows(rng, np.where(closed[:, None], np.array([0.85, 0.07, 0.05, 0.03]), running))
    due = p.start[pidx] + np.round(rng.uniform(0.3, 0.95, n) * p.dur[pidx]).astype(np.int64)
    evidenced = np.maximum(np.minimum(due - between(rng, np.zeros(n), np.full(n, 60)), LAST), p.start[pidx])
    return pl.DataFrame(
        {
            "project_id": p.ids.gather(pidx),
            "framework": pick(w.FRAMEWORKS, framework[cidx]),
            "control": pick([c for group in w.CONTROLS for c in group], control),
            "state": pick(("Compliant", "In progress", "Non-compliant", "Not assessed"), state),
            "due_on": dates(due, chance(rng, 0.9, n)),
            "evidenced_on": dates(evidenced, state == 0),
            "_dept": p.dept[pidx],
        }
    )
