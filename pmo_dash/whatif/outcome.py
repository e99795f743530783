"""One what-if, end to end: shock the inputs, choose the portfolio, and work out what it does.

Pure (no Streamlit): the page caches `evaluate` on the filters and levers, and the benchmark and
tests call it directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from pmo_dash.whatif import effects
from pmo_dash.whatif.levers import Levers
from pmo_dash.whatif.optimise import Selection, frontier, optimise
from pmo_dash.whatif.shocks import apply_shocks


@dataclass(frozen=True, eq=False)
class Outcome:
    levers: Levers
    candidates: pl.DataFrame  # after the shocks: rank, score and its *_part components, decision
    selection: Selection
    frontier: pl.DataFrame  # cost, value
    departments: pl.DataFrame  # per department: funded, cost, funded_now, cost_now
    changes: pl.DataFrame  # newly funded and newly cut, with score per £m and a reason
    capacity: pl.DataFrame  # per role and month: demand, capacity, over
    benefits: pl.DataFrame  # month, now, scenario: cumulative planned benefit

    @property
    def funded(self) -> int:
        return int(self.selection.selected.sum())

    @property
    def today(self) -> tuple[int, float, float]:
        """Today's portfolio in this scenario's world (its shocks and weights): count, cost, score."""
        now = self.candidates.filter(pl.col("funded_now"))
        return now.height, float(now["eac"].sum()), float(now["score"].sum())

    def summary(self) -> dict[str, float | int | str | None]:
        """The figures a saved scenario keeps, to compare without re-running it."""
        chosen = self.candidates.filter(pl.col("funded"))["project_id"]
        return {
            "funded": self.funded,
            "fit": mean_fit(self.candidates, chosen),
            "cost": round(self.selection.total_cost, 2),
            "budget": round(self.levers.budget, 2),
            "value": round(self.selection.objective, 4),
            "benefits": round(float(self.benefits["scenario"].max() or 0.0), 2),
            "over_allocated_cells": self.selection.over_allocated.height,
            "status": self.selection.status,
        }


def mean_fit(candidates: pl.DataFrame, funded: Iterable[str]) -> float | None:
    """The mean strategic fit (1-5, as reported) of the funded projects that report one; None when
    none does. Unlike the score, it means the same whatever a scenario's weights."""
    fits = candidates.filter(pl.col("project_id").is_in(list(funded)))["strategic_fit"].drop_nulls()
    return None if fits.is_empty() else round(float(fits.mean()), 2)


def benefit_plan(candidates: pl.DataFrame) -> pl.DataFrame:
    """`project_id, month, value`: each project's expected benefit, due from the month it finishes."""
    return candidates.select(
        "project_id",
        pl.col("finish").dt.month_start().alias("month"),
        pl.col("expected_benefit").cast(pl.Float64).fill_null(0.0).alias("value"),
    )


def decisions(candidates: pl.DataFrame, selection: Selection, levers: Levers) -> pl.DataFrame:
    """The candidates with their score, rank (best score first) and the decision with its reason."""
    chosen = pl.Series(selection.selected)
    pinned_in, pinned_out = list(levers.pinned_in), list(levers.pinned_out)
    mandatory = pl.col("mandatory").fill_null(False)
    decision = (
        pl.when(mandatory)
        .then(pl.lit("Mandatory"))
        .when(pl.col("project_id").is_in(pinned_out))
        .then(pl.lit("Pinned out"))
        .when(pl.col("project_id").is_in(pinned_in))
        .then(pl.lit("Pinned in"))
        .when(pl.col("_chosen"))
        .then(pl.lit("Funded"))
        .otherwise(pl.lit("Not funded"))
    )
    return (
        candidates.with_columns(_chosen=chosen)
        .join(
            selection.scores.rename({c: f"{c}_part" for c in ("fit", "benefit", "risk", "health")}),
            on="project_id",
            how="left",
        )
        .with_columns(funded=pl.col("_chosen"), decision=decision)
        .sort(["score", "project_id"], descending=[True, False])
        .with_row_index("rank", offset=1)
        .drop("_chosen")
    )


def changes(decided: pl.DataFrame, use_capacity: bool = False) -> pl.DataFrame:
    """The projects whose funding the scenario changes (`change`: "funded" or "cut"), with the score
    each million of cost buys (`per_million`) and a reason (`why`): what stands out in the score,
    or a pin. Newly funded first, best value first; then the cuts, worst value first.

    `decided` is `decisions(...)`. The optimiser buys the most total score the envelope allows, so
    value for money, not rank alone, decides: a good project is cut when it costs a lot for its score
    (or, with capacity respected, needs people who are not there).
    """
    funded = pl.col("funded")
    parts = ("fit", "benefit", "health")
    strong = [pl.when(pl.col(f"{c}_part") >= 0.67).then(pl.lit(f"strong {c}")) for c in parts]
    weak = [pl.when(pl.col(f"{c}_part") <= 0.33).then(pl.lit(f"weak {c}")) for c in parts]
    risky = pl.when(pl.col("risk_part") >= 0.5).then(pl.lit("high risk"))
    pinned = pl.when(pl.col("decision").is_in(["Pinned in", "Pinned out", "Mandatory"])).then(
        pl.col("decision").str.to_lowercase()
    )
    # Strings joined directly, nulls skipped: a quarter of the time of lists at the enterprise tier.
    said = (
        pl.when(funded)
        .then(pl.concat_str([pinned, *strong], separator=", ", ignore_nulls=True))
        .otherwise(pl.concat_str([pinned, *weak, risky], separator=", ", ignore_nulls=True))
    )
    short = "poor value for its cost or the people it needs" if use_capacity else "poor value for its cost"
    plain = pl.when(funded).then(pl.lit("good value")).otherwise(pl.lit(short))
    per_million = pl.col("score") / (pl.col("eac") / 1e6)
    return (
        decided.filter(funded != pl.col("funded_now"))
        .with_columns(
            change=pl.when(funded).then(pl.lit("funded")).otherwise(pl.lit("cut")),
            per_million=per_million,
            why=pl.when(said != "").then(said).otherwise(plain),
        )
        .sort(~funded, pl.when(funded).then(-per_million).otherwise(per_million), "project_id")
    )


def evaluate(
    candidates: pl.DataFrame, demand: pl.DataFrame, capacity: pl.DataFrame, levers: Levers
) -> Outcome:
    """The portfolio these levers choose from these candidates, and what it does."""
    plan = benefit_plan(candidates)
    shocked = apply_shocks(candidates, demand, plan, levers)
    selection = optimise(shocked.candidates, shocked.demand, capacity, levers)
    now = candidates["funded_now"].fill_null(False).to_numpy()
    benefits = (
        effects.benefits_by_month(now, candidates, plan)
        .rename({"value": "now"})
        .join(
            effects.benefits_by_month(selection.selected, shocked.candidates, shocked.benefits).rename(
                {"value": "scenario"}
            ),
            on="month",
            how="full",
            coalesce=True,
        )
        .sort("month")
        .with_columns(pl.col("now", "scenario").fill_null(0.0).cum_sum())
    )
    use = effects.capacity_use(selection.selected, shocked.candidates, shocked.demand, capacity)
    decided = decisions(shocked.candidates, selection, levers)
    return Outcome(
        levers=levers,
        candidates=decided,
        selection=selection,
        frontier=frontier(shocked.candidates, levers),
        departments=effects.by_department(selection.selected, shocked.candidates),
        changes=changes(decided, levers.use_capacity),
        capacity=effects.capacity_by_role(use),
        benefits=benefits,
    )
