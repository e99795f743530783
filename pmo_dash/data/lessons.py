"""Lessons-learned reads: health by department, the library, recurring themes, the category mix."""

from __future__ import annotations

import polars as pl

from pmo_dash.data.cache import Filters, run
from pmo_dash.settings import get_settings


def health(f: Filters) -> pl.DataFrame:
    """The six components and the score per department per period (13 up to the as-of period)."""
    return run("lessons/lessons_health", f.params())


def library(
    f: Filters, words: list[str], categories: list[str] | None = None, effects: list[str] | None = None
) -> pl.DataFrame:
    return run(
        "lessons/lessons_library",
        f.params(words=tuple(words), categories=tuple(categories or ()), effects=tuple(effects or ())),
    )


def themes(f: Filters) -> pl.DataFrame:
    return run("lessons/lesson_themes", f.params(min_departments=get_settings().recurring_theme_departments))


def mix(f: Filters) -> pl.DataFrame:
    return run("lessons/lessons_mix", f.params())


def categories(mix: pl.DataFrame) -> list[str]:
    """The categories that have lessons in view (from `mix`), in order, for the library's filter."""
    return sorted(set(mix["category"]))
