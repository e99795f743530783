"""What validating one table gives: its accepted rows, its rejected rows and why, and the keys its
children are checked against."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass
class Validated:
    accepted: pl.DataFrame  # typed contract columns plus _file, _row, _folder
    rejected: pl.DataFrame  # REJECTED: the row exactly as submitted, as JSON
    problems: pl.DataFrame  # PROBLEMS
    rejected_keys: pl.DataFrame  # keys of rejected rows, so children can say why a reference fails
    accepted_by_file: pl.DataFrame  # __file, accepted: the count outlives the rows (see ingest's sink)
    withheld: pl.DataFrame  # WITHHELD: one row per withheld value of an accepted row
