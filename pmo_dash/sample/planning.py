"""The sample's dependencies, made last from a random stream of their own (so every other table is
byte for byte what it was): most within a programme, some within a department, a few across
departments; a predecessor always started before the project that waits for it, so chains never loop."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.sample.core import chance, dates, pick
from pmo_dash.sample.portfolio import ACTIVE, CANCELLED, CLOSED, HOLD, Projects

TYPES = ("Finish-to-start", "Delivers-to")
CRITICALITY = ("High", "Medium", "Low")
STATES = ("Open", "Met", "Withdrawn")
SHARE_WAITING = 0.45  # of the active and on-hold projects, those that wait for another


def build_dependencies(
    rng: np.random.Generator, p: Projects, projects: pl.DataFrame, milestones: pl.DataFrame
) -> pl.DataFrame:
    """One row per dependency, filed by the waiting project's department (rows grouped by it)."""
    programme = projects["programme_id"].to_list()
    order = np.argsort(p.start, kind="stable")
    rank = np.empty(p.n, np.int64)
    rank[order] = np.arange(p.n)
    by_programme: dict[str, list[int]] = {}
    by_dept: dict[int, list[int]] = {}
    for i in order:
        if p.state[i] != CANCELLED:
            if programme[i] is not None:
                by_programme.setdefault(programme[i], []).append(int(i))
            by_dept.setdefault(int(p.dept[i]), []).append(int(i))
    everyone = [int(i) for i in order if p.state[i] != CANCELLED]
    waiting = np.flatnonzero(np.isin(p.state, (ACTIVE, HOLD)) & chance(rng, SHARE_WAITING, p.n))
    succ, pred = [], []
    for i in waiting:
        for _ in range(1 + int(rng.random() < 0.3)):
            pool = _pool(rng, programme[i], int(p.dept[i]), by_programme, by_dept, everyone)
            earlier = [j for j in pool if rank[j] < rank[i]]
            running = [j for j in earlier if p.state[j] in (ACTIVE, HOLD)]
            if running and rng.random() < 0.8:  # most wait for work still under way
                earlier = running
            if earlier:
                succ.append(int(i))
                pred.append(int(earlier[rng.integers(max(0, len(earlier) - 8), len(earlier))]))
    pairs = np.unique(np.array([succ, pred], np.int64).reshape(2, -1), axis=1)
    succ, pred = pairs[0], pairs[1]
    pairs = pairs[:, np.lexsort((pred, succ, p.dept[succ]))]
    succ, pred = pairs[0], pairs[1]
    n = len(succ)
    kind = (rng.random(n) < 0.55).astype(np.int64)  # Delivers-to more often than finish-to-start
    slack = rng.integers(-10, 180, n)
    needed = p.start[pred] + p.dur[pred] + slack  # the predecessor's baseline finish, give or take
    state = np.where(p.state[pred] == CLOSED, 1, np.where(chance(rng, 0.03, n), 2, 0))
    frame = pl.DataFrame(
        {
            "project_id": p.ids.gather(succ),
            "predecessor_project_id": p.ids.gather(pred),
            "type": pick(TYPES, kind),
            "criticality": pick(CRITICALITY, rng.choice(3, n, p=[0.25, 0.5, 0.25])),
            "state": pick(STATES, state),
            # A delivers-to dependency left without a date is needed by the waiting project's finish.
            "needed_by": dates(needed, (kind == 0) | chance(rng, 0.8, n)),
            "_dept": p.dept[succ],
        }
    )
    frame = frame.with_columns(
        pl.format("{}-D{}", "project_id", pl.int_range(1, pl.len() + 1).over("project_id")).alias(
            "dependency_id"
        )
    )
    return frame.join(_delivering(rng, frame, milestones), on="dependency_id", how="left").select(
        "dependency_id",
        "project_id",
        "predecessor_project_id",
        "predecessor_milestone_id",
        "type",
        "criticality",
        "state",
        "needed_by",
        "_dept",
    )


def _pool(rng, programme, dept, by_programme, by_dept, everyone) -> list[int]:
    """Where a predecessor comes from: mostly the same programme, else the department, else anywhere."""
    draw = rng.random()
    if programme is not None and draw < 0.75 and len(by_programme.get(programme, ())) > 1:
        return by_programme[programme]
    if draw < 0.88:
        return by_dept[dept]
    return everyone


def _delivering(rng: np.random.Generator, deps: pl.DataFrame, milestones: pl.DataFrame) -> pl.DataFrame:
    """A fifth of the delivers-to dependencies wait for one milestone of the predecessor, not its finish."""
    chosen = deps.filter(pl.col("type") == "Delivers-to").select("dependency_id", "predecessor_project_id")
    chosen = chosen.filter(pl.Series(chance(rng, 0.2, chosen.height)))
    middle = (
        milestones.sort("project_id", "baseline_date", "milestone_id")
        .group_by("project_id", maintain_order=True)
        .agg(pl.col("milestone_id").get(pl.len() // 2).alias("predecessor_milestone_id"))
    )
    return chosen.join(middle, left_on="predecessor_project_id", right_on="project_id", how="inner").select(
        "dependency_id", "predecessor_milestone_id"
    )
