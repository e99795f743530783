"""Each validation rule on a tiny hand-made return, with the exact message a PMO head will read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from pmo_dash.intake.ingest import ingest

FORMATS = ["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
PROJECT_HEADER = "project_id,department_id,name,methodology,stage,state,strategic_fit,baseline_start,baseline_finish,budget"
GOOD_PROJECT = "P1,FIN,Ledger,PRINCE2,Execution,Active,4,2026-01-01,2026-12-31,1000"
RISK_HEADER = "risk_id,project_id,title,category,likelihood,impact,response,state,raised_on"
REPORT_HEADER = "project_id,as_of,overall_rag,schedule_rag,cost_rag,percent_complete,planned_value,earned_value,actual_cost"


def returns(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A source folder with department FIN and project P1, plus the given files (path -> content)."""
    base = {
        "FIN/departments.csv": "department_id,name\nFIN,Finance\n",
        "HR/departments.csv": "department_id,name\nHR,People\n",
        "FIN/projects.csv": f"{PROJECT_HEADER}\n{GOOD_PROJECT}\n",
    }
    for name, content in (base | files).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return tmp_path


def problems(tmp_path: Path, files: dict[str, str | bytes]) -> list[tuple]:
    found = ingest(returns(tmp_path, files), FORMATS, "ipmo")
    return found.problems.sort("file", "row", "column").rows()


def test_likelihood_out_of_range_is_rejected_not_clamped(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,9,3,Reduce,Open,2026-02-01\n"
    assert problems(tmp_path, {"FIN/risks.csv": risks}) == [
        ("FIN/risks.csv", 2, "likelihood", "9", "range", "likelihood 9 is outside the allowed range 1-5")
    ]


def test_finish_before_start(tmp_path):
    project = "P2,FIN,Bad dates,PMI,Planning,Active,3,2026-05-01,2026-01-31,500"
    assert problems(tmp_path, {"FIN/projects.csv": f"{PROJECT_HEADER}\n{GOOD_PROJECT}\n{project}\n"}) == [
        (
            "FIN/projects.csv",
            3,
            "baseline_finish",
            "2026-01-31",
            "date_order",
            "baseline_finish 2026-01-31 is before baseline_start 2026-05-01",
        )
    ]


def test_status_report_for_unknown_project(tmp_path):
    report = f"{REPORT_HEADER}\nP9,2026-10-31,Green,Green,Green,50,10,10,10\n"
    assert problems(tmp_path, {"FIN/status_reports.csv": report}) == [
        ("FIN/status_reports.csv", 2, "project_id", "P9", "reference", "project_id P9 is not a known project")
    ]


def test_reference_to_another_departments_project(tmp_path):
    report = f"{REPORT_HEADER}\nP1,2026-10-31,Green,Green,Green,50,10,10,10\n"
    assert problems(tmp_path, {"HR/status_reports.csv": report}) == [
        (
            "HR/status_reports.csv",
            2,
            "project_id",
            "P1",
            "reference",
            "project_id P1 is a project of department FIN, not of HR",
        )
    ]


def test_reference_to_a_rejected_row_says_so(tmp_path):
    bad_project = "P2,FIN,Bad,PMI,Planning,Active,7,2026-01-01,2026-12-31,500"
    risk = f"{RISK_HEADER}\nR1,P2,Vendor late,Supplier,2,3,Reduce,Open,2026-02-01\n"
    found = problems(
        tmp_path, {"FIN/projects.csv": f"{PROJECT_HEADER}\n{bad_project}\n", "FIN/risks.csv": risk}
    )
    assert (
        "FIN/risks.csv",
        2,
        "project_id",
        "P2",
        "reference",
        "project_id P2 refers to a project whose own row was rejected",
    ) in found


def test_file_missing_a_required_column(tmp_path):
    risks = "risk_id,project_id,title,category,likelihood,response,state,raised_on\n"
    risks += "R1,P1,Vendor late,Supplier,2,Reduce,Open,2026-02-01\nR2,P1,Key person,Resourcing,3,Accept,Open,2026-02-01\n"
    found = ingest(returns(tmp_path, {"FIN/risks.csv": risks}), FORMATS, "ipmo")
    assert found.problems.rows() == [
        (
            "FIN/risks.csv",
            1,
            "impact",
            "",
            "missing_column",
            "required column(s) missing: impact; no row could be accepted",
        )
    ]
    run = found.runs.filter(pl.col("path") == "FIN/risks.csv").row(0, named=True)
    assert (run["rows_read"], run["accepted"], run["rejected"]) == (2, 0, 2)


def test_file_that_is_not_utf8(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,2,3,Reduce,Open,2026-02-01\n".encode()
    risks += "R2,P1,Cl\xe9ment away,Resourcing,3,3,Accept,Open,2026-02-01\n".encode("latin-1")
    found = ingest(returns(tmp_path, {"FIN/risks.csv": risks}), FORMATS, "ipmo")
    assert found.problems.rows() == [
        (
            "FIN/risks.csv",
            3,
            "",
            "",
            "not_utf8",
            "the file is not UTF-8 text (first bad byte 0xe9 on line 3); save it as 'CSV UTF-8' and submit it again",
        )
    ]
    run = found.runs.filter(pl.col("path") == "FIN/risks.csv").row(0, named=True)
    assert (run["rows_read"], run["accepted"], run["rejected"]) == (2, 0, 2)


def test_empty_file(tmp_path):
    assert problems(tmp_path, {"FIN/issues.csv": ""}) == [
        ("FIN/issues.csv", None, "", "", "empty_file", "the file is empty: expected a header row and data")
    ]


def test_value_not_in_the_list(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,2,3,Ignore,Open,2026-02-01\n"
    assert problems(tmp_path, {"FIN/risks.csv": risks}) == [
        (
            "FIN/risks.csv",
            2,
            "response",
            "Ignore",
            "enum",
            "response 'Ignore' is not one of Avoid, Reduce, Transfer, Accept, Share, Exploit, Enhance",
        )
    ]


def test_unparseable_date_is_an_error_never_a_null(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,2,3,Reduce,Open,31/13/2026\n"
    assert problems(tmp_path, {"FIN/risks.csv": risks}) == [
        (
            "FIN/risks.csv",
            2,
            "raised_on",
            "31/13/2026",
            "type",
            "raised_on '31/13/2026' is not a date (YYYY-MM-DD or DD/MM/YYYY or DD.MM.YYYY or DD-MM-YYYY)",
        )
    ]


def test_duplicate_key_rejects_every_copy(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,2,3,Reduce,Open,2026-02-01\n"
    risks += "R1,P1,Key person,Resourcing,3,3,Accept,Open,2026-02-01\n"
    message = "risk_id R1 appears 2 times (FIN/risks.csv row 2; FIN/risks.csv row 3); every copy is rejected"
    found = ingest(returns(tmp_path, {"FIN/risks.csv": risks}), FORMATS, "ipmo")
    assert found.problems.rows() == [("FIN/risks.csv", 2, "risk_id", "R1", "unique", message)]
    run = found.runs.filter(pl.col("path") == "FIN/risks.csv").row(0, named=True)
    assert (run["rows_read"], run["accepted"], run["rejected"]) == (2, 0, 2)


def test_required_value_missing(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,  ,Supplier,2,3,Reduce,Open,2026-02-01\n"
    assert problems(tmp_path, {"FIN/risks.csv": risks}) == [
        ("FIN/risks.csv", 2, "title", "", "required", "title is required but empty")
    ]


def test_department_must_match_its_folder(tmp_path):
    project = "P2,HR,Wrong folder,PMI,Planning,Active,3,2026-01-01,2026-12-31,500"
    assert problems(tmp_path, {"FIN/projects.csv": f"{PROJECT_HEADER}\n{GOOD_PROJECT}\n{project}\n"}) == [
        (
            "FIN/projects.csv",
            3,
            "department_id",
            "HR",
            "department",
            "department_id HR does not match the folder 'FIN' this return was submitted in",
        )
    ]


def test_not_a_whole_number_and_not_a_number(tmp_path):
    project = "P2,FIN,Odd,PMI,Planning,Active,3.5,2026-01-01,2026-12-31,lots"
    assert problems(tmp_path, {"FIN/projects.csv": f"{PROJECT_HEADER}\n{GOOD_PROJECT}\n{project}\n"}) == [
        ("FIN/projects.csv", 3, "budget", "lots", "type", "budget 'lots' is not a number"),
        ("FIN/projects.csv", 3, "strategic_fit", "3.5", "type", "strategic_fit '3.5' is not a whole number"),
    ]


def test_unknown_column_is_reported_and_ignored(tmp_path):
    projects = f"{PROJECT_HEADER},colour\n{GOOD_PROJECT},blue\n"
    found = ingest(returns(tmp_path, {"FIN/projects.csv": projects}), FORMATS, "ipmo")
    assert found.problems.rows() == [
        (
            "FIN/projects.csv",
            1,
            "colour",
            "",
            "unknown_column",
            "column 'colour' is not in the template; ignored",
        )
    ]
    assert found.tables["projects"].accepted.height == 1


def test_normalisation_is_forgiving_where_people_are_inconsistent(tmp_path):
    header = "Project ID,As Of,overall_rag,Schedule-RAG,cost_rag,percent_complete,planned_value,earned_value,actual_cost"
    rows = [
        'P1,2026-08-31, GREEN ,g,Amber/Green,45%,"1,000",£900,1000',
        "P1,30/09/2026,amber,A,Red/Amber,50,1100,1000,1100",
    ]
    found = ingest(returns(tmp_path, {"FIN/status_reports.csv": "\n".join([header, *rows])}), FORMATS, "ipmo")
    assert found.problems.is_empty()
    accepted = found.tables["status_reports"].accepted.sort("as_of")
    assert accepted.select("overall_rag", "schedule_rag", "cost_rag").rows() == [
        ("Green", "Green", "Amber"),
        ("Amber", "Amber", "Red"),
    ]
    assert accepted["as_of"].cast(str).to_list() == ["2026-08-31", "2026-09-30"]
    assert accepted.select("percent_complete", "planned_value", "earned_value").row(0) == (
        45.0,
        1000.0,
        900.0,
    )


def test_european_decimal_comma_is_not_guessed(tmp_path):
    project = 'P2,FIN,Odd,PMI,Planning,Active,3,2026-01-01,2026-12-31,"1.250,50"'
    assert problems(tmp_path, {"FIN/projects.csv": f"{PROJECT_HEADER}\n{GOOD_PROJECT}\n{project}\n"}) == [
        ("FIN/projects.csv", 3, "budget", "1.250,50", "type", "budget '1.250,50' is not a number")
    ]


def test_messy_file_accounts_for_every_row(tmp_path):
    risks = "\n".join(
        [
            RISK_HEADER,
            "R1,P1,Fine,Supplier,2,3,Reduce,Open,2026-02-01",
            "R2,P1,Likelihood too high,Supplier,9,3,Reduce,Open,2026-02-01",
            "R3,P9,Unknown project,Supplier,2,3,Reduce,Open,2026-02-01",
            ",,,,,,,,",
            "R4,P1,Fine too,Data,1,1,avoid,open,01/03/2026",
            "R5,P1,Two errors,Data,0,6,Reduce,Open,2026-02-01",
            "R4,P1,Duplicate,Data,1,1,Avoid,Open,2026-03-01",
        ]
    )
    found = ingest(returns(tmp_path, {"FIN/risks.csv": risks}), FORMATS, "ipmo")
    run = found.runs.filter(pl.col("path") == "FIN/risks.csv").row(0, named=True)
    assert (run["rows_read"], run["accepted"], run["rejected"]) == (6, 1, 5)
    assert found.tables["risks"].accepted["risk_id"].to_list() == ["R1"]
    kept = found.rejected.filter(pl.col("table_name") == "risks").sort("row")
    assert kept["row"].to_list() == [3, 4, 6, 7, 8]
    assert '"title":"Two errors"' in kept.filter(pl.col("row") == 7)["record"][0]


@pytest.mark.parametrize("folder", ["FIN", "ipmo"])
def test_enterprise_tables_come_from_the_ipmo_folder(tmp_path, folder):
    objectives = "objective_id,name\nOBJ1,Grow\n"
    found = ingest(returns(tmp_path, {f"{folder}/strategic_objectives.csv": objectives}), FORMATS, "ipmo")
    if folder == "ipmo":
        assert found.problems.is_empty()
    else:
        assert found.problems.rows() == [
            (
                "FIN/strategic_objectives.csv",
                None,
                "",
                "",
                "wrong_folder",
                "strategic_objectives are submitted in the 'ipmo' folder",
            )
        ]


def test_a_column_named_twice_makes_the_file_ambiguous(tmp_path):
    risks = "risk_id,project_id,title,Title,category,likelihood,impact,response,state,raised_on\n"
    risks += "R1,P1,Vendor late,Other,Supplier,2,3,Reduce,Open,2026-02-01\n"
    found = ingest(returns(tmp_path, {"FIN/risks.csv": risks}), FORMATS, "ipmo")
    assert found.problems.rows() == [
        (
            "FIN/risks.csv",
            1,
            "title",
            "",
            "duplicate_column",
            "column 'Title' appears twice (columns 3 and 4); no row could be accepted",
        )
    ]
    run = found.runs.filter(pl.col("path") == "FIN/risks.csv").row(0, named=True)
    assert (run["rows_read"], run["accepted"], run["rejected"]) == (1, 0, 1)


def test_a_header_that_clashes_with_internal_names_is_just_an_unknown_column(tmp_path):
    projects = f"{PROJECT_HEADER},__row\n{GOOD_PROJECT},7\n"
    found = ingest(returns(tmp_path, {"FIN/projects.csv": projects}), FORMATS, "ipmo")
    assert found.problems.select("rule", "column").rows() == [("unknown_column", "__row (column 11)")]
    assert found.tables["projects"].accepted["__row"].to_list() == [2]


def test_a_two_digit_year_is_never_guessed(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,2,3,Reduce,Open,01/02/26\nR2,P1,Other,Supplier,2,3,Reduce,Open,26-02-01\n"
    assert [p[3:5] for p in problems(tmp_path, {"FIN/risks.csv": risks})] == [
        ("01/02/26", "type"),
        ("26-02-01", "type"),
    ]


def test_an_event_dated_in_the_future_is_rejected(tmp_path):
    report = f"{REPORT_HEADER}\nP1,2062-10-31,Green,Green,Green,50,10,10,10\nP1,2026-10-31,Green,Green,Green,50,10,10,10\n"
    found = ingest(
        returns(tmp_path, {"FIN/status_reports.csv": report}), FORMATS, "ipmo", today=dt.date(2026, 11, 22)
    )
    assert found.problems.rows() == [
        (
            "FIN/status_reports.csv",
            2,
            "as_of",
            "2062-10-31",
            "future_date",
            "as_of 2062-10-31 is in the future (after 2026-11-30)",
        )
    ]


def test_an_implausible_date_is_rejected(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,2,3,Reduce,Open,0206-02-01\n"
    assert problems(tmp_path, {"FIN/risks.csv": risks}) == [
        (
            "FIN/risks.csv",
            2,
            "raised_on",
            "0206-02-01",
            "range",
            "raised_on 0206-02-01 is not a plausible date (1950-2100)",
        )
    ]


def test_a_huge_number_is_an_error_not_a_crash(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,1e30,3,Reduce,Open,2026-02-01\n"
    assert [p[2:5] for p in problems(tmp_path, {"FIN/risks.csv": risks})] == [("likelihood", "1e30", "type")]


def test_a_row_with_an_unquoted_comma_is_kept_and_rejected_alone(tmp_path):
    risks = "\n".join(
        [
            RISK_HEADER,
            "R1,P1,Fine,Supplier,2,3,Reduce,Open,2026-02-01",
            "R2,P1,Vendor, late,Supplier,2,3,Reduce,Open,2026-02-01",
            "R3,P1,Also fine,Supplier,2,3,Reduce,Open,2026-02-01",
        ]
    )
    found = ingest(returns(tmp_path, {"FIN/risks.csv": risks}), FORMATS, "ipmo")
    assert found.problems.rows() == [
        (
            "FIN/risks.csv",
            3,
            "",
            "",
            "field_count",
            "row has 10 fields but the header has 9 (a value with an unquoted ','?)",
        )
    ]
    run = found.runs.filter(pl.col("path") == "FIN/risks.csv").row(0, named=True)
    assert (run["rows_read"], run["accepted"], run["rejected"]) == (3, 2, 1)
    assert found.tables["risks"].accepted["risk_id"].to_list() == ["R1", "R3"]


def test_two_returns_in_one_month_are_both_rejected(tmp_path):
    report = f"{REPORT_HEADER}\nP1,2026-10-15,Green,Green,Green,50,10,10,10\nP1,2026-10-31,Amber,Green,Green,55,12,11,12\n"
    message = (
        "project_id + month of as_of P1 / 2026-10 appears 2 times "
        "(FIN/status_reports.csv row 2; FIN/status_reports.csv row 3); every copy is rejected"
    )
    assert [p[1:] for p in problems(tmp_path, {"FIN/status_reports.csv": report})] == [
        (2, "project_id", "P1", "unique", message)
    ]


def test_xlsx_rows_keep_the_numbers_excel_shows(tmp_path):
    path = tmp_path / "FIN" / "risks.xlsx"
    returns(tmp_path, {})
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Risks")
    sheet.write_row(0, 0, RISK_HEADER.split(","))
    sheet.write_row(1, 0, ["R1", "P1", "Fine", "Supplier", "2", "3", "Reduce", "Open", "2026-02-01"])
    # Row 3 left blank, as people do.
    sheet.write_row(3, 0, ["R2", "P1", "Too likely", "Supplier", 9, 3, "Reduce", "Open", "2026-02-01"])
    workbook.add_worksheet("Notes").write(0, 0, "draft")
    workbook.close()
    found = ingest(tmp_path, FORMATS, "ipmo")
    assert found.problems.select("row", "column", "rule").rows() == [
        (None, "", "extra_sheet"),
        (4, "likelihood", "range"),
    ]


def test_a_spreadsheet_whose_first_row_is_blank_is_explained(tmp_path):
    returns(tmp_path, {})
    workbook = xlsxwriter.Workbook(tmp_path / "FIN" / "risks.xlsx")
    sheet = workbook.add_worksheet()
    sheet.write_row(2, 0, RISK_HEADER.split(","))
    sheet.write_row(3, 0, ["R1", "P1", "Fine", "Supplier", "2", "3", "Reduce", "Open", "2026-02-01"])
    workbook.close()
    found = ingest(tmp_path, FORMATS, "ipmo")
    assert found.problems.filter(pl.col("rule") == "header_row")["message"].to_list() == [
        "row 1 is empty: the column names must be on the first row"
    ]
    run = found.runs.filter(pl.col("path") == "FIN/risks.xlsx").row(0, named=True)
    assert run["rows_read"] == run["rejected"] == 2


def test_files_outside_a_department_folder_are_reported(tmp_path):
    found = ingest(
        returns(tmp_path, {"projects.csv": "x\n", "FIN/2026-10/risks.csv": "x\n"}), FORMATS, "ipmo"
    )
    assert found.problems.select("file", "rule").rows() == [
        ("FIN/2026-10/risks.csv", "misplaced_file"),
        ("projects.csv", "misplaced_file"),
    ]
