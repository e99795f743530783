"""Governance, compliance and resources (issue 15) against the hand-written governance fixture
(tests/fixtures/governance, laid over the golden portfolio): every expectation worked out by hand
from its rows as of 31 October 2026."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from conftest import app_on, copy_fixture

from pmo_dash import db
from pmo_dash.ui.governance.views import MADE, MADE_KEY, TABS

GOVERNANCE = Path(__file__).parent / "fixtures" / "governance"
OCT = dt.date(2026, 10, 31)
BOTH = ["FIN", "HR"]


def governance_returns(target: Path) -> Path:
    """The golden portfolio with the governance returns laid over it (HR's as XLSX, like HR's others)."""
    source = copy_fixture(target)
    for csv in GOVERNANCE.glob("*/*.csv"):
        folder = source / csv.parent.name
        if folder.name == "HR":
            (folder / f"{csv.stem}.xlsx").unlink(missing_ok=True)
            pl.read_csv(csv, infer_schema=False).write_excel(folder / f"{csv.stem}.xlsx")
        else:
            shutil.copy(csv, folder / csv.name)
    return source


@pytest.fixture(scope="module")
def governed(fixture_settings, tmp_path_factory):
    out = tmp_path_factory.mktemp("governance")
    with app_on(governance_returns(out / "returns"), out) as settings:
        yield settings


def rows(settings, name: str, scope=BOTH, **more) -> pl.DataFrame:
    params = {"scope": scope, "programme": None, "objective": None, "as_of": OCT} | more
    return db.query(settings.warehouse, f"governance/{name}", params)


def test_gates_overdue_and_due_within_the_horizon(governed):
    gates = rows(governed, "gates_due")
    # Not passed by 31 October, planned up to 30 November: FIN-P1 G2 (15 Sep), HR-P3 G2 (1 Oct; passed
    # 5 Nov, after the period), FIN-P2 G2 (20 Oct, held), FIN-P1 G3 (20 Nov), HR-P4 G2 (30 Nov, the
    # horizon's last day). FIN-P2 G3 (January) is beyond it; FIN-P6's stopped gate is decided.
    assert gates.select("project_id", "gate", "overdue", "days_overdue", "last_decision").rows() == [
        ("FIN-P1", "G2", True, 46, None),
        ("HR-P3", "G2", True, 30, None),
        ("FIN-P2", "G2", True, 11, "Hold"),
        ("FIN-P1", "G3", False, -20, None),
        ("HR-P4", "G2", False, -30, None),
    ]
    # A PMO head sees their own department's only.
    assert set(rows(governed, "gates_due", scope=["HR"])["project_id"]) == {"HR-P3", "HR-P4"}


def test_gate_decisions_and_time_from_plan_to_pass(governed):
    found = {r["department_id"]: r for r in rows(governed, "gate_decisions").iter_rows(named=True)}
    # FIN: G1s passed 9 days late (FIN-P1) and 4 early (FIN-P2): median 2.5, one late; FIN-P2 G2 held,
    # FIN-P6 G1 stopped. HR: HR-P3 G1 on the day, HR-P4 G1 10 late, HR-P5 G5 on the day (HR-P3 G2 was
    # passed after the period): median 0, one late.
    fin, hr = found["FIN"], found["HR"]
    assert (fin["passed"], fin["held"], fin["recycled"], fin["stopped"], fin["passed_late"]) == (
        2,
        1,
        0,
        1,
        1,
    )
    assert fin["median_days_late"] == pytest.approx(2.5)
    assert (hr["passed"], hr["held"], hr["stopped"], hr["passed_late"]) == (3, 0, 0, 1)
    assert hr["median_days_late"] == 0
    monthly = rows(governed, "gates_passed").select(pl.col("month").dt.month(), "on_time", "late").rows()
    assert monthly == [(2, 0, 1), (3, 2, 0), (6, 1, 1)]


def test_pending_changes_cycle_time_and_scope_creep(governed):
    # Raised by 31 October, undecided then: FIN-C3 (pending, 60 days) and FIN-C4 (decided 10 November).
    pending = rows(governed, "changes_pending")
    assert pending.select("change_id", "age_days").rows() == [("FIN-C3", 60), ("FIN-C4", 30)]
    log = rows(governed, "change_log")
    assert log.select("change_id", "decided_by", "cycle_days").rows() == [
        ("HR-C2", "Steering committee", 10),
        ("FIN-C2", "Steering committee", 30),
        ("HR-C1", "CCB", 20),
        ("FIN-C1", "CCB", 20),
    ]
    creep = {r["department_id"]: r for r in rows(governed, "scope_creep").iter_rows(named=True)}
    # FIN: FIN-C1 approved (100) of 2 decided, cycle 20 and 30 -> median 25; budget of its active projects
    # 1000 + 2000 -> 100 / 3000. HR: HR-C1 approved (80), cycles 20 and 10 -> 15; 500 + 800 (HR-P8 has not
    # started: not active) -> 80 / 1300.
    assert (creep["FIN"]["decided"], creep["FIN"]["approved"], creep["FIN"]["by_ccb"]) == (2, 1, 1)
    assert creep["FIN"]["median_cycle_days"] == 25
    assert creep["FIN"]["creep"] == pytest.approx(100 / 3000)
    assert creep["HR"]["median_cycle_days"] == 15
    assert creep["HR"]["creep"] == pytest.approx(80 / 1300)


def test_escalations_and_projects_outside_tolerance(governed):
    # HR-I1 (Critical, open since 1 July: 122 days), FIN-I1 (High, since 10 October: 21 days > 14),
    # FIN-R2 (exposure 15, action due 15 October: 16 days). FIN-R1 (12) and HR-R1 (action due in
    # November) are not.
    found = rows(governed, "escalations")
    assert found.select("kind", "item_id", "days").rows() == [
        ("Issue", "HR-I1", 122),
        ("Issue", "FIN-I1", 21),
        ("Risk", "FIN-R2", 16),
    ]
    # FIN-P1: EAC 1000 / 0.9 = 1111 (11% over); HR-P3: 500 / 0.76 = 658 (32% over). HR-P4 slips
    # exactly 30 days: not beyond the tolerance.
    outside = rows(governed, "outside_tolerance")
    assert outside.select("project_id", "outside").rows() == [("HR-P3", "cost"), ("FIN-P1", "cost")]
    assert outside["overrun"].to_list() == pytest.approx([500 / 0.76 / 500 - 1, 1 / 0.9 - 1], abs=1e-3)


def test_compliance_matrix_and_controls_needing_attention(governed):
    matrix = rows(governed, "compliance_matrix")
    assert matrix.select("framework", "department_id", "controls", "compliant", "non_compliant").rows() == [
        ("GDPR", "FIN", 1, 0, 0),
        ("GDPR", "HR", 1, 0, 0),
        ("SOX", "FIN", 4, 3, 1),
    ]
    attention = rows(governed, "controls_attention")
    # Non-compliant first; then by due date: SOX-404-2's evidence (1 Sep 2025) is older than 365 days at
    # 31 Oct 2026; GDPR-32 was due 30 Sep, in progress; SOX-ITGC is compliant with no evidence (no due
    # date: last). HR-P4's GDPR-5 is not assessed but not yet due.
    assert attention.select("project_id", "control", "why").rows() == [
        ("FIN-P2", "SOX-404-1", "non-compliant"),
        ("FIN-P1", "SOX-404-2", "evidence out of date"),
        ("FIN-P2", "GDPR-32", "overdue"),
        ("FIN-P2", "SOX-ITGC", "no evidence"),
    ]
    # HR-P3 is tagged GDPR and returns no GDPR control.
    assert rows(governed, "uncontrolled_tags").select("project_id", "framework").rows() == [("HR-P3", "GDPR")]
    assert rows(governed, "mandatory_projects")["project_id"].to_list() == ["FIN-P2"]


def test_utilisation_bottlenecks_and_demand_drivers(governed):
    usage = rows(governed, "utilisation", rows="department_role")
    cells = {(r["department_id"], r["role"], r["month"].month): r for r in usage.iter_rows(named=True)}
    # FIN developers in October: 1.5 + 1.0 against 2 -> 125%, over-allocated; November 1.0 / 2.
    assert cells[("FIN", "Developer", 10)]["utilisation"] == pytest.approx(1.25)
    assert cells[("FIN", "Developer", 10)]["over_allocated"]
    assert cells[("FIN", "Developer", 11)]["utilisation"] == pytest.approx(0.5)
    # Testers: October none of 1 (0%); November FIN-P2's 1.0 of 1 is full, not over (FIN-P6 is cancelled).
    assert cells[("FIN", "Tester", 10)]["utilisation"] == 0
    assert cells[("FIN", "Tester", 11)]["demand_fte"] == pytest.approx(1.0)
    assert not cells[("FIN", "Tester", 11)]["over_allocated"]
    # Demand where no capacity was returned is over-allocated, its utilisation unknown.
    assert (
        cells[("FIN", "Analyst", 12)]["utilisation"] is None
        and cells[("FIN", "Analyst", 12)]["over_allocated"]
    )
    assert cells[("HR", "Developer", 1)]["over_allocated"]
    # Summed rows: developers across FIN and HR in October, 2.5 + 0.5 of 2 + 1: exactly full, not over;
    # FIN's roles together in October, 2.5 of 2 + 1.
    by_role = rows(governed, "utilisation", rows="role").filter(pl.col("month") == dt.date(2026, 10, 1))
    assert by_role.select("role", "capacity_fte", "demand_fte", "over_allocated").rows() == [
        ("Developer", 3.0, 3.0, False),
        ("Tester", 1.0, 0.0, False),
    ]
    by_department = rows(governed, "utilisation", rows="department").filter(
        pl.col("month") == dt.date(2026, 10, 1)
    )
    assert by_department.select("department_id", "role", "utilisation").rows() == [
        ("FIN", None, pytest.approx(2.5 / 3)),
        ("HR", None, pytest.approx(0.5)),
    ]
    roles = rows(governed, "bottlenecks")
    # Developer: FIN October (0.5 short), HR January and February (HR-P8's 1.0 and 0.5, no capacity);
    # Analyst: FIN December (0.5).
    assert roles.select("role", "over_allocated_months", "departments", "shortfall_fte_months").rows() == [
        ("Developer", 3, 2, pytest.approx(2.0)),
        ("Analyst", 1, 1, pytest.approx(0.5)),
        ("Tester", 0, 0, pytest.approx(0.0)),
    ]
    drivers = rows(
        governed,
        "demand_drivers",
        scope=["FIN"],
        department="FIN",
        role="Developer",
        month=dt.date(2026, 10, 1),
    )
    assert drivers.select("project_id", "demand_fte").rows() == [("FIN-P1", 1.5), ("FIN-P2", 1.0)]
    unstarted = rows(governed, "unstarted_demand")
    assert unstarted.select("project_id", "demand_fte_months").rows() == [("HR-P8", 1.5)]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frame(at, key: str) -> pl.DataFrame | None:
    """The table drawn with this key (a clickable one), or the one with this column (a plain one)."""
    found = [d for d in at.dataframe if d.key == key] or [d for d in at.dataframe if key in d.value.columns]
    return pl.from_pandas(found[0].value) if found else None


def test_the_governance_page_as_an_executive_and_as_a_pmo_head(governed):
    from tests.test_app import app

    at = app("governance", user="exec")
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Governance · Enterprise"
    assert metrics(at) == {
        "Gates overdue": "3",
        "Changes pending": "2",
        "Escalations": "3",
        "Outside tolerance": "2",
    }
    # Two rows of tabs, each tab a link (their names stay put; the second row's parameter is its own);
    # only the open one of each is drawn, its count first.
    assert [t.label for t in at.tabs] == [
        "Stage gates",
        "Escalations",
        "Outside tolerance",
        "Changes pending",
        "The agenda",
        "Gates passed",
        "Change control",
        "Satisfaction and seed KPIs",
        "Post-implementation reviews",
        "Proposals",
    ]
    assert frame(at, "scores") is None  # Satisfaction, a closed tab
    assert [c.proto.id.split("-")[-1] for c in at.get("plotly_chart")] == ["gates_passed"]
    assert [c.value for c in at.caption if c.value.startswith("5 gates not passed by 31 Oct 2026")]
    assert frame(at, "gates_due").height == 5 and frame(at, "escalations") is None
    counts = {}
    for tab, key, said in (
        ("Escalations", "escalations", "3 escalations: critical and high issues"),
        ("Outside tolerance", "outside_tolerance", "2 active projects whose forecast cost"),
        ("Changes pending", "changes_pending", "2 change requests raised and not decided"),
    ):
        opened = app("governance", user="exec", governance_tab=tab)
        first = [c.value for c in opened.caption if c.value.startswith(said)]
        counts[tab] = (frame(opened, key).height, len(first), frame(opened, "gates_due") is None)
    assert counts == {
        "Escalations": (3, 1, True),
        "Outside tolerance": (2, 1, True),
        "Changes pending": (2, 1, True),
    }
    # The agenda: gates (5), escalations (3), outside tolerance (2), changes (2), in that order.
    agenda = app("governance", user="exec", governance_tab="The agenda")
    said = [m.value for m in agenda.markdown if "gate overdue" in m.value]
    assert said == [
        "**3** gate overdue · **2** gate due · **2** escalated issue · **1** escalated risk · "
        "**2** outside tolerance · **2** change pending"
    ]
    # The seed KPIs in October, the returns in force: EV 450 + 1000 + 190 + 400 against PV 600 + 1000
    # + 200 + 400 -> -160 / 2200; EAC within 10% of budget for FIN-P2 and HR-P4 of the four; satisfaction
    # 3, 4, 3, 4.
    at = app("governance", user="exec", made="Satisfaction and seed KPIs")
    assert metrics(at) == {
        "Gates overdue": "3",
        "Changes pending": "2",
        "Escalations": "3",
        "Outside tolerance": "2",
        "Schedule variance": "-7.3%",
        "Budget adherence": "50%",
        "Stakeholder satisfaction": "3.5 / 5",
    }
    assert frame(at, "gate_decisions") is None  # Gates passed, closed
    # Satisfaction by department, lowest first: FIN (3 + 4) / 2 = 3.5, was 4.0; HR (3 + 4) / 2, was 3.5.
    by_department = frame(at, "scores")
    assert by_department.select("department", "satisfaction", "change").rows() == [
        ("Finance", 3.5, -0.5),
        ("People", 3.5, 0.0),
    ]
    assert frame(at, "lowest_satisfaction")["project"].to_list() == [
        "General ledger migration",  # FIN-P1, 3
        "Payroll replacement",  # HR-P3, 3
        "Accounts payable automation",  # FIN-P2, 4
        "Recruitment portal",  # HR-P4, 4 (September's return)
    ]
    at = app("governance", user="hr_head", made="Satisfaction and seed KPIs")
    got = metrics(at)
    assert {k: got[k] for k in ("Gates overdue", "Changes pending", "Escalations", "Outside tolerance")} == {
        "Gates overdue": "1",
        "Changes pending": "0",
        "Escalations": "1",
        "Outside tolerance": "1",
    }
    assert got["Stakeholder satisfaction"] == "3.5 / 5"  # HR-P3 3, HR-P4 4
    shown = " ".join(str(v) for v in frame(at, "gates_due").to_dicts())
    assert "FIN-" not in shown and "Finance" not in shown


def test_a_click_on_a_gate_opens_its_project(governed):
    from tests.test_app import app

    at = app("governance", user="exec")
    at.session_state["gates_due"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    assert at.title[0].value == "Payroll replacement"  # HR-P3, the second gate due


def test_the_compliance_and_resources_pages(governed):
    from tests.test_app import app

    at = app("compliance", user="fin_head")
    assert not at.exception, [e.message for e in at.exception]
    assert frame(at, "controls_attention")["control"].to_list() == [
        "SOX-404-1",
        "SOX-404-2",
        "GDPR-32",
        "SOX-ITGC",
    ]
    assert frame(at, "uncontrolled_tags") is None  # HR-P3's missing GDPR control is not FIN's
    [chart] = [c for c in at.get("plotly_chart") if "heatmap" in c.proto.spec]
    heat = json.loads(chart.proto.spec)["data"][0]
    assert (heat["y"], heat["x"], heat["text"]) == (["GDPR", "SOX"], ["Finance"], [["0/1"], ["3/4"]])
    at = app("resources", user="exec")
    assert not at.exception, [e.message for e in at.exception]
    assert frame(at, "over_allocated_months")["role"].to_list() == ["Developer", "Analyst", "Tester"]
    # A click on FIN's developers in October lists what drives them; a click on a row opens the project.
    at.session_state["utilisation"] = {
        "selection": {
            "points": [{"customdata": "FIN|Developer|2026-10-01"}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    at.run()
    assert frame(at, "demand_drivers")["project_id"].to_list() == ["FIN-P1", "FIN-P2"]
    at.session_state["demand_drivers"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert at.title[0].value == "General ledger migration"


def test_the_agenda_lists_every_decision_needed_as_text(governed):
    from pmo_dash.data import governance

    agenda = governance.agenda(
        rows(governed, "gates_due"),
        rows(governed, "changes_pending"),
        rows(governed, "escalations"),
        rows(governed, "outside_tolerance"),
    )
    assert agenda.select("item", "project_id").rows()[:3] == [
        ("Gate overdue", "FIN-P1"),
        ("Gate overdue", "HR-P3"),
        ("Gate overdue", "FIN-P2"),
    ]
    assert agenda.filter(pl.col("item") == "Outside tolerance")["detail"].to_list() == [
        "cost 32% over budget",
        "cost 11% over budget",
    ]
    assert agenda.filter(pl.col("item") == "Change pending")["detail"].to_list() == [
        "60 days old; 30 days of schedule",
        "30 days old; 0 days of schedule",
    ]


def test_post_implementation_reviews_due_held_and_overdue(governed):
    # HR-P9 closed 31 Jan, due 31 Jul, held 20 Aug (late) and HR-L9 logged after it; HR-P10 closed 31
    # Mar, due 30 Sep: overdue by 31 days; HR-P5 closed 30 Jun, due 30 Dec: not yet due (its review on
    # 10 November is after the period). HR-P5's benefit measured after closing: 120 of 150 planned.
    status = rows(governed, "pir_status")
    assert status.select(
        "department_id", "closed", "held", "overdue", "not_yet_due", "held_late", "with_lessons"
    ).rows() == [("HR", 3, 1, 1, 1, 1, 1)]
    assert status["benefits_realisation"].to_list() == [pytest.approx(0.8)]
    listed = rows(governed, "pir_list")
    assert listed.select("project_id", "status", "due_on", "days_overdue", "rating").rows() == [
        ("HR-P10", "overdue", dt.date(2026, 9, 30), 31, None),
        ("HR-P9", "held", dt.date(2026, 7, 31), 92, "Partially successful"),
    ]
    assert rows(governed, "pir_status", scope=["FIN"]).is_empty()  # FIN closed nothing


def test_a_pmo_head_sees_only_their_departments_resources_and_an_executive_every_control(governed):
    from tests.test_app import app

    at = app("resources", user="hr_head")
    assert not at.exception, [e.message for e in at.exception]
    [chart] = [c for c in at.get("plotly_chart") if "heatmap" in c.proto.spec]
    # One department in view: a row per role of People's (its developers), none of Finance's.
    assert json.loads(chart.proto.spec)["layout"]["yaxis"]["ticktext"] == ["People · Developer"]
    assert frame(at, "over_allocated_months")["role"].to_list() == ["Developer"]
    assert frame(at, "unstarted_demand")["project"].to_list() == ["Learning platform"]  # HR-P8
    at = app("compliance", user="exec")
    assert not at.exception, [e.message for e in at.exception]
    assert frame(at, "controls_attention")["control"].to_list() == [
        "SOX-404-1",
        "SOX-404-2",
        "GDPR-32",
        "SOX-ITGC",
    ]
    assert frame(at, "uncontrolled_tags")["project"].to_list() == ["Payroll replacement"]  # HR-P3, GDPR


def test_a_role_exactly_full_is_amber_on_the_map_not_red(governed):
    from pmo_dash.ui.governance import charts

    usage = rows(governed, "utilisation", rows="department_role")
    figure = charts.utilisation_map(usage, 1.0)
    heat, labels = figure.data[0], list(figure.layout.yaxis.ticktext)
    # FIN's testers in November: 1.0 of 1 (full, not over); FIN's developers in October: 2.5 of 2 (over).
    tester, developer = labels.index("Finance · Tester"), labels.index("Finance · Developer")
    assert heat.z[tester][1] < 1.0 and heat.text[tester][1] == "100%"
    assert heat.z[developer][0] == pytest.approx(1.25)


def test_the_map_labels_the_cells_that_need_attention_and_every_cell_takes_a_click(governed):
    from pmo_dash.ui.governance import charts

    usage = rows(governed, "utilisation", rows="department_role")
    figure = charts.utilisation_map(usage, 1.0)
    (heat, points), labels = figure.data, list(figure.layout.yaxis.ticktext)
    months = list(figure.layout.xaxis.ticktext)
    developer, analyst = labels.index("Finance · Developer"), labels.index("Finance · Analyst")
    # Labelled: October's 125% (over), December's analysts (demand, no capacity). Unlabelled, green:
    # November's developers at 50% and October's testers at 0%, whose shares are in the hover only.
    assert heat.text[developer][:2].tolist() == ["125%", ""]
    assert heat.text[analyst][2] == "no cap."
    assert heat.text[labels.index("Finance · Tester")][0] == ""
    # Plotly does not select heat-map cells: a point over each cell carries its click and its hover.
    at = {
        (labels[y], months[x]): (pick, hover)
        for x, y, pick, hover in zip(points.x, points.y, points.customdata, points.hovertext, strict=True)
    }
    assert len(at) == len(usage)
    assert at[("Finance · Developer", "Nov 26")] == (
        "FIN|Developer|2026-11-01",
        "Finance · Developer<br>Nov 26: 50% of capacity",
    )
    assert (
        at[("Finance · Analyst", "Dec 26")][1] == "Finance · Analyst<br>Dec 26: demand, no capacity returned"
    )
    assert heat.hoverinfo == "skip"


def test_two_departments_of_one_name_keep_a_row_each_and_say_which_is_which():
    from pmo_dash.ui.governance import charts

    october = dt.date(2026, 10, 1)
    usage = pl.DataFrame(
        {
            "department_id": ["A", "B"],
            "department": ["Operations", "Operations"],
            "role": [None, None],
            "month": [october, october],
            "utilisation": [0.5, 1.2],
            "demand_fte": [1.0, 2.4],
            "over_allocated": [False, True],
        }
    )
    figure = charts.utilisation_map(usage, 1.0)
    heat, points = figure.data
    assert list(figure.layout.yaxis.ticktext) == ["Operations (A)", "Operations (B)"]
    assert heat.text.tolist() == [[""], ["120%"]]
    assert list(zip(points.y, points.customdata, strict=True)) == [(0, "A||2026-10-01"), (1, "B||2026-10-01")]
    # An over-allocation line set below 85%: no amber band, and the colour scale still runs upwards.
    steps = [at for at, _ in charts.utilisation_map(usage, 0.8).data[0].colorscale]
    assert steps == sorted(steps)


@pytest.mark.parametrize(
    ("departments", "opening"),
    [
        (1, "department_role"),
        (2, "department_role"),
        (3, "department"),
        (12, "department"),
        (13, "role"),
        (40, "role"),
    ],
)
def test_the_map_opens_on_rows_a_screen_can_hold(departments, opening):
    from streamlit.testing.v1 import AppTest

    def page() -> None:
        import streamlit as st

        from pmo_dash.ui.governance import resources

        in_view = st.session_state.get("departments", 2)
        st.session_state["rows"] = resources.rows_per([f"D{n:02d}" for n in range(in_view)])

    # The same session, first with two departments in view, then with the test's number: a view
    # widened past a screen's worth opens afresh.
    at = AppTest.from_function(page).run()
    assert at.session_state["rows"] == "department_role"
    at.session_state["departments"] = departments
    at.run()
    assert at.session_state["rows"] == opening


@pytest.mark.browser
def test_clicking_a_utilisation_cell_in_chromium_lists_the_projects_driving_it(governed):
    from tests.browser import chromium_page, log_in, require_chromium, settle, streamlit_server
    from tests.test_browser import fixture_env

    require_chromium()
    with streamlit_server(fixture_env(governed)) as url, chromium_page() as page:
        page.goto(f"{url}/resources")
        log_in(page)
        page.locator(".st-key-utilisation .js-plotly-plot").wait_for(timeout=30_000)
        settle(page)
        # Where FIN's developers in October sit on the page, from the chart's own axes.
        x, y = page.evaluate(
            """() => { const chart = document.querySelector('.st-key-utilisation .js-plotly-plot');
                const plot = chart.querySelector('rect.nsewdrag').getBoundingClientRect(), full = chart._fullLayout;
                const x = full.xaxis.ticktext.indexOf('Oct 26'), y = full.yaxis.ticktext.indexOf('Finance · Developer');
                return [plot.x + full.xaxis.d2p(x), plot.y + full.yaxis.d2p(y)]; }"""
        )
        page.mouse.click(x, y)
        title = page.get_by_text("What drives demand in Oct 2026: Finance · Developer")
        title.wait_for(timeout=30_000)
        settle(page)
        # The drivers are the page's first table, below the map; its grid fills its cells once drawn.
        drivers = page.locator('[data-testid="stDataFrame"]').first
        drivers.locator('table [role="gridcell"]').first.wait_for(state="attached", timeout=30_000)
        cells = drivers.evaluate("""table => [...table.querySelectorAll('table [role="gridcell"]')]
            .map(cell => cell.textContent)""")
    # FIN-P1's 1.5 and FIN-P2's 1.0 developers (test_utilisation_bottlenecks_and_demand_drivers); not
    # HR-P8, whose demand is People's, listed beside as not yet started.
    assert "General ledger migration" in cells and "Accounts payable automation" in cells
    assert "Learning platform" not in cells


@pytest.mark.parametrize(
    "opened",
    [{"governance_tab": tab} for tab in TABS] + [{MADE_KEY: tab} for tab in MADE],
    ids=lambda o: str(o),
)
def test_a_pmo_head_sees_nothing_of_another_department_on_any_governance_tab(governed, opened):
    from tests.test_access import leaks
    from tests.test_app import app

    # The control: the same tabs show Finance's rows to an executive.
    assert leaks(app("governance", user="exec", **opened), "FIN"), (
        f"{opened} shows no Finance row to an executive"
    )
    at = app("governance", user="hr_head", **opened)
    assert not at.exception, [e.message for e in at.exception]
    assert leaks(at, "FIN") == []
