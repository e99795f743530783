"""Returns that fail as a whole file: reported once, every row counted as rejected, the rest still built."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
import pytest
import xlsxwriter

from pmo_dash.contract import TABLES, Column, Table
from pmo_dash.intake.build import build
from pmo_dash.intake.ingest import ingest
from pmo_dash.settings import Settings
from tests.test_validation import FORMATS, RISK_HEADER, returns

DATE_KEYED = sorted(t.name for t in TABLES if any(t.column(k).kind == "date" for k in t.key))
EXCEL_UNICODE_TEXT = "utf-16"  # what Excel's "Unicode Text" writes: UTF-16 with a byte-order mark, tabs


def test_the_tables_keyed_by_a_date_are_the_ones_the_defect_named():
    # Since issue 19 also the proposals' demand (by month) and the board's decisions (by date).
    assert DATE_KEYED == [
        "benefit_measurements",
        "capacity",
        "demand",
        "proposal_decisions",
        "proposal_demand",
        "risk_reviews",
        "status_reports",
    ]


def _value(column: Column) -> str:
    return {
        "int": "3",
        "float": "1",
        "date": "2026-01-31",
        "bool": "no",
        "enum": column.values[0] if column.values else "",
    }.get(column.kind, "X1")


def _rows(table: Table, count: int = 2) -> list[list[str]]:
    """A header of every template column and `count` rows of plausible values."""
    return [table.names] + [[_value(c) for c in table.columns] for _ in range(count)]


def _folder(table: Table) -> str:
    return "ipmo" if table.enterprise else "FIN"


def _broken(table: Table, how: str) -> bytes:
    rows = _rows(table)
    if how == "column named twice":
        rows = [[*r, r[0]] for r in rows]
        return "\n".join(",".join(r) for r in rows).encode()
    if how == "not UTF-8":
        text = "\n".join(",".join(r) for r in rows) + "\n"
        return text.replace("X1", "Cl\xe9ment", 1).encode("latin-1")
    if how == "separated by bars":
        return "\n".join("|".join(r) for r in rows).encode()
    raise ValueError(how)


EXPECTED_RULE = {
    "column named twice": "duplicate_column",
    "not UTF-8": "not_utf8",
    "separated by bars": "missing_column",
}


@pytest.mark.parametrize("how", sorted(EXPECTED_RULE))
@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_a_file_rejected_whole_is_reported_once_and_counted(tmp_path, table, how):
    name = f"{_folder(table)}/{table.name}.csv"
    found = ingest(returns(tmp_path, {name: _broken(table, how)}), FORMATS, "ipmo")
    mine = found.problems.filter(pl.col("file") == name)
    assert mine["rule"].to_list() == [EXPECTED_RULE[how]]
    run = found.runs.filter(pl.col("path") == name).row(0, named=True)
    assert (run["rows_read"], run["accepted"], run["rejected"]) == (2, 0, 2)
    assert found.tables["departments"].accepted.filter(pl.col("__folder") == "HR").height == 1


def test_bars_instead_of_commas_say_how_to_save_the_file(tmp_path):
    capacity = b"department_id|role|month|capacity_fte\nFIN|Developer|2026-10-01|3\n"
    found = ingest(returns(tmp_path, {"FIN/capacity.csv": capacity}), FORMATS, "ipmo")
    assert found.problems.rows() == [
        (
            "FIN/capacity.csv",
            1,
            "department_id, role, month, capacity_fte",
            "",
            "missing_column",
            "required column(s) missing: department_id, role, month, capacity_fte; no row could be "
            "accepted; row 1 reads as one column ('department_id|role|month|capacity_fte'): separate "
            "the columns with commas, semicolons or tabs (save as 'CSV UTF-8' or 'Unicode Text')",
        )
    ]


@pytest.mark.parametrize("table_name", DATE_KEYED)
def test_a_date_keyed_file_rejected_whole_still_builds_the_warehouse(tmp_path, table_name):
    table = next(t for t in TABLES if t.name == table_name)
    name = f"FIN/{table.name}.csv"
    source = returns(tmp_path / "returns", {name: _broken(table, "column named twice")})
    settings = Settings(
        source_dir=source, warehouse=tmp_path / "out" / "w.duckdb", report=tmp_path / "out" / "report.csv"
    )
    build(settings)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        run = con.execute(
            "select rows_read, accepted, rejected from ingest_runs where path = ?", [name]
        ).fetchall()
        projects = con.sql("select project_id from raw_projects").fetchall()
        kept = con.execute("select count(*) from rejected_rows where file = ?", [name]).fetchall()
    assert run == [(2, 0, 2)]
    assert kept == [(2,)]
    assert projects == [("P1",)]
    report = pl.read_csv(settings.report, infer_schema=False).filter(pl.col("file") == name)
    assert report["rule"].to_list() == ["duplicate_column"]


REPORT = (
    "project_id\tas_of\toverall_rag\tschedule_rag\tcost_rag\tpercent_complete\tplanned_value\t"
    "earned_value\tactual_cost\tsummary\n"
    "P1\t2026-09-30\tGreen\tAmber\tGreen\t40\t100\t90\t95\tBudget, scope agreed\n"
    "P1\t31/10/2026\tAmber\tAmber\tGreen\t50\t120\t100\t110\tCl\u00e9ment away\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", EXCEL_UNICODE_TEXT, "utf-16-le", "utf-16-be"])
def test_tab_delimited_and_unicode_text_exports_from_excel_are_read(tmp_path, encoding):
    found = ingest(returns(tmp_path, {"FIN/status_reports.csv": REPORT.encode(encoding)}), FORMATS, "ipmo")
    assert found.problems.is_empty()
    accepted = found.tables["status_reports"].accepted.sort("as_of")
    assert accepted.select("as_of", "schedule_rag", "earned_value", "summary").rows() == [
        (dt.date(2026, 9, 30), "Amber", 90.0, "Budget, scope agreed"),
        (dt.date(2026, 10, 31), "Amber", 100.0, "Cl\u00e9ment away"),
    ]
    assert accepted["__row"].to_list() == [2, 3]


def test_an_excel_date_time_cell_is_read_as_its_date(tmp_path):
    returns(tmp_path, {})
    workbook = xlsxwriter.Workbook(tmp_path / "FIN" / "risks.xlsx")
    sheet = workbook.add_worksheet()
    stamp = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write_row(0, 0, RISK_HEADER.split(","))
    sheet.write_row(1, 0, ["R1", "P1", "Vendor late", "Supplier", 2, 3, "Reduce", "Open"])
    sheet.write_datetime(1, 8, dt.datetime(2026, 2, 1, 13, 45), stamp)
    sheet.write_row(2, 0, ["R2", "P1", "Key person", "Resourcing", 3, 3, "Accept", "Open"])
    sheet.write_datetime(2, 8, dt.datetime(2026, 3, 2, 0, 0, 0, 500000), stamp)
    workbook.close()
    found = ingest(tmp_path, FORMATS, "ipmo")
    assert found.problems.is_empty()
    assert found.tables["risks"].accepted.select("risk_id", "raised_on").rows() == [
        ("R1", dt.date(2026, 2, 1)),
        ("R2", dt.date(2026, 3, 2)),
    ]


def test_a_text_time_after_a_date_is_read_as_the_date_but_a_bad_time_is_not(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,2,3,Reduce,Open,2026-02-01T09:30\n"
    risks += "R2,P1,Key person,Resourcing,3,3,Accept,Open,2026-02-01 soon\n"
    found = ingest(returns(tmp_path, {"FIN/risks.csv": risks}), FORMATS, "ipmo")
    assert found.tables["risks"].accepted.select("risk_id", "raised_on").rows() == [
        ("R1", dt.date(2026, 2, 1))
    ]
    assert found.problems.select("row", "column", "rule").rows() == [(3, "raised_on", "type")]


def test_one_table_submitted_twice_in_a_folder_is_one_message_per_file(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,2,3,Reduce,Open,2026-02-01\n"
    risks += "R2,P1,Key person,Resourcing,3,3,Accept,Open,2026-02-01\n"
    source = returns(tmp_path, {"FIN/risks.csv": risks})
    pl.read_csv(source / "FIN" / "risks.csv", infer_schema=False).write_excel(source / "FIN" / "risks.xlsx")
    found = ingest(source, FORMATS, "ipmo")
    message = (
        "risks is submitted 2 times in FIN (risks.csv and risks.xlsx): none of them was used, since "
        "choosing one would be a guess; keep one file and submit again"
    )
    assert found.problems.rows() == [
        ("FIN/risks.csv", None, "", "", "duplicate_return", message),
        ("FIN/risks.xlsx", None, "", "", "duplicate_return", message),
    ]
    runs = found.runs.filter(pl.col("table_name") == "risks").sort("path")
    assert runs.select("path", "rows_read", "accepted", "rejected").rows() == [
        ("FIN/risks.csv", 2, 0, 2),
        ("FIN/risks.xlsx", 2, 0, 2),
    ]


def test_the_same_table_in_two_departments_folders_is_not_a_duplicate_return(tmp_path):
    capacity = "department_id,role,month,capacity_fte\n{d},Developer,2026-10-01,3\n"
    found = ingest(
        returns(
            tmp_path,
            {"FIN/capacity.csv": capacity.format(d="FIN"), "HR/capacity.csv": capacity.format(d="HR")},
        ),
        FORMATS,
        "ipmo",
    )
    assert found.problems.is_empty()
    assert sorted(found.tables["capacity"].accepted["department_id"].to_list()) == ["FIN", "HR"]


def test_a_capacity_row_in_the_wrong_folder_is_rejected_alone(tmp_path):
    header = "department_id,role,month,capacity_fte\n"
    fin = header + "FIN,Developer,2026-10-01,3\nHR,Developer,2026-10-01,2\n"
    hr = header + "HR,Developer,2026-10-01,4\n"
    found = ingest(returns(tmp_path, {"FIN/capacity.csv": fin, "HR/capacity.csv": hr}), FORMATS, "ipmo")
    assert found.problems.rows() == [
        (
            "FIN/capacity.csv",
            3,
            "department_id",
            "HR",
            "department",
            "department_id HR does not match the folder 'FIN' this return was submitted in",
        )
    ]
    accepted = found.tables["capacity"].accepted.sort("department_id")
    assert accepted.select("department_id", "capacity_fte", "__file").rows() == [
        ("FIN", 3.0, "FIN/capacity.csv"),
        ("HR", 4.0, "HR/capacity.csv"),
    ]


def test_a_demand_row_for_another_departments_project_is_rejected_alone(tmp_path):
    header = "project_id,role,month,demand_fte\n"
    found = ingest(
        returns(
            tmp_path,
            {
                "FIN/demand.csv": header + "P1,Developer,2026-10-01,1.5\n",
                "HR/demand.csv": header + "P1,Developer,2026-10-01,9\n",
            },
        ),
        FORMATS,
        "ipmo",
    )
    assert found.problems.select("file", "row", "rule", "message").rows() == [
        ("HR/demand.csv", 2, "reference", "project_id P1 is a project of department FIN, not of HR")
    ]
    assert found.tables["demand"].accepted.select("project_id", "demand_fte").rows() == [("P1", 1.5)]


def test_two_departments_claiming_one_key_are_still_both_rejected(tmp_path):
    projects = "project_id,department_id,name,methodology,stage,state,strategic_fit,baseline_start,baseline_finish,budget\n"
    hr = projects + "P1,HR,Payroll,PMI,Planning,Active,3,2026-01-01,2026-12-31,500\n"
    found = ingest(returns(tmp_path, {"HR/projects.csv": hr}), FORMATS, "ipmo")
    assert sorted(found.problems.select("file", "rule").rows()) == [
        ("FIN/projects.csv", "unique"),
        ("HR/projects.csv", "unique"),
    ]
