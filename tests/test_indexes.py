"""Issue 14 item 7: the Department, Programme and Project pages with nothing chosen list every one in
view with its RAG and key figures (hand-computed from the golden fixture, October 2026), and a click on
a row opens it; a link naming one the user cannot see still shows nothing but the warning."""

from __future__ import annotations

import pytest

from tests.test_app import app


def click_row(at, key: str, row: int):
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


def test_the_department_menu_item_opens_an_index_of_departments(fixture_settings):
    at = app("department")
    assert not at.exception
    assert [t.value for t in at.title] == ["Departments"]
    index = at.dataframe[0].value
    assert index["department"].tolist() == ["Finance", "People"]
    assert index["active_projects"].tolist() == [2, 2]
    # Finance: FIN-P1 Red (SPI 0.75, a watermelon), FIN-P2 Amber (a high risk). People: HR-P3 Red (CPI
    # 0.76), HR-P4 Amber (30 days late, no October return).
    assert index[["evidence_red", "evidence_amber", "evidence_green", "watermelons"]].values.tolist() == [
        [1, 1, 0, 1],
        [1, 1, 0, 0],
    ]
    # SPI 1450/1600 and 590/600; CPI 1450/1500 and 590/630.
    assert index["spi"].round(4).tolist() == [0.9062, 0.9833]
    assert index["cpi"].round(4).tolist() == [0.9667, 0.9365]
    assert index["reporting_compliance"].tolist() == [1.0, 0.5]
    at = click_row(at, "department_index", 1)
    assert [t.value for t in at.title] == ["People"]
    assert at.query_params["department"] == "HR"


def test_the_programme_menu_item_opens_an_index_of_programmes(fixture_settings):
    at = app("programme")
    assert [t.value for t in at.title] == ["Programmes"]
    index = at.dataframe[0].value
    assert index[["programme", "department", "active_projects", "red", "amber"]].values.tolist() == [
        ["Ledger renewal", "Finance", 2, 1, 1],
        ["Workforce platform", "People", 2, 1, 1],
    ]
    at = click_row(at, "programme_index", 0)
    assert [t.value for t in at.title] == ["Ledger renewal"]


def test_the_project_menu_item_opens_an_index_of_projects(fixture_settings):
    at = app("project")
    assert [t.value for t in at.title] == ["Projects"]
    index = at.dataframe[0].value
    # Red first, the lower SPI first: FIN-P1 (0.75), HR-P3 (0.95); then Amber.
    assert index["project_id"].tolist() == ["FIN-P1", "HR-P3", "FIN-P2", "HR-P4"]
    at = click_row(at, "project_index", 1)
    assert [t.value for t in at.title] == ["Payroll replacement"]
    # A project that is not active any more opens by name.
    at = app("project")
    at.text_input(key="project_any_find").set_value("leave").run()
    assert at.selectbox(key="project_any").options == ["HR-P5 · Leave self-service"]
    assert at.selectbox(key="project_any").label == "1 found"
    at.selectbox(key="project_any").set_value("HR-P5").run()
    assert at.query_params["project"] == "HR-P5"
    assert at.warning[0].value.startswith("Leave self\\-service had ended by Oct 2026")


@pytest.mark.parametrize("page", ["department", "programme", "project"])
def test_a_link_to_one_the_user_cannot_see_shows_no_index(fixture_settings, page):
    at = app(page, **{page: "SECRET"})
    assert [w.value for w in at.warning] == [
        f"The link names {page} 'SECRET', which is not one you can see here."
    ]
    assert not at.dataframe and not at.title


def test_a_pmo_head_sees_only_their_departments_in_the_index(fixture_settings):
    at = app("department", user="fin_head")
    assert at.dataframe[0].value["department"].tolist() == ["Finance"]


def test_finding_a_project_by_name_lists_the_first_matches_and_says_when_none(fixture_settings, monkeypatch):
    from pmo_dash.ui.portfolio import index

    monkeypatch.setattr(index, "FOUND", 2)
    at = app("project")
    at.text_input(key="project_any_find").set_value("fin-p").run()
    picker = at.selectbox(key="project_any")
    assert int(picker.label.split()[0]) > 2 and len(picker.options) == 2  # more found than listed
    assert picker.label.endswith(" found, the first 2 listed: type more to narrow")
    at.text_input(key="project_any_find").set_value("[x](https://evil.example)").run()
    assert "project_any" not in [s.key for s in at.selectbox]
    [said] = [c.value for c in at.caption if c.value.startswith("No project you can see has")]
    assert "](https" not in said  # read as typed, never a link
