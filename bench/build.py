"""The build: its time against DuckDB loading the same files bare, and its peak memory."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl

from bench import OUT, ROOT, SEED, STORM_COPIES
from pmo_dash.contract import TABLES
from pmo_dash.sample import generate

FLOOR = "all_varchar = true"  # text columns, as ingestion reads them; no sniffing of types
TYPED = "union_by_name = true"  # typed columns; files whose optional columns differ need union_by_name


def tier(name: str) -> Path:
    """The sample returns of a tier, all CSV (so that DuckDB can read the same files), made once per
    version of the generator: a tier kept from an older one lacked the returns added since (dependencies
    and proposals), and the bench measured pages and the what-if without them."""
    source = OUT / f"{name}-{SEED}-{generator_version()}"
    if not source.exists():
        for stale in OUT.glob(f"{name}-{SEED}*"):
            shutil.rmtree(stale)
        print(f"generating the {name} tier into {source} ...", flush=True)
        # In a process of its own: generated here, the stress tier left this process at 2.2 GB, and a
        # build started from it reported that as its own peak (a child's peak starts from its parent's).
        command = [sys.executable, "-m", "pmo_dash", "sample", "--tier", name, "--seed", str(SEED)]
        subprocess.run([*command, "--out", str(source), "--csv-only"], cwd=ROOT, check=True)
    return source


def generator_version() -> str:
    """A digest of the sample generator's code and of the data contract it writes to."""
    digest = hashlib.sha256()
    code = ROOT / "pmo_dash"
    for path in sorted([*(code / "sample").glob("*.py"), *(code / "contract").glob("*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def bare_load(source: Path, target: Path, options: str) -> None:
    """The floor: DuckDB reading the same CSV files into tables, with no validation at all."""
    target.unlink(missing_ok=True)
    with duckdb.connect(str(target)) as con:
        for table in TABLES:
            paths = [str(p) for p in sorted(source.glob(f"*/{table.name}.csv"))]
            if paths:
                con.execute(
                    f"create table {table.name} as select * from read_csv($paths, {options})",
                    {"paths": paths},
                )
        con.execute("checkpoint")


def build_memory(enterprise: Path) -> list[tuple[str, float, float, float]]:
    """Peak resident memory of `python -m pmo_dash build`, each in a fresh process, against the size of
    its returns: the enterprise and stress tiers, and 1.3 MB holding one status report 8,000 times."""
    stress = tier("stress")
    sources = [
        ("enterprise tier", enterprise),
        ("stress tier", stress),
        ("the demo, one department's status reports one row 8,000 times", _storm(OUT / "storm")),
    ]
    results = []
    for label, source in sources:
        size = sum(f.stat().st_size for f in source.rglob("*") if f.is_file()) / 1e6
        seconds, peak = _peak_build(source)
        results.append((label, size, seconds, peak))
    return results


def _storm(out: Path) -> Path:
    """The demo's returns, one department's status reports replaced by one report 8,000 times."""
    import shutil

    shutil.rmtree(out, ignore_errors=True)
    generate("demo", SEED, out, xlsx=False, inject_errors=False)
    reports = sorted(out.glob("*/status_reports.csv"))[0]
    first = (
        pl.read_csv(reports, infer_schema=False)
        .head(1)
        .with_columns(
            pl.lit("Vendor onboarding is slow; the board has been told and a recovery plan is agreed").alias(
                "summary"
            )
        )
    )
    pl.concat([first] * STORM_COPIES).write_csv(reports)
    return out


def _peak_build(source: Path) -> tuple[float, float]:
    """Seconds and peak resident MB of a build in a process of its own."""
    command = [sys.executable, "-m", "pmo_dash", "build", "--source", str(source), "--quiet"]
    command += ["--warehouse", str(OUT / "peak.duckdb"), "--report", str(OUT / "peak.csv")]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise RuntimeError(f"the build of {source} failed (status {status})")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def rows(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            name: con.execute(f"select count(*) from {name}").fetchone()[0]
            for name in (
                "raw_projects",
                "raw_status_reports",
                "raw_risk_reviews",
                "project_periods",
                "rejected_rows",
            )
        } | {"all returns": _all_returns(con)}


def _all_returns(con) -> int:
    """Rows of every return table the build loaded (raw_*)."""
    names = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where table_name like 'raw\\_%' escape '\\'"
        ).fetchall()
    ]
    return sum(con.execute(f"select count(*) from {name}").fetchone()[0] for name in names)
