"""An exact 0/1 knapsack with one budget row and any number of capacity rows, on numpy arrays.

HiGHS (through `scipy.optimize.milp`) is the exact solver, but it is not handed all 10,000
projects as they come: on a long budget row its presolve compares every pair of columns (they
are all parallel), which takes seconds and ignores the time limit. So a solve has four steps:

1. a greedy selection: a feasible answer in milliseconds, and the fallback;
2. a Lagrangian upper bound: the budget-only LP bound (Dantzig's), tightened by a hundred
   subgradient steps on the capacity rows when there are any; its prices also give the greedy
   a better order, tried as well;
3. reduced-cost fixing: a project whose flip would lower the bound below the best selection
   known cannot be in (or out of) any better selection, so it is fixed; for the budget alone
   this leaves a core of typically a few hundred of 10,000 projects;
4. `milp` on the core, with the time limit, solved to a zero gap (unless the core is too large for
   HiGHS to begin in the time left: see HIGHS_START_SECONDS_PER_NONZERO).

The bound and the fixings are proofs, not heuristics: the answer is optimal whenever HiGHS
proves the core optimal, or the bound leaves nothing to prove. Otherwise the best selection
found is returned with its proven gap.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from pmo_dash.whatif.problem import TOLERANCE, Knapsack, Solution, slack

# Subgradient steps that tighten the bound when there are capacity rows (see `lagrangian_bound`).
SUBGRADIENT_STEPS = 100
# Solve the core to proven optimality: HiGHS's defaults stop at a 1e-4 relative or 1e-6 absolute
# gap, which can return a slightly worse set and still call it optimal. Presolve is off because
# of the pairwise column comparison above. The feasibility jump heuristic is off because it runs
# past short time limits (0.4 s against 0.15 s at 10,000 projects), and the greedy gives a
# feasible answer anyway.
SOLVER_OPTIONS = {
    "mip_rel_gap": 0.0,
    "mip_abs_gap": 0.0,
    "presolve": False,
    "mip_heuristic_run_feasibility_jump": False,
}
# HiGHS does not stop for its time limit before its first LP iteration: measured at the enterprise tier
# with capacity respected (a core of 4,038 projects and 432 capacity rows, 20,623 nonzeros, nothing
# fixed by the bound), it took 0.10 s when given 0.04 s and ended without one LP iteration, so the
# answer took twice its time limit for nothing (at 10 budget positions the greedy's selection stood
# every time). A core whose nonzeros, at this much time each, need longer than the time left is not
# handed to HiGHS: the greedy selection and its proven gap are the answer, and the message says why.
# Budget-only cores (a few hundred projects after fixing) are far below it.
HIGHS_START_SECONDS_PER_NONZERO = 5e-6
NOT_STARTED = "the exact search was not started"


def greedy(problem: Knapsack, uses: list[np.ndarray]) -> np.ndarray:
    """Take items in order of value per unit of what they use, skipping any that no longer fit.

    One pass per `uses` (what each item uses, in any common unit); the best selection is kept.
    """
    best = np.zeros(len(problem.values), dtype=bool)
    for use in uses:
        taken = _take_in_order(problem, use)
        if problem.values[taken].sum() > problem.values[best].sum():
            best = taken
    return best


def simple_uses(problem: Knapsack) -> list[np.ndarray]:
    """Orders that need no bound: value per cost; and, with capacity rows, value per weighted use
    of every oversubscribed row (budget and capacity), each row weighted by how oversubscribed it
    is over its room, so that scarce people count for more than plentiful ones."""
    return [problem.costs, _oversubscribed_use(problem)] if len(problem.room) else [problem.costs]


def _oversubscribed_use(problem: Knapsack) -> np.ndarray:
    demand = problem.load @ np.ones(len(problem.values))
    room = np.maximum(problem.room, TOLERANCE)
    weights = np.where(demand > room, demand / room / room, 0.0)
    spend = problem.costs.sum()
    budget_weight = spend / problem.budget / problem.budget if spend > problem.budget > 0 else 0.0
    return budget_weight * problem.costs + problem.load.T @ weights


def _take_in_order(problem: Knapsack, use: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        ratio = np.where(use > 0, problem.values / np.where(use > 0, use, 1.0), np.inf)
    # One item at a time, in plain Python: an item uses a few dozen cells, too few for numpy's
    # per-call cost to pay (about 40% quicker at the enterprise tier, the same selection).
    indptr, indices, data = (
        a.tolist() for a in (problem.load.indptr, problem.load.indices, problem.load.data)
    )
    room = (problem.room + slack(problem.room)).tolist()
    left = problem.budget + slack(problem.budget)
    costs = problem.costs.tolist()
    taken = np.zeros(len(problem.values), dtype=bool)
    for j in np.lexsort((-problem.values, -ratio)).tolist():
        if costs[j] > left:
            continue
        start, end = indptr[j], indptr[j + 1]
        if start < end:  # it uses people: only if every cell it needs has room
            if any(data[k] > room[indices[k]] for k in range(start, end)):
                continue
            for k in range(start, end):
                room[indices[k]] -= data[k]
        taken[j] = True
        left -= costs[j]
    return taken


@dataclass(frozen=True, eq=False)
class Bound:
    """A proven upper bound on the optimum, from multipliers `prices` >= 0 on the rows.

    For any prices, values @ x <= prices @ limits + sum(max(0, reduced)) for every feasible x,
    with reduced = values - (price of what each item uses) = values - `use`. Forcing an item
    against the sign of its reduced cost lowers that bound by |reduced|.
    """

    value: float
    reduced: np.ndarray
    use: np.ndarray


def _dantzig_price(problem: Knapsack) -> float:
    """The budget price at which the budget-only LP funds one item in part: its value per cost."""
    with np.errstate(divide="ignore"):
        ratio = np.where(
            problem.costs > 0, problem.values / np.where(problem.costs > 0, problem.costs, 1.0), np.inf
        )
    order = np.lexsort((-problem.values, -ratio))
    spent = np.cumsum(problem.costs[order])
    fitting = int(np.searchsorted(spent, problem.budget, side="right"))
    return 0.0 if fitting == len(order) else float(ratio[order[fitting]])


def lagrangian_bound(problem: Knapsack, target: float, steps: int = SUBGRADIENT_STEPS) -> Bound:
    """The best Lagrangian bound found from the budget-only LP prices by `steps` subgradient steps.

    Dantzig's bound (the budget priced at the budget-only LP's price, capacity at 0) is the
    budget-only LP optimum, so with no capacity rows there is nothing to improve. Otherwise the
    steps start from all prices 0 and move them against the rows' surplus by Polyak's rule
    towards `target` (the best selection known), halving the step whenever five steps bring no
    improvement; the lowest bound seen is kept. Each step costs two sparse products: about half
    a millisecond at 10,000 projects and 6,000 capacity cells.
    """
    budget_row = np.isfinite(problem.budget)
    scale = 1.0 / problem.budget if budget_row and problem.budget > 0 else 1.0
    rows, limits = [problem.load.tocsr()], [problem.room.astype(float)]
    if budget_row:
        rows.insert(0, sparse.csr_array(problem.costs[None, :] * scale))
        limits.insert(0, np.array([problem.budget * scale]))
    matrix = sparse.vstack(rows, format="csr")
    transposed = matrix.T.tocsr()
    limit = np.concatenate(limits)

    def at(price: np.ndarray) -> tuple[Bound, np.ndarray]:
        use = transposed @ price
        reduced = problem.values - use
        chosen = reduced > 0
        return Bound(float(price @ limit + reduced[chosen].sum()), reduced, use), chosen

    dantzig = np.zeros(len(limit))
    if budget_row:
        dantzig[0] = _dantzig_price(problem) / scale
    best, _ = at(dantzig)
    if not len(problem.room):
        return best
    # From all prices 0: Dantzig's budget price is a poor start once capacity is priced too.
    price, step, stale = np.zeros(len(limit)), 2.0, 0
    for _ in range(steps):
        bound, chosen = at(price)
        if bound.value < best.value:
            best, stale = bound, 0
        else:
            stale += 1
            if stale >= 5:
                step, stale = step / 2, 0
        surplus = limit - matrix @ chosen.astype(float)
        direction = np.where((price <= 0) & (surplus > 0), 0.0, surplus)
        norm = float(direction @ direction)
        if norm == 0 or best.value - target <= slack(target):
            break
        price = np.maximum(0.0, price - step * (bound.value - target) / norm * direction)
    return best


def _gap(bound: float, value: float) -> float:
    """HiGHS's definition: (bound - value) / |value|; 0 when proven, inf when value is 0."""
    if bound - value <= slack(value):
        return 0.0
    return (bound - value) / abs(value) if value else float("inf")


def solve(problem: Knapsack, time_limit: float) -> Solution:
    """The best selection: proven optimal unless HiGHS runs out of time on the core.

    `time_limit` (seconds) bounds the whole solve: HiGHS gets what the greedy and the bound left of it
    (at least 10 ms), so that a lever answers in time however many capacity rows there are.

    Falls back to the greedy selection when the solver returns none, or one that breaks a limit
    by more than float rounding, or one worse than the greedy's.
    """
    began = time.perf_counter()
    values = problem.values
    fallback = greedy(problem, simple_uses(problem))
    lagrangian = lagrangian_bound(problem, float(values[fallback].sum()))
    if len(problem.room):  # the prices of what each item uses often order the greedy better
        priced = greedy(problem, [lagrangian.use])
        fallback = priced if values[priced].sum() > values[fallback].sum() else fallback
    incumbent, upper = float(values[fallback].sum()), lagrangian.value
    if upper - incumbent <= slack(upper):
        return Solution(
            fallback, True, "milp", 0.0, incumbent, "the greedy selection meets the bound: optimal"
        )
    margin = upper - incumbent + slack(upper)
    fixed_in, fixed_out = lagrangian.reduced > margin, -lagrangian.reduced > margin
    core = np.flatnonzero(~fixed_in & ~fixed_out)

    budget_left = problem.budget - float(problem.costs[fixed_in].sum())
    room_left = problem.room - problem.load @ fixed_in.astype(float)
    if budget_left < -slack(problem.budget) or np.any(room_left < -slack(problem.room)):
        # What every better selection must contain does not fit: nothing beats the greedy.
        return Solution(fallback, True, "milp", 0.0, incumbent, "the greedy selection is optimal (bound)")
    if not len(core):
        taken = fixed_in if values[fixed_in].sum() > incumbent else fallback
        return Solution(taken, True, "milp", 0.0, float(values[taken].sum()), "optimal by bound")

    core_load = problem.load[:, core].tocsr()
    rows = np.flatnonzero(np.diff(core_load.indptr))
    nonzeros = core_load[rows].nnz + len(core)  # the capacity rows' and the budget row's
    left = time_limit - (time.perf_counter() - began)
    if nonzeros * HIGHS_START_SECONDS_PER_NONZERO > max(left, 0.01):  # as ever, at least 10 ms
        message = (
            f"{NOT_STARTED}: a core of {len(core):,} projects ({nonzeros:,} nonzeros) "
            f"needs longer than the {max(left, 0.0):.2f} s left to begin"
        )
        return Solution(fallback, False, "greedy", _gap(upper, incumbent), upper, message)
    constraints = [LinearConstraint(core_load[rows], -np.inf, np.maximum(room_left[rows], 0.0))]
    if np.isfinite(budget_left):
        scale = 1.0 / budget_left if budget_left > 0 else 1.0
        costs = sparse.csr_array(problem.costs[core][None, :] * scale)
        constraints.append(LinearConstraint(costs, -np.inf, max(budget_left, 0.0) * scale))
    with warnings.catch_warnings():
        # mip_abs_gap is not among milp's named options; milp passes it on to HiGHS as is.
        warnings.filterwarnings("ignore", "Unrecognized options", RuntimeWarning)
        result = milp(
            c=-values[core],
            integrality=np.ones(len(core)),
            bounds=Bounds(0.0, 1.0),
            constraints=constraints,
            options={"time_limit": max(0.01, time_limit - (time.perf_counter() - began)), **SOLVER_OPTIONS},
        )
    message = str(result.message)
    fixed_value = float(values[fixed_in].sum())
    if result.mip_dual_bound is not None and np.isfinite(result.mip_dual_bound):
        upper = min(upper, max(incumbent, fixed_value - float(result.mip_dual_bound)))
    if result.x is not None:
        taken = fixed_in.copy()
        taken[core[result.x > 0.5]] = True
        value = float(values[taken].sum())
        if not problem.fits(taken):
            message = f"{message}; its selection broke a limit, so it was not used"
        elif result.status == 0 and value < incumbent:
            # Proven: nothing that obeys the fixings beats the greedy, and the fixings only rule
            # out selections worse than the greedy. So the greedy selection is the optimum.
            return Solution(
                fallback, True, "milp", 0.0, incumbent, f"{message}; the greedy selection is optimal"
            )
        elif result.status == 0:
            return Solution(taken, True, "milp", 0.0, value, message)
        elif value >= incumbent:
            return Solution(taken, False, "milp", _gap(upper, value), upper, message)
    return Solution(fallback, False, "greedy", _gap(upper, incumbent), upper, message)
