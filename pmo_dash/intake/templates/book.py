"""A department's XLSX return for a period, made from the warehouse: the checks, then the workbook."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import xlsxwriter

from pmo_dash.exports import WORKBOOK_OPTIONS
from pmo_dash.intake.templates import TemplateError
from pmo_dash.intake.templates.instructions import About, write_instructions
from pmo_dash.intake.templates.prefill import department_tables, departments, periods, prefill
from pmo_dash.intake.templates.sheets import Formats, write_sheet
from pmo_dash.periods import due_date, month_end
from pmo_dash.settings import Settings

PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


def make(settings: Settings, department_id: str, period: str | None) -> bytes:
    warehouse = Path(settings.warehouse)
    known = known_departments(settings)
    if department_id not in known:
        listed = ", ".join(known) or "none"
        raise TemplateError(f"no department '{department_id}' in the warehouse (it holds: {listed})")
    period_end = check_period(settings, period)
    frames = prefill(warehouse, department_id, period_end)
    about = About(
        department_id=department_id,
        department_name=known[department_id],
        period_end=period_end,
        due=due_date(period_end, settings.due_working_days),
        due_working_days=settings.due_working_days,
        currency=settings.currency_symbol,
        marker=settings.withheld_markers[0] if settings.withheld_markers else "",
        day_first_formats=tuple(settings.day_first_formats),
    )
    tables = department_tables()
    out = io.BytesIO()
    with xlsxwriter.Workbook(out, WORKBOOK_OPTIONS) as book:
        formats = Formats(book)
        counts = {name: frame.height for name, frame in frames.items()}
        write_instructions(book, formats, about, tables, counts)
        for table in tables:
            write_sheet(book, formats, table, frames[table.name], about.currency, about.marker)
    return out.getvalue()


def known_departments(settings: Settings) -> dict[str, str]:
    """Every department the warehouse holds (id -> name); the warehouse must exist."""
    warehouse = Path(settings.warehouse)
    if not warehouse.exists():
        raise TemplateError(
            f"there is no warehouse at {warehouse}: build it first (python -m pmo_dash build)"
        )
    return departments(warehouse)


def check_period(settings: Settings, period: str | None, today: dt.date | None = None) -> dt.date:
    """The month end of `period` (YYYY-MM), or of the warehouse's latest period when None.

    A period may lie after the warehouse's latest (next month's return), never before its first, and
    never after this month: a return's dates of events may not lie in the future.
    """
    first, last = periods(Path(settings.warehouse))
    if first is None or last is None:
        raise TemplateError("the warehouse holds no reporting period yet: no return has been accepted")
    if period is None:
        return last
    found = PERIOD.match(period.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise TemplateError(f"'{period}' is not a period: give a month as YYYY-MM, for example {last:%Y-%m}")
    asked = month_end(dt.date(int(found.group(1)), int(found.group(2)), 1))
    this_month = month_end(today or dt.date.today())
    if asked < first:
        raise TemplateError(
            f"{asked:%Y-%m} is before the warehouse's first period ({first:%Y-%m}): choose {first:%Y-%m} "
            f"to {this_month:%Y-%m}"
        )
    if asked > this_month:
        raise TemplateError(
            f"{asked:%Y-%m} has not begun: a return can be made for this month ({this_month:%Y-%m}) at the "
            "latest"
        )
    return asked
