"""`make bench`: time the build and every page at the enterprise tier against DESIGN.md's targets.

Writes docs/benchmarks.md. The floor for the build is DuckDB loading the very same CSV files
bare (read_csv, no validation), timed in the same run on the same machine.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import time
from pathlib import Path

import duckdb

from pmo_dash.contract import TABLES
from pmo_dash.intake.build import build
from pmo_dash.settings import ROOT, Settings, get_settings

BENCH = ROOT / "bench"
TIER, SEED = "enterprise", 7
PAGES = ["enterprise", "department", "programme", "project", "risks", "benefits", "lessons", "whatif"]
BUILD_RATIO_TARGET = 1.5
WARM_TARGET_MS, COLD_TARGET_MS = 150, 1500
SLIDER_TARGET_MS = 250
MEMORY_TARGET_MB, SESSIONS = 1024, 10
STRESS_BUILD_TARGET_MB, STORM_BUILD_TARGET_MB, STORM_COPIES = 2048, 1024, 8_000
CHROMIUM = "/usr/bin/chromium"
# Budget slider positions (% of today's forecast cost) moved through, each a new scenario to solve.
SLIDER_STEPS = [95, 90, 85, 80, 75, 70, 65, 60, 55, 50]
FLOOR = "all_varchar = true"  # text columns, as ingestion reads them; no sniffing of types
TYPED = "union_by_name = true"  # typed columns; files whose optional columns differ need union_by_name


def main() -> None:
    source = BENCH / f"{TIER}-{SEED}"
    if not source.exists():
        from pmo_dash.sample import generate

        print(f"generating the {TIER} tier into {source} ...", flush=True)
        generate(TIER, SEED, source, xlsx=False, inject_errors=True)
    # First, while this process is small: a child's peak memory counts its parent's at the fork.
    build_memory = _build_memory(source)
    files = sorted(source.glob("*/*.csv"))
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    settings = Settings(
        source_dir=source, warehouse=BENCH / "warehouse.duckdb", report=BENCH / "validation_report.csv"
    )
    builds = [_time(lambda: build(settings)) for _ in range(3)]
    # Two ways DuckDB loads these files bare; the faster one is the floor we are held to.
    bare = [_time(lambda: _bare_load(source, BENCH / "bare.duckdb", FLOOR)) for _ in range(3)]
    typed = [_time(lambda: _bare_load(source, BENCH / "bare.duckdb", TYPED)) for _ in range(3)]
    rows = _rows(settings.warehouse)
    pages = _pages(settings)
    sliders = _slider(settings)
    memory = _memory(settings)
    _write(source, len(files), size_mb, rows, builds, bare, typed, pages, sliders, memory, build_memory)


def _time(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _bare_load(source: Path, target: Path, options: str) -> None:
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


def _build_memory(enterprise: Path) -> list[tuple[str, float, float, float]]:
    """Peak resident memory of `python -m pmo_dash build`, each in a fresh process, against the size of
    its returns: the enterprise and stress tiers, and 1.3 MB holding one status report 8,000 times."""
    stress = BENCH / f"stress-{SEED}"
    if not stress.exists():
        from pmo_dash.sample import generate

        print(f"generating the stress tier into {stress} ...", flush=True)
        generate("stress", SEED, stress, xlsx=False, inject_errors=True)
    sources = [
        ("enterprise tier", enterprise),
        ("stress tier", stress),
        ("the demo, one department's status reports one row 8,000 times", _storm(BENCH / "storm")),
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

    import polars as pl

    from pmo_dash.sample import generate

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
    import subprocess
    import sys

    command = [sys.executable, "-m", "pmo_dash", "build", "--source", str(source), "--quiet"]
    command += ["--warehouse", str(BENCH / "peak.duckdb"), "--report", str(BENCH / "peak.csv")]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise RuntimeError(f"the build of {source} failed (status {status})")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def _rows(warehouse: Path) -> dict[str, int]:
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
        }


def _entities(warehouse: Path) -> dict[str, str]:
    """A busy department, its busiest programme and its largest active project, to open each page on."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        department, programme, project = con.execute(
            """
            with now as (
                select * from project_periods
                where period = (select max(period) from periods) and is_active
            )
            select
                (select department_id from now group by 1 order by count(*) desc, 1 limit 1),
                (select programme_id from now where programme_id is not null
                 group by 1 order by count(*) desc, 1 limit 1),
                (select project_id from now order by budget desc, 1 limit 1)
            """
        ).fetchone()
    return {"department": department, "programme": programme, "project": project}


def _pages(settings: Settings) -> dict[str, tuple[float, float]]:
    """Median server-side run of each page in ms: warm (cache filled) and cold (cache cleared)."""
    import streamlit as st

    from pmo_dash.ui import shell

    _serve(settings)
    entities = _entities(settings.warehouse)
    results = {}
    for page in PAGES:
        at = _signed_in()
        if page in entities:
            at.query_params[page] = entities[page]
        if page != "enterprise":
            at.switch_page(shell.page(page))
        at.run()
        assert not at.exception, at.exception
        warm = [_time(at.run) * 1000 for _ in range(20)]
        cold = []
        for _ in range(5):
            st.cache_data.clear()
            cold.append(_time(at.run) * 1000)
        assert not at.exception, at.exception
        label = f"{page} ({entities[page]})" if page in entities else page
        results[label] = (statistics.median(warm), statistics.median(cold))
    return results


def _serve(settings: Settings) -> None:
    """Point the app at the bench warehouse; log in as the demo executive (who sees everything)."""
    os.environ["PMO_WAREHOUSE"] = str(settings.warehouse)
    os.environ["PMO_SOURCE_DIR"] = str(settings.source_dir)
    os.environ["PMO_DEMO"] = "true"
    os.environ["PMO_SCENARIOS"] = str(BENCH / "scenarios.sqlite")
    get_settings.cache_clear()


def _signed_in():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["authentication_status"], at.session_state["username"] = True, "exec"
    return at


def _slider(settings: Settings) -> dict[str, list[float]]:
    """Server-side answer to each move of the what-if budget slider, in ms: capacity off, then on.

    Each position is a scenario not seen before, so the optimiser runs every time. AppTest reruns the
    whole page; in the browser only the what-if fragment reruns, so these figures are an upper bound.
    """
    from pmo_dash.ui import shell
    from pmo_dash.ui.whatif import levers

    _serve(settings)
    answers = {}
    for capacity in (False, True):
        at = _signed_in()
        at.switch_page(shell.page("whatif"))
        at.run()
        if capacity:
            at.toggle(key=levers.CAPACITY).set_value(True).run()
        times, solver = [], []
        for percent in SLIDER_STEPS:
            at.slider(key=levers.BUDGET_PCT).set_value(percent)
            times.append(_time(at.run) * 1000)
            assert not at.exception, at.exception
            [status] = [c.value for c in at.caption if " · answered in " in c.value]
            solver.append(float(status.split(" · answered in ")[-1].split(" ms")[0]))
        label = "capacity respected" if capacity else "budget only"
        answers[label], answers[f"solver: {label}"] = times, solver
        answers[f"status: {label}"] = status
    return answers


def _memory(settings: Settings) -> dict[str, float] | None:
    """The server's resident memory with SESSIONS browser sessions open, each logged in and having
    opened every page (Debian's chromium; None when it is not installed)."""
    import shutil
    import socket
    import subprocess
    import sys
    import urllib.request

    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return None
    from playwright.sync_api import sync_playwright

    _serve(settings)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.address", "127.0.0.1"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.3)
        idle = _rss_mb(server.pid)
        args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
            tabs = []
            for _ in range(SESSIONS):
                tab = browser.new_context(viewport={"width": 1600, "height": 1200}).new_page()
                tab.goto(f"{url}/whatif")
                tab.get_by_role("textbox", name="Username").fill("exec")
                tab.get_by_role("textbox", name="Password").fill("demo-exec")
                tab.get_by_role("button", name="Log in").click()
                tab.get_by_text("Projects ranked by score").wait_for(timeout=120_000)
                for page in PAGES[:-1]:
                    tab.locator('[data-testid="stSidebarNav"] a', has_text=page.capitalize()).first.click()
                    tab.wait_for_timeout(300)
                    tab.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=120_000)
                tabs.append(tab)
            busy = _rss_mb(server.pid)
            browser.close()
        return {"idle": idle, "busy": busy}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _write(source, files, size_mb, rows, builds, bare, typed, pages, sliders, memory, build_memory) -> None:
    build_s, bare_s = min(builds), min(bare)
    ratio = build_s / bare_s
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {dt.date.today():%Y-%m-%d}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}.",
        "",
        f"Data: the {TIER} tier, seed {SEED}, all CSV so that DuckDB can read the same files: "
        f"{files} files, {size_mb:.0f} MB; " + ", ".join(f"{k} {v:,}" for k, v in rows.items()) + ".",
        "",
        "## Warehouse build",
        "",
        "| measure | target | result | |",
        "|---|---|---|---|",
        f"| `build` (read, normalise, validate, load, marts, swap); best of 3 | | {build_s:.2f} s | |",
        f"| DuckDB `read_csv({FLOOR})` of the same files, no validation (the floor); best of 3 "
        f"| | {bare_s:.2f} s | |",
        f"| DuckDB `read_csv({TYPED})`, for comparison; best of 3 | | {min(typed):.2f} s | |",
        f"| build / floor | ≤ {BUILD_RATIO_TARGET}x | {ratio:.2f}x | {_ok(ratio <= BUILD_RATIO_TARGET)} |",
        "",
        f"All runs (s): build {_seconds(builds)}; floor {_seconds(bare)}; typed {_seconds(typed)}.",
        "",
        "## Memory of a build (peak resident, `python -m pmo_dash build` in a process of its own)",
        "",
        "| returns | size | time | peak memory | per MB of returns | target | |",
        "|---|---|---|---|---|---|---|",
    ]
    targets = {"stress tier": STRESS_BUILD_TARGET_MB}
    targets |= {label: STORM_BUILD_TARGET_MB for label, *_ in build_memory if "8,000" in label}
    for label, size, seconds, peak in build_memory:
        target = targets.get(label)
        verdict = "" if target is None else _ok(peak < target)
        lines.append(
            f"| {label} | {size:,.1f} MB | {seconds:.1f} s | {peak:,.0f} MB | {peak / size:.1f} MB "
            f"| {'' if target is None else f'< {target:,} MB'} | {verdict} |"
        )
    lines += [
        "",
        "The build reads, validates and loads one table at a time, so its peak follows the largest table "
        "(at the stress tier, 5.8 million demand rows), not the whole portfolio. A key repeated 8,000 "
        "times is one line of the validation report.",
        "",
        "## Pages (server-side run, AppTest, median)",
        "",
        "| page | warm (20 runs) | target | | cold (5 runs, cache cleared) | target | |",
        "|---|---|---|---|---|---|---|",
    ]
    for page, (warm, cold) in pages.items():
        lines.append(
            f"| {page} | {warm:.0f} ms | < {WARM_TARGET_MS} ms | {_ok(warm < WARM_TARGET_MS)} "
            f"| {cold:.0f} ms | < {COLD_TARGET_MS} ms | {_ok(cold < COLD_TARGET_MS)} |"
        )
    lines += [
        "",
        "## What-if: moving the budget slider (server-side, AppTest, 10 positions each)",
        "",
        f"Positions {', '.join(map(str, SLIDER_STEPS))}% of what today's portfolio will cost, each a new "
        "scenario. AppTest reruns the whole page; in the browser only the what-if fragment does.",
        "",
        "| lever settings | median | slowest | target | |",
        "|---|---|---|---|---|",
    ]
    for label in ("budget only", "capacity respected"):
        times, solver = sliders[label], sliders[f"solver: {label}"]
        lines.append(
            f"| {label}: the whole answer | {statistics.median(times):.0f} ms | {max(times):.0f} ms "
            f"| < {SLIDER_TARGET_MS} ms | {_ok(statistics.median(times) < SLIDER_TARGET_MS)} |"
        )
        lines.append(
            f"| {label}: of which the optimiser | {statistics.median(solver):.0f} ms "
            f"| {max(solver):.0f} ms | | |"
        )
    lines += [
        "",
        "With capacity respected the selection must also fit one limit per department, role and month "
        "(a few thousand rows): the optimiser proves a bound, builds a greedy answer and gives HiGHS "
        "`PMO_WHATIF_TIME_LIMIT_SECONDS` to beat it, and the page shows the proven gap that is left.",
        "",
        "What the optimiser said at the last position:",
        "",
    ]
    lines += [f"- {label}: {sliders[f'status: {label}']}" for label in ("budget only", "capacity respected")]
    lines += ["", f"## Memory with {SESSIONS} sessions open", ""]
    if memory is None:
        lines.append("Not measured: Debian's chromium is not installed (`make browser`).")
    else:
        lines += [
            "| measure | result | target | |",
            "|---|---|---|---|",
            f"| server at start (resident) | {memory['idle']:.0f} MB | | |",
            f"| server with {SESSIONS} logged-in sessions, each having opened every page | "
            f"{memory['busy']:.0f} MB | < {MEMORY_TARGET_MB} MB | {_ok(memory['busy'] < MEMORY_TARGET_MB)} |",
        ]
    out = ROOT / "docs" / "benchmarks.md"
    out.write_text("\n".join(lines) + "\n")
    print(out.read_text())


def _seconds(runs: list[float]) -> str:
    return ", ".join(f"{r:.2f}" for r in runs)


def _ok(passed: bool) -> str:
    return "met" if passed else "**missed**"


if __name__ == "__main__":
    main()
