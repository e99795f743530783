"""The levers of a what-if: one frozen, hashable value, so that Streamlit can cache a scenario on it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import numpy as np
import polars as pl


@dataclass(frozen=True)
class Levers:
    """Everything the user can move on the what-if page.

    Weights (all >= 0) say how much each criterion counts; `risk` is a penalty. `budget` is the
    absolute envelope in money: the caller turns a percentage into an amount. With `use_capacity`
    the chosen projects must also fit every department's capacity per role and month.

    Shocks: `overrun_pct` adds that percentage to the estimate at completion (eac), and
    `delay_months` moves the finish, the demand and the benefits that many months later, for the
    projects of `shocked_departments` (an empty tuple shocks the whole portfolio).

    Pins, in order of precedence: a mandatory project is always funded, even when pinned out
    (regulation beats preference); otherwise a project pinned out is never funded, even when also
    pinned in; otherwise a project pinned in is always funded.

    `time_limit` is the optimiser's budget in seconds: building the model, a greedy and a bound
    come first, and HiGHS gets what they leave (at least 10 ms); beyond it the best selection found
    is used, with its proven gap. HiGHS itself can overrun a short limit while it solves its root LP.
    Lists passed for the pins or departments are frozen so the value stays hashable.
    """

    fit: float = 1.0
    benefit: float = 1.0
    risk: float = 1.0
    health: float = 1.0
    budget: float = float("inf")
    use_capacity: bool = False
    overrun_pct: float = 0.0
    delay_months: int = 0
    shocked_departments: tuple[str, ...] = ()
    pinned_in: frozenset[str] = frozenset()
    pinned_out: frozenset[str] = frozenset()
    time_limit: float = 0.15

    def __post_init__(self) -> None:
        object.__setattr__(self, "shocked_departments", tuple(self.shocked_departments))
        object.__setattr__(self, "pinned_in", frozenset(self.pinned_in))
        object.__setattr__(self, "pinned_out", frozenset(self.pinned_out))
        for name in ("fit", "benefit", "risk", "health"):
            if not getattr(self, name) >= 0:
                raise ValueError(f"the {name} weight must be >= 0, got {getattr(self, name)}")
        if not self.overrun_pct > -100:
            raise ValueError(f"an overrun of {self.overrun_pct}% would make costs negative")
        if self.delay_months < 0:
            raise ValueError(f"the delay must be >= 0 months, got {self.delay_months}")
        if not self.time_limit > 0:
            raise ValueError(f"the time limit must be > 0 seconds, got {self.time_limit}")

    def to_json(self) -> str:
        """The levers as JSON, the same text for the same levers: a cache key and what a scenario keeps."""
        fields = {k: sorted(v) if isinstance(v, frozenset | tuple) else v for k, v in asdict(self).items()}
        return json.dumps(fields, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Levers:
        fields = json.loads(text)
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()})


def forced(candidates: pl.DataFrame, levers: Levers) -> tuple[np.ndarray, np.ndarray]:
    """Which candidates are forced in and which forced out, as boolean arrays in row order.

    Mandatory projects are in whatever the pins say; pinned out beats pinned in (see `Levers`).
    """
    ids = candidates["project_id"]
    mandatory = candidates["mandatory"].fill_null(False).to_numpy().astype(bool)
    out = ids.is_in(list(levers.pinned_out)).to_numpy() & ~mandatory
    in_ = mandatory | (ids.is_in(list(levers.pinned_in)).to_numpy() & ~out)
    return in_, out
