"""Where projects land (issue 17): a late cost surge per project, right-skewed and department-specific,
with a few extreme ones, and the early signs that come before it. Drawn from a random stream of its own,
so that every other draw of the sample is what it was; only the actual cost and the stakeholder
satisfaction of the status returns (and what is judged on them) change.

Real portfolios overrun this way (Flyvbjerg, "What you should know about megaprojects", 2014): most
projects land near budget, a long tail far over it, and some organisations are worse than others. Here a
department's typical surge grows as its PMO's maturity falls, and its spread differs."""

from __future__ import annotations

import numpy as np

from pmo_dash.sample.portfolio import Departments, Projects

EXTREME = 0.03  # the share of projects whose surge is extreme (a Pareto tail)
WARNING = 0.15  # satisfaction starts to fall this share of the timeline before the surge shows


def draw(stream: np.random.Generator, depts: Departments, p: Projects) -> None:
    """Set each project's surge (extra cost as a share of budget at completion) and when it starts to
    show (its onset, a share of the true timeline)."""
    typical = 0.01 + 0.12 * (1 - depts.maturity) * stream.uniform(0.5, 1.5, depts.n)
    spread = stream.uniform(0.4, 1.0, depts.n)
    lognormal = typical[p.dept] * np.exp(stream.normal(0.0, spread[p.dept], p.n))
    extreme = (stream.random(p.n) < EXTREME) * 0.4 * (1 + stream.pareto(2.5, p.n))
    p.surge = (lognormal + extreme) * (0.3 + 1.4 * p.trouble)
    p.onset = stream.uniform(0.45, 0.85, p.n)


def ramp(p: Projects, pidx: np.ndarray, x: np.ndarray) -> np.ndarray:
    """How much of its surge a project has spent at progress x: none before its onset, all at the end."""
    onset = p.onset[pidx]
    return np.clip((x - onset) / (1 - onset), 0.0, 1.0)


def unease(p: Projects, pidx: np.ndarray, x: np.ndarray) -> np.ndarray:
    """How far stakeholders have noticed trouble coming (0 to 1): from a little before the onset, in
    proportion to the surge."""
    before = p.onset[pidx] - WARNING
    noticed = np.clip((x - before) / WARNING, 0.0, 1.0)
    return noticed * np.minimum(p.surge[pidx] / 0.3, 1.0)
