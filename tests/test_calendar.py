"""The reporting calendar (issue 13, part 5): due dates and statuses per department and period, from
submissions stored at chosen times; every expectation worked out by hand from a 2026 calendar."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pmo_dash.intake import reporting_calendar
from pmo_dash.intake.submissions.calendar import due, last_periods
from pmo_dash.settings import Settings, get_settings
from pmo_dash.ui.intake.views import month_label
from tests.conftest import stored
from tests.test_app import app

TODAY = dt.date(2026, 12, 3)  # a Thursday: November's return (due Mon 7 Dec) is not yet due


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(submissions_dir=tmp_path / "submissions", due_working_days=5)


def submitted(settings: Settings, department: str, period: str, user: str, at: str) -> None:
    stored(settings.submissions_dir, department, period, user, at)


def test_due_dates_count_working_days_across_weekends():
    assert due("2026-07", 5) == dt.date(2026, 8, 7)  # ends Fri 31 Jul: Mon 3 to Fri 7 Aug
    assert due("2026-08", 5) == dt.date(2026, 9, 7)  # ends Mon 31 Aug: Tue 1 to Fri 4, Mon 7 Sep
    assert due("2026-09", 5) == dt.date(2026, 10, 7)  # ends Wed 30 Sep: Thu 1, Fri 2, Mon 5 to Wed 7
    assert due("2026-10", 5) == dt.date(2026, 11, 6)  # ends Sat 31 Oct: Mon 2 to Fri 6 Nov
    assert due("2026-10", 1) == dt.date(2026, 11, 2)  # the Monday after the weekend
    assert due("2026-11", 5) == dt.date(2026, 12, 7)  # ends Mon 30 Nov: Tue 1 to Fri 4, Mon 7 Dec
    assert last_periods(TODAY, 12) == ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)]


def test_each_department_and_period_has_its_status_and_who_and_when(settings):
    submitted(settings, "FIN", "2026-10", "fin_head", "2026-11-06T23:30:00Z")  # on its due date
    submitted(settings, "FIN", "2026-09", "fin_head", "2026-10-08T09:00:00Z")  # a day after Wed 7 Oct
    submitted(settings, "FIN", "2026-08", "fin_head", "2026-09-04T10:00:00Z")  # on time ...
    submitted(settings, "FIN", "2026-08", "admin", "2026-09-20T12:00:00Z")  # ... then resubmitted
    submitted(settings, "HR", "2026-10", "hr_head", "2026-11-09T08:00:00Z")  # late (due Fri 6 Nov) ...
    submitted(settings, "HR", "2026-10", "hr_head", "2026-11-10T08:00:00Z")  # ... then resubmitted
    submitted(settings, "FIN", "2026-12", "fin_head", "2026-12-02T08:00:00Z")  # the month not yet ended
    found = reporting_calendar(settings, ["FIN", "HR"], TODAY)
    assert found.height == 24
    assert found.filter(pl.col("period") == "2026-12").is_empty()
    recent = found.filter(pl.col("period") >= "2026-07").sort("department_id", "period")
    assert recent.select("department_id", "period", "due", "status", "first_on_time", "versions").rows() == [
        ("FIN", "2026-07", dt.date(2026, 8, 7), "missing", None, 0),
        ("FIN", "2026-08", dt.date(2026, 9, 7), "resubmitted", True, 2),
        ("FIN", "2026-09", dt.date(2026, 10, 7), "late", False, 1),
        ("FIN", "2026-10", dt.date(2026, 11, 6), "on time", True, 1),
        ("FIN", "2026-11", dt.date(2026, 12, 7), "not yet due", None, 0),
        ("HR", "2026-07", dt.date(2026, 8, 7), "missing", None, 0),
        ("HR", "2026-08", dt.date(2026, 9, 7), "missing", None, 0),
        ("HR", "2026-09", dt.date(2026, 10, 7), "missing", None, 0),
        ("HR", "2026-10", dt.date(2026, 11, 6), "resubmitted", False, 2),
        ("HR", "2026-11", dt.date(2026, 12, 7), "not yet due", None, 0),
    ]
    utc = dt.UTC
    assert recent.filter(pl.col("versions") > 0).select(
        "department_id", "period", "first_by", "first_at", "latest_by", "latest_at"
    ).rows() == [
        (
            "FIN",
            "2026-08",
            "fin_head",
            dt.datetime(2026, 9, 4, 10, tzinfo=utc),
            "admin",
            dt.datetime(2026, 9, 20, 12, tzinfo=utc),
        ),
        (
            "FIN",
            "2026-09",
            "fin_head",
            dt.datetime(2026, 10, 8, 9, tzinfo=utc),
            "fin_head",
            dt.datetime(2026, 10, 8, 9, tzinfo=utc),
        ),
        (
            "FIN",
            "2026-10",
            "fin_head",
            dt.datetime(2026, 11, 6, 23, 30, tzinfo=utc),
            "fin_head",
            dt.datetime(2026, 11, 6, 23, 30, tzinfo=utc),
        ),
        (
            "HR",
            "2026-10",
            "hr_head",
            dt.datetime(2026, 11, 9, 8, tzinfo=utc),
            "hr_head",
            dt.datetime(2026, 11, 10, 8, tzinfo=utc),
        ),
    ]
    # Earlier months: nothing submitted through the app, all past due.
    assert set(found.filter(pl.col("period") < "2026-07")["status"]) == {"missing"}


def test_with_no_repository_every_past_period_is_missing(settings):
    found = reporting_calendar(settings, ["FIN"], dt.date(2026, 12, 8), periods=2)
    assert found.select("period", "status").rows() == [("2026-10", "missing"), ("2026-11", "missing")]


@pytest.fixture
def calendar_app(fixture_settings, tmp_path):
    """The app on the fixture warehouse, with a repository of its own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PMO_SUBMISSIONS_DIR", str(tmp_path / "submissions"))
        get_settings.cache_clear()
        yield get_settings()
    get_settings.cache_clear()


def test_the_submit_page_shows_a_pmo_head_their_own_departments_calendar(calendar_app):
    today = dt.date.today()  # the page's today: the months are chosen relative to it
    months = last_periods(today, 12)
    on_time, resubmitted, missing = months[-3], months[-4], months[-5]
    submitted(calendar_app, "FIN", on_time, "fin_head", f"{due(on_time, 5)}T10:00:00Z")
    late = due(resubmitted, 5) + dt.timedelta(days=1)
    submitted(calendar_app, "FIN", resubmitted, "fin_head", f"{late}T09:00:00Z")
    submitted(calendar_app, "FIN", resubmitted, "admin", f"{late + dt.timedelta(days=1)}T09:00:00Z")
    submitted(calendar_app, "HR", on_time, "hr_head", f"{due(on_time, 5)}T10:00:00Z")
    at = app("submit", user="fin_head")
    assert not at.exception, [e.message for e in at.exception]
    assert "Reporting calendar" in [h.value for h in at.subheader]
    [grid] = [d.value for d in at.dataframe if "department" in d.value.columns and d.value.shape[1] == 13]
    assert grid["department"].tolist() == ["Finance (FIN)"]
    assert list(grid.columns[1:]) == [month_label(p) for p in months]
    cells = {column: list(grid[column][0]) for column in grid.columns[1:]}
    assert cells[month_label(on_time)] == ["on time"]
    assert cells[month_label(resubmitted)] == ["late, resent"]
    assert cells[month_label(missing)] == ["missing"]
    # The fixture's own FIN status reports (August to October 2026) came from the base folder: such a
    # month, past due and not submitted here, is neither missing nor on time.
    for period in sorted({"2026-09", "2026-10"} & set(months) - {on_time, resubmitted}):
        if due(period, 5) < today:
            assert cells[month_label(period)] == ["loaded"], period
    [who] = [d.value for d in at.dataframe if "first_by" in d.value.columns]
    assert who[["department", "period", "versions", "first_by", "latest_by"]].values.tolist() == [
        ["FIN", month_label(on_time), 1, "fin_head", "fin_head"],
        ["FIN", month_label(resubmitted), 2, "fin_head", "admin"],
    ]


def test_a_month_loaded_from_the_base_returns_is_not_missing(settings):
    loaded = frozenset({("FIN", "2026-10"), ("FIN", "2026-11")})
    submitted(settings, "FIN", "2026-09", "fin_head", "2026-10-08T09:00:00Z")
    found = reporting_calendar(settings, ["FIN"], dt.date(2026, 12, 3), periods=3, loaded=loaded)
    # September was submitted (late) whatever the base returns hold; October was loaded, not submitted:
    # neither on time nor missing; November is not yet due, loaded or not.
    assert found.select("period", "status").rows() == [
        ("2026-09", "late"),
        ("2026-10", "in the base returns"),
        ("2026-11", "not yet due"),
    ]


def test_a_quarterly_or_annual_department_is_expected_only_in_its_months(settings):
    loaded = frozenset({("GMPP", "2025-03"), ("OPS", "2026-06")})
    found = reporting_calendar(
        settings,
        ["GMPP", "OPS", "NEW"],
        dt.date(2026, 12, 3),
        periods=12,
        loaded=loaded,
        cadences={"GMPP": "Annual", "OPS": "Quarterly", "NEW": "Annual"},
    )
    rows = {(d, p): s for d, p, s in found.select("department_id", "period", "status").rows()}
    assert [p for (d, p), s in rows.items() if d == "GMPP" and s != "not expected"] == ["2026-03"]
    assert rows[("GMPP", "2026-03")] == "missing"  # GMPP returns each March, its latest return's month
    # OPS returns quarterly, in June's quarter months: December 2025 to September 2026 (December 2026 has
    # not ended, so is not among the months).
    assert [p for (d, p), s in rows.items() if d == "OPS" and s != "not expected"] == [
        "2025-12",
        "2026-03",
        "2026-06",
        "2026-09",
    ]
    assert rows[("OPS", "2026-06")] == "in the base returns"
    # A department that never returned falls in December: December 2025.
    assert [p for (d, p), s in rows.items() if d == "NEW" and s != "not expected"] == ["2025-12"]
