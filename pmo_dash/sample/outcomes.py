"""Outcomes: benefits with their realisation over time, and the lessons projects leave behind."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.sample import texts as t
from pmo_dash.sample.core import (
    LAST,
    MONTH,
    NEVER,
    Calendar,
    between,
    chance,
    choice,
    dates,
    expand,
    ids,
    masked,
    people,
    pick,
    rounded,
)
from pmo_dash.sample.portfolio import CANCELLED, CLOSED, Projects

LESSON_STATES = ("Draft", "Validated", "Actioned", "Archived")


def build_benefits(
    rng: np.random.Generator, p: Projects, codes: pl.Series, cal: Calendar, expected: np.ndarray
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Benefits per project and their cumulative planned/actual values per period after delivery."""
    counts = 1 + choice(rng, p.n, (0.45, 0.35, 0.2))
    pidx, _ = expand(counts)
    n = len(pidx)
    kind = choice(rng, n, (0.45, 0.3, 0.25))
    sizes = np.array([len(g) for g in t.BENEFIT_TEMPLATES])
    template = (np.cumsum(sizes) - sizes)[kind] + np.floor(rng.random(n) * sizes[kind]).astype(np.int64)
    flat = [t for group in t.BENEFIT_TEMPLATES for t in group]
    share = rng.uniform(0.6, 1.0, n) / counts[pidx]
    per_budget = np.array([t[3] for t in flat])[template]
    value = np.select([kind == 0, kind == 1], [expected[pidx] * share, expected[pidx] * share / 45], 0.0)
    value = np.where(kind == 2, np.maximum(p.budget[pidx] * per_budget * share, 5), value)
    target = np.select([kind == 0, kind == 1], [rounded(value, 1000), rounded(value, 10)], np.round(value))
    timing = _timing(rng, p, pidx)
    benefits = pl.DataFrame(
        {
            "benefit_id": ids(codes, p.dept[pidx], "B", 4),
            "project_id": p.ids.gather(pidx),
            "name": pick([t[0] for t in flat], template),
            "kind": pick(t.BENEFIT_KINDS, kind),
            "measure": pick([t[1] for t in flat], template),
            "unit": pick([t[2] for t in flat], template),
            "baseline_value": np.zeros(n, dtype=np.int64),
            "target_value": target.astype(np.int64),
            "target_date": dates(timing[2]),
            "owner": masked(people(rng, n), chance(rng, 0.85, n)),
            "_dept": p.dept[pidx],
        }
    )
    return benefits, _measurements(rng, p, pidx, cal, benefits["benefit_id"], target, timing)


def _timing(rng: np.random.Generator, p: Projects, pidx: np.ndarray) -> tuple[np.ndarray, ...]:
    """Planned and actual delivery (NEVER if not delivered) and the target date, 6-24 months after finish."""
    n = len(pidx)
    start, dur, true_dur = p.start[pidx], p.dur[pidx], p.true_dur[pidx]
    early = np.where(p.agile[pidx] & chance(rng, 0.5, n), 0.6, 1.0)  # incremental delivery
    planned_at = start + np.round(early * dur).astype(np.int64)
    delivered = start + np.round(early * true_dur).astype(np.int64)
    delivered = np.where(delivered <= p.stop[pidx], delivered, NEVER)
    finish = np.maximum(start + dur, np.where(p.state[pidx] == CLOSED, p.stop[pidx], start + true_dur))
    target_date = finish + between(rng, np.full(n, round(6 * MONTH)), np.full(n, round(24 * MONTH)))
    return planned_at, delivered, target_date


def _measurements(
    rng: np.random.Generator,
    p: Projects,
    pidx: np.ndarray,
    cal: Calendar,
    benefit_ids: pl.Series,
    target: np.ndarray,
    timing: tuple[np.ndarray, ...],
) -> pl.DataFrame:
    """Cumulative values per period from the earlier of planned and actual delivery; trouble realises less."""
    planned_at, delivered, target_date = timing
    realised = np.clip(rng.normal(1.02 - 0.7 * p.trouble[pidx], 0.12), 0.1, 1.3)
    curve = rng.uniform(0.7, 1.2, len(pidx))
    first = cal.period_of(np.minimum(planned_at, delivered))
    bidx, rank = expand(np.maximum(len(cal.ends) - first, 0))
    t = cal.ends[first[bidx] + rank]
    span = np.maximum(target_date - planned_at, 30)[bidx]
    planned = target[bidx] * np.clip((t - planned_at[bidx]) / span, 0, 1)
    actual = target[bidx] * realised[bidx] * np.clip((t - delivered[bidx]) / span, 0, 1) ** curve[bidx]
    return pl.DataFrame(
        {
            "benefit_id": benefit_ids.gather(bidx),
            "as_of": dates(t),
            "planned_value": np.round(planned).astype(np.int64),
            "actual_value": np.round(actual).astype(np.int64),
            "_dept": p.dept[pidx][bidx],
        }
    )


def build_lessons(rng: np.random.Generator, p: Projects, codes: pl.Series) -> pl.DataFrame:
    """Closed projects log lessons, fewer, later and less complete in low-maturity departments."""
    mat = p.maturity
    on_close = np.where(chance(rng, 0.55 * (1 - mat) ** 2), 0, 1 + rng.binomial(5, 0.1 + 0.45 * mat))
    on_cancel = rng.binomial(2, 0.3 + 0.4 * mat)
    midway = chance(rng, 0.12 + 0.15 * mat) * (1 + chance(rng, 0.3, p.n))
    counts = np.select([p.state == CLOSED, p.state == CANCELLED], [on_close, on_cancel], midway)
    pidx, _ = expand(counts)
    n = len(pidx)
    mat, end = mat[pidx], p.end[pidx]
    finished = np.isin(p.state[pidx], (CLOSED, CANCELLED))
    after = np.minimum(end + np.round(rng.exponential(15 + 90 * (1 - mat))).astype(np.int64), LAST)
    logged = np.where(finished, after, between(rng, p.start[pidx] + (end - p.start[pidx]) // 5, end))
    category = choice(rng, n, t.LESSON_CATEGORY_WEIGHTS)
    negative = chance(rng, 0.45 + 0.35 * p.trouble[pidx])
    template = category * 3 + np.where(negative, rng.integers(0, 2, n), 2)
    flat = [lesson for group in t.LESSONS for lesson in group]
    draft = chance(rng, 0.08 + 0.6 * (1 - mat) ** 2)
    state = np.where(draft, 0, 1 + choice(rng, n, (0.35, 0.45, 0.2)))
    due = logged + between(rng, np.full(n, 30), np.full(n, 120))
    actioned = np.minimum(logged + between(rng, np.full(n, 10), np.full(n, 150)), LAST)
    return pl.DataFrame(
        {
            "lesson_id": ids(codes, p.dept[pidx], "L", 4),
            "project_id": p.ids.gather(pidx),
            "logged_on": dates(logged),
            "category": pick(t.LESSON_CATEGORIES, category),
            "title": pick([lesson[1] for lesson in flat], template),
            "what_happened": pick([lesson[2] for lesson in flat], template),
            "root_cause": masked(pick([lesson[3] for lesson in flat], template), ~_sloppy(rng, mat)),
            "recommendation": masked(pick([lesson[4] for lesson in flat], template), ~_sloppy(rng, mat)),
            "effect": pick([lesson[0] for lesson in flat], template),
            "state": pick(LESSON_STATES, state),
            "owner": masked(people(rng, n), ~chance(rng, 0.1 + 0.3 * (1 - mat))),
            "action_due": dates(due, np.isin(state, (1, 2)) | ((state == 0) & chance(rng, 0.3, n))),
            "actioned_on": dates(actioned, state == 2),
            "applied_to": _applied_to(rng, p, pidx, (state > 0) & chance(rng, 0.05 + 0.3 * mat)),
            "_dept": p.dept[pidx],
        }
    )


def _sloppy(rng: np.random.Generator, mat: np.ndarray) -> np.ndarray:
    return chance(rng, 0.05 + 0.6 * (1 - mat) ** 1.5)


def _applied_to(rng: np.random.Generator, p: Projects, pidx: np.ndarray, reused: np.ndarray) -> pl.Series:
    """1-3 distinct other projects (any department) that reused the lesson, `;`-separated."""
    n = len(pidx)
    step = max(p.n // 3, 1)
    first = rng.integers(0, p.n, n)
    second = (first + rng.integers(1, step + 1, n)) % p.n
    third = (second + rng.integers(1, step + 1, n)) % p.n
    picked = np.stack([first, second, third], 1)
    many = 1 + choice(rng, n, (0.6, 0.3, 0.1))
    own = ((picked == pidx[:, None]) & (np.arange(3) < many[:, None])).any(axis=1)
    one, two, three = (p.ids.gather(picked[:, i]) for i in range(3))
    text = pl.select(
        pl.when(pl.lit(pl.Series(many)) == 1)
        .then(pl.lit(one))
        .when(pl.lit(pl.Series(many)) == 2)
        .then(pl.concat_str([pl.lit(one), pl.lit(two)], separator=";"))
        .otherwise(pl.concat_str([pl.lit(one), pl.lit(two), pl.lit(three)], separator=";"))
    ).to_series()
    return masked(text, reused & ~own)
