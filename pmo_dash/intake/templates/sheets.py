"""One contract table as a template sheet: names, guidance, typed cells, drop-downs, readable widths.

Row 1 holds the contract's column names (bold, frozen), row 2 the guidance the reader skips, and the
data starts on row 3. Every text from the warehouse is hostile: it is written as a string, never a
formula or a link, and one that a spreadsheet would take for a formula once edited is marked text
(Excel's quote prefix, which is a style, not part of the value, so the text reads back unchanged).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pmo_dash.contract import Column, Table
from pmo_dash.exports import TRIGGERS
from pmo_dash.intake.ingest.withheld import flag
from pmo_dash.intake.templates.guidance import guidance

FIRST_DATA_ROW = 2  # zero-based: row 3 as the user sees it
BLANK_ROWS = 1000  # rows below the pre-filled ones that still carry the drop-downs and formats
DATE = "yyyy-mm-dd"
# The contract's plausible span of dates (parse.py): outside it a date is a typing slip.
EARLIEST, LATEST = dt.date(1950, 1, 1), dt.date(2100, 12, 31)


class Formats:
    """The workbook's cell styles, made once per workbook."""

    def __init__(self, book: Workbook) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "bottom": 1})
        self.guidance = book.add_format(
            {"italic": True, "font_size": 9, "font_color": "#595959", "bg_color": "#FFF2CC"}
            | {"text_wrap": True, "valign": "top"}
        )
        self.text = book.add_format({"num_format": "@"})
        self.quoted = book.add_format({"num_format": "@", "quote_prefix": True})
        self.date = book.add_format({"num_format": DATE})
        self.money = book.add_format({"num_format": "#,##0.00"})
        self.number = book.add_format({})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.heading = book.add_format({"bold": True, "font_size": 11, "top": 1})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})

    def column(self, column: Column):
        if column.kind == "date":
            return self.date
        if column.money:
            return self.money
        if column.kind in ("int", "float"):
            return self.number
        return self.text


def write_sheet(
    book: Workbook, formats: Formats, table: Table, frame: pl.DataFrame, currency: str, marker: str
) -> Worksheet:
    """Add `table`'s sheet, pre-filled with `frame` (a withheld value written as `marker`)."""
    sheet = book.add_worksheet(table.name)
    for position, column in enumerate(table.columns):
        said = guidance(column, currency)
        sheet.write_string(0, position, column.name, formats.header)
        if column.description:
            sheet.write_comment(0, position, column.description, {"x_scale": 2})
        sheet.write_string(1, position, said, formats.guidance)
        values = frame[column.name].to_list()
        held = frame[flag(column.name)].to_list() if flag(column.name) in frame.columns else []
        for offset, value in enumerate(values):
            row = FIRST_DATA_ROW + offset
            if offset < len(held) and held[offset]:
                write_text(sheet, formats, row, position, marker)
            else:
                write_value(sheet, formats, row, position, column, value)
        sheet.set_column(position, position, width(column, values), formats.column(column))
        _validate(sheet, position, column, FIRST_DATA_ROW + frame.height + BLANK_ROWS, said)
    sheet.set_row(1, 60)
    sheet.freeze_panes(FIRST_DATA_ROW, 1)
    return sheet


def write_value(sheet: Worksheet, formats: Formats, row: int, col: int, column: Column, value: Any) -> None:
    """A typed cell: numbers as numbers, dates as Excel dates, yes/no and text as strings."""
    if value is None:
        return
    if column.kind == "date":
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), formats.date)
    elif column.kind in ("int", "float"):
        sheet.write_number(row, col, value, formats.money if column.money else formats.number)
    elif column.kind == "bool":
        sheet.write_string(row, col, "yes" if value else "no", formats.text)
    else:
        write_text(sheet, formats, row, col, str(value))


def write_text(sheet: Worksheet, formats: Formats, row: int, col: int, text: str) -> None:
    """Text as a string cell; one a spreadsheet would run as a formula once edited is marked as text."""
    sheet.write_string(row, col, text, formats.quoted if text.startswith(TRIGGERS) else formats.text)


def width(column: Column, values: list[Any]) -> int:
    """Wide enough for the name and most values, never so wide that a sheet cannot be read."""
    longest = max([len(str(v)) for v in values if v is not None][:500], default=0)
    typical = {"date": 12, "bool": 8, "text": 24, "list": 20}.get(column.kind, 12)
    if column.values:
        typical = max(len(v) for v in column.values) + 4
    return min(max(len(column.name) + 2, typical, longest + 2), 60)


def _validate(sheet: Worksheet, col: int, column: Column, last_row: int, said: str) -> None:
    """Drop-downs for every enum and yes/no column; a warning for a date or a number out of range.

    Warnings, not refusals: a withheld marker or an accepted alias (`g` for Green) is still allowed.
    """
    rule: dict[str, Any] | None = None
    if column.values:
        rule = {"validate": "list", "source": list(column.values)}
    elif column.kind == "bool":
        rule = {"validate": "list", "source": ["yes", "no"]}
    elif column.kind == "date":
        rule = {"validate": "date", "criteria": "between", "minimum": EARLIEST, "maximum": LATEST}
    elif column.kind in ("int", "float") and column.min is not None:
        kind = "integer" if column.kind == "int" else "decimal"
        if column.max is not None:
            rule = {"validate": kind, "criteria": "between", "minimum": column.min, "maximum": column.max}
        else:
            rule = {"validate": kind, "criteria": ">=", "value": column.min}
    if rule is None:
        return
    rule |= {"error_type": "warning", "error_title": column.name[:32], "error_message": said[:255]}
    sheet.data_validation(FIRST_DATA_ROW, col, last_row, col, rule)
