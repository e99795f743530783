"""The knapsack a what-if solves, and its solution: what `knapsack` takes and gives, on numpy arrays."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

# Relative slack (at least this much in absolute terms) for comparing sums of floats, so that
# rounding never turns a fitting project away, nor counts a full row as over.
TOLERANCE = 1e-9


@dataclass(frozen=True, eq=False)
class Knapsack:
    """Maximise values @ x, x in {0, 1}, with costs @ x <= budget and load @ x <= room.

    values > 0 (others never help, so leave them out); costs >= 0; budget may be inf; load is
    rows x items, column-compressed and >= 0; room >= 0 per row.
    """

    values: np.ndarray
    costs: np.ndarray
    budget: float
    load: sparse.csc_array
    room: np.ndarray

    def fits(self, taken: np.ndarray) -> bool:
        """Whether a selection keeps within the budget and every row, up to float rounding."""
        cost = float(self.costs[taken].sum())
        used = self.load @ taken.astype(float)
        return cost <= self.budget + slack(self.budget) and bool(np.all(used <= self.room + slack(self.room)))


@dataclass(frozen=True, eq=False)
class Solution:
    """`taken` per item; `optimal` when proven. `method` is "milp" when the exact solve found or
    proved the answer, "greedy" when it is the unproven fallback. `gap` is the relative distance
    from `bound`, a proven upper bound on the optimum, to the value taken (0 when optimal)."""

    taken: np.ndarray
    optimal: bool
    method: str
    gap: float
    bound: float
    message: str


def slack(limit: np.ndarray | float) -> np.ndarray | float:
    """The rounding allowance on a limit: TOLERANCE relative, and never less than TOLERANCE."""
    return np.maximum(TOLERANCE, TOLERANCE * np.abs(np.nan_to_num(limit, posinf=0.0)))
