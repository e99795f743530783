"""The one way to read the warehouse: read-only, parameterised, and aware of rebuilds."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pmo_dash import sql

_lock = threading.Lock()
_open: dict[Path, tuple[str, duckdb.DuckDBPyConnection]] = {}


def version(path: Path) -> str:
    """Changes whenever the builder swaps in a new warehouse file (new inode, new mtime)."""
    st = os.stat(path)
    return f"{st.st_ino}-{st.st_mtime_ns}"


def _connection(path: Path, current: str) -> duckdb.DuckDBPyConnection:
    with _lock:
        known = _open.get(path)
        if known is None or known[0] != current:
            # DuckDB shares one instance per open path within a process, so a plain reconnect would
            # still see the replaced file; attaching into a fresh in-memory database sees the new one.
            con = duckdb.connect()
            con.execute("attach $path as warehouse (read_only)", {"path": str(path)})
            _open[path] = (current, con)
        cursor = _open[path][1].cursor()
    cursor.execute("use warehouse")
    return cursor


def query(
    path: Path, name: str, params: dict[str, Any] | None = None, at_version: str | None = None
) -> pl.DataFrame:
    """Run a named query from `pmo_dash/sql/queries`, binding the parameters it uses; one cursor per call."""
    given = params or {}
    missing = sql.parameters(name) - given.keys()
    if missing:
        raise KeyError(f"query {name} needs parameter(s) {', '.join(sorted(missing))}")
    bound = {k: given[k] for k in sql.parameters(name)}
    return run_sql(path, sql.load(name), bound, at_version)


def run_sql(path: Path, text: str, params: dict[str, Any], at_version: str | None = None) -> pl.DataFrame:
    """Run SQL text from `pmo_dash/sql` with its parameters bound, read-only; one cursor per call."""
    cursor = _connection(path, at_version or version(path))
    try:
        return cursor.sql(text, params=params).pl()
    finally:
        cursor.close()
