"""Departments, strategic objectives, programmes and projects, with the latent factors behind them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from pmo_dash.sample import names as w
from pmo_dash.sample.core import (
    LAST,
    MONTH,
    NEVER,
    Calendar,
    Tier,
    between,
    chance,
    ids,
    masked,
    people,
    pick,
    rounded,
)

ACTIVE, HOLD, CLOSED, CANCELLED = range(4)
STATES = ("Active", "On hold", "Closed", "Cancelled")
STAGES = ("Initiation", "Planning", "Execution", "Closing", "Closed")
GROWTH = 4.0  # project intake grows this much from five years before the window to its end
GATES = ("G0", "G1", "G2", "G3", "G4", "G5")
GATE_FRACTIONS = np.array([-0.02, 0.05, 0.15, 0.5, 0.92, 1.0])  # of the true duration
STAGE_AFTER_GATES = np.array([0, 0, 1, 2, 2, 3, 4])  # stage index once n gates are passed


@dataclass
class Departments:
    codes: pl.Series
    frame: pl.DataFrame
    domain: np.ndarray
    maturity: np.ndarray  # latent 0..1: reporting discipline, lessons, honesty of RAG
    size: np.ndarray  # projects per department
    spreadsheet: np.ndarray  # sends Excel workbooks (when the run writes xlsx at all)
    xlsx: np.ndarray  # writes .xlsx instead of .csv in this run

    @property
    def n(self) -> int:
        return len(self.codes)


@dataclass
class Projects:
    ids: pl.Series
    dept: np.ndarray
    maturity: np.ndarray  # of the owning department
    trouble: np.ndarray  # latent 0..1
    state: np.ndarray
    budget: np.ndarray
    start: np.ndarray  # baseline start == real start, int days
    dur: np.ndarray  # baseline duration, days
    true_dur: np.ndarray  # duration the work really takes, days
    stop: np.ndarray  # progress stops: finish, cancellation, hold, or NEVER
    overrun: np.ndarray  # cost overrun ratio: CPI tends to 1 / (1 + overrun)
    recog: np.ndarray  # how fast the forecast admits the slip (>= 1)
    agile: np.ndarray
    tags: np.ndarray  # index into TAG_SETS, -1 for none
    watermelon: np.ndarray  # reports Green whatever the evidence
    surge: np.ndarray | None = None  # late extra cost, a share of budget (sample/outlook.py)
    onset: np.ndarray | None = None  # share of the timeline at which the surge starts to show

    @property
    def n(self) -> int:
        return len(self.dept)

    @property
    def end(self) -> np.ndarray:
        """Last day anything happens on the project within the reporting window."""
        return np.minimum(self.stop, LAST)

    def progress(self, i: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Share of the true timeline elapsed at t (frozen once the project stops)."""
        done = np.minimum(t, self.stop[i]) - self.start[i]
        return np.clip(done / self.true_dur[i], 0.0, 1.0)

    def forecast(self, i: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Forecast finish as reported at t: the slip is admitted gradually; a hold adds its length.

        While work goes on the forecast is never in the past.
        """
        admitted = np.minimum(1.0, self.progress(i, t) * self.recog[i])
        held = np.where(self.state[i] == HOLD, np.maximum(t - self.stop[i], 0), 0)
        slip = (self.true_dur[i] - self.dur[i]) * admitted
        forecast = (self.start[i] + self.dur[i] + np.round(slip) + held).astype(np.int64)
        return np.where(t < self.stop[i], np.maximum(forecast, t + 14), forecast)

    def gate_dates(self) -> np.ndarray:
        """(projects x 6) dates each gate is really reached."""
        return self.start[:, None] + np.round(GATE_FRACTIONS * self.true_dur[:, None]).astype(np.int64)

    def gates_passed(self) -> np.ndarray:
        """Gates reached by the end of the window; only a closed project has passed G5."""
        passed = (self.gate_dates() <= self.end[:, None]).sum(axis=1)
        return np.where(self.state == CLOSED, len(GATES), np.minimum(passed, len(GATES) - 1))


def build_departments(rng: np.random.Generator, tier: Tier, xlsx: bool) -> Departments:
    n = tier.departments
    if tier.name == "demo":
        codes = [d[0] for d in w.DEMO_DEPARTMENTS]
        labels = [d[1] for d in w.DEMO_DEPARTMENTS]
        divisions = [d[2] for d in w.DEMO_DEPARTMENTS]
        domain = np.array([d[3] for d in w.DEMO_DEPARTMENTS])
    else:
        codes = [f"D{i + 1:03d}" for i in range(n)]
        domain = np.arange(n) % len(w.FUNCTIONS)
        labels = [
            f"{w.AREAS[i // len(w.FUNCTIONS)]} {w.FUNCTIONS[i % len(w.FUNCTIONS)][0]}" for i in range(n)
        ]
        divisions = [w.FUNCTIONS[i % len(w.FUNCTIONS)][1] for i in range(n)]
    maturity = rng.permutation(np.linspace(0.12, 0.92, n))
    weights = rng.lognormal(0.0, 0.35 if tier.name == "demo" else 0.6, n)
    spreadsheet = np.zeros(n, dtype=bool)  # departments that send Excel workbooks
    if tier.name == "demo":
        spreadsheet[2::3] = True
    else:  # in big tiers only a few small departments do, so writing stays fast
        spreadsheet[np.argsort(weights, kind="stable")[:3]] = True
        weights = np.where(spreadsheet, weights.min() * 0.15, weights)
    size = _split(tier.projects, weights, minimum=8)
    frame = pl.DataFrame(
        {
            "department_id": codes,
            "name": labels,
            "division": divisions,
            "pmo_head": people(rng, n),
            "_dept": np.arange(n),
        }
    )
    return Departments(pl.Series(codes), frame, domain, maturity, size, spreadsheet, spreadsheet & xlsx)


def _split(total: int, weights: np.ndarray, minimum: int) -> np.ndarray:
    """Split `total` into integer shares proportional to weights, each at least `minimum`."""
    share = minimum + (total - minimum * len(weights)) * weights / weights.sum()
    counts = np.floor(share).astype(np.int64)
    counts[np.argsort(counts - share, kind="stable")[: total - counts.sum()]] += 1
    return counts


def objectives_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "objective_id": [o[0] for o in w.OBJECTIVES],
            "name": [o[1] for o in w.OBJECTIVES],
            "weight": [o[2] for o in w.OBJECTIVES],
        }
    )


def build_programmes(rng: np.random.Generator, depts: Departments) -> tuple[pl.DataFrame, np.ndarray]:
    """The programmes frame and how many programmes each department runs."""
    counts = rng.integers(2, 7, depts.n)
    dept = np.repeat(np.arange(depts.n), counts)
    themes = np.concatenate([rng.choice(len(w.PROGRAMME_THEMES), c, replace=False) for c in counts])
    frame = pl.DataFrame(
        {
            "programme_id": ids(depts.codes, dept, "PG", 2),
            "department_id": depts.codes.gather(dept),
            "name": pick([f"{t} programme" for t in w.PROGRAMME_THEMES], themes),
            "sponsor": masked(people(rng, len(dept)), chance(rng, 0.9, len(dept))),
            "_dept": dept,
        }
    )
    return frame, counts


def build_projects(rng: np.random.Generator, depts: Departments, cal: Calendar) -> Projects:
    dept = np.repeat(np.arange(depts.n), depts.size)
    n = len(dept)
    maturity = depts.maturity[dept]
    trouble = np.clip(rng.beta(1.5, 3.5, n) + 0.35 * (0.5 - maturity), 0.0, 1.0)
    budget = rounded(np.clip(rng.lognormal(np.log(800_000), 1.0, n), 50_000, 20_000_000), 1000)
    months = np.clip(20 * (budget / 800_000) ** 0.25 * rng.lognormal(0.0, 0.35, n), 6, 48)
    dur = np.round(months * MONTH).astype(np.int64)
    bad = np.maximum(trouble - 0.2, 0.0) ** 1.2
    slip = np.maximum(-0.04, rng.normal(0.6 * bad, 0.03))
    true_dur = np.maximum(np.round(dur * (1 + slip)), 60).astype(np.int64)
    overrun = rng.normal(0.5 * bad - 0.01, 0.03)
    start, stop, state = _timeline(rng, trouble, true_dur, cal)
    order = np.lexsort((start, dept))  # ids within a department follow start dates
    agile = chance(rng, 0.5, n)
    p = Projects(
        ids=ids(depts.codes, dept, "P", 4),
        dept=dept,
        maturity=maturity,
        trouble=trouble[order],
        state=state[order],
        budget=budget[order],
        start=start[order],
        dur=dur[order],
        true_dur=true_dur[order],
        stop=stop[order],
        overrun=overrun[order],
        recog=1.0 + 0.8 * maturity,
        agile=agile,
        tags=np.full(n, -1),
        watermelon=chance(rng, 0.9 * (1 - maturity) ** 2),
    )
    return p


def _intake(rng: np.random.Generator, n: int, lo: int, hi: int) -> np.ndarray:
    """Start dates between lo and hi, the intake rate growing GROWTH-fold over the span."""
    a = GROWTH - 1.0
    u = (np.sqrt(1 + 2 * a * (1 + a / 2) * rng.random(n)) - 1) / a  # inverse CDF of density 1 + a*u
    return lo + np.round(u * (hi - lo)).astype(np.int64)


def _timeline(
    rng: np.random.Generator, trouble: np.ndarray, true_dur: np.ndarray, cal: Calendar
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start, stop and state: projects start over the years, finish (or are cancelled) when their work says.

    Only projects still running when the reporting window opens are kept (others are redrawn), so the
    number of projects reporting each month stays fairly level.
    """
    n = len(trouble)
    lo, hi = cal.first - round(60 * MONTH), LAST - 20
    cancels = chance(rng, 0.02 + 0.1 * trouble)
    at_cancel = np.round(rng.uniform(0.15, 0.7, n) * true_dur).astype(np.int64)
    start = _intake(rng, n, lo, hi)
    for _ in range(100):
        cancelled = cancels & (start + at_cancel <= LAST - 30)
        stop = np.where(cancelled, start + at_cancel, start + true_dur)
        stop = np.where(cancelled | (stop <= LAST - 15), stop, NEVER)
        hidden = stop < cal.first + 30
        if not hidden.any():
            break
        start[hidden] = _intake(rng, int(hidden.sum()), lo, hi)
    state = np.select([cancelled, stop < NEVER], [CANCELLED, CLOSED], ACTIVE)
    hold = np.maximum(LAST - between(rng, np.full(n, 30), np.full(n, 150)), start + true_dur // 5)
    held = (state == ACTIVE) & chance(rng, 0.1, n) & (hold <= LAST - 30)
    return start, np.where(held, hold, stop), np.where(held, HOLD, state)
