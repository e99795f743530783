"""Every file the project hands to a spreadsheet (CSV or XLSX), written so that no cell runs as a formula.

Returns, project names and scenario names are typed by people outside the IPMO; a spreadsheet treats a
cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (CSV injection). So
text cells and column headers that begin so get a leading single quote (OWASP's advice), and XLSX text
is written as plain strings, never as formulas or links. Numbers, dates and booleans stay as they are,
and so does text that is just a signed number, such as a rejected value `-2.5` in the validation
report: a spreadsheet reads it as that number and nothing runs.

The build uses this module too (the validation report), so it must not import streamlit.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path

import polars as pl

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# The same as regexes, for polars too; ASCII digits only, as a spreadsheet reads them.
_STARTS_FORMULA = r"^[=+\-@\t\r]"
_SIGNED_NUMBER = r"[+-][0-9]+(\.[0-9]+)?"
_TEXT = (pl.String, pl.Categorical, pl.Enum)
# xlsxwriter by default turns text that looks like a formula or a URL into one; these keep it text.
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,
    "default_date_format": "yyyy-mm-dd",
}


def neutralise(text: str) -> str:
    """Text a spreadsheet reads as text: a leading single quote when it would otherwise start a formula."""
    formula = text.startswith(TRIGGERS) and not re.fullmatch(_SIGNED_NUMBER, text)
    return f"'{text}" if formula else text


def neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text cell and every column header neutralised; other columns untouched."""
    text = [_neutralised(name) for name, dtype in frame.schema.items() if isinstance(dtype, _TEXT)]
    return frame.with_columns(text).rename(neutralise)


def _neutralised(column: str) -> pl.Expr:
    """`neutralise` on a text column, as a polars expression (nulls stay null)."""
    text = pl.col(column).cast(pl.String)
    formula = text.str.contains(_STARTS_FORMULA) & ~text.str.contains(f"^{_SIGNED_NUMBER}$")
    return pl.when(formula).then(pl.lit("'") + text).otherwise(text).alias(column)


def file_stem(name: str) -> str:
    """A name fit for a downloaded file: letters and digits, the rest as hyphens."""
    return "".join(c if c.isalnum() else "-" for c in name).strip("-").lower() or "export"


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as UTF-8 CSV, neutralised."""
    return neutralised(frame).write_csv().encode()


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """The frame as a UTF-8 CSV file, neutralised."""
    neutralised(frame).write_csv(path, check_extension=False)


def xlsx_bytes(
    sheets: Mapping[str, pl.DataFrame],
    formats: Mapping[str, Mapping[str, str]] | None = None,
    *,
    autofit: bool = False,
) -> bytes:
    """A workbook of one sheet (a table) per frame, neutralised, its text never a formula or a link;
    `formats` gives a sheet's columns an Excel number format (by column name), the values unchanged."""
    import xlsxwriter  # only when a workbook is asked for: it is not needed to read or build

    out = io.BytesIO()
    with xlsxwriter.Workbook(out, WORKBOOK_OPTIONS) as book:
        for name, frame in sheets.items():
            columns = {neutralise(c): f for c, f in (formats or {}).get(name, {}).items()}
            neutralised(frame).write_excel(
                book, worksheet=name, column_formats=columns or None, autofit=autofit
            )
    return out.getvalue()
