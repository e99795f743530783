"""Templates a department fills: an XLSX workbook pre-filled from the warehouse, and a blank CSV per table.

`workbook(settings, department_id, period)` is the department's return for a period ("YYYY-MM"): an
Instructions sheet, then one sheet per standard return it submits, named as the contract's tables,
with the contract's column names on row 1, guidance on row 2 (which the reader skips: `guidance.py`)
and its rows from row 3. `blank_csv(table)` is a table's header alone. The heavy parts (the warehouse,
xlsxwriter) are imported only when a workbook is asked for: the reader imports `guidance` from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmo_dash.contract import BY_NAME

if TYPE_CHECKING:
    from pmo_dash.settings import Settings

__all__ = ["TemplateError", "blank_csv", "file_name", "workbook"]


class TemplateError(ValueError):
    """No template can be made as asked; the message says why in the user's words."""


def workbook(settings: Settings, department_id: str, period: str | None = None) -> bytes:
    """The department's XLSX return for `period` (YYYY-MM; default: the warehouse's latest period)."""
    from pmo_dash.intake.templates.book import make

    return make(settings, department_id, period)


def blank_csv(table: str) -> bytes:
    """A contract table's blank CSV template: its column names, in order, on one line (UTF-8)."""
    if table not in BY_NAME:
        raise TemplateError(f"'{table}' is not a standard return")
    return (",".join(BY_NAME[table].names) + "\n").encode()


def file_name(department_id: str, period: str) -> str:
    """What a department's workbook is called: `<department_id>-<YYYY-MM>.xlsx`."""
    return f"{department_id}-{period}.xlsx"
