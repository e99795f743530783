"""Shared pieces of the sample generator: tiers, the reporting calendar and vectorised helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from pmo_dash.sample.names import FIRST_NAMES, SURNAMES

LAST_PERIOD = "2026-10-31"
LAST = int(np.datetime64(LAST_PERIOD, "D").astype(np.int64))  # dates are int days since 1970-01-01
NEVER = LAST + 100_000  # stop date of a project still running
MONTH = 30.44


@dataclass(frozen=True)
class Tier:
    """A sample size: departments, projects and monthly reporting periods."""

    name: str
    departments: int
    projects: int
    periods: int


TIERS: dict[str, Tier] = {
    "demo": Tier("demo", 8, 300, 24),
    "enterprise": Tier("enterprise", 40, 10_000, 36),
    "stress": Tier("stress", 100, 100_000, 60),
}


@dataclass(frozen=True)
class Calendar:
    """Month-end reporting periods and their month starts, as int days, oldest first."""

    ends: np.ndarray
    starts: np.ndarray

    @property
    def first(self) -> int:
        return int(self.ends[0])

    def period_of(self, days: np.ndarray) -> np.ndarray:
        """Index of the first period ending on or after each date (len(ends) when after the last)."""
        return np.searchsorted(self.ends, days, side="left")


def calendar(periods: int) -> Calendar:
    months = np.datetime64(LAST_PERIOD, "M") - np.arange(periods - 1, -1, -1)
    ends = ((months + 1).astype("datetime64[D]") - 1).astype(np.int64)
    return Calendar(ends, months.astype("datetime64[D]").astype(np.int64))


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For `counts[i]` children of each parent i: every child's parent index and rank within it."""
    counts = np.asarray(counts, dtype=np.int64)
    parent = np.repeat(np.arange(len(counts)), counts)
    first = np.cumsum(counts) - counts
    return parent, np.arange(len(parent)) - first[parent]


def last_of_group(counts: np.ndarray) -> np.ndarray:
    """Row index of each parent's last child (parents with no children must be excluded by the caller)."""
    return np.cumsum(np.asarray(counts, dtype=np.int64)) - 1


def group_cummax(values: np.ndarray, parent: np.ndarray) -> np.ndarray:
    """Running maximum of non-negative ints, restarted for every parent (rows grouped by parent)."""
    if len(values) == 0:
        return values
    span = int(values.max()) + 1
    return np.maximum.accumulate(values + parent * span) - parent * span


def group_cumsum(values: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Running sum restarted for every parent (rows grouped by parent, `rank` 0 at each start)."""
    total = np.cumsum(values)
    first = np.arange(len(values)) - rank
    return total - (total[first] - values[first])


def choice(rng: np.random.Generator, n: int, weights: Sequence[float]) -> np.ndarray:
    """n draws of an index from a fixed discrete distribution."""
    cum = np.cumsum(weights, dtype=float)
    return np.searchsorted(cum / cum[-1], rng.random(n), side="right")


def choice_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One index draw per row of a (rows x options) probability matrix."""
    cum = np.cumsum(probs, axis=1)
    cum = cum / cum[:, -1:]
    return np.minimum((rng.random((len(probs), 1)) > cum).sum(axis=1), probs.shape[1] - 1)


def between(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, power: float = 1.0) -> np.ndarray:
    """Int days uniformly (or skewed towards `lo` when power > 1) between lo and hi, inclusive."""
    lo = np.asarray(lo, dtype=np.int64)
    span = np.maximum(np.asarray(hi, dtype=np.int64) - lo, 0)
    return lo + np.floor(rng.random(len(lo)) ** power * (span + 1)).astype(np.int64).clip(0, span)


def chance(rng: np.random.Generator, p: np.ndarray | float, n: int | None = None) -> np.ndarray:
    """Bernoulli draws with per-row probability p."""
    size = n if n is not None else len(np.atleast_1d(p))
    return rng.random(size) < p


def pick(words: Sequence[str], idx: np.ndarray) -> pl.Series:
    return pl.Series(list(words), dtype=pl.String).gather(np.asarray(idx, dtype=np.int64))


def people(rng: np.random.Generator, n: int) -> pl.Series:
    first = pick(FIRST_NAMES, rng.integers(0, len(FIRST_NAMES), n))
    last = pick(SURNAMES, rng.integers(0, len(SURNAMES), n))
    return pl.select(pl.concat_str([pl.lit(first), pl.lit(last)], separator=" ")).to_series()


def masked(series: pl.Series, keep: np.ndarray) -> pl.Series:
    """The series with nulls where `keep` is False: an optional column left blank."""
    blank = pl.repeat(None, len(series), dtype=series.dtype, eager=True)
    return series.zip_with(pl.Series(keep, dtype=pl.Boolean), blank)


def dates(days: np.ndarray, keep: np.ndarray | None = None) -> pl.Series:
    series = pl.Series(np.asarray(days, dtype=np.int32)).cast(pl.Date)
    return series if keep is None else masked(series, keep)


def ids(codes: pl.Series, dept: np.ndarray, tag: str, width: int) -> pl.Series:
    """`<department_id>-<tag><counter>` ids numbered within each department (rows sorted by department)."""
    dept = np.asarray(dept, dtype=np.int64)
    counter = np.arange(len(dept)) - np.searchsorted(dept, dept, side="left") + 1
    frame = pl.DataFrame({"d": codes.gather(dept), "c": pl.Series(counter, dtype=pl.Int64)})
    counter_text = pl.col("c").cast(pl.String).str.zfill(width)
    return frame.select(pl.format("{}-" + tag + "{}", "d", counter_text)).to_series()


def rounded(values: np.ndarray, step: float) -> np.ndarray:
    return np.round(np.asarray(values, dtype=float) / step) * step
