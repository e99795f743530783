"""The pages as AppTest runs them on the fixture warehouse: the right numbers, drill-downs, time travel, links."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pmo_dash.ui import picks, shell
from pmo_dash.ui.portfolio import home, views
from tests.conftest import on_screen

ROOT = Path(__file__).parent.parent
ENTITY = {"department": "HR", "programme": "FIN-PG1", "project": "FIN-P1"}
# The pages that follow the drill path take a department or programme too.
LEVELS = {"risks": {"department": "FIN"}, "benefits": {"programme": "FIN-PG1"}, "lessons": {}}


def app(page: str = "enterprise", user: str | None = "exec", **query: str | list[str]) -> AppTest:
    """The app opened on a page, as a link with these query parameters would open it, by a signed-in user."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    if user:
        at.session_state["authentication_status"] = True
        at.session_state["username"] = user
    for key, value in query.items():
        at.query_params[key] = value
    if page != "enterprise":
        at.switch_page(shell.page(page))
    return at.run()


def metrics(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta or None) for m in at.metric}


def select_point(at: AppTest, chart_key: str, customdata: str) -> AppTest:
    """What a click on a bar or point does: the chart's selection names it."""
    at.session_state[chart_key] = {
        "selection": {"points": [{"customdata": customdata}], "point_indices": [0], "box": [], "lasso": []}
    }
    return at.run()


@pytest.mark.parametrize("page", list(shell.PAGES))
def test_every_page_runs_without_an_exception(fixture_settings, page):
    at = app(page, user="admin", **({page: ENTITY[page]} if page in ENTITY else LEVELS.get(page, {})))
    assert not at.exception, [e.message for e in at.exception]
    assert at.title, f"{page} shows no title"
    assert "PMO Dash is unavailable" not in [t.value for t in at.title], f"{page} failed"


def test_a_page_file_run_on_its_own_hands_over_to_the_app(fixture_settings):
    at = AppTest.from_file(str(ROOT / "pages" / "enterprise.py"), default_timeout=30).run()
    assert not at.exception
    assert not at.metric, "a page outside the app must show no data"
    assert [e.value for e in at.error] == [
        "This page is part of PMO Dash: open the app itself (`streamlit run app.py`)."
    ]


def test_enterprise_kpis_and_their_change_since_the_previous_period(fixture_settings):
    assert metrics(app()) == {
        "Active projects": ("4", "no change"),
        "Budget": ("£4.30k", "no change"),
        # EAC: Oct 1000/0.9 + 2000 + 500/0.76 + 800/(400/380) = 4,529.0; Sep 1000/(420/450) + 2000 + 500/(170/210) + 760.
        "EAC": ("£4.53k", "+£80"),
        # SPI: Oct 2040/2200 = 0.927, Sep 1790/1880 = 0.952. CPI: Oct 2040/2130 = 0.958, Sep 1790/1840 = 0.973.
        "SPI": ("0.93", "-0.02"),
        "CPI": ("0.96", "-0.02"),
        "Red (evidence)": ("50%", "no change"),
        # FIN-R2 reached 5 x 3 = 15 on 15 October; HR-R1 stands at 16 throughout.
        "High risks": ("2", "+1"),
        # The returns in force: Oct FIN-P1 3, FIN-P2 4, HR-P3 3, HR-P4 4 (September's) = 3.5; Sep 4, 4, 3,
        # 4 = 3.75: -0.25, to one place.
        "Satisfaction": ("3.5 / 5", "-0.2"),
    }


def test_change_since_the_previous_quarter_end(fixture_settings):
    at = app(compare="previous quarter-end")
    # The previous quarter-end before October is 30 September: the same baseline as the previous period.
    assert metrics(at)["High risks"] == ("2", "+1")
    at = app(as_of="Sep 2026", compare="previous quarter-end")
    # Before September, the quarter ended on 30 June: FIN-P1 and FIN-P2 had not reported (no SPI),
    # HR-P5 was delivering (active in its finish month) and only FIN-R3 and HR-R1's predecessors stood.
    assert metrics(at)["Active projects"] == ("4", "-1")


def test_choosing_an_earlier_period_shows_the_portfolio_as_it_was(fixture_settings):
    at = app()
    at.selectbox(key="as_of").set_value(dt.date(2026, 9, 30)).run()
    got = metrics(at)
    assert got["Active projects"][0] == "4"
    assert got["EAC"][0] == "£4.45k"  # 1071.43 + 2000 + 617.65 + 760
    assert got["SPI"][0] == "0.95"  # 1790 / 1880
    assert got["CPI"][0] == "0.97"  # 1790 / 1840
    assert got["High risks"][0] == "1"  # FIN-R3 closed on 15 September; FIN-R2 stood at 2 x 3
    assert at.dataframe[0].value["project_id"].tolist() == ["FIN-P1"]  # already a watermelon: SPI 0.84


def test_a_link_restores_the_view(fixture_settings):
    at = app("department", department="HR", as_of="Sep 2026", compare="previous quarter-end")
    assert at.selectbox(key="as_of").value == dt.date(2026, 9, 30)
    assert at.title[0].value == "People"
    # People in September: HR-P3 (BAC 500) and HR-P4 (BAC 800); SPI (170 + 400) / (180 + 400).
    got = metrics(at)
    assert got["Active projects"][0] == "2" and got["Budget"][0] == "£1.30k" and got["SPI"][0] == "0.98"


def test_department_kpis_are_the_departments_alone(fixture_settings):
    got = metrics(app("department", department="HR"))
    assert got["Active projects"] == ("2", "no change")
    assert got["EAC"][0] == "£1.42k"  # 500/0.76 + 760
    assert got["SPI"][0] == "0.98"  # 590 / 600
    assert got["CPI"][0] == "0.94"  # 590 / 630
    assert got["Red (evidence)"][0] == "50%"
    assert got["High risks"][0] == "1"


def test_clicking_a_departments_bar_opens_that_department(fixture_settings):
    at = select_point(app(tab="RAG by department"), "rag_mix", "HR")
    assert not at.exception
    assert at.title[0].value == "People"
    assert at.query_params["department"] == "HR"


def test_a_drill_click_opens_its_department_before_the_page_it_was_on_runs_again(
    fixture_settings, monkeypatch
):
    # The run a click brings follows it at once (drill.follow): the enterprise page is not drawn again
    # first, only to meet the click where its chart is.
    at = app(tab="RAG by department")
    drawn_again = []
    monkeypatch.setattr(home, "show", lambda *args: drawn_again.append(args))
    at = select_point(at, "rag_mix", "HR")
    assert not at.exception
    assert at.title[0].value == "People"
    assert drawn_again == []


def test_a_table_row_click_is_followed_before_the_page_runs_again(fixture_settings, monkeypatch):
    at = app()
    assert at.dataframe[0].value["project_id"].tolist() == ["FIN-P1"]  # the one watermelon
    drawn_again = []
    monkeypatch.setattr(views, "attention", lambda *args: drawn_again.append(args))  # above the table
    at.session_state["watermelons"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.query_params["project"] == "FIN-P1"
    assert drawn_again == []


def test_a_click_is_read_as_untrusted_and_followed_once():
    ids = ["FIN-P1", "HR-P3"]
    assert picks.row_pick({"selection": {"rows": [1]}}, ids) == "HR-P3"
    for hostile in (
        {"selection": {"rows": [2]}},
        {"selection": {"rows": [-1]}},
        {"selection": {"rows": ["0"]}},
        {},
        None,
    ):
        assert picks.row_pick(hostile, ids) is None
    assert picks.point_pick({"selection": {"points": [{"customdata": ["HR"]}]}}) == "HR"
    assert picks.point_pick({"selection": {"points": [{"customdata": 7}]}}) is None


def test_clicking_a_project_in_the_scatter_opens_the_project(fixture_settings):
    at = select_point(app(tab="Schedule and cost"), "scatter", "HR-P3")
    assert at.title[0].value == "Payroll replacement"
    assert [m for m in metrics(at) if m == "CPI"] and metrics(at)["CPI"][0] == "0.76"


def test_clicking_a_programme_row_opens_the_programme(fixture_settings):
    at = app("department", department="FIN")
    at.session_state["programmes"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert at.title[0].value == "Ledger renewal"
    assert metrics(at)["Active projects"][0] == "2"


def test_project_brief_as_of_an_earlier_period(fixture_settings):
    at = app("project", project="FIN-P1", as_of="Aug 2026")
    got = metrics(at)
    assert got["SPI"][0] == "1.00" and got["Open high risks"][0] == "1"
    assert [e.value for e in at.error] == []
    at = app("project", project="FIN-P1")
    assert at.error[0].value.startswith("Watermelon: reported Green, Red on evidence: SPI 0.75 < 0.85")


def test_breadcrumb_walks_back_out(fixture_settings):
    at = app("project", project="FIN-P1")
    links = [(link.value, link.proto.page, link.proto.query_string) for link in at.get("page_link")]
    assert links == [
        ("Enterprise", "", ""),  # the default page lives at the root
        ("Finance", "department", "department=FIN"),
        ("Ledger renewal", "programme", "programme=FIN-PG1"),
    ]


def test_bad_values_in_a_link_are_ignored_with_a_notice(fixture_settings):
    at = app(as_of="13/2026", departments=["Finance", "Nowhere"], objective="World peace")
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "Ignored as_of='13/2026' from the link: not a reporting period (e.g. Oct 2026).",
        "Ignored departments='Nowhere' from the link: not a department you can see.",
        "Ignored objective='World peace' from the link: not a strategic objective.",
    ]
    assert at.multiselect(key="departments").value == ["FIN"]
    assert metrics(at)["Active projects"][0] == "2"


def test_a_link_to_an_unknown_department_shows_nothing_of_it(fixture_settings):
    at = app("department", department="SECRET")
    assert not at.exception
    assert at.warning[0].value == "The link names department 'SECRET', which is not one you can see here."
    assert not at.metric


def test_a_page_across_the_drill_path_is_titled_by_what_it_shows(fixture_settings):
    # Finance's PMO head sees Finance only: its risks are not "the enterprise's". An executive who
    # filters to one department reads that department; to both of the fixture's, the enterprise.
    assert app("risks", user="fin_head").title[0].value == "Risks · Finance"
    assert app("governance", departments="People").title[0].value == "Governance · People"
    assert app("benefits", departments=["Finance", "People"]).title[0].value == "Benefits · Enterprise"


def test_clicking_a_heat_map_cell_lists_its_risks(fixture_settings):
    at = app("risks")
    assert at.title[0].value == "Risks · Enterprise"
    at = select_point(at, "heatmap", "4-4")
    assert not at.exception
    assert "**Risks at likelihood 4 × impact 4** (1)" in [m.value for m in at.markdown]
    assert at.dataframe[0].value["risk_id"].tolist() == ["HR-R1"]


def test_risks_of_one_department(fixture_settings):
    at = select_point(app("risks", department="FIN"), "heatmap", "4-4")
    assert at.title[0].value == "Risks · Finance"
    assert "**Risks at likelihood 4 × impact 4** (0)" in [m.value for m in at.markdown]


def test_heat_map_movement_mode_lists_the_risks_that_worsened(fixture_settings):
    at = app("risks", risks_tab="What worsened")
    at.segmented_control(key="heat_mode").set_value("Movement").run()
    assert "**Risks that worsened since Sep 2026** (1)" in [m.value for m in at.markdown]


def test_lessons_page_health_and_search(fixture_settings):
    at = app("lessons", lessons_tab="Library")
    health = at.dataframe[0].value
    assert health["department"].tolist() == ["Finance", "People"]
    assert health["score"].round(1).tolist() == [75.0, 73.3]
    at.text_input(key="lesson_search").set_value("payroll parallel").run()
    assert at.dataframe[-1].value["lesson_id"].tolist() == ["HR-L2"]


def test_benefits_page_cards(fixture_settings):
    got = metrics(app("benefits"))
    assert got["Benefits"][0] == "3"
    assert got["Realisation"][0] == "85%"  # mean of 0.75, 1.0 and 0.8
    assert got["Cashable realised"] == ("£270", "77% of plan")  # 270 of 350
    assert got["At risk"][0] == "1"


def test_the_benefits_lists_are_tabs_of_which_only_the_open_one_is_drawn(fixture_settings):
    at = app("benefits")
    assert [t.label for t in at.tabs] == [
        "Cashable benefits",
        "Realisation",
        "Furthest behind plan",
        "At risk",
        "Every benefit",
    ]
    assert len(at.get("plotly_chart")) == 2  # the curve and the mix; realisation's two bars wait for a click
    realisation = app("benefits", view="Realisation")
    said = [c.value for c in realisation.caption if c.value.startswith("Realisation is each benefit's")]
    assert len(realisation.get("plotly_chart")) == 2 and len(said) == 1
    assert not [c for c in at.caption if c.value.startswith("Realisation is each benefit's")]
    assert [m.value for m in at.markdown if "** (" in m.value] == ["**Furthest behind plan** (3)"]
    every = app("benefits", benefits_tab="Every benefit")
    assert [m.value for m in every.markdown if "** (" in m.value] == ["**Every benefit** (3)"]
    assert len(every.dataframe) == 1 and every.dataframe[0].value.shape[0] == 3


def test_project_page_shows_lessons_that_match_its_risks(fixture_settings):
    at = app("project", project="HR-P3")
    tables = [d.value for d in at.dataframe]
    matched = [t for t in tables if "why" in t.columns]
    assert matched and matched[0][["lesson_id", "why"]].values.tolist() == [
        ["HR-L2", "shares parallel, payroll"]
    ]


def test_a_project_that_had_ended_says_so_rather_than_not_started(fixture_settings):
    # HR-P5 closed on 30 June 2026; in October it no longer exists, in June it does.
    at = app("project", project="HR-P5")
    assert [w.value for w in at.warning] == [
        "Leave self\\-service had ended by Oct 2026 (its last period was Jun 2026): choose an earlier period."
    ]
    assert [t.value for t in app("project", project="HR-P5", as_of="Jun 2026").title] == [
        "Leave self\\-service"
    ]


def test_with_the_returns_an_empty_list_means_none_for_the_project(fixture_settings):
    # In the golden fixture Finance returns risks but FIN-P2 has no lessons of its own; nobody returns gates.
    captions = [on_screen(c.value) for c in app("project", project="FIN-P2").caption]
    assert "None recorded for this project." in captions
    assert "Not returned: Finance has sent no `stage_gates` return, which supplies these." in captions


def test_the_login_page_fetches_the_chart_script_with_a_chart_that_shows_nothing(fixture_settings):
    # plotly.js is loaded while the password is typed (pmo_dash/ui/warmup.py), by a chart that draws
    # nothing: no trace, no axis, no toolbar, ten pixels of transparent paper.
    import json

    at = app(user=None)
    [chart] = at.get("plotly_chart")
    figure = json.loads(chart.proto.spec)
    assert figure.get("data", []) == []
    layout = figure["layout"]
    assert layout["xaxis"]["visible"] is False and layout["yaxis"]["visible"] is False
    assert layout["height"] == 10 and layout["paper_bgcolor"] == "rgba(0,0,0,0)"
    assert json.loads(chart.proto.config)["staticPlot"] is True


def test_the_login_page_fetches_the_grid_and_picker_scripts_with_elements_never_displayed(fixture_settings):
    # The data grid's and the pickers' scripts are fetched while the password is typed, by an empty grid,
    # picker and multi-picker in a container the page's own style never displays (pmo_dash/ui/warmup.py).
    from pmo_dash.ui import warmup

    def blocks(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from blocks(child)

    at = app(user=None)
    [hidden] = [b for b in blocks(at.main) if getattr(b, "key", None) == warmup.CONTAINER]
    inside = list(blocks(hidden))
    assert [type(e).__name__ for e in inside] == ["Dataframe", "Selectbox", "Multiselect"]
    assert inside[0].value.shape == (0, 0) and inside[1].options == [] and inside[2].options == []
    # A style alone goes to Streamlit's event container, not into the container it hides.
    assert f"<style>.st-key-{warmup.CONTAINER} {{display: none}}</style>" in [
        h.proto.body for h in at.get("html")
    ]


def test_tabs_outside_a_page_the_shell_serves_say_so():
    # Tabs name their link parameter after the page (tabs.param); drawn where the shell served no page,
    # there is none to name: a plain error, not a KeyError on a private session key.
    with pytest.raises(RuntimeError, match="no page: tabs and other page-keyed widgets are drawn on a page"):
        shell.current_page()


def test_the_risks_page_draws_only_its_open_tab(fixture_settings):
    # Below the heat map, one tab at a time: Overdue actions first; the others only when opened (by link).
    opened = app("risks")
    assert "**Overdue risk actions** (1)" in [m.value for m in opened.markdown]
    assert [c for c in opened.get("plotly_chart") if "heatmap" not in str(c.proto.id)] == []
    trends = app("risks", risks_tab="Trends")
    assert "**Overdue risk actions** (1)" not in [m.value for m in trends.markdown]
    assert [h.value for h in trends.subheader][-2:] == [
        "Exposure over the last 13 periods",
        "Open issues by severity and age",
    ]
    assert len(trends.get("plotly_chart")) == len(opened.get("plotly_chart")) + 2
    worse = app("risks", risks_tab="What worsened")
    assert "**Risks that worsened since Sep 2026** (1)" in [m.value for m in worse.markdown]
    where = app("risks", risks_tab="Concentration")
    assert where.subheader[-1].value == "Where risk concentrates: category by department"
