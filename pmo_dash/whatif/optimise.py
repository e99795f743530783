"""Choose the funded set: the most total score within the budget and, optionally, the capacity.

This module turns the portfolio's DataFrames into a 0/1 knapsack (one budget row, one row per
(department_id, role, month) capacity cell) and the answer back into project terms; `knapsack`
solves it, exactly with HiGHS through `scipy.optimize.milp` where time allows.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import sparse

from pmo_dash.whatif import knapsack
from pmo_dash.whatif.levers import Levers, forced
from pmo_dash.whatif.score import score

CELL = ["department_id", "role", "month"]
FRONTIER_POINTS = 200


@dataclass(frozen=True, eq=False)
class Selection:
    """The chosen portfolio and how it was found.

    `selected` is a boolean array in the candidates' row order; `chosen` the same as project ids.
    `objective` is the total score of the selection, forced projects included; `total_cost` its
    summed eac. `status` is "optimal", "time limit: best found, within X% of the optimum" or, for
    the greedy fallback (`method` "greedy"), a sentence starting "greedy" with the solver's
    message. `mip_gap` is the relative gap between the free projects' score and the best proven
    bound on it, as HiGHS defines its mip_gap: 0 when optimal; inf when the selection's free
    score is 0 but the bound is not.
    `seconds` is the whole call, model building included.

    Forced projects (mandatory, pinned in) are in even when they alone break a limit: then
    `over_budget` is the amount above the budget and `over_allocated` lists the capacity cells
    over their limit (`department_id, role, month, demand_fte, capacity_fte, excess`; checked
    only when capacity is used). The free projects never add to either excess.
    """

    selected: np.ndarray
    chosen: frozenset[str]
    scores: pl.DataFrame
    objective: float
    total_cost: float
    budget: float
    over_budget: float
    over_allocated: pl.DataFrame
    status: str
    method: str
    mip_gap: float
    message: str
    seconds: float


@dataclass(frozen=True, eq=False)
class _Cells:
    """Capacity cells that have a capacity row, and each candidate's demand in them."""

    keys: pl.DataFrame  # department_id, role, month: one row per cell
    capacity: np.ndarray  # capacity_fte per cell
    load: sparse.csc_array  # cells x candidates: demand_fte of each candidate in each cell


_CELLS_CACHE: OrderedDict[tuple[bytes, ...], _Cells] = OrderedDict()


def _fingerprint(frame: pl.DataFrame) -> bytes:
    """A digest of a frame's rows, in order: equal frames give equal digests (within a process)."""
    return hashlib.blake2b(frame.hash_rows().to_numpy().tobytes(), digest_size=16).digest()


def _cells_cached(candidates: pl.DataFrame, demand: pl.DataFrame, capacity: pl.DataFrame) -> _Cells:
    """`_cells`, remembered for the last few inputs: moving the budget or a weight changes none of
    them, and building the matrix is a good part of an answer with capacity on."""
    key = (
        _fingerprint(candidates.select("project_id", "department_id")),
        _fingerprint(demand.select("project_id", "role", "month", "demand_fte")),
        _fingerprint(capacity.select(*CELL, "capacity_fte")),
    )
    if key in _CELLS_CACHE:
        _CELLS_CACHE.move_to_end(key)
        return _CELLS_CACHE[key]
    cells = _CELLS_CACHE[key] = _cells(candidates, demand, capacity)
    for shared in (cells.capacity, cells.load.data, cells.load.indices, cells.load.indptr):
        shared.flags.writeable = False  # shared by later answers: nobody may change it in place
    while len(_CELLS_CACHE) > 8:
        _CELLS_CACHE.popitem(last=False)
    return cells


def _cells(candidates: pl.DataFrame, demand: pl.DataFrame, capacity: pl.DataFrame) -> _Cells:
    """The capacity matrix. A project's demand counts against its own department's capacity.

    A (department_id, role, month) with no capacity row, or only null capacity, is unconstrained:
    departments do not return capacity for every role, and a missing row is not a zero. Demand
    for projects that are not candidates is ignored.
    """
    cap = (
        capacity.filter(pl.col("capacity_fte").is_not_null())
        .group_by(CELL)
        .agg(pl.col("capacity_fte").cast(pl.Float64).sum())
        .sort(CELL)
        .with_row_index("cell")
    )
    columns = candidates.select("project_id", "department_id").with_row_index("column")
    load = (
        demand.filter(pl.col("demand_fte") > 0)
        .join(columns, on="project_id")
        .group_by(["column", *CELL])
        .agg(pl.col("demand_fte").cast(pl.Float64).sum())
        .join(cap.select("cell", *CELL), on=CELL)
    )
    matrix = sparse.csc_array(
        (load["demand_fte"].to_numpy(), (load["cell"].to_numpy(), load["column"].to_numpy())),
        shape=(len(cap), len(candidates)),
    )
    return _Cells(cap.select(CELL), cap["capacity_fte"].to_numpy(), matrix)


def _over_allocated(cells: _Cells | None, selected: np.ndarray) -> pl.DataFrame:
    empty = pl.DataFrame(
        schema={
            "department_id": pl.String,
            "role": pl.String,
            "month": pl.Date,
            "demand_fte": pl.Float64,
            "capacity_fte": pl.Float64,
            "excess": pl.Float64,
        }
    )
    if cells is None or not len(cells.capacity):
        return empty
    load = cells.load @ selected.astype(float)
    over = load > cells.capacity + knapsack.slack(cells.capacity)
    return cells.keys.filter(pl.Series(over)).with_columns(
        demand_fte=pl.Series(load[over]),
        capacity_fte=pl.Series(cells.capacity[over]),
        excess=pl.Series(load[over] - cells.capacity[over]),
    )


def _within(gap: float) -> str:
    """The status's "within X% of the optimum", X rounded up to 2 decimals: never understated."""
    if not math.isfinite(gap):
        return "gap to the optimum unknown"
    return f"within {math.ceil(gap * 1e4 - 1e-9) / 100:.2f}% of the optimum"


def _status(solution: knapsack.Solution, time_limit: float) -> str:
    if solution.optimal:
        return "optimal"
    if solution.method == "milp":
        return f"time limit: best found, {_within(solution.gap)}"
    if solution.message.startswith(knapsack.NOT_STARTED):
        return (
            f"greedy: {solution.message}; best score per use of budget and capacity first, "
            f"{_within(solution.gap)}"
        )
    return (
        f"greedy: the solver gave no better selection in {time_limit:g} s ({solution.message}); "
        f"best score per use of budget and capacity first, {_within(solution.gap)}"
    )


def optimise(
    candidates: pl.DataFrame, demand: pl.DataFrame, capacity: pl.DataFrame, levers: Levers
) -> Selection:
    """The selection with the highest total score that fits the budget (and capacity if used).

    Maximise sum(score_i x_i) over x_i in {0, 1} subject to sum(eac_i x_i) <= budget and, when
    `levers.use_capacity`, sum(demand_fte of the chosen projects of a department) <= capacity_fte
    in every (department_id, role, month) cell that has a capacity row (no row: unconstrained).

    Forced projects (see `levers.forced`) are fixed outside the model; only the free projects are
    constrained, by what the forced ones leave: max(0, limit - forced load). So the problem is
    always feasible, and an excess caused by forced projects alone is reported, not fatal.
    Free projects with a score <= 0 add nothing and are never chosen; free projects that could
    not fit even alone are dropped before solving too. `levers.time_limit` bounds the whole call
    (HiGHS gets what building the model left of it); see `knapsack` for how 10,000 candidates stay
    quick.

    Pass the shocked inputs to optimise a shocked scenario. A null or negative eac is an error:
    a cost that is unknown cannot be budgeted.
    """
    start = time.perf_counter()
    costs = candidates["eac"].cast(pl.Float64).to_numpy()
    if np.isnan(costs).any() or (costs < 0).any():
        raise ValueError("every candidate needs an eac >= 0 to be budgeted")
    scores = score(candidates, levers)
    values = scores["score"].to_numpy()
    forced_in, forced_out = forced(candidates, levers)
    cells = _cells_cached(candidates, demand, capacity) if levers.use_capacity else None

    budget_left = max(0.0, levers.budget - costs[forced_in].sum())
    free = ~forced_in & ~forced_out & (values > 0) & (costs <= budget_left + knapsack.slack(budget_left))
    if cells is not None:
        room = np.maximum(0.0, cells.capacity - cells.load @ forced_in.astype(float))
        entries = cells.load.tocoo()
        too_big = entries.data > room[entries.row] + knapsack.slack(room[entries.row])
        free[entries.col[too_big]] = False
        load = cells.load[:, np.flatnonzero(free)].tocsr()
        # Only a cell the free projects could overfill all together can bind: the others are left out
        # of the problem (at the enterprise tier about three cells in four), which the greedy, the
        # bound and HiGHS then never read.
        binding = np.flatnonzero(load @ np.ones(load.shape[1]) > room + knapsack.slack(room))
        load, room = sparse.csc_array(load[binding]), room[binding]
    else:
        load, room = sparse.csc_array((0, int(free.sum()))), np.zeros(0)
    columns = np.flatnonzero(free)
    problem = knapsack.Knapsack(values[columns], costs[columns], budget_left, load, room)
    # The time limit is for the whole answer: what building the model took comes off the solver's share.
    solution = knapsack.solve(problem, max(0.01, levers.time_limit - (time.perf_counter() - start)))

    selected = forced_in.copy()
    selected[columns[solution.taken]] = True
    total_cost = float(costs[selected].sum())
    return Selection(
        selected=selected,
        chosen=frozenset(candidates.filter(pl.Series(selected))["project_id"].to_list()),
        scores=scores,
        objective=float(values[selected].sum()),
        total_cost=total_cost,
        budget=levers.budget,
        over_budget=max(0.0, total_cost - levers.budget),
        over_allocated=_over_allocated(cells, selected),
        status=_status(solution, levers.time_limit),
        method=solution.method,
        mip_gap=solution.gap,
        message=solution.message,
        seconds=time.perf_counter() - start,
    )


def frontier(candidates: pl.DataFrame, levers: Levers, points: int = FRONTIER_POINTS) -> pl.DataFrame:
    """Value against cost, `cost, value`: the most total score each budget could buy (budget only).

    This is the LP relaxation bound, not the 0/1 optimum: it starts at the forced projects' cost
    and score, then adds the free projects with a positive score by score per cost, best first
    (those costing nothing first), as if a project could be part-funded. No selection within a
    budget scores above the curve at that cost, so the chosen portfolio plots on or under it.
    Capacity is ignored. Long curves are sampled down to about `points` points, always keeping
    both ends; the curve is concave, so a line drawn between sampled points may dip slightly
    below the bound it samples.
    """
    costs = candidates["eac"].cast(pl.Float64).to_numpy()
    values = score(candidates, levers)["score"].to_numpy()
    forced_in, forced_out = forced(candidates, levers)
    free = np.flatnonzero(~forced_in & ~forced_out & (values > 0))
    with np.errstate(divide="ignore"):
        ratio = np.where(costs[free] > 0, values[free] / np.where(costs[free] > 0, costs[free], 1.0), np.inf)
    order = free[np.lexsort((-values[free], -ratio))]
    cost = np.concatenate([[costs[forced_in].sum()], costs[order]]).cumsum()
    value = np.concatenate([[values[forced_in].sum()], values[order]]).cumsum()
    if len(cost) > points:
        keep = np.unique(np.linspace(0, len(cost) - 1, points).round().astype(int))
        cost, value = cost[keep], value[keep]
    return pl.DataFrame({"cost": cost, "value": value})
