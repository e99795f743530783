"""Issue 14 item 12: a view of an earlier period shows what was true then, or labels what returns keep
only as it is today; a project that ended before any period says so, never "had not started".

The golden returns, plus in Finance: FIN-P7, closed on 15 February 2026, before the first period (June);
FIN-P8, whose returns give no forecast finish while its projects row says 30 June 2027 (baseline 31
March 2027); FIN-P9, starting in January 2027; two milestones and two compliance controls of FIN-P1."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pmo_dash import data
from tests.conftest import app_on, golden_returns, on_screen
from tests.test_app import app

SEP, OCT = dt.date(2026, 9, 30), dt.date(2026, 10, 31)
FIN = ("FIN",)

PROJECTS = """\
FIN-P7,FIN,,Old ledger archive,CFO,Grace Hopper,Agile,Closed,Closed,OBJ1,2,2025-01-01,2025-12-31,,2026-02-15,300,,no,
FIN-P8,FIN,,Treasury dashboard,CFO,Grace Hopper,Agile,Execution,Active,OBJ1,3,2026-07-01,2027-03-31,2027-06-30,,400,,no,
FIN-P9,FIN,,Tax engine,CFO,Grace Hopper,Agile,Initiation,Active,OBJ1,3,2027-01-01,2027-12-31,,,500,,no,
"""
# FIN-P8's returns carry no forecast finish.
RETURNS = """\
FIN-P8,2026-08-31,Green,Green,Green,10,40,40,40,,4,Started
FIN-P8,2026-09-30,Green,Green,Green,20,80,80,80,,4,On track
FIN-P8,2026-10-31,Green,Green,Green,30,120,120,120,,4,On track
"""
MILESTONES = """\
milestone_id,project_id,name,baseline_date,forecast_date,actual_date
FIN-M1,FIN-P1,Design signed off,2026-08-15,2026-08-15,2026-08-20
FIN-M2,FIN-P1,Go-live,2026-12-15,2027-01-31,
"""
CONTROLS = """\
project_id,framework,control,state,due_on,evidenced_on
FIN-P1,SOX,SOX-302,Compliant,2026-08-15,2026-09-15
FIN-P1,SOX,SOX-404,In progress,2026-12-31,
"""


@pytest.fixture(scope="module")
def travel_app(fixture_settings, tmp_path_factory):
    out = tmp_path_factory.mktemp("travel")
    source = golden_returns(out / "returns")
    with (source / "FIN" / "projects.csv").open("a") as f:
        f.write(PROJECTS)
    with (source / "FIN" / "status_reports.csv").open("a") as f:
        f.write(RETURNS)
    (source / "FIN" / "milestones.csv").write_text(MILESTONES)
    (source / "FIN" / "compliance_controls.csv").write_text(CONTROLS)
    with app_on(source, out) as settings:
        yield settings


def warnings(at) -> list[str]:
    return [on_screen(w.value) for w in at.warning]


def test_a_project_that_ended_before_any_period_had_ended_rather_than_not_started(travel_app):
    assert warnings(app("project", project="FIN-P7")) == [
        "Old ledger archive had ended by Oct 2026: it finished on 15 Feb 2026, before any period its "
        "returns cover."
    ]
    assert warnings(app("project", project="FIN-P9")) == [
        "Tax engine had not started by Oct 2026 (its baseline start is 1 Jan 2027): choose a later period."
    ]
    # A project with periods before the one asked for: it had ended (the golden fixture's HR-P5).
    assert warnings(app("project", project="HR-P5")) == [
        "Leave self-service had ended by Oct 2026 (its last period was Jun 2026): choose an earlier period."
    ]


def test_the_projects_own_forecast_finish_is_todays_and_stands_for_the_latest_period_only(travel_app):
    def brief(as_of):
        row = data.project.part(FIN, "FIN-P8", as_of, "brief").row(0, named=True)
        return row["forecast_finish"], row["slip_days"]

    # October is the latest period: the projects row's forecast, 30 June 2027, 91 days after 31 March.
    assert brief(OCT) == (dt.date(2027, 6, 30), 91)
    # In September nobody had said so: a Delivery return without a forecast finish is on its baseline.
    assert brief(SEP) == (dt.date(2027, 3, 31), 0)


def test_compliance_controls_as_they_stood(travel_app):
    def controls(as_of):
        rows = data.project.part(FIN, "FIN-P1", as_of, "controls")
        return rows.select("control", "state", "evidenced_on", "overdue").rows()

    # SOX-302 was due on 15 August and evidenced on 15 September: overdue in August, compliant since.
    assert controls(dt.date(2026, 8, 31)) == [
        ("SOX-302", "Not yet evidenced", None, True),
        ("SOX-404", "In progress", None, False),
    ]
    assert controls(OCT) == [
        ("SOX-302", "Compliant", dt.date(2026, 9, 15), False),
        ("SOX-404", "In progress", None, False),
    ]


def column_labels(at) -> set[str]:
    return {c["label"] for d in at.dataframe for c in json.loads(d.proto.columns).values() if c.get("label")}


def test_an_earlier_period_labels_what_returns_keep_only_as_it_is_today(travel_app):
    then = app("project", project="FIN-P1", as_of="Sep 2026")
    assert {"Owner (today)", "Response (today)", "Action due (today)"} <= column_labels(then)
    captions = [on_screen(c.value) for c in then.caption]
    assert "Forecast dates as returned today (returns keep no history of them)." in captions
    assert (
        "States as returned today (returns keep no history of them); a control evidenced after Sep 2026 "
        "shows as not yet evidenced." in captions
    )
    now = app("project", project="FIN-P1")
    assert {"Owner", "Response", "Action due"} <= column_labels(now)
    assert not any("today" in label for label in column_labels(now))
    assert not any("returned today" in on_screen(c.value) for c in now.caption)
    risks = app("risks", as_of="Sep 2026")
    assert {"Owner (today)", "Action due (today)"} <= column_labels(risks)
    assert "Owner" in column_labels(app("risks"))
