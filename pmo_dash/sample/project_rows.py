"""The projects table as departments return it: names, sponsors, methods, objectives, dates, tags."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.sample import names as w
from pmo_dash.sample.core import LAST, chance, choice, choice_rows, dates, ids, masked, people, pick, rounded
from pmo_dash.sample.portfolio import (
    CANCELLED,
    CLOSED,
    STAGE_AFTER_GATES,
    STAGES,
    STATES,
    Departments,
    Projects,
)


def assign_tags(rng: np.random.Generator, p: Projects, depts: Departments) -> np.ndarray:
    """Mandatory flags; compliance tag sets on mandatory (and a few other) projects."""
    domain = depts.domain[p.dept]
    mandatory = chance(rng, 0.07 + 0.08 * np.isin(domain, (0, 2, 6)))
    options = [w.DOMAIN_TAGS[d] for d in range(len(w.DOMAINS))]
    table = np.array([[o[i % len(o)] for i in range(3)] for o in options])
    tagged = mandatory | chance(rng, 0.05, p.n)
    p.tags = np.where(tagged, table[domain, rng.integers(0, 3, p.n)], -1)
    return mandatory


def projects_frame(
    rng: np.random.Generator, p: Projects, depts: Departments, programmes: np.ndarray
) -> pl.DataFrame:
    """The projects table; `programmes` holds how many programmes each department runs."""
    mandatory = assign_tags(rng, p, depts)
    fit = 1 + rng.binomial(4, 0.55, p.n)
    method_mix = rng.dirichlet([4.0, 3.0, 4.0, 3.0], depts.n)
    pg_first = np.cumsum(programmes) - programmes
    programme = pg_first[p.dept] + np.floor(rng.random(p.n) * programmes[p.dept]).astype(np.int64)
    benefit = rounded(p.budget * rng.lognormal(np.log(0.9 + 0.3 * fit), 0.35) * (1 - 0.5 * mandatory), 1000)
    forecast = p.forecast(np.arange(p.n), np.full(p.n, LAST))
    finished = p.state == CLOSED
    stage = np.where(finished, 4, STAGE_AFTER_GATES[p.gates_passed()])
    tag_text = pick([";".join(t) for t in w.TAG_SETS] + [""], np.where(p.tags < 0, len(w.TAG_SETS), p.tags))
    pg_ids = ids(depts.codes, np.repeat(np.arange(depts.n), programmes), "PG", 2)
    return pl.DataFrame(
        {
            "project_id": p.ids,
            "department_id": depts.codes.gather(p.dept),
            "programme_id": masked(pg_ids.gather(programme), chance(rng, 0.7, p.n)),
            "name": _project_names(rng, p, depts),
            "sponsor": people(rng, p.n),
            "project_manager": masked(people(rng, p.n), chance(rng, 0.97, p.n)),
            "methodology": pick(w.METHODOLOGIES, choice_rows(rng, method_mix[p.dept])),
            "stage": pick(STAGES, stage),
            "state": pick(STATES, p.state),
            "objective_id": masked(
                pick([o[0] for o in w.OBJECTIVES], choice(rng, p.n, [o[2] for o in w.OBJECTIVES])),
                chance(rng, 0.92, p.n),
            ),
            "strategic_fit": fit,
            "baseline_start": dates(p.start),
            "baseline_finish": dates(p.start + p.dur),
            "forecast_finish": dates(
                np.where(finished, p.stop, forecast),
                (p.state != CANCELLED) & ~chance(rng, 0.08 * (1 - p.maturity)),
            ),
            "actual_finish": dates(np.where(finished, p.stop, 0), finished),
            "budget": p.budget.astype(np.int64),
            "expected_benefit": masked(pl.Series(benefit.astype(np.int64)), chance(rng, 0.92, p.n)),
            "mandatory": pick(("no", "yes"), mandatory.astype(np.int64)),
            "compliance_tags": masked(tag_text, p.tags >= 0),
            "_dept": p.dept,
        }
    )


def _project_names(rng: np.random.Generator, p: Projects, depts: Departments) -> pl.Series:
    pool = [s for group in w.SUBJECTS for s in group] + list(w.GENERIC_SUBJECTS)
    sizes = np.array([len(g) for g in w.SUBJECTS])
    first = np.cumsum(sizes) - sizes
    domain = depts.domain[p.dept]
    own = first[domain] + np.floor(rng.random(p.n) * sizes[domain]).astype(np.int64)
    generic = sizes.sum() + rng.integers(0, len(w.GENERIC_SUBJECTS), p.n)
    subject = pick(pool, np.where(chance(rng, 0.7, p.n), own, generic))
    kind = pick(w.PROJECT_TYPES, rng.integers(0, len(w.PROJECT_TYPES), p.n))
    phase = pick(("", " phase 2", " phase 3"), choice(rng, p.n, (0.85, 0.11, 0.04)))
    return pl.select(pl.concat_str([pl.lit(subject), pl.lit(" "), pl.lit(kind), pl.lit(phase)])).to_series()
