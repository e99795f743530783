"""Cached, scoped reads for the pages, one module per domain. Every read takes the user's scope: the
departments they may see.

Results are cached per (query, parameters, warehouse version) in one cache (`cache.run`), and the
scope is a parameter, so a rebuilt warehouse is picked up on the next rerun without a restart and one
user's scope never serves another's. Pages call these functions; they never see SQL.
"""

from pmo_dash.data import (
    benefits,
    boardpack,
    forecast,
    governance,
    intake,
    lessons,
    planning,
    portfolio,
    project,
    quality,
    risks,
    whatif,
)
from pmo_dash.data.cache import Filters, Scope, warehouse_version

__all__ = [
    "Filters",
    "Scope",
    "benefits",
    "boardpack",
    "forecast",
    "governance",
    "intake",
    "lessons",
    "planning",
    "portfolio",
    "project",
    "quality",
    "risks",
    "warehouse_version",
    "whatif",
]
