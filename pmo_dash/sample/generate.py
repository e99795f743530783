"""Build the whole sample portfolio and write it as one folder of returns per department."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from pathlib import Path

import numpy as np
import polars as pl
import xlsxwriter

from pmo_dash import contract
from pmo_dash.sample import outlook
from pmo_dash.sample.core import LAST, TIERS, calendar
from pmo_dash.sample.delivery import (
    build_change_requests,
    build_compliance,
    build_issues,
    build_milestones,
    build_stage_gates,
)
from pmo_dash.sample.errors import Injected, inject
from pmo_dash.sample.governance import build_reviews, shape
from pmo_dash.sample.outcomes import build_benefits, build_lessons
from pmo_dash.sample.planning import build_dependencies
from pmo_dash.sample.portfolio import (
    Departments,
    build_departments,
    build_programmes,
    build_projects,
    objectives_frame,
)
from pmo_dash.sample.project_rows import projects_frame
from pmo_dash.sample.proposals import build_proposals
from pmo_dash.sample.resources import build_capacity, build_demand, plan_ahead
from pmo_dash.sample.risks import build_risks
from pmo_dash.sample.status import build_status

log = logging.getLogger(__name__)
ENTERPRISE_FOLDER = "ipmo"
CREATED = dt.datetime(2026, 10, 31)
DEPARTMENT_TABLES = [t.name for t in contract.TABLES if not t.enterprise]


def generate(
    tier: str, seed: int, out: Path, *, xlsx: bool = True, inject_errors: bool = True
) -> dict[str, int]:
    """Write one folder per department with one file per table; return rows written per table.

    Deterministic from `seed`: the same seed writes the same bytes. Department folders of an
    earlier run under `out` are replaced; nothing else there is touched. With `inject_errors`, one
    low-maturity CSV department gets a handful of bad rows; their count is under "injected_errors".
    """
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}; choose one of {', '.join(TIERS)}")
    rng = np.random.default_rng(seed)
    frames, depts = _build(rng, tier, xlsx)
    bad = _error_department(depts) if inject_errors else -1
    out = Path(out)
    _clear_stale(out, set(depts.codes.to_list()))
    counts, injected = _write_departments(out, frames, depts, bad)
    _write(out / ENTERPRISE_FOLDER, "strategic_objectives", objectives_frame(), excel=False)
    counts["strategic_objectives"] = len(objectives_frame())
    for e in injected:
        log.info("injected error: %s row %d %s=%r (%s)", e.table, e.row, e.column, e.value, e.rule)
    counts["injected_errors"] = len(injected)
    return counts


def _build(rng: np.random.Generator, tier: str, xlsx: bool) -> tuple[dict[str, pl.DataFrame], Departments]:
    spec = TIERS[tier]
    cal = calendar(spec.periods)
    depts = build_departments(rng, spec, xlsx)
    programmes, per_department = build_programmes(rng, depts)
    p = build_projects(rng, depts, cal)
    # From a stream of its own (spawning one moves no draw of `rng`): where projects land.
    outlook.draw(np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0]), depts, p)
    projects = projects_frame(rng, p, depts, per_department)
    expected = projects["expected_benefit"].fill_null(0).to_numpy().astype(float)
    expected = np.where(expected > 0, expected, p.budget * 1.2)
    risks, reviews = build_risks(rng, p, depts.codes)
    benefits, measurements = build_benefits(rng, p, depts.codes, cal, expected)
    demand = build_demand(rng, p, cal)
    frames = {
        "departments": depts.frame,
        "programmes": programmes,
        "projects": projects,
        "status_reports": build_status(rng, p, cal),
        "milestones": build_milestones(rng, p, depts.codes),
        "risks": risks,
        "risk_reviews": reviews,
        "issues": build_issues(rng, p, depts.codes),
        "benefits": benefits,
        "benefit_measurements": measurements,
        "lessons": build_lessons(rng, p, depts.codes),
        "change_requests": build_change_requests(rng, p, depts.codes),
        "stage_gates": build_stage_gates(rng, p),
        "compliance_controls": build_compliance(rng, p),
        "capacity": build_capacity(rng, depts, cal, demand),
        "demand": demand,
    }
    forecast = projects["forecast_finish"].cast(pl.Int64).fill_null(LAST).to_numpy()
    future_demand, future_capacity = plan_ahead(rng, p, demand, frames["capacity"], forecast)
    for name, future in (("demand", future_demand), ("capacity", future_capacity)):
        both = pl.concat([frames[name].select(future.columns), future])
        frames[name] = both.sort("_dept", maintain_order=True)  # rows are written per department
    # Last, from a stream of its own: a governance change never moves another table's rows.
    governance = np.random.default_rng(rng.integers(2**63))
    frames["post_implementation_reviews"] = build_reviews(governance, p)
    shape(governance, frames, depts, p)
    # Then the dependencies, from a stream drawn after governance's: neither moves the other.
    planning = np.random.default_rng(governance.integers(2**63))
    frames["dependencies"] = build_dependencies(planning, p, projects, frames["milestones"])
    frames |= build_proposals(planning, depts)
    return frames, depts


def _error_department(depts: Departments) -> int:
    """The least mature department that writes CSV (the same one whether or not xlsx is written)."""
    return int(np.argmin(np.where(depts.spreadsheet, np.inf, depts.maturity)))


def _clear_stale(out: Path, keep: set[str]) -> None:
    """Remove department folders an earlier run wrote (they hold a departments file) that this run won't."""
    if not out.is_dir():
        return
    for folder in sorted(out.iterdir()):
        earlier = (folder / "departments.csv").exists() or (folder / "departments.xlsx").exists()
        if folder.is_dir() and earlier and folder.name not in keep:
            shutil.rmtree(folder)


def _write_departments(
    out: Path, frames: dict[str, pl.DataFrame], depts: Departments, bad: int
) -> tuple[dict[str, int], list[Injected]]:
    bounds = {}
    for name, frame in frames.items():
        dept = frame["_dept"].to_numpy()
        assert np.all(dept[1:] >= dept[:-1]), f"{name} rows are not grouped by department"
        bounds[name] = np.searchsorted(dept, np.arange(depts.n + 1))
    counts = dict.fromkeys(DEPARTMENT_TABLES, 0)
    injected: list[Injected] = []
    for d, code in enumerate(depts.codes.to_list()):
        parts = {
            # The contract's columns the sample makes (it leaves out what a delivery return need not give).
            name: frame.slice(int(bounds[name][d]), int(bounds[name][d + 1] - bounds[name][d])).select(
                [c for c in contract.table(name).names if c in frame.columns]
            )
            for name, frame in frames.items()
        }
        if d == bad:
            injected = inject(parts, code)
        for name in DEPARTMENT_TABLES:
            for suffix in (".csv", ".xlsx"):
                (out / code / f"{name}{suffix}").unlink(missing_ok=True)
            if parts[name].height:
                _write(out / code, name, parts[name], excel=bool(depts.xlsx[d]))
                counts[name] += parts[name].height
    return counts, injected


def _write(folder: Path, name: str, frame: pl.DataFrame, *, excel: bool) -> None:
    """Write via a .tmp file and rename, so a reader never sees half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.xlsx" if excel else folder / f"{name}.csv"
    tmp = target.with_name(target.name + ".tmp")
    if excel:
        book = xlsxwriter.Workbook(tmp)
        book.set_properties({"created": CREATED})  # a fixed timestamp keeps the bytes reproducible
        frame.write_excel(book, worksheet=name, autofilter=False)
        book.close()
    else:
        frame.write_csv(tmp, check_extension=False)
    os.replace(tmp, target)
