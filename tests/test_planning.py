"""Dependencies and knock-on slip (issue 19) against the hand-written planning fixture
(tests/fixtures/planning, laid over the golden portfolio): a chain of three projects, one late."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from conftest import app_on, copy_fixture

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
def planned_app(fixture_settings, tmp_path_factory):
    """The app on the planning fixture's warehouse, for a module of page tests."""
    out = tmp_path_factory.mktemp("planned_app")
    with app_on(planning_returns(out / "returns"), out) as settings:
        yield settings


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("planning")
    settings = Settings(data_dir=out)
    build(settings, planning_returns(out / "returns"), out / "warehouse.duckdb", out / "report.csv")
    return out / "warehouse.duckdb"


def rows(warehouse: Path, name: str, scope=BOTH, as_of=OCT, domain="planning", **more):
    params = {"scope": scope, "programme": None, "objective": None, "as_of": as_of} | more
    return db.query(warehouse, f"{domain}/{name}", params)


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


@pytest.fixture(scope="module")
def at_ten_percent(tmp_path_factory) -> Path:
    """The planning returns built with a 10% discount rate, whose discount factors are easy to check."""
    out = tmp_path_factory.mktemp("proposals")
    settings = Settings(data_dir=out, discount_rate=0.10)
    build(settings, planning_returns(out / "returns"), out / "warehouse.duckdb", out / "report.csv")
    return out / "warehouse.duckdb"


def test_proposals_ranked_by_return_with_npv_payback_and_benefit_cost_ratio(at_ten_percent):
    ranked = rows(at_ten_percent, "proposals_ranked")
    # At 10% a year's benefit is worth 0.909091, 0.826446, 0.751315, 0.683013, 0.620921 in years 1 to 5.
    # HR-X1: 250 x 3.790787 = 947.70 against 500: NPV 447.70, BCR 1.8954, payback 500/250 = 2 years,
    #   ROI (1250 - 500) / 500 = 1.5.
    # FIN-X1: 400 x 3.169865 = 1267.95 against 1000: NPV 267.95, BCR 1.2679, payback 2.5, ROI 0.6.
    # FIN-X2: 200 x 2.486852 = 497.37 against 900: NPV -402.63, BCR 0.5526; 600 never repays 900: no
    #   payback; ROI (600 - 900) / 900 = -0.3333.
    assert ranked["proposal_id"].to_list() == ["HR-X1", "FIN-X1", "FIN-X2"]
    assert ranked["rank"].to_list() == [1, 2, 3]
    assert [round(v, 2) for v in ranked["npv"]] == [447.70, 267.95, -402.63]
    assert [round(v, 4) for v in ranked["benefit_cost_ratio"]] == [1.8954, 1.2679, 0.5526]
    assert ranked["payback_years"].to_list() == [2.0, 2.5, None]
    assert [round(v, 4) for v in ranked["roi"]] == [1.5, 0.6, -0.3333]
    # The board's latest decision by the period: FIN-X1 deferred in August, approved in October.
    assert ranked["decision"].to_list() == ["Awaiting decision", "Approved", "Rejected"]
    september = rows(at_ten_percent, "proposals_ranked", as_of=dt.date(2026, 9, 30))
    assert september["decision"].to_list() == ["Awaiting decision", "Deferred", "Rejected"]


def test_a_discount_rate_of_zero_leaves_the_benefit_undiscounted(tmp_path):
    settings = Settings(data_dir=tmp_path, discount_rate=0.0)
    build(settings, planning_returns(tmp_path / "returns"), tmp_path / "w.duckdb", tmp_path / "r.csv")
    ranked = rows(tmp_path / "w.duckdb", "proposals_ranked", scope=["FIN"])
    assert ranked["npv"].to_list() == [600.0, -300.0]


def test_board_decisions_for_the_governance_view(planned):
    decisions = rows(planned, "proposal_decisions")
    assert decisions.select("proposal_id", "decision", "decided_on").rows() == [
        ("FIN-X1", "Approved", dt.date(2026, 10, 10)),
        ("FIN-X2", "Rejected", dt.date(2026, 9, 20)),
        ("FIN-X1", "Deferred", dt.date(2026, 8, 15)),
    ]
    assert rows(planned, "proposal_decisions", scope=["HR"]).is_empty()


def test_the_what_if_takes_approved_proposals_beside_the_projects(planned):
    candidates = rows(planned, "whatif_candidates", domain="whatif")
    proposal = candidates.filter(candidates["is_proposal"]).row(0, named=True)
    # Only FIN-X1 was approved by October: costed at 1000, benefit 400 x 4 years, Medium risk as 3 x 3.
    assert candidates.filter(candidates["is_proposal"]).height == 1
    assert (proposal["project_id"], proposal["eac"], proposal["expected_benefit"], proposal["exposure"]) == (
        "FIN-X1",
        1000.0,
        1600.0,
        9.0,
    )
    assert (proposal["health"], proposal["funded_now"], proposal["finish"]) == (
        0.5,
        False,
        dt.date(2027, 2, 28),
    )
    demand = rows(planned, "whatif_demand", domain="whatif").filter(pl.col("project_id") == "FIN-X1")
    assert demand["demand_fte"].sum() == 5.0
    # In September it was deferred: not a candidate; under a programme filter, proposals stay out.
    september = rows(planned, "whatif_candidates", domain="whatif", as_of=dt.date(2026, 9, 30))
    assert not september["is_proposal"].any()
    assert not rows(planned, "whatif_candidates", domain="whatif", programme="FIN-PG1")["is_proposal"].any()


def test_the_roadmap_groups_a_department_span_and_its_rag_counts(planned):
    groups = rows(planned, "roadmap_groups", group_by="department")
    # FIN: FIN-P1 (from 1 January 2026, Red), FIN-P2 (Amber), FIN-P7 (no return: not rated; to 30 June
    # 2027), its two broken dependencies; HR: HR-P3 (Red) and HR-P4 (Amber, to 2 March 2027 forecast).
    assert groups.select(
        "group_id", "projects", "start_on", "baseline_finish", "forecast_finish", "red", "amber", "not_rated"
    ).rows() == [
        ("FIN", 3, dt.date(2026, 1, 1), dt.date(2027, 6, 30), dt.date(2027, 6, 30), 1, 1, 1),
        ("HR", 2, dt.date(2026, 2, 1), dt.date(2027, 1, 31), dt.date(2027, 3, 2), 1, 1, 0),
    ]
    assert groups["broken_dependencies"].to_list() == [2, 0]
    # One bar per programme: FIN-PG1 and HR-PG1 hold them all.
    assert rows(planned, "roadmap_groups", group_by="programme")["group_id"].to_list() == [
        "FIN-PG1",
        "HR-PG1",
    ]


def test_a_groups_colour_by_the_share_of_its_rated_projects():
    from pmo_dash.ui.planning.charts import group_rag

    red, amber, green = (np.array(v) for v in ([1, 1, 0, 0, 0], [1, 0, 1, 1, 0], [1, 2, 1, 2, 0]))
    # 1 of 3 Red: Red; 1 of 3 Red (with 2 Green): Red; 1 of 2 Amber: Amber; 1 of 3 Amber: Amber; none rated.
    assert group_rag(red, amber, green).tolist() == ["Red", "Red", "Amber", "Amber", "Not reported"]
    assert group_rag(np.array([0]), np.array([1]), np.array([3])).tolist() == ["Green"]


def test_the_people_proposals_ask_for_by_role(planned):
    demand = rows(planned, "proposal_demand_by_role")
    # FIN-X1 (approved in October): Developer 2 FTE in January and February 2027, a business analyst 1
    # FTE in January; both within the 12 months after October.
    assert demand.rows() == [("Developer", 4.0, 2.0, 4.0, 2.0), ("Business analyst", 1.0, 1.0, 1.0, 1.0)]
    # In September FIN-X1 was deferred: asked for, not approved.
    september = rows(planned, "proposal_demand_by_role", as_of=dt.date(2026, 9, 30))
    assert september["approved_fte_months"].to_list() == [0.0, 0.0]
