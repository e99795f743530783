"""The Roadmap page as AppTest runs it on the planning fixture (tests/fixtures/planning): the timeline,
the broken dependencies and the late project at the head of the chain, a click to the project."""

from __future__ import annotations

import datetime as dt

from test_app import app, select_point
from test_planning import planned_app  # noqa: F401  (the app on the planning fixture)


# First: the module's planning warehouse, once made, is the app's until the module ends.
def test_no_dependencies_returned_says_so(fixture_settings):
    at = app("roadmap")
    assert not at.exception
    assert any("`dependencies` return" in i.value for i in at.info)


def test_the_roadmap_draws_each_project_and_lists_the_broken_chain(planned_app):  # noqa: F811  (the fixture, imported)
    at = app("roadmap")
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Roadmap · Enterprise"
    # Six projects with baseline dates are on the portfolio in October (FIN-P1, P2, P7; HR-P3, P4, and
    # HR-P5 closed in June is off it): few enough to draw without grouping.
    timeline = at.get("plotly_chart")[0]
    assert '"FIN-P7"' in timeline.proto.spec and '"HR-P4"' in timeline.proto.spec
    tables = [t.value for t in at.dataframe]
    broken = tables[0]
    assert broken["project_id"].to_list() == ["FIN-P2", "FIN-P7"]
    assert broken["delay_days"].to_list() == [15, 14]
    origins = tables[1]
    assert origins["project_id"].to_list() == ["HR-P4"]
    assert origins["projects_delayed"].to_list() == [2]


def test_clicking_a_bar_opens_the_project(planned_app):  # noqa: F811  (the fixture, imported)
    at = select_point(app("roadmap"), "roadmap_projects", "FIN-P7")
    assert not at.exception
    assert at.title[0].value == "Financial reporting"
    assert at.query_params["project"] == "FIN-P7"


def test_a_pmo_head_sees_their_department_and_the_other_end_by_department_only(planned_app):  # noqa: F811  (the fixture, imported)
    at = app("roadmap", user="fin_head")
    assert not at.exception
    broken = at.dataframe[0].value
    assert broken["predecessor"].to_list() == ["a project of HR", "Accounts payable automation"]
    spec = at.get("plotly_chart")[0].proto.spec
    assert "HR-P4" not in spec and "Recruitment portal" not in spec


def test_a_brief_lists_what_it_waits_for_and_who_waits_for_it(planned_app):  # noqa: F811  (the fixture, imported)
    at = app("project", project="FIN-P2")
    assert not at.exception
    waits = at.dataframe(key="waits_for").value
    assert waits["other_project"].to_list() == ["Recruitment portal", "General ledger migration"]
    assert waits["delay_days"].to_list() == [15, 0]
    assert at.dataframe(key="waited_by").value["other_project"].to_list() == ["Financial reporting"]
    # A click on a row opens that project.
    at.session_state["waits_for"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert at.title[0].value == "Recruitment portal"


def test_the_roadmap_of_an_oversight_portfolio_from_its_dates_alone(oversight_warehouse):
    from pmo_dash import db

    params = {"scope": ["MOJ"], "programme": None, "objective": None, "as_of": dt.date(2026, 3, 31)}
    rows = db.query(
        oversight_warehouse, "planning/roadmap_projects", params | {"group_by": "department", "group": None}
    )
    got = {r["project_id"]: r for r in rows.iter_rows(named=True)}
    # MOJ-P1 re-baselined to 30 September 2027 and forecasts 31 October: 31 days late, Amber on evidence.
    one = got["MOJ-P1"]
    assert (one["start_on"], one["original_finish"], one["baseline_finish"], one["forecast_finish"]) == (
        dt.date(2020, 4, 1),
        dt.date(2027, 3, 31),
        dt.date(2027, 9, 30),
        dt.date(2027, 10, 31),
    )
    assert (one["rag"], one["rag_reported"]) == ("Amber", False)
    # MOJ-P2 withholds its forecast: its bar ends at its baseline, coloured as reported (Amber/Green: Amber).
    two = got["MOJ-P2"]
    assert (two["forecast_finish"], two["forecast_unknown"], two["rag"], two["rag_reported"]) == (
        dt.date(2028, 3, 31),
        True,
        "Amber",
        True,
    )
    groups = db.query(oversight_warehouse, "planning/roadmap_groups", params | {"group_by": "department"})
    assert groups["projects"].to_list() == [rows.height]
