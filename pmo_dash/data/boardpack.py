"""Board-pack reads: what the steering committee pack needs beyond the pages' own reads."""

from __future__ import annotations

import polars as pl

from pmo_dash.data.cache import Filters, run


def outside_tolerance(f: Filters) -> pl.DataFrame:
    """Projects active in the period that are Red on evidence, watermelons first, then the worst."""
    return run("boardpack/outside_tolerance", f.params())
