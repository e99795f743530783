"""What the warehouse was built from, as the pages' captions and the Admin page show it."""

from __future__ import annotations

from typing import Any

from pmo_dash.data.cache import Scope, run


def build_info(scope: Scope) -> dict[str, Any]:
    return run("intake/build_info", {"scope": scope}).row(0, named=True)
