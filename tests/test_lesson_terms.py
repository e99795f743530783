"""Issue 14 item 8: recurring themes and lesson matches from meaningful terms, one entry per lesson.

The golden returns, plus: FIN-L2 on FIN-P2, the same lesson as HR-L2 (same title) logged later;
FIN-L3 and HR-L4, two lessons whose only words in common with each other and with HR-R2 are filler
(users, went, live, small); HR-R2, a stakeholder risk of HR-P3 ("Users may reject the live system")."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from pmo_dash import data
from pmo_dash.data import Filters
from pmo_dash.settings import get_settings
from tests.conftest import app_on, golden_returns

OCT = dt.date(2026, 10, 31)
BOTH = ("FIN", "HR")

FIN_LESSONS = """\
FIN-L2,FIN-P2,2026-10-01,Testing,Parallel payroll run caught errors,Running old and new payroll in parallel found defects,,Run payroll in parallel,Positive,Validated,,,,
FIN-L3,FIN-P2,2026-08-01,Stakeholder engagement,Users went live early,Small pilot of users went live,,,Negative,Draft,,,,
"""
HR_LESSONS = """\
HR-L4,HR-P4,2026-10-10,Stakeholder engagement,Users went live too early,A small group of users went live first,,,Negative,Draft,,,,
"""
HR_RISKS = (
    "HR-R2,HR-P3,Users may reject the live system,Stakeholder,2,3,Ken Thompson,Reduce,Open,2026-09-01,,,\n"
)


@pytest.fixture(scope="module")
def lessons_app(fixture_settings, tmp_path_factory):
    out = tmp_path_factory.mktemp("lessons")
    source = golden_returns(out / "returns")
    for path, rows in (
        ("FIN/lessons.csv", FIN_LESSONS),
        ("HR/lessons.csv", HR_LESSONS),
        ("HR/risks.csv", HR_RISKS),
    ):
        with (source / path).open("a") as f:
            f.write(rows)
    with app_on(source, out) as settings:
        yield settings


def terms(settings, text: str) -> tuple[list[str], list[str]]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute("select keywords(?), phrases(?)", [text, text]).fetchone()


def test_terms_are_singular_words_and_phrases_without_filler(lessons_app):
    assert terms(
        lessons_app, "Early user acceptance testing. Users tested each sprint and found issues early."
    ) == (
        ["acceptance", "sprint", "testing"],
        ["acceptance testing"],
    )
    # Plurals: -ies, -sses, -s; never across a comma; -ss, -us, -is kept; past tenses and -ly adverbs out.
    assert terms(
        lessons_app, "Supplies, processes, analysis, status. Requirements repeatedly changed, supply chain"
    )[0] == ["analysis", "chain", "process", "requirement", "status", "supply"]
    assert terms(lessons_app, "Supplies, processes and supply chains")[1] == ["supply chain"]
    assert terms(lessons_app, "Small users went live") == ([], [])


def test_recurring_themes_are_meaningful_terms(lessons_app, monkeypatch):
    monkeypatch.setenv("PMO_RECURRING_THEME_DEPARTMENTS", "2")
    get_settings.cache_clear()
    try:
        themes = data.lessons.themes(Filters(scope=BOTH, as_of=OCT))
    finally:
        monkeypatch.delenv("PMO_RECURRING_THEME_DEPARTMENTS")
        get_settings.cache_clear()
    # Shared by a Finance and a People lesson. "parallel", "caught" and "error" recur only inside their
    # phrases (the same two lessons), so the phrases stand for them; "payroll" recurs in three lessons.
    # users, went, live, small: filler, never a theme.
    assert themes.select("kind", "theme", "departments", "lessons").rows() == [
        ("category", "Stakeholder engagement", 2, 2),
        ("category", "Supplier management", 2, 2),
        ("category", "Testing", 2, 2),
        ("term", "payroll", 2, 3),
        ("term", "caught error", 2, 2),
        ("term", "parallel payroll", 2, 2),
        ("term", "defect", 2, 2),
        ("term", "running", 2, 2),
        ("term", "supplier", 2, 2),
    ]


def test_a_lesson_logged_by_two_projects_is_one_match_with_why(lessons_app):
    matches = data.project.part(BOTH, "HR-P3", OCT, "lesson_matches")
    assert matches.select("lesson_id", "projects", "department", "risk", "score", "why").rows() == [
        # HR-L2 and FIN-L2 are one lesson: the latest logged (FIN-L2) stands for both.
        ("FIN-L2", 2, "Finance, People", "Payroll parallel run fails", 2, "shares parallel, payroll"),
        # Stakeholder lessons for the stakeholder risk: on their category alone, not on "users" and "live".
        (
            "HR-L4",
            1,
            "People",
            "Users may reject the live system",
            2,
            "same category (Stakeholder engagement)",
        ),
        (
            "FIN-L3",
            1,
            "Finance",
            "Users may reject the live system",
            2,
            "same category (Stakeholder engagement)",
        ),
    ]
