"""Logistic regression, fitted by Newton's method (iteratively reweighted least squares) with a small
ridge penalty, on standardised features: small, exact and reproducible, with no library beyond numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RIDGE = 1.0  # the penalty on the weights (not the intercept): keeps a rare class from running away
ITERATIONS = 50


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
        return 1 / (1 + np.exp(-(self.weights[0] + z @ self.weights[1:])))

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Each feature's push on the log-odds against an average row: weight x standardised value."""
        return self.standardise(x) * self.weights[1:]


def fit(x: np.ndarray, y: np.ndarray) -> Model:
    """The penalised maximum-likelihood fit; a missing value counts as the feature's mean."""
    mean = np.nanmean(x, axis=0)
    mean = np.where(np.isnan(mean), 0.0, mean)
    filled = np.where(np.isnan(x), mean, x)
    scale = filled.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    z = np.column_stack([np.ones(len(x)), (filled - mean) / scale])
    penalty = np.diag([0.0] + [RIDGE] * x.shape[1])
    w = np.zeros(z.shape[1])
    for _ in range(ITERATIONS):
        p = 1 / (1 + np.exp(-(z @ w)))
        gradient = z.T @ (y - p) - penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        w = w + step
        if np.max(np.abs(step)) < 1e-8:
            break
    return Model(mean, scale, w)


def roc_auc(scores: np.ndarray, outcomes: np.ndarray) -> float | None:
    """The chance a random positive scores above a random negative (ties count half): Mann-Whitney U."""
    positives, negatives = scores[outcomes], scores[~outcomes]
    if len(positives) == 0 or len(negatives) == 0:
        return None
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    for value in np.unique(scores):  # average ranks over ties
        tied = scores == value
        ranks[tied] = ranks[tied].mean()
    u = ranks[outcomes].sum() - len(positives) * (len(positives) + 1) / 2
    return float(u / (len(positives) * len(negatives)))
