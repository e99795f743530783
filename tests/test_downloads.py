"""Table downloads (issue 10): with Streamlit's own table export off, the tables people need to take
away offer a CSV of their own, through pmo_dash.exports. Each page is run by AppTest; the file is made
as a click would make it."""

from __future__ import annotations

import csv
import io
import tomllib

import polars as pl
import pytest
import streamlit as st
from streamlit import config

from pmo_dash import exports
from pmo_dash.ui.portfolio import projects
from tests.test_app import ROOT, app


def test_streamlits_own_table_export_is_switched_off():
    # Its "Download as CSV" and copy write cells raw; the app's own downloads go through exports.
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["client"]["disableDataExport"] is True
    assert "client.disableDataExport" in config.get_config_options()


@pytest.fixture
def downloads(monkeypatch) -> list[tuple[str, str, bytes]]:
    """Every page-level download the next run draws: label, file name and the file a click makes."""
    made: list[tuple[str, str, bytes]] = []
    draw = st.download_button

    def drawn(label, data, file_name=None, *args, **kwargs):
        made.append((label, file_name, data() if callable(data) else data))
        return draw(label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", drawn)
    return made


def csv_files(made: list[tuple[str, str, bytes]]) -> list[tuple[str, str, bytes]]:
    """The CSV downloads among a page's (which also offers its board pack and its tables as XLSX)."""
    return [d for d in made if d[1].endswith(".csv")]


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(), newline="")))


def test_a_departments_projects_download_as_the_table_shows_them(fixture_settings, downloads):
    at = app("department", department="HR", department_tab="Projects")
    assert not at.exception, [e.message for e in at.exception]
    [button] = [b for b in at.download_button if b.label == "Download CSV"]
    assert button.proto.type == "tertiary"
    [(label, name, data)] = csv_files(downloads)
    assert name == "hr-projects.csv"
    assert [c.value for c in at.caption if "click a row" in c.value] == [
        "2 projects · click a row to open the project"
    ]
    # The fixture's October (tests/fixtures/portfolio/README.md): HR-P3 is Red on CPI 190/250 = 0.76,
    # EAC 500/0.76 = 657.89; HR-P4 stands on September, CPI 400/380, EAC 760, 40 under budget.
    assert rows(data) == [
        [
            "ID",
            "Project",
            "Programme",
            "Evidence RAG",
            "Reported RAG",
            "Complete (%)",
            "SPI",
            "CPI",
            "Slip (days)",
            "Budget (£)",
            "EAC (£)",
            "EAC − budget (£)",
            "Manager",
        ],
        [
            "HR-P3",
            "Payroll replacement",
            "Workforce platform",
            "Red",
            "Amber",
            "38.0",
            "0.95",
            "0.76",
            "0",
            "500.0",
            "657.8947368421052",
            "157.8947368421052",
            "Ken Thompson",
        ],
        [
            "HR-P4",
            "Recruitment portal",
            "Workforce platform",
            "Amber",
            "Green",
            "50.0",
            "1.0",
            "1.0526315789473684",
            "30",
            "800.0",
            "760.0",
            "-40.0",
            "Dennis Ritchie",
        ],
    ]
    # What is found is what downloads.
    downloads.clear()
    at.text_input(key="projects_find").input("payroll").run()
    assert [r[0] for r in rows(csv_files(downloads)[-1][2])] == ["ID", "HR-P3"]
    # The count says how many of the department's projects the search found.
    assert [c.value for c in at.caption if "click a row" in c.value] == [
        "1 of 2 projects · click a row to open the project"
    ]


def test_a_programmes_projects_download(fixture_settings, downloads):
    at = app("programme", programme="FIN-PG1")
    assert not at.exception, [e.message for e in at.exception]
    [(label, name, data)] = csv_files(downloads)
    assert (label, name) == ("Download CSV", "fin-pg1-projects.csv")
    assert [r[0] for r in rows(data)] == ["ID", "FIN-P1", "FIN-P2"]


def test_the_lessons_library_downloads(fixture_settings, downloads):
    at = app("lessons", lessons_tab="Library")
    assert not at.exception, [e.message for e in at.exception]
    [(label, name, data)] = csv_files(downloads)
    assert (label, name) == ("Download CSV", "lessons.csv")
    table = rows(data)
    assert table[0] == [
        "Lesson",
        "Department",
        "Project",
        "Logged",
        "Category",
        "Effect",
        "Title",
        "What happened",
        "Root cause",
        "Recommendation",
    ]
    assert [r[0] for r in table[1:]] == ["HR-L2", "FIN-L1", "HR-L1", "HR-L3"]
    # HR-L2 has no root cause: an empty field, not "null".
    assert table[1][3:9] == [
        "2026-09-15",
        "Testing",
        "Positive",
        "Parallel payroll run caught errors",
        "Running the old and new payroll side by side found defects",
        "",
    ]


def test_table_downloads_quote_formulas_and_keep_numbers():
    # A project name, programme and manager come from the returns as typed.
    found = pl.DataFrame(
        {
            "project_id": ["X-1"],
            "project": ['=HYPERLINK("http://evil.example","x")'],
            "programme": ["@SUM(A1)"],
            "evidence_rag": ["Red"],
            "reported_rag": ["Green"],
            "percent_complete": [12.5],
            "spi_trend": [[0.9, 0.8]],
            "spi": [0.8],
            "cpi": [0.9],
            "slip_days": [-3],
            "budget": [100.0],
            "eac": [97.5],
            "eac_over_budget": [-2.5],
            "project_manager": ["+cmd|' /C calc'!A0"],
        }
    )
    [_, row] = rows(exports.csv_bytes(projects.projects_export(found)))
    assert row == [
        "X-1",
        '\'=HYPERLINK("http://evil.example","x")',
        "'@SUM(A1)",
        "Red",
        "Green",
        "12.5",
        "0.8",
        "0.9",
        "-3",
        "100.0",
        "97.5",
        "-2.5",
        "'+cmd|' /C calc'!A0",
    ]
