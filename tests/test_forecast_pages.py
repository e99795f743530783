"""The Forecast sections as AppTest runs them: on the golden fixture with five closed projects (the
reference-class values of tests/test_forecast_reference.py, summed by hand), by role and as of an earlier
period; and on the golden fixture alone, with one closed project, where there is not enough history."""

from __future__ import annotations

import pytest
from conftest import app_on, golden_returns

from pmo_dash.settings import get_settings
from tests.test_app import app, metrics
from tests.test_forecast_reference import with_closed_projects

FORECAST = ("Budget in force", "P50 final cost", "P80 final cost", "Contingency to hold")


# First, before the module's own warehouse takes over the app's settings.
def test_without_closed_projects_the_sections_say_there_is_not_enough_history(fixture_settings):
    at = app(tab="Forecast")
    assert not at.exception
    infos = [i.value for i in at.info]
    assert infos[0] == (
        "Not enough history to forecast: 1 project had closed by 31 Oct 2026, fewer than the 10 a reference "
        "class needs (PMO_REFERENCE_CLASS_MIN)."
    )
    assert "None" not in " ".join(infos)
    brief = app("project", project="FIN-P1")
    assert "Not enough history to forecast: 1 project had closed by then" in brief.info[0].value


@pytest.fixture(scope="module")
def forecast_app(fixture_settings, tmp_path_factory):
    out = tmp_path_factory.mktemp("forecast_pages")
    source = golden_returns(out / "returns")
    with_closed_projects(source)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PMO_REFERENCE_CLASS_MIN", "3")
        with app_on(source, out) as settings:
            yield settings
    get_settings.cache_clear()


def cards(at) -> tuple[str, ...]:
    got = metrics(at)
    return tuple(got[label][0] for label in FORECAST)


def test_the_enterprise_forecast_tab_sums_p80_against_budget(forecast_app):
    # October: FIN-P1 1000 -> P50 1200, P80 1260; FIN-P2 2000 -> 2500, 3160; HR-P3 500 -> 600, 720; HR-P4
    # 800 -> 960, 1152 (the portfolio's 1.2 and 1.44). Budget 4300, P50 5260, P80 6292, contingency 1992.
    at = app(tab="Forecast")
    assert not at.exception, [e.message for e in at.exception]
    assert cards(at) == ("£4.30k", "£5.26k", "£6.29k", "£1.99k")
    # The backtest needs outcomes known three periods on: too few projects turned Red here.
    assert any(i.value.startswith("Not enough history for the early warning yet") for i in at.info)


def test_department_and_programme_and_a_pmo_heads_scope(forecast_app):
    # Finance: FIN-P1 and FIN-P2, both of programme FIN-PG1: budget 3000, P50 3700, P80 4420.
    assert cards(app("department", department="FIN", department_tab="Forecast")) == (
        "£3.00k",
        "£3.70k",
        "£4.42k",
        "£1.42k",
    )
    assert cards(app("programme", programme="FIN-PG1")) == ("£3.00k", "£3.70k", "£4.42k", "£1.42k")
    # People's head sees HR-P3 and HR-P4 only: budget 1300, P50 1560, P80 1872.
    at = app("department", user="hr_head", department="HR", department_tab="Forecast")
    assert cards(at) == ("£1.30k", "£1.56k", "£1.87k", "£572")


def test_the_project_brief_shows_p50_and_p80_and_its_class(forecast_app):
    at = app("project", project="FIN-P1")
    assert not at.exception, [e.message for e in at.exception]
    got = metrics(at)
    # 1 Jan 2026 + 400 days = 5 Feb 2027; + 444 days = 21 Mar 2027.
    assert [got[k][0] for k in ("P50 final cost", "P80 final cost", "P50 finish", "P80 finish")] == [
        "£1.20k",
        "£1.26k",
        "Feb 2027",
        "Mar 2027",
    ]
    said = " ".join(c.value for c in at.caption)
    assert (
        "Reference class: Finance · PRINCE2, 3 closed projects (its department and methodology: too few"
        in said
    )


def test_as_of_april_the_brief_forecasts_only_from_what_had_closed(forecast_app):
    at = app("project", project="FIN-P1", as_of="Apr 2026")
    assert not at.exception
    assert "P50 final cost" not in metrics(at)
    assert [i.value for i in at.info] == [
        "No status return yet for this project.",
        "Not enough history to forecast: 2 projects had closed by then, fewer than the 3 a reference class "
        "needs.",
    ]
