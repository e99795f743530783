"""Risks, benefits and lessons on the fixture warehouse, against the hand-computed values in its README."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pmo_dash import data
from pmo_dash.data import Filters

AUG, SEP, OCT = dt.date(2026, 8, 31), dt.date(2026, 9, 30), dt.date(2026, 10, 31)
BOTH = ("FIN", "HR")


def everything(as_of: dt.date = OCT) -> Filters:
    return Filters(scope=BOTH, as_of=as_of)


def test_heatmap_counts_and_exposure(fixture_settings):
    cells = data.risks.heatmap(everything()).select("likelihood", "impact", "risks", "exposure", "red_zone")
    assert cells.rows() == [(5, 3, 1, 15, True), (4, 4, 1, 16, True), (3, 4, 1, 12, False)]
    # In August FIN-R3 (4 x 4) was still open beside HR-R1, and FIN-R2 not yet raised.
    august = data.risks.heatmap(everything(AUG)).select("likelihood", "impact", "risks", "exposure")
    assert august.rows() == [(4, 4, 2, 32), (3, 4, 1, 12)]


def test_a_cell_lists_exactly_its_risks(fixture_settings):
    assert data.risks.cell(everything(), 4, 4)["risk_id"].to_list() == ["HR-R1"]
    assert data.risks.cell(everything(AUG), 4, 4)["risk_id"].to_list() == ["FIN-R3", "HR-R1"]
    assert data.risks.cell(everything(), 1, 1).is_empty()
    assert data.risks.cell(Filters(scope=("FIN",), as_of=OCT), 4, 4).is_empty()
    row = data.risks.cell(everything(), 5, 3).row(0, named=True)
    assert (row["title"], row["project"], row["department"], row["owner"]) == (
        "Bank API change",
        "Accounts payable automation",
        "Finance",
        "Edsger Dijkstra",
    )
    assert (row["response"], row["action_due"], row["action_overdue"]) == (
        "Reduce",
        dt.date(2026, 10, 15),
        True,
    )


def test_movement_between_two_review_dates(fixture_settings):
    moved = data.risks.movement(everything(), SEP).select("likelihood", "impact", "moved_in", "moved_out")
    assert moved.rows() == [(5, 3, 1, 0), (2, 3, 0, 1)]
    # Since August: FIN-R2 is new in 5 x 3; FIN-R3 closed and left 4 x 4.
    moved = data.risks.movement(everything(), AUG).select("likelihood", "impact", "moved_in", "moved_out")
    assert moved.rows() == [(5, 3, 1, 0), (4, 4, 0, 1)]
    worse = data.risks.worsened(everything(), SEP).select("risk_id", "was", "now", "rise")
    assert worse.rows() == [("FIN-R2", "2 x 3", "5 x 3", 9)]


def test_risk_trend_top_overdue_and_concentration(fixture_settings):
    trend = data.risks.trend(everything()).filter(pl.col("period") >= AUG)
    assert trend.select("open_risks", "high_risks", "exposure").rows() == [(3, 2, 44), (3, 1, 34), (3, 2, 43)]
    assert data.risks.top(everything())["risk_id"].to_list() == ["HR-R1", "FIN-R2", "FIN-R1"]
    overdue = data.risks.overdue_actions(everything()).select("risk_id", "days_overdue")
    assert overdue.rows() == [("FIN-R2", 16)]
    concentration = data.risks.concentration(everything()).select(
        "category", "department", "risks", "exposure"
    )
    assert concentration.rows() == [
        ("Supplier", "Finance", 1, 12),
        ("Technical", "Finance", 1, 15),
        ("Technical", "People", 1, 16),
    ]


def test_open_issues_by_severity_and_age(fixture_settings):
    assert data.risks.open_issues(everything()).rows() == [
        ("Critical", "over 90 days", 1),
        ("High", "0-30 days", 1),
    ]
    # In September FIN-I2 was already resolved and FIN-I1 not yet raised.
    assert data.risks.open_issues(everything(SEP)).rows() == [("Critical", "over 90 days", 1)]


def test_lessons_health_components_and_score(fixture_settings):
    health = data.lessons.health(everything()).filter(pl.col("period") == OCT)
    hr = health.filter(pl.col("department_id") == "HR").row(0, named=True)
    assert (hr["closed_projects"], hr["lessons"], hr["median_days_to_lesson"]) == (1, 3, 10)
    got = [hr[k] for k in ("coverage", "timeliness", "completeness", "follow_through", "staleness", "reuse")]
    assert got == pytest.approx([1, 1, 2 / 3, 1 / 2, 1 / 3, 1 / 3])
    assert hr["score"] == pytest.approx(25 + 15 + 20 * 2 / 3 + 20 / 2 + 10 * 2 / 3 + 10 / 3)
    assert hr["rag"] == "Green"
    fin = health.filter(pl.col("department_id") == "FIN").row(0, named=True)
    assert (fin["coverage"], fin["timeliness"], fin["follow_through"]) == (None, None, None)
    assert fin["score"] == pytest.approx(75.0) and fin["rag"] == "Green"
    september = data.lessons.health(everything(SEP)).filter(
        (pl.col("period") == SEP) & (pl.col("department_id") == "HR")
    )
    # HR-L2 was not yet due in September: follow-through 1/1.
    assert september["score"][0] == pytest.approx(25 + 15 + 20 * 2 / 3 + 20 + 10 * 2 / 3 + 10 / 3)


def test_lessons_search_finds_exactly_the_matching_lessons(fixture_settings):
    def ids(words, **more):
        return data.lessons.library(everything(), words, **more)["lesson_id"].to_list()

    assert ids(["supplier"]) == ["FIN-L1", "HR-L1"]
    assert ids(["Payroll"]) == ["HR-L2", "HR-L3"]
    assert ids(["payroll", "parallel"]) == ["HR-L2"]
    assert ids([], categories=["Supplier management"]) == ["FIN-L1", "HR-L1"]
    assert ids([], effects=["Positive"]) == ["HR-L2"]
    assert ids(["supplier"], effects=["Positive"]) == []
    assert data.lessons.library(Filters(scope=("FIN",), as_of=OCT), ["supplier"])["lesson_id"].to_list() == [
        "FIN-L1"
    ]
    # Time travel: in August HR-L2 had not been logged.
    assert data.lessons.library(everything(AUG), ["payroll"])["lesson_id"].to_list() == ["HR-L3"]


def test_recurring_themes_across_departments(fixture_settings, monkeypatch):
    assert data.lessons.themes(everything()).is_empty()  # two departments, below the default of three
    monkeypatch.setenv("PMO_RECURRING_THEME_DEPARTMENTS", "2")
    from pmo_dash.settings import get_settings

    get_settings.cache_clear()
    try:
        themes = data.lessons.themes(everything()).select("kind", "theme", "departments", "lessons")
    finally:
        monkeypatch.delenv("PMO_RECURRING_THEME_DEPARTMENTS")
        get_settings.cache_clear()
    assert themes.rows() == [("category", "Supplier management", 2, 2), ("term", "supplier", 2, 2)]


def test_lessons_that_speak_to_a_projects_open_risks(fixture_settings):
    matches = data.project.part(BOTH, "FIN-P1", OCT, "lesson_matches")
    assert matches.select("lesson_id", "risk", "score", "shared_words").rows() == [
        ("HR-L1", "Ledger vendor late", 2, "")
    ]
    matches = data.project.part(BOTH, "HR-P3", OCT, "lesson_matches")
    assert matches.select("lesson_id", "risk", "score", "shared_words").rows() == [
        ("HR-L2", "Payroll parallel run fails", 2, "parallel, payroll")
    ]


def test_benefits_realisation_by_department(fixture_settings):
    rollup = data.benefits.rollup(everything()).filter(pl.col("dimension") == "department")
    assert rollup.select(
        "name", "benefits", "realisation", "cashable_planned", "cashable_actual", "at_risk"
    ).rows() == [
        ("Finance", 2, pytest.approx(0.875), 200, 150, 1),
        ("People", 1, pytest.approx(0.8), 150, 120, 0),
    ]
    september = data.benefits.rollup(everything(SEP)).filter(pl.col("dimension") == "department")
    assert september.select("name", "measured", "realisation").rows() == [
        ("Finance", 1, pytest.approx(0.8)),
        ("People", 1, pytest.approx(0.9)),
    ]
    by_kind = data.benefits.rollup(everything()).filter(pl.col("dimension") == "kind")
    assert by_kind.select("name", "benefits").rows() == [("Cashable", 2), ("Non-financial", 1)]


def test_benefits_curve_and_status(fixture_settings):
    curve = data.benefits.curve(everything()).filter(pl.col("period") >= AUG)
    assert curve.select("planned", "actual").rows() == [(50, 60), (200, 170), (350, 270)]
    status = data.benefits.status(everything()).select("benefit_id", "realisation", "at_risk")
    assert status.rows() == [("FIN-B1", 0.75, True), ("FIN-B2", 1.0, False), ("HR-B1", 0.8, False)]
