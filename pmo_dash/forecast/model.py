"""Logistic regression, fitted by Newton's method (iteratively reweighted least squares) with a small
ridge penalty, on standardised features: small, exact and reproducible, with no library beyond numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit
from scipy.stats import rankdata

RIDGE = 1.0  # the penalty on the weights (not the intercept): keeps a rare class from running away
ITERATIONS = 50
TOLERANCE = 1e-5


@dataclass(frozen=True)
class Model:
    mean: np.ndarray  # per feature, of the training rows (also what a missing value is taken as)
    scale: np.ndarray  # per feature standard deviation (1 where a feature does not vary)
    weights: np.ndarray  # intercept first, then one per feature, on the standardised features

    def standardise(self, x: np.ndarray) -> np.ndarray:
        filled = np.where(np.isnan(x), self.mean, x)
        return (filled - self.mean) / self.scale

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = self.standardise(x)
        return expit(self.weights[0] + z @ self.weights[1:])

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Each feature's push on the log-odds against an average row: weight x standardised value."""
        return self.standardise(x) * self.weights[1:]


def fit(x: np.ndarray, y: np.ndarray, previous: Model | None = None) -> Model:
    """The penalised maximum-likelihood fit; a missing value counts as the feature's mean. `previous` (the
    period before's model) is only a starting point, which saves iterations: the optimum is unique."""
    counts = (~np.isnan(x)).sum(axis=0)
    mean = np.divide(np.nansum(x, axis=0), counts, out=np.zeros(x.shape[1]), where=counts > 0)
    filled = np.where(np.isnan(x), mean, x)
    scale = filled.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    z = np.column_stack([np.ones(len(x)), (filled - mean) / scale])
    ridge = np.array([0.0] + [RIDGE] * x.shape[1])
    w = np.zeros(z.shape[1]) if previous is None else restated(previous, mean, scale)
    loss = penalised_loss(z, y, w, ridge)
    for _ in range(ITERATIONS):
        p = expit(z @ w)
        gradient = z.T @ (y - p) - ridge * w
        hessian = z.T @ (z * (p * (1 - p))[:, None]) + np.diag(ridge)
        step = np.linalg.lstsq(hessian, gradient, rcond=None)[0]
        # Newton's step, halved until the penalised likelihood improves (it always converges).
        for _ in range(30):
            tried = penalised_loss(z, y, w + step, ridge)
            if tried <= loss:
                break
            step = step / 2
        w, loss = w + step, tried
        if np.max(np.abs(step)) < TOLERANCE:  # on standardised features: far below what a reason shows
            break
    return Model(mean, scale, w)


def restated(model: Model, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """A model's weights on another standardisation: the same function of the raw features."""
    raw = model.weights[1:] / model.scale
    return np.concatenate([[model.weights[0] + raw @ (mean - model.mean)], raw * scale])


def penalised_loss(z: np.ndarray, y: np.ndarray, w: np.ndarray, ridge: np.ndarray) -> float:
    """Negative log-likelihood plus the ridge penalty (half the sum of the penalised squared weights)."""
    t = z @ w
    return float(np.sum(np.logaddexp(0, t) - y * t) + 0.5 * np.sum(ridge * w * w))


def roc_auc(scores: np.ndarray, outcomes: np.ndarray) -> float | None:
    """The chance a random positive scores above a random negative (ties count half): Mann-Whitney U."""
    positives, negatives = scores[outcomes], scores[~outcomes]
    if len(positives) == 0 or len(negatives) == 0:
        return None
    ranks = rankdata(scores)  # ties at their average rank
    u = ranks[outcomes].sum() - len(positives) * (len(positives) + 1) / 2
    return float(u / (len(positives) * len(negatives)))
