"""An upload's safety (issue 13, part 8): size, type by content, which table, names never paths."""

from __future__ import annotations

import io
import zipfile

import pytest
import xlsxwriter

from pmo_dash.contract import TABLES
from pmo_dash.intake import SubmissionRefused
from pmo_dash.intake.ingest.read import SourceFile, read
from pmo_dash.intake.submissions.files import MB, inspect, inspect_all

RISKS = b"risk_id,project_id,title\nR1,P1,Late\n"
DEPARTMENT_TABLES = ", ".join(t.name for t in TABLES if not t.enterprise)


def workbook(sheets: dict[str, list[list]], formulas: dict | None = None) -> bytes:
    out = io.BytesIO()
    with xlsxwriter.Workbook(out) as book:
        for name, rows in sheets.items():
            sheet = book.add_worksheet(name)
            for r, row in enumerate(rows):
                sheet.write_row(r, 0, row)
            for cell, (formula, value) in (formulas or {}).get(name, {}).items():
                sheet.write_formula(cell, formula, None, value)
    return out.getvalue()


def refused(name: str, data: bytes, limit: float = 20) -> str:
    with pytest.raises(SubmissionRefused) as err:
        inspect(name, data, limit)
    return str(err.value)


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_setting():
    assert refused("status_reports.csv", b"a" * int(31.2 * MB)) == (
        "status_reports.csv is 31.2 MB; the limit is 20 MB (PMO_UPLOAD_LIMIT_MB)"
    )
    assert inspect("status_reports.csv", b"a,b\n" * (MB // 4), 1).tables == ("status_reports",)


def test_only_csv_xlsx_and_parquet_are_accepted_judged_by_content():
    assert refused("risks.xlsm", workbook({"risks": [["risk_id"]]})) == (
        "risks.xlsm is a macro-enabled workbook (.xlsm): save it as an Excel Workbook (.xlsx) and upload that"
    )
    assert (
        refused("risks.txt", RISKS)
        == "risks.txt is not a .csv, .xlsx or .parquet file: only those are accepted"
    )
    assert refused("risks.csv", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 50) == (
        "risks.csv is not a CSV text file: it is a program"
    )
    assert (
        refused("risks.csv", b"id,name\x00\x01\x02")
        == "risks.csv is not a CSV text file: it holds binary data"
    )
    assert (
        refused("risks.xlsx", b"%PDF-1.7 ...") == "risks.xlsx is not an Excel workbook: it is a PDF document"
    )
    assert refused("risks.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100) == (
        "risks.xlsx is not an Excel workbook: it is an Excel 97-2003 workbook (.xls) or another Office binary"
    )
    assert (
        refused("risks.parquet", RISKS) == "risks.parquet is not a Parquet file: its content is not Parquet"
    )
    assert refused("risks.csv", b"  \n") == "risks.csv is empty"


def test_a_zip_that_is_not_a_workbook_and_a_workbook_with_macros_are_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("notes.txt", "hello")
    assert refused("risks.xlsx", archive.getvalue()) == "risks.xlsx is a zip archive, not an Excel workbook"
    macros = io.BytesIO(workbook({"risks": [["risk_id"]]}))
    with zipfile.ZipFile(macros, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\x00" * 64)
    assert refused("risks.xlsx", macros.getvalue()) == (
        "risks.xlsx contains macros (a VBA project): save it as an Excel Workbook (.xlsx) without macros"
    )


def test_the_table_comes_from_the_name_or_the_sheets_and_an_unknown_one_is_refused():
    assert refused("october.csv", RISKS) == (
        f"october.csv is not a standard return: its file name must be the table it holds, one of "
        f"{DEPARTMENT_TABLES}"
    )
    assert refused("october.xlsx", workbook({"Sheet1": [["risk_id"]]})).startswith(
        "october.xlsx is not a standard return: its file name, or a sheet's name, must be"
    )
    assert refused("strategic_objectives.csv", b"objective_id,name\nO1,x\n") == (
        "strategic_objectives.csv holds strategic_objectives, which the IPMO keeps for every department: "
        "a department does not submit it"
    )
    book = inspect(
        "fin october.xlsx", workbook({"Read me": [["x"]], "Status Reports": [["a"]], "risks": [["b"]]}), 20
    )
    assert (book.tables, book.stored_as, book.ignored_sheets) == (
        ("status_reports", "risks"),
        "workbook.xlsx",
        ("Read me",),
    )
    assert book.shown("status_reports") == "fin october.xlsx (sheet Status Reports)"
    assert inspect("Risks.CSV", RISKS, 20).stored_as == "risks.csv"


def test_a_file_name_is_text_never_a_path():
    upload = inspect("../../etc/cron.d/risks.csv", RISKS, 20)
    assert (upload.name, upload.stored_as) == ("risks.csv", "risks.csv")
    assert inspect("C:\\Users\\ana\\risks\x07.csv", RISKS, 20).name == "risks.csv"


def test_one_table_in_two_files_is_refused():
    with pytest.raises(
        SubmissionRefused, match=r"^risks is in both risks.csv and book.xlsx: upload it once$"
    ):
        inspect_all([("risks.csv", RISKS), ("book.xlsx", workbook({"risks": [["risk_id"]]}))], 20)
    with pytest.raises(SubmissionRefused, match="^no file was uploaded$"):
        inspect_all([], 20)


def test_formula_cells_are_read_as_their_values(tmp_path):
    path = tmp_path / "risks.xlsx"
    path.write_bytes(
        workbook(
            {"risks": [["risk_id", "likelihood", "title"], ["R1", 0, "x"]]},
            {"risks": {"B2": ("=1+2", 3), "C2": ('="Late "&"vendor"', "Late vendor")}},
        )
    )
    frame = read(SourceFile(path, "risks.xlsx", "risks", "FIN")).frame
    assert frame.select("risk_id", "likelihood", "title").rows() == [("R1", "3", "Late vendor")]
