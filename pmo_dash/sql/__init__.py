"""SQL lives in .sql files beside this module, loaded by name."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def load(name: str) -> str:
    """The text of `queries/<name>.sql` (or `build/<name>.sql` when the name says `build/...`)."""
    path = HERE / (name if "/" in name else f"queries/{name}")
    return path.with_suffix(".sql").read_text()


@cache
def parameters(name: str) -> frozenset[str]:
    """The `$names` the named query binds."""
    return frozenset(re.findall(r"\$(\w+)", load(name)))


def build_steps() -> list[Path]:
    """The build's SQL files, in the order they run (their names sort in dependency order)."""
    return sorted((HERE / "build").glob("*.sql"))


def query_names() -> list[str]:
    return sorted(p.stem for p in (HERE / "queries").glob("*.sql"))
