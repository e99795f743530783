"""Foreign files as they come: encodings, delimiters, a header not on the first row, transposed sheets,
XLSX, one file per year with differing headers; and every bad file or value with the exact message
(file, row, column, value), with rows in = mapped + reported in every case."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import xlsxwriter

from pmo_dash.intake.imports import ImportFailed, run_import
from pmo_dash.intake.imports.targets import TARGETS
from pmo_dash.intake.imports.values import Rules, read
from tests.imports import HEADER, MAPPING, problems, report, returns, run

GOOD = f"{HEADER}\nFinance,Ledger,01/04/2024,31/03/2026,12,Green\n"
ROOT = Path(__file__).parent.parent


def counted(outcome) -> list[tuple]:
    """(file, rows in, mapped, reported) per file; and rows in = mapped + reported, always."""
    assert all(c.rows_in == c.mapped + c.reported for c in outcome.counts)
    return [(c.file, c.rows_in, c.mapped, c.reported) for c in outcome.counts]


def test_a_value_not_in_the_value_map(tmp_path):
    files = {"a.csv": GOOD + "People,Payroll,01/05/2024,31/03/2027,13,Greenish\n"}
    outcome = run(tmp_path, files)
    assert counted(outcome) == [("a.csv", 2, 1, 1)]
    assert problems(tmp_path / "out") == [
        (
            "a.csv",
            3,
            "RAG",
            "Greenish",
            "value_map",
            "overall_rag: 'Greenish' is not in the value map (Red, Amber, Green); add it to "
            "[columns.overall_rag.values] or to the markers",
        )
    ]
    assert [r["name"] for r in returns(tmp_path / "out", "projects")] == ["Ledger"]


def test_a_repeated_unmapped_value_is_one_line_with_its_count(tmp_path):
    rows = "".join(f"People,P{i},01/05/2024,31/03/2027,13,Purple\n" for i in range(5))
    outcome = run(tmp_path, {"a.csv": GOOD + rows})
    assert counted(outcome) == [("a.csv", 6, 1, 5)]
    line = next(r for r in report(tmp_path / "out") if r["rule"] == "value_map")
    assert (line["row"], line["value"], line["count"]) == ("3", "Purple", "5")
    assert line["message"].endswith("(5 times: row 3, row 4, row 5 and 2 more)")
    counts = next(r for r in report(tmp_path / "out") if r["rule"] == "rows")
    assert counts["message"] == "rows in 6 = mapped 1 + reported 5 (rows, utf-8, as of 2025-03-31)"


def test_a_file_in_an_unexpected_encoding(tmp_path):
    """Declared UTF-8, written in cp1252: the cell is named with the byte shown, and the encoding that reads it."""
    data = f"{HEADER}\nFinance,Ledger,01/04/2024,31/03/2026,£12,Green\n".encode("cp1252")
    mapping = MAPPING.replace("[source]\n", '[source]\nencoding = "utf-8"\n')
    outcome = run(tmp_path, {"a.csv": data}, mapping)
    assert counted(outcome) == [("a.csv", 1, 0, 1)]
    assert problems(tmp_path / "out") == [
        (
            "a.csv",
            2,
            "Budget",
            "\ufffd12",
            "encoding",
            "budget: '\ufffd12' holds a byte that is not utf-8 text (shown as \ufffd); the file reads as "
            'cp1252: declare encoding = "cp1252"',
        )
    ]


def test_a_header_in_an_unexpected_encoding_stops_the_import(tmp_path):
    data = "Dept,Project,Start,End,Budget £,RAG\nFinance,Ledger,01/04/2024,31/03/2026,12,Green\n".encode(
        "cp1252"
    )
    mapping = MAPPING.replace("[source]\n", '[source]\nencoding = "utf-8"\n').replace(
        '"Budget"', '"Budget £"'
    )
    with pytest.raises(ImportFailed) as err:
        run(tmp_path, {"a.csv": data}, mapping)
    assert str(err.value) == (
        "a.csv: row 1, column E ('Budget \ufffd'): holds a byte that is not utf-8; the file reads as cp1252: "
        'declare encoding = "cp1252"'
    )


def test_a_transposed_file_with_a_missing_label(tmp_path):
    sheet = "Dept,Finance,People\nProject,Ledger,Payroll\nStart,01/04/2024,01/05/2024\nEnd,31/03/2026,31/03/2027\nRAG,Green,Amber\n"
    with pytest.raises(ImportFailed) as err:
        run(tmp_path, {"t.csv": sheet})
    assert str(err.value) == (
        f"t.csv: no label is columns.budget: {tmp_path}/map.toml line 25 looks for 'Budget'; the file's labels "
        "(column A) are: 'Dept', 'Project', 'Start', 'End', 'RAG'"
    )


def test_a_transposed_file_names_each_project_by_its_column(tmp_path):
    sheet = (
        "Dept,Finance,People\nProject,Ledger,Payroll\nStart,01/04/2024,01/05/2024\nEnd,31/03/2026,31/03/2027\n"
        '"Budget\n(£ thousands)",12,13\nRAG,Green,Ochre\n'
    )
    outcome = run(tmp_path, {"t.csv": sheet})
    assert counted(outcome) == [("t.csv", 2, 1, 1)]
    assert outcome.counts[0].layout == "transposed"
    assert problems(tmp_path / "out") == [
        (
            "t.csv",
            6,
            "RAG",
            "Ochre",
            "value_map",
            "overall_rag: 'Ochre' is not in the value map (Red, Amber, Green); add it to "
            "[columns.overall_rag.values] or to the markers (column C)",
        )
    ]
    assert returns(tmp_path / "out", "projects")[0]["budget"] == "12000"


@pytest.mark.parametrize(
    "encoding, delimiter",
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1252", "|"), ("utf-16-le", ";")],
)
def test_encodings_and_delimiters_are_found(tmp_path, encoding, delimiter):
    text = "Portfolio export, March\n\n" + GOOD.replace(",", delimiter).replace("Ledger", "Ledger – £")
    outcome = run(tmp_path, {"a.csv": text.encode(encoding)})
    assert counted(outcome) == [("a.csv", 1, 1, 0)]
    assert returns(tmp_path / "out", "projects")[0]["name"] == "Ledger – £"


def test_an_xlsx_export_with_its_header_on_row_three(tmp_path):
    path = tmp_path / "source" / "export.xlsx"
    path.parent.mkdir()
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet("Projects")
        sheet.write_row(0, 0, ["Major projects, as at March"])
        sheet.write_row(2, 0, HEADER.split(","))
        sheet.write_row(3, 0, ["Finance", "Ledger"])
        sheet.write_datetime(3, 2, dt.datetime(2024, 4, 1), book.add_format({"num_format": "dd/mm/yyyy"}))
        sheet.write_string(3, 3, "31/03/2026")
        sheet.write_number(3, 4, 1250.5)
        sheet.write_string(3, 5, "=1+1")
    outcome = run(tmp_path, {})
    assert counted(outcome) == [("export.xlsx", 1, 0, 1)]
    assert problems(tmp_path / "out")[0][:5] == ("export.xlsx", 4, "RAG", "'=1+1", "value_map")
    (tmp_path / "out").rename(tmp_path / "first")
    mapping = MAPPING.replace(
        'overall_rag = "RAG"', 'overall_rag = { from = "RAG", values = { "=1+1" = "Amber" } }'
    )
    outcome = run(tmp_path, {}, mapping)
    assert counted(outcome) == [("export.xlsx", 1, 1, 0)]
    project = returns(tmp_path / "out", "projects")[0]
    assert (project["baseline_start"], project["budget"]) == ("2024-04-01", "1250500")


def test_one_file_per_year_with_differing_headers(tmp_path):
    """Spellings across years; a project number from the second year, linked to the name before it;
    the baseline as first stated, the name as last stated; a project not in the latest file closed."""
    y1 = "Dept,Project,Start,End,Budget (£k),RAG\nFinance,Ledger,01/04/2024,31/03/2026,100,Green\nHR,Payroll,01/01/2023,31/12/2024,50,Amber\n"
    y2 = "Ref;Department;Project name;Start;End;Budget;RAG\nF-1;Finance;LEDGER ;01/04/2024;30/06/2026;120;Amber\n"
    mapping = (
        MAPPING.replace('match = "*"\nas_of = 2025-03-31', 'match = "y1.csv"\nas_of = 2024-03-31')
        .replace('column = "Dept"', 'column = ["Dept", "Department"]')
        .replace(
            'name = "Project"',
            'name = ["Project", "Project name"]\nproject_id = { from = "Ref", optional = true }',
        )
        .replace('budget = "Budget"', 'budget = ["Budget", "Budget (£k)"]')
        + ""
    )
    mapping = mapping.replace(
        "[department]", '[[files]]\nmatch = "y2.csv"\nas_of = 2025-03-31\n\n[department]'
    )
    outcome = run(tmp_path, {"y1.csv": y1, "y2.csv": y2}, mapping)
    assert counted(outcome) == [("y1.csv", 2, 2, 0), ("y2.csv", 1, 1, 0)]
    projects = {p["project_id"]: p for p in returns(tmp_path / "out", "projects")}
    assert {k: (p["name"], p["state"], p["baseline_finish"], p["budget"]) for k, p in projects.items()} == {
        "FIN-F-1": ("LEDGER", "Active", "2026-03-31", "100000"),
        "HR-payroll": ("Payroll", "Closed", "2024-12-31", "50000"),
    }
    reports = [
        (r["project_id"], r["as_of"], r["baseline_finish"], r["budget"])
        for r in returns(tmp_path / "out", "status_reports")
    ]
    assert reports == [
        ("FIN-F-1", "2024-03-31", "2026-03-31", "100000"),
        ("FIN-F-1", "2025-03-31", "2026-06-30", "120000"),
        ("HR-payroll", "2024-03-31", "2024-12-31", "50000"),
    ]


def test_withheld_and_not_applicable_markers(tmp_path):
    rows = (
        "People,Payroll,01/05/2024,Exempt under section 43 (commercial),Exempt under section 43,Amber\n"
        "People,Estates,01/05/2024,31/03/2027,n/a,Red\n"
    )
    mapping = MAPPING + '\n[markers]\nwithheld_containing = ["exempt under"]\nnot_applicable = ["N/A"]\n'
    outcome = run(tmp_path, {"a.csv": GOOD + rows}, mapping)
    assert counted(outcome) == [("a.csv", 3, 2, 1)]
    reports = {
        r["project_id"]: (r["baseline_finish"], r["budget"])
        for r in returns(tmp_path / "out", "status_reports")
    }
    assert reports == {"FIN-ledger": ("2026-03-31", "12000"), "HR-payroll": ("withheld", "withheld")}
    assert problems(tmp_path / "out") == [
        (
            "a.csv",
            4,
            "Budget",
            "n/a",
            "required",
            "budget: project 'Estates' (HR) has no budget in any of its rows, and an oversight project needs one; "
            "map the source's marker as withheld if it withholds it",
        )
    ]


def test_amounts_units_and_two_digit_years(tmp_path):
    rows = (
        'People,A,01.04.98,31.12.40,"£1,250.50",Red\n'
        "People,B,01.04.24,31.12.30,£2.5m,Amber\n"
        "People,C,01.04.24,31.12.30,-£0.5,Amber\n"
        "People,D,01.04.24,31.12.30,$12,Amber\n"
    )
    mapping = MAPPING.replace('["%d/%m/%Y"]', '["%d/%m/%Y", "%d.%m.%y"]')
    outcome = run(tmp_path, {"a.csv": HEADER + "\n" + rows}, mapping)
    assert counted(outcome) == [("a.csv", 4, 2, 2)]
    projects = {
        p["name"]: (p["baseline_start"], p["baseline_finish"], p["budget"])
        for p in returns(tmp_path / "out", "projects")
    }
    assert projects == {
        "A": ("1998-04-01", "2040-12-31", "1250500"),
        "B": ("2024-04-01", "2030-12-31", "2500000"),
    }
    assert [(p[3], p[4], p[5]) for p in problems(tmp_path / "out")] == [
        ("'-£0.5", "range", "budget: '-£0.5' reads as -500 GBP, below the smallest value allowed, 0"),
        ("$12", "currency", "budget: '$12' is not in GBP (£)"),
    ]


def test_a_department_not_in_the_mapping_never_becomes_a_folder(tmp_path):
    outcome = run(tmp_path, {"a.csv": GOOD + "../../etc,Payroll,01/05/2024,31/03/2027,13,Amber\n"})
    assert counted(outcome) == [("a.csv", 2, 1, 1)]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["FIN", "import_report.csv"]
    assert problems(tmp_path / "out")[0][4:] == (
        "department",
        "department: '../../etc' is not a department of the mapping (add it, or an alias, to [[departments]])",
    )


def test_two_rows_of_one_project_in_one_month_are_both_reported(tmp_path):
    outcome = run(tmp_path, {"a.csv": GOOD + "Finance Dept,ledger,01/04/2024,31/03/2026,14,Amber\n"})
    assert counted(outcome) == [("a.csv", 2, 0, 2)]
    assert [p[5] for p in problems(tmp_path / "out")] == [
        "project 'Ledger' (FIN) has 2 rows for 2025-03 (a.csv row 2; a.csv row 3); none is written "
        "(choosing one would be a guess)",
        "project 'ledger' (FIN) has 2 rows for 2025-03 (a.csv row 2; a.csv row 3); none is written "
        "(choosing one would be a guess)",
    ]


def test_formula_like_text_is_written_as_it_is_and_quoted_in_the_report(tmp_path):
    name = '=HYPERLINK("http://evil.example","click")'
    rows = f'Finance,"{name.replace(chr(34), chr(34) * 2)}",01/04/2024,31/03/2026,12,Green\n'
    outcome = run(
        tmp_path, {"a.csv": HEADER + "\n" + rows + "Finance,@SUM(1),01/04/2024,31/03/2026,12,+cmd\n"}
    )
    assert counted(outcome) == [("a.csv", 2, 1, 1)]
    assert returns(tmp_path / "out", "projects")[0]["name"] == name
    assert problems(tmp_path / "out")[0][3] == "'+cmd"


def test_a_cell_that_differs_in_a_column_given_twice(tmp_path):
    text = "Dept,Project,Start,End,Budget,RAG,RAG\nFinance,Ledger,01/04/2024,31/03/2026,12,,Green\nFinance,Pay,01/04/2024,31/03/2026,12,Red,Green\n"
    outcome = run(tmp_path, {"a.csv": text})
    assert counted(outcome) == [("a.csv", 2, 1, 1)]
    assert problems(tmp_path / "out")[0][4:] == (
        "clash",
        "overall_rag: the file has this column twice and the two differ ('Red', 'Green')",
    )


def test_the_output_folder_is_replaced_whole_or_refused(tmp_path):
    run(tmp_path, {"a.csv": GOOD})
    run(tmp_path, {"a.csv": GOOD.replace("Finance", "People")})  # an earlier import's output: replaced
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["HR", "import_report.csv"]
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(ImportFailed) as err:
        run_import(tmp_path / "map.toml", [tmp_path / "source"], tmp_path / "other")
    assert str(err.value) == (
        f"--out {tmp_path}/other is not empty and holds no import_report.csv: it is not an earlier import's "
        "output, and an import replaces its output whole; choose a new or empty folder"
    )
    assert (tmp_path / "other" / "notes.txt").read_text() == "mine"


def test_the_command_exits_1_with_the_reason_and_no_traceback(tmp_path):
    (tmp_path / "map.toml").write_text(MAPPING.replace('unit = "thousands"', 'unit = "lakh"'))
    (tmp_path / "a.csv").write_text(GOOD)
    command = [sys.executable, "-m", "pmo_dash", "import", "--mapping", str(tmp_path / "map.toml")]
    command += ["--source", str(tmp_path / "a.csv"), "--out", str(tmp_path / "out")]
    failed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert failed.stderr.startswith("import failed, nothing written:\n")
    assert (
        "(source.unit): Input should be 'units', 'thousands', 'millions' or 'billions', not 'lakh'"
        in failed.stderr
    )
    (tmp_path / "map.toml").write_text(MAPPING)
    (tmp_path / "a.csv").write_text(GOOD + "People,Payroll,01/05/2024,31/03/2027,13,Mauve\n")
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "a.csv" in done.stdout and "import report:" in done.stdout
    assert done.stdout.splitlines()[1].split()[-3:] == ["2", "1", "1"]  # rows in, mapped, reported


def rules(target: str, unit: str = "millions", decimal: str = ".") -> Rules:
    return Rules(TARGETS[target], {}, frozenset(), (), frozenset(), (), unit=unit, decimal=decimal)


@pytest.mark.parametrize(
    "text, unit, decimal, written",
    [
        ("5609.46", "millions", ".", "5609460000"),
        ("£26.19m", "units", ".", "26190000"),  # a value that says its unit keeps it
        ("£1.2bn", "millions", ".", "1200000000"),
        ("£12,131.50", "millions", ".", "12131500000"),
        ("\u00a0£9999.99 ", "millions", ".", "9999990000"),
        ("GBP 250", "thousands", ".", "250000"),
        ("12.131,50", "units", ",", "12131.5"),
        ("0.1", "billions", ".", "100000000"),
    ],
)
def test_amounts_as_written(text, unit, decimal, written):
    assert read(text, rules("budget", unit, decimal)).text == written


@pytest.mark.parametrize("text", ["1,5", "12.5.3", "£", "twelve", "12 apples", "1e9"])
def test_amounts_that_are_not_read(text):
    found = read(text, rules("budget"))
    assert (found.rule, found.message) == ("type", "is not an amount")


def test_percentages_and_scores():
    assert read("45%", rules("percent_complete")).text == "45"
    assert read("120%", rules("percent_complete")).message == "is above the largest value allowed, 100"
    assert read("3", rules("strategic_fit")).text == "3"
    assert read("3.5", rules("strategic_fit")).message == "is not a whole number"


def test_the_generated_foreign_export_of_the_bench_imports_whole(tmp_path):
    """tests.imports.foreign_csv (what `make bench` times): every row mapped, withheld kept apart."""
    from tests.imports import LARGE_MAPPING, foreign_csv

    source = tmp_path / "source"
    source.mkdir()
    text = foreign_csv(source / "export.csv", 1_000).read_bytes().decode("cp1252")
    (tmp_path / "map.toml").write_text(LARGE_MAPPING)
    outcome = run_import(tmp_path / "map.toml", [source], tmp_path / "out")
    assert counted(outcome) == [("export.csv", 1_000, 1_000, 0)]
    assert (outcome.counts[0].encoding, outcome.departments, outcome.projects) == ("cp1252", 2, 1_000)
    withheld = [r for r in returns(tmp_path / "out", "status_reports") if r["budget"] == "withheld"]
    assert len(withheld) == text.count("Exempt under section 43") > 0


def test_as_of_from_a_column_a_constant_department_and_a_declared_header_row(tmp_path):
    text = (
        "Finance projects\nPeriod,Project,Start,End,Budget,DCA\n"
        "31/01/2025,Ledger,01/04/2024,31/03/2026,12,Amber/Green\n"
        "28/02/2025,Ledger,01/04/2024,31/03/2026,12,No DCA\n"
        "end of February,Ledger,01/04/2024,31/03/2026,12,Red\n"
    )
    mapping = (
        MAPPING.replace(
            '[[files]]\nmatch = "*"\nas_of = 2025-03-31', '[[files]]\nmatch = "*"\nheader_row = 2'
        )
        .replace('column = "Dept"', 'constant = "FIN"')
        .replace('overall_rag = "RAG"', 'delivery_confidence = { from = "DCA", withheld = ["No DCA"] }')
        .replace("[department]", '[as_of]\ncolumn = "Period"\n\n[department]')
    )
    outcome = run(tmp_path, {"a.csv": text}, mapping)
    assert counted(outcome) == [("a.csv", 3, 2, 1)]
    assert outcome.counts[0].as_of == "(column)"
    reports = [
        (r["as_of"], r["delivery_confidence"], r["overall_rag"])
        for r in returns(tmp_path / "out", "status_reports")
    ]
    assert reports == [("2025-01-31", "Amber/Green", "Amber"), ("2025-02-28", "withheld", "withheld")]
    assert problems(tmp_path / "out") == [
        (
            "a.csv",
            5,
            "Period",
            "end of February",
            "as_of",
            "as_of: 'end of February' is not a date (DD/MM/YYYY or YYYY-MM-DD)",
        )
    ]


def test_a_merged_rename_files_the_old_departments_rows_under_the_new(tmp_path):
    y1 = f"{HEADER}\nFinance,Ledger,01/04/2024,31/03/2026,12,Green\nPeople,Payroll,01/04/2024,31/03/2026,5,Red\n"
    y2 = f"{HEADER}\nTreasury,Ledger,01/04/2024,31/03/2026,12,Amber\n"
    mapping = (
        MAPPING.replace('match = "*"\nas_of = 2025-03-31', 'match = "y1.csv"\nas_of = 2024-03-31')
        .replace("[department]", '[[files]]\nmatch = "y2.csv"\nas_of = 2025-03-31\n\n[department]')
        .replace("[columns]", '[[departments]]\nid = "HMT"\nname = "Treasury"\n\n[columns]')
        + '\n[[renames]]\nfrom = "FIN"\nto = "HMT"\non = 2024-07-01\nmerge = true\n'
        + '\n[[renames]]\nfrom = "HR"\nto = "HMT"\n'
    )
    outcome = run(tmp_path, {"y1.csv": y1, "y2.csv": y2}, mapping)
    assert counted(outcome) == [("y1.csv", 2, 2, 0), ("y2.csv", 1, 1, 0)]
    departments = {d["department_id"]: d["division"] for d in returns(tmp_path / "out", "departments")}
    assert departments == {
        "HMT": "includes FIN (renamed HMT on 2024-07-01); formerly HR",
        "HR": "renamed HMT",
    }
    projects = {p["project_id"]: p["state"] for p in returns(tmp_path / "out", "projects")}
    assert projects == {"HMT-ledger": "Active", "HR-payroll": "Closed"}
    assert len(returns(tmp_path / "out", "status_reports")) == 3


def test_a_transposed_sheet_with_its_labels_declared_in_column_b(tmp_path):
    sheet = ",Dept,Finance\n,Project,Ledger\n,Start,01/04/2024\n,End,31/03/2026\n,Budget,12\n,RAG,Green\n"
    mapping = MAPPING.replace("as_of = 2025-03-31", "as_of = 2025-03-31\nlabel_column = 2")
    outcome = run(tmp_path, {"t.csv": sheet}, mapping)
    assert counted(outcome) == [("t.csv", 1, 1, 0)]
    assert outcome.counts[0].layout == "transposed"
