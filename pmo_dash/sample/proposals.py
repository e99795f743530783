"""The sample's proposed initiatives (the demand pipeline): a handful per department, with their resource
demand by role and the portfolio board's decisions; made last, from the planning stream, so every other
table is byte for byte what it was."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.sample import names as w
from pmo_dash.sample.core import LAST, chance, choice, dates, pick, rounded
from pmo_dash.sample.portfolio import Departments

LEVELS = ("Low", "Medium", "High")
DECISIONS = ("Approved", "Deferred", "Rejected")
BOARD = "Portfolio board"


def build_proposals(rng: np.random.Generator, depts: Departments) -> dict[str, pl.DataFrame]:
    """`proposals`, `proposal_demand` and `proposal_decisions`, each with its rows grouped by department."""
    counts = rng.integers(3, 9, depts.n)
    dept = np.repeat(np.arange(depts.n), counts)
    n = len(dept)
    fit = 1 + rng.binomial(4, 0.55, n)
    risk = choice(rng, n, (0.35, 0.45, 0.2))
    cost = rounded(rng.lognormal(np.log(600_000), 0.8, n), 10_000)
    # Better-fitting, less risky ideas tend to promise more a year; some never repay their cost.
    years = rng.integers(3, 8, n)
    annual = rounded(cost / years * rng.lognormal(np.log(0.6 + 0.25 * fit - 0.2 * risk), 0.4, n), 5_000)
    start = LAST + rng.integers(30, 400, n)
    domain = depts.domain[dept]
    subject = np.array([w.SUBJECTS[d][rng.integers(0, len(w.SUBJECTS[d]))] for d in domain], dtype=object)
    kind = pick(w.PROJECT_TYPES, rng.integers(0, len(w.PROJECT_TYPES), n))
    codes = depts.codes.gather(dept)
    number = pl.int_range(1, pl.len() + 1).over("_dept")
    proposals = pl.DataFrame(
        {
            "department_id": codes,
            "title": pl.Series(subject.tolist()) + " " + kind,
            "sponsor": pl.Series(
                [
                    f"{w.FIRST_NAMES[i % len(w.FIRST_NAMES)]} {w.SURNAMES[i % len(w.SURNAMES)]}"
                    for i in rng.integers(0, 10_000, n)
                ]
            ),
            "estimated_cost": cost,
            "annual_benefit": annual,
            "benefit_years": years,
            "objective_id": pick([o[0] for o in w.OBJECTIVES], choice(rng, n, [o[2] for o in w.OBJECTIVES])),
            "strategic_fit": fit,
            "risk_rating": pick(LEVELS, risk),
            "operational_impact": pick(LEVELS, choice(rng, n, (0.4, 0.4, 0.2))),
            "requested_start": dates(start),
            "_dept": dept,
            "_start": start,
        }
    ).with_columns(pl.format("{}-X{}", "department_id", number).alias("proposal_id"))
    return {
        "proposals": proposals.drop("_start"),
        "proposal_demand": _demand(rng, proposals),
        "proposal_decisions": _decisions(rng, proposals),
    }


def _demand(rng: np.random.Generator, proposals: pl.DataFrame) -> pl.DataFrame:
    """A project manager and one or two other roles for 6 to 15 months from the requested start."""
    rows = []
    for pid, dept, start in proposals.select("proposal_id", "_dept", "_start").iter_rows():
        months = int(rng.integers(6, 16))
        first = np.datetime64(int(start), "D").astype("datetime64[M]")
        others = rng.choice(np.arange(1, len(w.ROLES)), size=int(rng.integers(1, 3)), replace=False)
        for role in (0, *sorted(others.tolist())):
            fte = 0.5 if role == 0 else float(rounded(rng.uniform(0.5, 3.0, 1), 0.5)[0])
            for m in range(months):
                rows.append((pid, w.ROLES[role], (first + m).astype("datetime64[D]").item(), fte, dept))
    return pl.DataFrame(rows, schema=["proposal_id", "role", "month", "demand_fte", "_dept"], orient="row")


def _decisions(rng: np.random.Generator, proposals: pl.DataFrame) -> pl.DataFrame:
    """Most proposals have been to the board in the last year; a deferred one sometimes came back."""
    n = proposals.height
    decided = chance(rng, 0.7, n)
    fit = proposals["strategic_fit"].to_numpy()
    decision = np.where(fit >= 4, choice(rng, n, (0.7, 0.2, 0.1)), choice(rng, n, (0.3, 0.35, 0.35)))
    on = LAST - rng.integers(5, 330, n)
    first = proposals.select("proposal_id", "_dept").with_columns(
        decided_on=dates(on), decision=pick(DECISIONS, decision)
    )
    again = decided & (decision == 1) & chance(rng, 0.4, n)
    second = proposals.select("proposal_id", "_dept").with_columns(
        decided_on=dates(np.minimum(on + rng.integers(30, 120, n), LAST)), decision=pl.lit("Approved")
    )
    both = pl.concat([first.filter(pl.Series(decided)), second.filter(pl.Series(again))])
    return both.with_columns(
        decided_by=pl.lit(BOARD),
        note=pl.when(pl.col("decision") == "Deferred").then(pl.lit("Resubmit with a firmer estimate")),
    ).sort("_dept", "proposal_id", "decided_on")
