"""The early warning, period by period, as it could have been given then: at each period the model is
fitted on the rows whose three periods after had passed by then (their outcome known), and scores the
period's rows; so every score is out of sample, and the backtest is the scores against what happened.
The simple rule it is compared with: SPI(t) fell two periods in a row."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl

from pmo_dash.forecast.model import Model, fit, roc_auc

HORIZON_MONTHS = 3  # "Red on evidence within three periods"
MIN_POSITIVES = 5  # fewer projects that turned Red to learn from, and there is no model that period
REFIT_PERIODS = 3  # refitted every quarter: each fit is a few hundred milliseconds at 10,000 projects
REASONS_SHOWN = 3

# Each feature of marts/forecast.sql warning_features, and how a reason names its value.
FEATURES: dict[str, Callable[[float], str]] = {
    "spi_t": lambda v: f"SPI(t) {v:.2f}",
    "spi_t_change": lambda v: f"SPI(t) {v:+.2f} on the period before",
    "spi_t_fell_twice": lambda v: "SPI(t) fell two periods in a row",
    "cpi": lambda v: f"CPI {v:.2f}",
    "cpi_change": lambda v: f"CPI {v:+.2f} on the period before",
    "risk_exposure": lambda v: f"open risk exposure {v:.0f}",
    "risk_exposure_change": lambda v: f"risk exposure {v:+.0f} on the period before",
    "not_fresh": lambda v: "no return this period",
    "satisfaction": lambda v: f"stakeholder satisfaction {v:g} of 5",
    "satisfaction_change": lambda v: f"satisfaction {v:+g} on the period before",
    "pending_changes": lambda v: f"{v:.0f} change request{'' if v == 1 else 's'} pending",
    "rosier": lambda v: "reported better than the evidence",
    "amber": lambda v: "Amber on evidence now",
}
RULE = "SPI(t) fell two periods in a row"
SHOWN = {
    "project_id": pl.String,
    "period": pl.Date,
    "turned_red": pl.Boolean,
    "probability": pl.Float64,
    "trained_on": pl.Int64,
    "reasons": pl.String,
    "model_flag": pl.Boolean,
    "rule_flag": pl.Boolean,
    "flagged": pl.Boolean,
    "flagged_by": pl.String,
}


def matrix(rows: pl.DataFrame) -> np.ndarray:
    return rows.select(pl.col(list(FEATURES)).cast(pl.Float64)).to_numpy()


def known_by(period: pl.Expr) -> pl.Expr:
    """When a row's outcome is known: the end of the third period after it."""
    return period.dt.offset_by(f"{HORIZON_MONTHS}mo").dt.month_end()


def reasons(model: Model, x: np.ndarray) -> list[str]:
    """The features that push each row's probability up most, named with their values."""
    pushes = model.contributions(x)
    names = list(FEATURES)
    found = []
    for row, push in zip(x, pushes, strict=True):
        top = [j for j in np.argsort(-push) if push[j] > 0 and not np.isnan(row[j])][:REASONS_SHOWN]
        found.append("; ".join(FEATURES[names[j]](row[j]) for j in top))
    return found


def score(features: pl.DataFrame, threshold: float) -> pl.DataFrame:
    """One row per feature row: its probability (null where no model could be fitted yet), the rows the
    model was trained on, whether the model and the rule flag it, and the model's reasons. The model is
    refitted every REFIT_PERIODS periods (a period uses the latest fitted by then)."""
    features = features.sort("period", "project_id")
    if features.is_empty():
        return pl.DataFrame()
    # One matrix for every row, sliced per period (rows are in period order) and masked per fit.
    x = matrix(features)
    periods = features["period"].to_numpy()
    known = features.select(known_by(pl.col("period"))).to_series().to_numpy()
    has_outcome = features["turned_red"].is_not_null().to_numpy()
    turned_red = features["turned_red"].fill_null(False).to_numpy().astype(bool)
    probability = np.full(features.height, np.nan)
    trained_on = np.zeros(features.height, dtype=np.int64)
    why: list[str | None] = [None] * features.height
    model, trained, fitted_at = None, 0, -REFIT_PERIODS
    starts = np.flatnonzero(np.r_[True, periods[1:] != periods[:-1]])
    for index, (lo, hi) in enumerate(zip(starts, [*starts[1:], features.height], strict=True)):
        if model is None or index - fitted_at >= REFIT_PERIODS:
            train = (known <= periods[lo]) & has_outcome
            y = turned_red[train]
            if y.sum() >= MIN_POSITIVES and (~y).sum() >= MIN_POSITIVES:
                model, trained, fitted_at = fit(x[train], y.astype(float), model), int(train.sum()), index
        trained_on[lo:hi] = trained
        if model is not None:
            probability[lo:hi] = model.probability(x[lo:hi])
            flagged = lo + np.flatnonzero(probability[lo:hi] >= threshold)
            for row, said in zip(flagged, reasons(model, x[flagged]), strict=True):
                why[row] = said
    return features.select(
        "project_id",
        "period",
        "turned_red",
        pl.Series("probability", probability, pl.Float64).fill_nan(None),
        pl.Series("trained_on", trained_on, pl.Int64),
        pl.Series("reasons", why, pl.String),
    ).with_columns(
        (pl.col("probability") >= threshold).alias("model_flag"),
        features["spi_t_fell_twice"].alias("rule_flag"),
    )


def measured(name: str, flagged: np.ndarray, scores: np.ndarray, outcome: np.ndarray) -> dict:
    """Precision, recall and F1 of a flag, ROC AUC of its score, against what happened."""
    hits = int((flagged & outcome).sum())
    precision = hits / flagged.sum() if flagged.sum() else None
    recall = hits / outcome.sum() if outcome.sum() else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {
        "method": name,
        "rows": len(outcome),
        "positives": int(outcome.sum()),
        "base_rate": float(outcome.mean()) if len(outcome) else None,
        "flagged": int(flagged.sum()),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "auc": roc_auc(scores, outcome),
    }


def backtest(scored: pl.DataFrame, threshold: float) -> pl.DataFrame:
    """The model and the rule on the same rows: those the model scored whose outcome is known."""
    rows = scored.filter(pl.col("probability").is_not_null(), pl.col("turned_red").is_not_null())
    outcome = rows["turned_red"].to_numpy().astype(bool)
    rule = rows["rule_flag"].to_numpy().astype(bool)
    model = measured(
        "model", rows["model_flag"].to_numpy().astype(bool), rows["probability"].to_numpy(), outcome
    )
    simple = measured("rule", rule, rule.astype(float), outcome)
    beats = bool(model["f1"] > simple["f1"])
    span = {
        "threshold": threshold,
        "first_period": rows["period"].min() if rows.height else None,
        "last_period": rows["period"].max() if rows.height else None,
    }
    return pl.DataFrame(
        [model | span | {"chosen": beats}, simple | span | {"chosen": not beats}],
        schema_overrides={"precision": pl.Float64, "recall": pl.Float64, "auc": pl.Float64},
    )


def warnings(features: pl.DataFrame, threshold: float) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The early warnings (per project and period: probability, both flags, the one shown and why) and
    the backtest (model and rule). Where the model does not beat the rule, the rule's flags are shown."""
    scored = score(features, threshold)
    if scored.is_empty():
        return pl.DataFrame(schema=SHOWN), backtest_empty(threshold)
    tested = backtest(scored, threshold)
    use_model = bool(tested.filter(pl.col("method") == "model")["chosen"][0])
    shown = scored.with_columns(
        (pl.col("model_flag") if use_model else pl.col("rule_flag")).fill_null(False).alias("flagged"),
        pl.lit("model" if use_model else "rule").alias("flagged_by"),
        pl.col("reasons") if use_model else pl.when(pl.col("rule_flag")).then(pl.lit(RULE)).alias("reasons"),
    )
    return shown.select(pl.col(name).cast(kind) for name, kind in SHOWN.items()), tested


def backtest_empty(threshold: float) -> pl.DataFrame:
    return backtest(
        pl.DataFrame(
            schema={
                "project_id": pl.String,
                "period": pl.Date,
                "turned_red": pl.Boolean,
                "probability": pl.Float64,
                "model_flag": pl.Boolean,
                "rule_flag": pl.Boolean,
            }
        ),
        threshold,
    )
