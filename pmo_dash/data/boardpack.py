"""Board-pack reads: what the steering committee pack needs beyond the pages' own reads."""

from __future__ import annotations

import polars as pl

from pmo_dash.data.cache import Filters, run


def red_on_evidence(f: Filters) -> pl.DataFrame:
    """Projects active in the period that are Red on evidence, watermelons first, then the worst."""
    return run("boardpack/red_on_evidence", f.params())


def department_top_risks(f: Filters, top: int) -> pl.DataFrame:
    """Each department's `top` open risks by exposure, in one read (not one per department)."""
    return run("boardpack/department_top_risks", f.params(top=top))
