"""One weighted score per candidate, with its normalised components so the page can say why."""

from __future__ import annotations

import numpy as np
import polars as pl

from pmo_dash.whatif.levers import Levers

COMPONENTS = ("fit", "benefit", "risk", "health")


def _share_of_max(values: np.ndarray) -> np.ndarray:
    """values / their maximum, or all 0 when the maximum is not positive (nothing to compare with)."""
    top = values.max(initial=0.0)
    return values / top if top > 0 else np.zeros_like(values)


def score(candidates: pl.DataFrame, levers: Levers) -> pl.DataFrame:
    """`project_id, fit, benefit, risk, health, score` in the candidates' row order.

    Each component is scaled to [0, 1] across the candidates, so that weights compare like with
    like: fit = (strategic_fit - 1) / 4 (not reported = 0.5, no news); benefit = expected_benefit /
    the largest (a null benefit is 0); risk = exposure / the largest (a null exposure is 0); health
    as given (null = 0.5, no news). The score is (w_fit fit + w_benefit benefit + w_health health -
    w_risk risk) divided by the sum of the weights, so it lies in [-1, 1]; it is 0 when every weight
    is 0.
    """
    fit = (candidates["strategic_fit"].cast(pl.Float64).fill_null(3.0).to_numpy() - 1.0) / 4.0
    benefit = _share_of_max(candidates["expected_benefit"].cast(pl.Float64).fill_null(0.0).to_numpy())
    risk = _share_of_max(candidates["exposure"].cast(pl.Float64).fill_null(0.0).to_numpy())
    health = candidates["health"].cast(pl.Float64).fill_null(0.5).to_numpy()
    total = levers.fit + levers.benefit + levers.risk + levers.health
    weighted = levers.fit * fit + levers.benefit * benefit + levers.health * health - levers.risk * risk
    value = weighted / total if total > 0 else np.zeros(len(candidates))
    return pl.DataFrame(
        {
            "project_id": candidates["project_id"],
            "fit": fit,
            "benefit": benefit,
            "risk": risk,
            "health": health,
            "score": value,
        }
    )
