"""Risk reads: the heat map and its cells, movement, trend, top risks, overdue actions, issues."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash.data.cache import Filters, run


def heatmap(f: Filters) -> pl.DataFrame:
    """Risks open in the period per likelihood x impact cell, as last reviewed then."""
    return run("risks/risk_heatmap", f.params())


def cell(f: Filters, likelihood: int, impact: int) -> pl.DataFrame:
    return run("risks/risk_cell", f.params(likelihood=likelihood, impact=impact))


def cell_moves(f: Filters, since: dt.date, likelihood: int, impact: int) -> pl.DataFrame:
    """The risks that moved into or out of one cell between `since` and the period."""
    return run("risks/risk_cell_moves", f.params(since=since, likelihood=likelihood, impact=impact))


def movement(f: Filters, since: dt.date) -> pl.DataFrame:
    return run("risks/risk_movement", f.params(since=since))


def worsened(f: Filters, since: dt.date) -> pl.DataFrame:
    return run("risks/risks_worsened", f.params(since=since))


def into_red(f: Filters, since: dt.date) -> pl.DataFrame:
    return run("risks/risks_into_red", f.params(since=since))


def trend(f: Filters) -> pl.DataFrame:
    return run("risks/risk_trend", f.params())


def top(f: Filters) -> pl.DataFrame:
    return run("risks/top_risks", f.params())


def overdue_actions(f: Filters) -> pl.DataFrame:
    return run("risks/overdue_risk_actions", f.params())


def concentration(f: Filters) -> pl.DataFrame:
    return run("risks/risk_concentration", f.params())


def open_issues(f: Filters) -> pl.DataFrame:
    return run("risks/open_issues", f.params())
