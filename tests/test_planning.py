"""Dependencies and knock-on slip (issue 19) against the hand-written planning fixture
(tests/fixtures/planning, laid over the golden portfolio): a chain of three projects, one late."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import copy_fixture

from pmo_dash import db
from pmo_dash.intake.build import build
from pmo_dash.settings import Settings

PLANNING = Path(__file__).parent / "fixtures" / "planning"
OCT = dt.date(2026, 10, 31)
AUG = dt.date(2026, 8, 31)
BOTH = ["FIN", "HR"]


def planning_returns(target: Path) -> Path:
    """The golden portfolio with the planning returns laid over it."""
    source = copy_fixture(target)
    for csv in PLANNING.glob("*/*.csv"):
        shutil.copy(csv, source / csv.parent.name / csv.name)
    return source


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("planning")
    settings = Settings(data_dir=out)
    build(settings, planning_returns(out / "returns"), out / "warehouse.duckdb", out / "report.csv")
    return out / "warehouse.duckdb"


def rows(warehouse: Path, name: str, scope=BOTH, as_of=OCT, **more):
    params = {"scope": scope, "programme": None, "objective": None, "as_of": as_of} | more
    return db.query(warehouse, f"planning/{name}", params)


def test_a_late_project_breaks_its_dependency_and_the_next_one_down_the_chain(planned):
    broken = rows(planned, "dependencies_broken")
    # FIN-D1: HR-P4 finishes 2 March 2027 (its September return), FIN-P2 needs it by 15 February: 15 days.
    # FIN-D2: FIN-P2 finishes 31 March, needed 1 April, but 15 days late by knock-on: 15 April, 14 days.
    assert broken.select(
        "dependency_id", "project_id", "predecessor_project_id", "delay_days", "broken_by_knock_on"
    ).rows() == [("FIN-D1", "FIN-P2", "HR-P4", 15, False), ("FIN-D2", "FIN-P7", "FIN-P2", 14, True)]
    assert broken["predecessor_finish"].to_list() == [dt.date(2027, 3, 2), dt.date(2027, 3, 31)]
    assert broken["predecessor_knock_on_days"].to_list() == [0, 15]


def test_the_project_whose_slip_delays_the_most_others(planned):
    origins = rows(planned, "slip_origins")
    assert origins.select(
        "project_id", "projects_delayed", "other_departments_delayed", "longest_delay_days"
    ).rows() == [("HR-P4", 2, 2, 15)]


def test_a_brief_lists_what_a_project_waits_for_and_who_waits_for_it(planned):
    waits = rows(planned, "project_waits_for", project="FIN-P2")
    # FIN-D3 is needed by FIN-P2's own forecast finish (31 March 2027): 90 days of slack.
    assert waits.select(
        "dependency_id", "other_project_id", "needed_on", "delay_days", "is_broken"
    ).rows() == [
        ("FIN-D1", "HR-P4", dt.date(2027, 2, 15), 15, True),
        ("FIN-D3", "FIN-P1", dt.date(2027, 3, 31), 0, False),
    ]
    waited = rows(planned, "project_waited_by", project="FIN-P2")
    assert waited.select("dependency_id", "other_project_id", "delay_days").rows() == [
        ("FIN-D2", "FIN-P7", 14)
    ]
    # An unknown predecessor has no date: listed, never judged; a met dependency is not listed.
    seven = rows(planned, "project_waits_for", project="FIN-P7")
    assert seven.select("dependency_id", "other_project_id", "delay_days", "is_broken").rows() == [
        ("FIN-D2", "FIN-P2", 14, True),
        ("FIN-D4", "XX-P9", None, False),
    ]


def test_another_departments_project_is_named_by_its_department_only(planned):
    broken = rows(planned, "dependencies_broken", scope=["FIN"])
    assert broken["predecessor"].to_list() == ["a project of HR", "Accounts payable automation"]
    # HR sees nothing of FIN's dependencies, and who waits for HR-P4 only as a department.
    assert rows(planned, "dependencies_broken", scope=["HR"]).is_empty()
    assert rows(planned, "project_waited_by", scope=["HR"], project="HR-P4")["other_project"].to_list() == [
        "a project of FIN"
    ]
    assert rows(planned, "slip_origins", scope=["FIN"]).is_empty()


def test_time_travel_nothing_was_broken_in_august(planned):
    # HR-P4's August return forecast 31 January 2027, before FIN-P2 needed it.
    assert rows(planned, "dependencies_broken", as_of=AUG).is_empty()
    assert rows(planned, "slip_origins", as_of=AUG).is_empty()
    assert rows(planned, "project_waits_for", as_of=AUG, project="FIN-P2")["delay_days"].to_list() == [0, 0]


def test_no_dependencies_returned_is_no_rows_not_an_error(fixture_warehouse):
    assert rows(fixture_warehouse, "dependencies_broken").is_empty()
    assert rows(fixture_warehouse, "dependency_network").is_empty()
