"""Every table a page shows, as one workbook (issue 16, item 5): a sheet per table, headed as on screen,
numbers as numbers in the format the screen shows them, RAG chips as their words, and text that would
start a formula written as text. Each page is run by AppTest; the file is made as a click would make it."""

from __future__ import annotations

import io
import re
import zipfile

import polars as pl
import pytest

from pmo_dash.ui import sheets, tables
from pmo_dash.ui.sheets import DOWNLOAD as TABLES
from pmo_dash.ui.toolbar import BOARD_PACK
from tests import office
from tests.test_app import ENTITY, LEVELS, app
from tests.test_downloads import downloads  # noqa: F401 (a fixture)


def workbook(made: list[tuple[str, str, bytes]]) -> tuple[str, bytes]:
    [(_, name, blob)] = [d for d in made if d[0] == TABLES]
    return name, blob


def sheet(blob: bytes, name: str) -> pl.DataFrame:
    return pl.read_excel(io.BytesIO(blob), sheet_name=name)


def sheet_names(blob: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(blob)) as book:
        return re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())


def number_formats(blob: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(blob)) as book:
        styles = book.read("xl/styles.xml").decode()
    return {f.replace("&quot;", '"') for f in re.findall(r'formatCode="([^"]+)"', styles)}


def test_a_departments_tables_download_as_one_workbook(fixture_settings, downloads):  # noqa: F811
    at = app("department", department="HR", department_tab="Projects")
    assert not at.exception, [e.message for e in at.exception]
    name, blob = workbook(downloads)
    assert name == "hr-2026-10.xlsx"
    # The tables the page shows, in its order: People has no watermelon (no table, a message), and of
    # the tabs only the open one is drawn (here Projects; Programmes is the first).
    assert sheet_names(blob) == ["Projects"]
    projects = sheet(blob, "Projects")
    # Headed as on screen, the SPI sparkline left out (a picture, not a value).
    assert projects.columns == [
        "Project",
        "Evidence",
        "Reported",
        "Complete",
        "SPI",
        "CPI",
        "Slip (days)",
        "EAC",
        "EAC − budget",
        "Budget",
        "Manager",
        "Programme",
        "ID",
    ]
    # Numbers as numbers, whole amounts (the screen shows £658 and £500); RAG chips as their words.
    assert projects.rows() == [
        (
            "Payroll replacement",
            "Red",
            "Amber",
            38,
            0.95,
            0.76,
            0,
            pytest.approx(500 / 0.76),
            pytest.approx(500 / 0.76 - 500),
            500,
            "Ken Thompson",
            "Workforce platform",
            "HR-P3",
        ),
        (
            "Recruitment portal",
            "Amber",
            "Green",
            50,
            1.0,
            pytest.approx(400 / 380),
            30,
            760.0,
            -40.0,
            800,
            "Dennis Ritchie",
            "Workforce platform",
            "HR-P4",
        ),
    ]
    # And they read as they do on screen: money in the currency, ratios to two places, percentages.
    assert {'"£"#,##0;-"£"#,##0', "0.00", '0"%"'} <= number_formats(blob)
    # The first tab's workbook holds the programmes.
    downloads.clear()
    at = app("department", department="HR")
    assert not at.exception, [e.message for e in at.exception]
    _, blob = workbook(downloads)
    assert sheet_names(blob) == ["Programmes"]
    programmes = sheet(blob, "Programmes")
    assert programmes.row(0) == (
        "Workforce platform",
        2,
        1,
        1,
        0,
        0,
        pytest.approx(590 / 600),
        pytest.approx(590 / 630),
        1300,
        pytest.approx(500 / 0.76 + 760),
    )


def test_the_enterprise_pages_tables(fixture_settings, downloads):  # noqa: F811
    at = app("enterprise")
    assert not at.exception
    name, blob = workbook(downloads)
    assert name == "enterprise-2026-10.xlsx"
    assert sheet_names(blob)[:2] == ["Watermelons", "Departments"]
    assert sheet(blob, "Watermelons")["Project"].to_list() == ["General ledger migration"]
    departments = sheet(blob, "Departments")
    assert departments.select("Department", "Projects", "Budget", "Reported on time").rows() == [
        ("Finance", 2, 3000, 1.0),
        ("People", 2, 1300, 0.5),
    ]
    assert "0%" in number_formats(blob)  # a share reads as a percentage, its value stays 0 to 1


def test_a_table_longer_than_a_screen_draws_its_first_rows_and_the_workbook_holds_them_all(
    fixture_settings,
    downloads,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(tables, "SHOWN", 1)
    at = app("enterprise")
    assert not at.exception
    [drawn] = [d.value for d in at.dataframe if d.key == "department_table"]
    assert drawn["department"].tolist() == ["Finance"]  # the first, in the table's order
    said = (
        "The first 1 of 2, in this order; sorting a column sorts these. Every one is in Tables (XLSX) at the "
    )
    # Said once: the watermelons (one row) are drawn whole.
    assert [c.value for c in at.caption].count(said + "top of the page.") == 1
    _, blob = workbook(downloads)
    assert sheet(blob, "Departments")["Department"].to_list() == ["Finance", "People"]


@pytest.mark.parametrize(
    "page", ["enterprise", "department", "programme", "project", "risks", "benefits", "lessons", "governance"]
)
def test_every_data_page_offers_its_tables_and_the_portfolio_pages_a_board_pack(fixture_settings, page):
    # Governance opens on the gates, which this portfolio does not return: its satisfaction tab has tables.
    shown = {"governance": {"made": "Satisfaction and seed KPIs"}}
    at = app(page, **({page: ENTITY[page]} if page in ENTITY else LEVELS.get(page, shown.get(page, {}))))
    assert not at.exception, [e.message for e in at.exception]
    labels = [b.label for b in at.download_button]
    assert TABLES in labels
    assert (BOARD_PACK in labels) == (page in ("enterprise", "department", "programme"))


def test_text_that_would_start_a_formula_is_written_as_text():
    shown = sheets.Shown(
        "Projects",
        pl.DataFrame(
            {
                "project": ['=HYPERLINK("http://evil.example","x")', "@SUM(A1)", "+1+cmd"],
                "budget": [1.0, -2.5, 3.0],
            }
        ),
        {"project": {"label": "Project"}, "budget": {"label": "=Budget", "type_config": {"format": "money"}}},
    )
    blob = sheets.workbook([shown])
    frame = sheet(blob, "Projects")
    assert frame.columns == ["Project", "'=Budget"]
    assert frame.rows() == [
        ('\'=HYPERLINK("http://evil.example","x")', 1.0),
        ("'@SUM(A1)", -2.5),
        ("'+1+cmd", 3.0),
    ]
    assert office.live(blob) == []


def test_sheet_names_are_ones_excel_takes():
    frame = pl.DataFrame({"a": [1]})
    shown = [
        sheets.Shown(t, frame, {"a": "A"})
        for t in ("Risks at 3 × 4: [open]?", "risks at 3 × 4: [open]?", None, "x" * 40)
    ]
    assert sheet_names(sheets.workbook(shown)) == [
        "Risks at 3 × 4   open",
        "risks at 3 × 4   open 2",
        "Table 3",
        "x" * 31,
    ]


def test_the_tabs_place_in_the_workbook_holds_their_latest_run():
    """A page's tabs rerun on their own (ui/tabs.py): the tables they draw take their place in the
    page's order, each run's in place of the last; a workbook asked for when nothing is shown says so."""
    frame = pl.DataFrame({"a": [1]})
    page = sheets.collect()
    sheets.record("Watermelons", frame, {"a": "A"})
    slot = sheets.hold()
    with sheets.filling(slot):
        sheets.record("Departments", frame, {"a": "A"})
    sheets.record("After the tabs", frame, {"a": "A"})
    sheets.stop()
    assert sheet_names(sheets.workbook(page)) == ["Watermelons", "Departments", "After the tabs"]
    with sheets.filling(slot):  # the tabs' own run, another tab open: the page collects nothing else
        sheets.record("RAG changed since Sep 2026", frame, {"a": "A"})
        sheets.record("Risks into red since Sep 2026", frame, {"a": "A"})
    assert not sheets.record("Outside any run", frame, {"a": "A"})
    assert sheet_names(sheets.workbook(page)) == [
        "Watermelons",
        "RAG changed since Sep 2026",
        "Risks into red since Sep 2026",
        "After the tabs",
    ]
    with sheets.filling(slot):
        pass  # a tab with no table
    assert [t.title for t in sheets.tables(page)] == ["Watermelons", "After the tabs"]
    nothing = sheets.workbook([slot])
    assert sheet_names(nothing) == [sheets.NOTHING]
    assert sheet(nothing, sheets.NOTHING).rows() == [("No table is shown on this page as it is now.",)]
    assert sheets.hold() is None  # a page that collects no tables keeps no place for its tabs'


def test_a_page_without_a_workbook_draws_its_tables_whole(fixture_settings, monkeypatch):
    """`tables.show` shortens a table only when the page's workbook holds every row: the what-if offers
    none, so its ranking is drawn whole however long."""
    monkeypatch.setattr(tables, "SHOWN", 1)
    at = app("whatif", whatif_tab="Ranking")
    assert not at.exception, [e.message for e in at.exception]
    assert TABLES not in [b.label for b in at.download_button]
    assert max(d.value.shape[0] for d in at.dataframe) > 1
    assert not [c for c in at.caption if c.value.startswith("The first 1 of")]


@pytest.mark.parametrize("page", ["department", "programme", "project"])
def test_the_indexes_offer_their_table_as_a_workbook(fixture_settings, downloads, page):  # noqa: F811
    at = app(page)
    assert not at.exception, [e.message for e in at.exception]
    name, blob = workbook(downloads)
    assert name == f"{page}s-2026-10.xlsx"
    assert sheet_names(blob) == [f"{page.capitalize()}s"]
