"""Exports (issue 10): no cell of a CSV or XLSX the project writes runs as a formula in a spreadsheet,
and numbers stay numbers. Each file is read back the way a spreadsheet would see it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import polars as pl

from pmo_dash import exports

# The review's payloads: a live link, DDE command execution, a function, arithmetic that ends in a
# command, and the same hidden behind a leading tab or carriage return.
HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
QUOTED = [
    '\'=HYPERLINK("http://evil.example","x")',
    "'+cmd|' /C calc'!A0",
    "'@SUM(A1)",
    "'-2+3+cmd|' /C calc'!A0",
    "'\t=1+1",
    "'\r=1+1",
]


def hostile_frame() -> pl.DataFrame:
    """Every payload as a project name, beside harmless text, a URL, numbers, dates, booleans and a null."""
    return pl.DataFrame(
        {
            "project": [*HOSTILE, "Ledger - phase 2", "http://evil.example", None],
            "eac": [-2.5, 1.0, 0.0, -3.0, 10.0, 2.25, 7.0, 8.0, None],
            "rank": [1, 2, 3, 4, 5, 6, 7, 8, 9],
            "funded": [True, False, True, False, True, False, True, False, True],
            "logged_on": [dt.date(2026, 10, 31)] * 9,
            "effect": pl.Series(
                ["-neg", "+pos", "@", "ok", "=", "ok", "ok", "ok", "ok"], dtype=pl.Categorical
            ),
            "=1+1": ["a"] * 9,
        }
    )


def test_neutralise_quotes_exactly_the_cells_that_would_start_a_formula():
    assert [exports.neutralise(t) for t in HOSTILE] == QUOTED
    assert exports.neutralise("Ledger - phase 2") == "Ledger - phase 2"
    assert exports.neutralise(" =1+1") == " =1+1"  # a leading space is text to a spreadsheet
    assert exports.neutralise("") == ""
    # Text that is just a signed number is read as that number, and nothing runs: left as it is.
    assert [exports.neutralise(t) for t in ("-2.5", "-7", "+3")] == ["-2.5", "-7", "+3"]
    assert [exports.neutralise(t) for t in ("-2+3", "-2.", "-1e5", "-2\n")] == [
        "'-2+3",
        "'-2.",
        "'-1e5",
        "'-2\n",
    ]
    assert exports.neutralised(pl.DataFrame({"v": ["-2.5", "-2.", None]}))["v"].to_list() == [
        "-2.5",
        "'-2.",
        None,
    ]


def test_csv_quotes_every_hostile_text_cell_and_header_and_keeps_numbers_numbers():
    data = exports.csv_bytes(hostile_frame())
    rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    assert rows[0] == ["project", "eac", "rank", "funded", "logged_on", "effect", "'=1+1"]
    assert [r[0] for r in rows[1:]] == [*QUOTED, "Ledger - phase 2", "http://evil.example", ""]
    assert [r[1] for r in rows[1:]] == ["-2.5", "1.0", "0.0", "-3.0", "10.0", "2.25", "7.0", "8.0", ""]
    assert [r[5] for r in rows[1:6]] == ["'-neg", "'+pos", "'@", "ok", "'="]
    assert rows[1][2:5] == ["1", "true", "2026-10-31"]
    # Read back as data, the numbers are numbers: -2.5 is a float, not the text "'-2.5".
    back = pl.read_csv(io.BytesIO(data))
    assert back.schema["eac"] == pl.Float64 and back.schema["rank"] == pl.Int64
    assert back["eac"][0] == -2.5
    assert back["project"].to_list()[:6] == QUOTED


def test_xlsx_holds_text_never_formulas_or_links_and_numbers_as_numbers():
    workbook = exports.xlsx_bytes({"decisions": hostile_frame(), "about": pl.DataFrame({"item": HOSTILE})})
    with zipfile.ZipFile(io.BytesIO(workbook)) as book:
        parts = {name: book.read(name).decode() for name in book.namelist()}
    sheets = [text for name, text in parts.items() if name.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 2
    for sheet in sheets:
        assert not re.search(r"<f[ >]", sheet), "a cell holds a formula"
        assert "<hyperlink" not in sheet and "<hyperlinks" not in sheet
    relationships = "".join(text for name, text in parts.items() if name.endswith(".rels"))
    assert "relationships/hyperlink" not in relationships
    decisions = pl.read_excel(io.BytesIO(workbook), sheet_name="decisions")
    assert decisions.columns == ["project", "eac", "rank", "funded", "logged_on", "effect", "'=1+1"]
    assert decisions["project"].to_list() == [*QUOTED, "Ledger - phase 2", "http://evil.example", None]
    assert decisions.schema["eac"] == pl.Float64
    assert decisions["eac"].to_list()[:4] == [-2.5, 1.0, 0.0, -3.0]
    assert decisions["funded"].to_list()[:2] == [True, False]
    assert decisions["logged_on"][0] == dt.date(2026, 10, 31)
    about = pl.read_excel(io.BytesIO(workbook), sheet_name="about")
    assert about["item"].to_list() == QUOTED
