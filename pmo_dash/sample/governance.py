"""The sample's governance, made after everything else from a random stream of its own (so every other
table is byte for byte what it was): post-implementation reviews of closed projects, and the shape a
steering committee should find (a backlog of pending changes in the weakest department, the
non-compliant controls clustered in one framework, one role over-allocated)."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.sample.core import LAST, chance, dates, pick, rounded
from pmo_dash.sample.portfolio import ACTIVE, CLOSED, HOLD, Departments, Projects

RATINGS = ("Successful", "Partially successful", "Unsuccessful")
FINDINGS = (
    "Delivered the scope on budget; benefits tracking handed to the business owner.",
    "Delivered late; two benefits deferred to the next release; supplier management to improve.",
    "Most benefits not realised; the business case assumptions did not hold.",
)
OVERLOADED_ROLE = "Architect"  # the one bottleneck role of the sample
NON_COMPLIANT_FRAMEWORK = "GDPR"  # where the non-compliant controls cluster


def build_reviews(rng: np.random.Generator, p: Projects) -> pl.DataFrame:
    """Closed projects hold their review three to six months after closing in mature departments;
    later, or never, in weak ones. A troubled project rates worse and realises less."""
    idx = np.flatnonzero(p.state == CLOSED)
    mat, trouble = p.maturity[idx], p.trouble[idx]
    held = p.stop[idx] + 90 + np.round(rng.exponential(30 + 200 * (1 - mat))).astype(np.int64)
    keep = (held <= LAST) & chance(rng, 0.45 + 0.5 * mat)
    idx, held, mat, trouble = idx[keep], held[keep], mat[keep], trouble[keep]
    score = trouble + rng.normal(0, 0.12, len(idx))
    rating = np.select([score < 0.3, score < 0.55], [0, 1], 2)
    realised = rounded(
        p.budget[idx] * np.clip(1.6 - 1.8 * trouble + rng.normal(0, 0.2, len(idx)), 0, 2), 1000
    )
    return pl.DataFrame(
        {
            "project_id": p.ids.gather(idx),
            "held_on": dates(held),
            "rating": pick(RATINGS, rating),
            "benefits_realised_to_date": pl.Series(
                np.where(chance(rng, 0.85, len(idx)), realised, np.nan)
            ).fill_nan(None),
            "findings": pick(FINDINGS, rating),
            "_dept": p.dept[idx],
        }
    )


def shape(rng: np.random.Generator, frames: dict[str, pl.DataFrame], depts: Departments, p: Projects) -> None:
    """Give the governance returns the shape a steering committee should find, in place."""
    frames["change_requests"] = _backlog(frames["change_requests"], depts)
    frames["compliance_controls"] = _clustered(rng, frames["compliance_controls"])
    frames["capacity"] = _capacity(rng, frames["capacity"], frames["demand"], p)


def _backlog(changes: pl.DataFrame, depts: Departments) -> pl.DataFrame:
    """The weakest department leaves its changes of the last four months undecided."""
    weakest = int(np.argmin(depts.maturity))
    recent = pl.col("raised_on").cast(pl.Int32) > LAST - 120
    waiting = (pl.col("_dept") == weakest) & recent
    return changes.with_columns(
        pl.when(waiting).then(pl.lit("Pending")).otherwise(pl.col("decision")).alias("decision"),
        pl.when(waiting).then(None).otherwise(pl.col("decided_on")).alias("decided_on"),
        pl.when(waiting).then(None).otherwise(pl.col("decided_by")).alias("decided_by"),
    )


def _clustered(rng: np.random.Generator, controls: pl.DataFrame) -> pl.DataFrame:
    """Non-compliance sits in one framework: elsewhere such a control is in progress; in it, a few
    more of the not-yet-compliant are non-compliant."""
    state = controls["state"].to_numpy().copy()
    framework = controls["framework"].to_numpy()
    elsewhere = (state == "Non-compliant") & (framework != NON_COMPLIANT_FRAMEWORK)
    state[elsewhere] = "In progress"
    open_here = np.flatnonzero(
        (framework == NON_COMPLIANT_FRAMEWORK) & np.isin(state, ("In progress", "Not assessed"))
    )
    state[open_here[chance(rng, 0.35, len(open_here))]] = "Non-compliant"
    return controls.with_columns(pl.Series("state", state, dtype=pl.String))


def _capacity(
    rng: np.random.Generator, capacity: pl.DataFrame, demand: pl.DataFrame, p: Projects
) -> pl.DataFrame:
    """Each department staffs each role for its busiest month of planned demand with some slack, so
    utilisation mostly stays under 90%, except the one bottleneck role, staffed just above its average
    month: over-allocated whenever work peaks."""
    planned = np.isin(p.state, (ACTIVE, HOLD))
    live = set(p.ids.filter(pl.Series(planned)).to_list())
    load = (
        demand.filter(pl.col("project_id").is_in(live))
        .group_by("_dept", "role", "month")
        .agg(pl.col("demand_fte").sum())
        .group_by("_dept", "role")
        .agg(pl.col("demand_fte").max().alias("peak"), pl.col("demand_fte").mean().alias("mean"))
    )
    staffed = capacity.join(load, on=["_dept", "role"], how="left").with_columns(
        pl.when(pl.col("role") == OVERLOADED_ROLE)
        .then(pl.col("mean") * 1.05)
        .otherwise(pl.col("peak") / 0.85)
        .alias("level")
    )
    noise = rng.uniform(0.97, 1.03, staffed.height)
    level = staffed["level"].fill_null(0).to_numpy() * noise
    fte = np.where(
        np.isnan(level) | (level <= 0),
        staffed["capacity_fte"].to_numpy(),
        np.maximum(0.5, np.round(level * 2) / 2),
    )
    return staffed.select(capacity.columns).with_columns(pl.Series("capacity_fte", fte, dtype=pl.Float64))
