"""Benefit reads: each benefit's status, the curve and the roll-ups, and the lists drawn from them."""

from __future__ import annotations

import polars as pl

from pmo_dash.data.cache import Filters, run


def status(f: Filters) -> pl.DataFrame:
    """Every benefit of the projects in view, measured to the period."""
    return run("benefits/benefit_status", f.params())


def measured(status: pl.DataFrame) -> pl.DataFrame:
    """The benefits with a realisation to date: those planned to have delivered something by now."""
    return status.filter(pl.col("realisation").is_not_null())


def mean_realisation(status: pl.DataFrame) -> float | None:
    """The mean of each measured benefit's actual / planned to date (their units differ, so they are
    not summed); None when none is measured yet."""
    shown = measured(status)
    return shown["realisation"].mean() if shown.height else None


def behind(status: pl.DataFrame, count: int = 10) -> pl.DataFrame:
    """The measured benefits furthest behind their plan to date."""
    return measured(status).sort("realisation", "benefit_id").head(count)


def at_risk(status: pl.DataFrame) -> pl.DataFrame:
    """Benefits of projects that are Red on evidence in the period."""
    return status.filter(pl.col("at_risk")).sort("benefit_id")


def curve(f: Filters) -> pl.DataFrame:
    return run("benefits/benefits_curve", f.params())


def rollup(f: Filters) -> pl.DataFrame:
    """Realisation per department, per objective and per kind."""
    return run("benefits/benefits_rollup", f.params())


def rolled(rollup: pl.DataFrame, dimension: str) -> pl.DataFrame:
    """One dimension (department, objective or kind) of the benefits roll-up."""
    return rollup.filter(pl.col("dimension") == dimension)


def cashable(rollup: pl.DataFrame) -> tuple[float, float]:
    """Cashable benefits planned to date and realised, over every kind."""
    kinds = rolled(rollup, "kind")
    return kinds["cashable_planned"].sum(), kinds["cashable_actual"].sum()
