"""The Instructions sheet: what to fill, for which period, by when, and the rules a return is read by."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xlsxwriter.workbook import Workbook

from pmo_dash.contract import Table
from pmo_dash.intake.templates.sheets import Formats

# How a day-first format's directives read to the person filling the template.
SHOWN = {"%d": "DD", "%m": "MM", "%Y": "YYYY", "%y": "YY", "%b": "Mon", "%B": "Month"}


@dataclass(frozen=True)
class About:
    """Who the template is for and the settings its words depend on."""

    department_id: str
    department_name: str
    period_end: dt.date
    due: dt.date
    due_working_days: int
    currency: str
    marker: str
    day_first_formats: tuple[str, ...]


def paragraphs(about: About, tables: list[Table], counts: dict[str, int]) -> list[tuple[str, str]]:
    """The sheet's lines, each with its style: title, heading or text."""
    period = about.period_end.strftime("%B %Y")
    start = about.period_end.replace(day=1)
    day_first = ", ".join(_shown(f) for f in about.day_first_formats)
    lines = [
        ("title", f"Return of {about.department_name} ({about.department_id}) for {period}"),
        ("text", f"Period: {_day(start)} to {_day(about.period_end)}."),
        (
            "text",
            f"Due {about.due_working_days} working days (Monday to Friday) after the period ends: "
            f"by {about.due:%A} {_day(about.due)}.",
        ),
        (
            "text",
            "Where to send it: upload this workbook on the Submit page of PMO Dash, for this department "
            "and period. Before anything is stored, the page lists every problem by sheet, row and "
            "column; then you submit or discard. A resubmission is a new version; earlier ones are kept.",
        ),
        ("heading", "What to fill"),
        (
            "text",
            "Each sheet is one standard return, pre-filled with what the IPMO holds for the department. "
            "Change what has changed, add new rows below the last one, and fill the empty cells of the "
            f"{period} rows.",
        ),
        (
            "text",
            "A sheet you submit replaces the department's table whole: keep the rows that still stand "
            "(closed projects and closed risks too); deleting a row removes it. To leave a table as it "
            "is, leave its sheet unchanged, or delete the sheet.",
        ),
        (
            "text",
            f"status_reports and benefit_measurements hold {period} only, dated {about.period_end:%Y-%m-%d} "
            "(as_of): they replace that period's rows and keep the other periods'. Where a return for "
            "the period was already made, its rows are shown as returned, to correct. Otherwise there is "
            "one row per project active in the period (per benefit), its ratings, percent complete, "
            "planned value, earned value, actual cost and narrative left empty for you to report: "
            "they are never copied from last month, so that a return says what is true now. Forecast "
            "finish, budget and baseline finish are carried from the project's last return; change them "
            "if they changed. Delete the row of a project or benefit you do not report.",
        ),
        ("heading", "Rules"),
        (
            "text",
            "Keep the sheet names and the column names on row 1 exactly as they are. Row 2 is guidance "
            "(type, required or optional, unit, allowed values) and is skipped when the workbook is read; "
            "leave it or delete it. Data starts on row 3.",
        ),
        (
            "text",
            "An empty cell means not reported: never 0, never Red. A required cell left empty rejects its "
            f'row. A value you may not disclose: type "{about.marker}" (it is recorded as withheld, never '
            "as a rejection), in any column but a code or a reference.",
        ),
        (
            "text",
            f"Amounts are in {about.currency}, as numbers (1250000) or with a unit (1.25m, 1.2bn, 1.5k). "
            "Percent complete is 0 to 100. Dates: a date cell, or YYYY-MM-DD"
            + (f", or {day_first}" if day_first else "")
            + ". Choose enum values and yes/no from the drop-down lists.",
        ),
        ("heading", "The sheets"),
    ]
    lines += [
        ("text", f"{t.name}: {t.grain}; key {', '.join(t.key)}; rows pre-filled: {counts.get(t.name, 0)}.")
        for t in tables
    ]
    return lines


def write_instructions(
    book: Workbook, formats: Formats, about: About, tables: list[Table], counts: dict[str, int]
) -> None:
    """The first sheet of the workbook: every line as a string (a department's name is hostile too)."""
    sheet = book.add_worksheet("Instructions")
    sheet.set_column(0, 0, 110, formats.wrap)
    styles = {"title": formats.title, "heading": formats.heading, "text": formats.wrap}
    for row, (style, text) in enumerate(paragraphs(about, tables, counts)):
        sheet.write_string(row, 0, text, styles[style])
    sheet.activate()


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _shown(fmt: str) -> str:
    for directive, shown in SHOWN.items():
        fmt = fmt.replace(directive, shown)
    return fmt
