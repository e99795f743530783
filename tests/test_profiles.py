"""Validation of real portfolios' returns: the oversight profile, withheld values, amounts with units,
five-point ratings and the date formats the settings may name, each on a tiny hand-made return."""

from __future__ import annotations

import polars as pl
import pytest
from pydantic import ValidationError

from pmo_dash.intake.ingest import ingest
from pmo_dash.settings import Settings
from tests.test_validation import FORMATS, GOOD_PROJECT, PROJECT_HEADER, REPORT_HEADER, problems, returns

OVERSIGHT = {"MOJ/departments.csv": "department_id,name,profile,cadence\nMOJ,Justice,Oversight,Annual\n"}
# What an oversight return gives: no methodology, stage, state or strategic fit.
THIN_PROJECTS = "project_id,department_id,name,baseline_start,baseline_finish,budget\n"
THIN_REPORTS = "project_id,as_of,delivery_confidence\n"


def accepted(tmp_path, files: dict[str, str], table: str, formats=FORMATS, **more) -> pl.DataFrame:
    return ingest(returns(tmp_path, files), formats, "ipmo", **more).tables[table].accepted


def test_an_oversight_department_may_leave_the_delivery_detail_out(tmp_path):
    files = OVERSIGHT | {
        "MOJ/projects.csv": THIN_PROJECTS + "MOJ-P1,MOJ,Prisons,2020-04-01,2027-03-31,£26.19m\n",
        "MOJ/status_reports.csv": THIN_REPORTS + "MOJ-P1,2026-03-31,Amber/Red\n",
    }
    found = ingest(returns(tmp_path, files), FORMATS, "ipmo")
    assert found.problems.is_empty()
    project = found.tables["projects"].accepted.filter(pl.col("project_id") == "MOJ-P1").row(0, named=True)
    assert (project["methodology"], project["state"], project["budget"]) == (None, None, 26_190_000.0)
    report = found.tables["status_reports"].accepted.row(0, named=True)
    assert (report["overall_rag"], report["delivery_confidence"], report["percent_complete"]) == (
        None,
        "Amber/Red",
        None,
    )


def test_a_delivery_department_must_give_the_delivery_detail(tmp_path):
    # FIN's departments return gives no profile: it is a Delivery department.
    files = {"FIN/projects.csv": THIN_PROJECTS + "P1,FIN,Ledger,2026-01-01,2026-12-31,1000\n"}
    assert problems(tmp_path, files) == [
        (
            "FIN/projects.csv",
            1,
            "methodology, stage, state, strategic_fit",
            "",
            "missing_column",
            "required column(s) missing: methodology, stage, state, strategic_fit; no row could be accepted; "
            "delivery detail is required of a Delivery department (a department whose departments return "
            "gives its profile as Oversight may leave it out)",
        )
    ]


def test_an_empty_delivery_detail_names_file_row_and_column(tmp_path):
    projects = (
        f"{PROJECT_HEADER}\n{GOOD_PROJECT}\nP2,FIN,Payroll,,Execution,Active,4,2026-01-01,2026-12-31,500\n"
    )
    assert problems(tmp_path, {"FIN/projects.csv": projects}) == [
        (
            "FIN/projects.csv",
            3,
            "methodology",
            None,
            "required",
            "methodology is required but empty (delivery detail: required of a Delivery department)",
        )
    ]


def test_an_oversight_return_still_needs_a_rating(tmp_path):
    files = OVERSIGHT | {
        "MOJ/projects.csv": THIN_PROJECTS + "MOJ-P1,MOJ,Prisons,2020-04-01,2027-03-31,100\n",
        "MOJ/status_reports.csv": "project_id,as_of,overall_rag,delivery_confidence\nMOJ-P1,2026-03-31,,\n",
    }
    assert problems(tmp_path, files) == [
        (
            "MOJ/status_reports.csv",
            2,
            "overall_rag",
            None,
            "required",
            "overall_rag is required but empty (give it or delivery_confidence)",
        )
    ]


def test_a_return_without_either_rating_column_is_refused(tmp_path):
    files = OVERSIGHT | {
        "MOJ/projects.csv": THIN_PROJECTS + "MOJ-P1,MOJ,Prisons,2020-04-01,2027-03-31,100\n",
        "MOJ/status_reports.csv": "project_id,as_of\nMOJ-P1,2026-03-31\n",
    }
    assert [p[4:] for p in problems(tmp_path, files)] == [
        (
            "missing_column",
            "required column(s) missing: overall_rag (or delivery_confidence); no row could be accepted",
        )
    ]


@pytest.mark.parametrize(
    "spelling, rating",
    [
        ("amber / green", "Amber/Green"),
        ("Amber-Green", "Amber/Green"),
        ("AMBER/GREEN", "Amber/Green"),
        ("green/amber", "Amber/Green"),
        ("Red/Amber", "Amber/Red"),
        ("Amber-ish", None),  # not a rating: rejected
        ("Green", "Green"),
    ],
)
def test_five_point_ratings_are_kept_as_reported(tmp_path, spelling, rating):
    files = OVERSIGHT | {
        "MOJ/projects.csv": THIN_PROJECTS + "MOJ-P1,MOJ,Prisons,2020-04-01,2027-03-31,100\n",
        "MOJ/status_reports.csv": THIN_REPORTS + f"MOJ-P1,2026-03-31,{spelling}\n",
    }
    got = accepted(tmp_path, files, "status_reports")["delivery_confidence"].to_list()
    assert got == ([rating] if rating else [])


def test_a_withheld_value_never_rejects_its_row_even_where_required(tmp_path):
    project = "P2,FIN,Secret,PMI,Execution,Active,3,2026-01-01,2026-12-31, WITHHELD "
    report = f"{REPORT_HEADER}\nP2,2026-10-31,Green,Green,Green,Withheld,10,10,10\n"
    found = ingest(
        returns(
            tmp_path,
            {
                "FIN/projects.csv": f"{PROJECT_HEADER}\n{GOOD_PROJECT}\n{project}\n",
                "FIN/status_reports.csv": report,
            },
        ),
        FORMATS,
        "ipmo",
    )
    assert found.problems.is_empty()
    assert found.tables["projects"].accepted.filter(pl.col("project_id") == "P2")["budget"].to_list() == [
        None
    ]
    assert found.withheld.rows() == [
        ("projects", "FIN/projects.csv", 3, "budget", "P2"),
        ("status_reports", "FIN/status_reports.csv", 2, "percent_complete", "P2 / 2026-10-31"),
    ]


def test_withheld_markers_come_from_the_settings(tmp_path):
    project = "P2,FIN,Secret,PMI,Execution,Active,3,2026-01-01,2026-12-31,Exempt under s.43 FOI"
    files = {"FIN/projects.csv": f"{PROJECT_HEADER}\n{GOOD_PROJECT}\n{project}\n"}
    found = ingest(returns(tmp_path, files), FORMATS, "ipmo", withheld=["exempt under s.43 foi", "n/a"])
    assert found.problems.is_empty() and found.withheld["key"].to_list() == ["P2"]
    # Without the marker it is what it says: not a number.
    assert [p[4] for p in problems(tmp_path / "again", files)] == ["type"]


def test_a_key_cannot_be_withheld(tmp_path):
    report = f"{REPORT_HEADER}\nP1,withheld,Green,Green,Green,50,10,10,10\n"
    assert [p[2:5] for p in problems(tmp_path, {"FIN/status_reports.csv": report})] == [
        ("as_of", "withheld", "type")
    ]


@pytest.mark.parametrize(
    "written, amount",
    [
        ("£26.19m", 26_190_000.0),
        ("£1.2bn", 1_200_000_000.0),
        ("26.19m", 26_190_000.0),
        ("1.5k", 1_500.0),
        ("£12,131.50", 12_131.5),
        ("£ 3.1 MN", 3_100_000.0),
        ("34", 34.0),
    ],
)
def test_money_with_a_unit(tmp_path, written, amount):
    project = f'P2,FIN,Big,PMI,Execution,Active,3,2026-01-01,2026-12-31,"{written}"'
    got = accepted(tmp_path, {"FIN/projects.csv": f"{PROJECT_HEADER}\n{project}\n"}, "projects")
    assert got["budget"].to_list() == [amount]


@pytest.mark.parametrize("written, amount", [("-£0.5", -0.5), ("£-0.5", -0.5), ("-£1.5k", -1500.0)])
def test_a_negative_amount_where_money_may_be_negative(tmp_path, written, amount):
    change = f"change_id,project_id,raised_on,title,cost_impact,schedule_impact_days,decision\nC1,P1,2026-02-01,Descope,{written},0,Approved\n"
    got = accepted(tmp_path, {"FIN/change_requests.csv": change}, "change_requests")
    assert got["cost_impact"].to_list() == [amount]


@pytest.mark.parametrize("written", ["£1,25m", "12mm", "£-£5", "m", "5 millions"])
def test_an_amount_that_is_not_one_is_an_error(tmp_path, written):
    project = f'P2,FIN,Odd,PMI,Execution,Active,3,2026-01-01,2026-12-31,"{written}"'
    assert problems(tmp_path, {"FIN/projects.csv": f"{PROJECT_HEADER}\n{GOOD_PROJECT}\n{project}\n"}) == [
        ("FIN/projects.csv", 3, "budget", written, "type", f"budget '{written}' is not a number")
    ]


def test_a_negative_budget_is_out_of_range_not_misread(tmp_path):
    project = "P2,FIN,Odd,PMI,Execution,Active,3,2026-01-01,2026-12-31,-£0.5"
    assert [p[2:6] for p in problems(tmp_path, {"FIN/projects.csv": f"{PROJECT_HEADER}\n{project}\n"})] == [
        ("budget", "-£0.5", "range", "budget -£0.5 is outside the allowed range at least 0")
    ]


def test_a_two_digit_year_is_read_where_the_settings_say_so(tmp_path):
    formats = [*FORMATS, "%d.%m.%y"]
    risks = "risk_id,project_id,title,category,likelihood,impact,response,state,raised_on,action_due\n"
    risks += "R1,P1,Vendor,Supplier,2,3,Reduce,Open,01.02.26,31.12.40\nR2,P1,Old,Supplier,2,3,Reduce,Open,01.02.26,1.1.69\n"
    got = accepted(tmp_path, {"FIN/risks.csv": risks}, "risks", formats)
    assert got.select("raised_on", "action_due").cast(pl.String).rows() == [
        ("2026-02-01", "2040-12-31"),
        ("2026-02-01", "1969-01-01"),  # as Python's strptime reads 69
    ]


def test_the_not_a_date_message_spells_every_format(tmp_path):
    formats = [*FORMATS, "%d.%m.%y", "%d %b %Y"]
    risks = "risk_id,project_id,title,category,likelihood,impact,response,state,raised_on\n"
    risks += "R1,P1,Vendor,Supplier,2,3,Reduce,Open,soon\n"
    found = ingest(returns(tmp_path, {"FIN/risks.csv": risks}), formats, "ipmo")
    assert found.problems["message"].to_list() == [
        "raised_on 'soon' is not a date (YYYY-MM-DD or DD/MM/YYYY or DD.MM.YYYY or DD-MM-YYYY or DD.MM.YY "
        "or DD Mon YYYY)"
    ]


@pytest.mark.parametrize(
    "fmt, why",
    [
        ("%d.%m.%q", "'%d.%m.%q' is not a valid date format: %q is not a day, month or year"),
        ("%m/%Y", "'%m/%Y' names no day: a date format needs a day (%d), a month (%m, %b or %B) and a year"),
        ("dd/mm/yyyy", "'dd/mm/yyyy' names no day, month or year"),
        ("%d/%m/%Y %H:%M", "%H, %M is not a day, month or year"),
    ],
)
def test_a_date_format_that_is_not_one_is_refused_when_settings_load(monkeypatch, fmt, why):
    monkeypatch.setenv("PMO_DAY_FIRST_FORMATS", f'["%d/%m/%Y", "{fmt}"]')
    with pytest.raises(ValidationError) as refused:
        Settings()
    message = str(refused.value)
    assert "PMO_DAY_FIRST_FORMATS: " in message and why in message


def test_good_date_formats_and_markers_load(monkeypatch):
    monkeypatch.setenv("PMO_DAY_FIRST_FORMATS", '["%d.%m.%y", "%d %B %Y"]')
    monkeypatch.setenv("PMO_WITHHELD_MARKERS", '[" Withheld ", "FOI"]')
    settings = Settings()
    assert settings.day_first_formats == ["%d.%m.%y", "%d %B %Y"]
    assert settings.withheld_markers == ["withheld", "foi"]
