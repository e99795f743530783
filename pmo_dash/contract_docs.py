"""Render the data contract as Markdown, so the docs can never drift from the code."""

from __future__ import annotations

from pathlib import Path

from pmo_dash.contract import TABLES, Column, Table
from pmo_dash.settings import ROOT

DOC = ROOT / "docs" / "data-contract.md"
STAGING = ROOT / "pmo_dash" / "sql" / "staging"
# Staging views written by hand, because they add to the contract's columns.
HAND_WRITTEN = {"status_reports"}

INTRO = """# The data contract: standard returns

Generated from `pmo_dash/contract/` by `python -m pmo_dash docs`; do not edit by hand
(`tests/test_docs.py` fails when this file and the code disagree).

Every department submits one folder named by its `department_id`, holding one file per table:
`<table>.csv` (UTF-8, or the UTF-16 of Excel's "Unicode Text"; separated by commas, semicolons
or tabs; header on the first row), `<table>.xlsx` (first sheet, header on the first row) or
`<table>.parquet`. The XLSX templates (`python -m pmo_dash templates`) put a guidance row under the
header; a second row that is exactly that guidance is skipped, and the rows keep their numbers.
Blank CSV templates: `docs/templates/<table>.csv`. One table is submitted once per folder:
`risks.csv` and `risks.xlsx` side by side are both refused (`duplicate_return`), since using
either would be a guess.
Enterprise-wide tables (strategic objectives) are submitted by the IPMO in the `ipmo` folder
(setting `PMO_ENTERPRISE_FOLDER`).

How values are read:
- Headers are matched ignoring case, spaces and hyphens (`Project ID` is `project_id`).
  A column that is not in the template is ignored and reported.
- Text is trimmed; an empty cell is empty, whatever spaces it held.
- Enum values are matched ignoring case and spacing, and the aliases listed are accepted.
  Mixed colours collapse to the worse one: `Amber/Green` is Amber, `Amber/Red` is Red.
- Dates: ISO `YYYY-MM-DD` (an Excel date or date-time cell is read as its day, and so is
  `2026-02-01 13:45`), or the day-first formats the
  setting `PMO_DAY_FIRST_FORMATS` names (default `DD/MM/YYYY`, `DD.MM.YYYY`, `DD-MM-YYYY`).
  A year has four digits (`01/02/26` is rejected, not guessed) unless a format in that setting
  says `%y` (`%d.%m.%y` reads `31.12.40` as 2040: 00-68 are 2000-2068, 69-99 are 1969-1999, as
  Python's strptime reads them). Each format must name a day, a month and a year, or the
  settings are refused when they load. A date outside 1950-2100 is a typing slip. A date that
  records an event (marked "happened" below) may not lie after the end of the current month.
- Numbers: `1250.5`, `1,250.50`, `£1,250`, `45%`; not `1.250,50` (the decimal mark would be a guess).
- Amounts (marked "money" below) are in currency units, and may carry a unit: `£26.19m` is
  26,190,000, `£1.2bn` 1,200,000,000, `1.5k` 1,500 (`k`, `m` or `mn`, `bn`, any case), and the
  sign may stand before or after the symbol (`-£0.5`, `£-0.5`).
- Withheld values: a cell holding one of the markers in the setting `PMO_WITHHELD_MARKERS`
  (default `withheld`; any case, surrounding spaces ignored) in any column but a key or a
  reference is read as empty and recorded in the warehouse table `withheld_values` (table,
  file, row, column and the row's key). It never rejects its row, even in a required column,
  and totals say how many withheld values they leave out.
- Yes/no: `yes`, `y`, `true`, `1` and `no`, `n`, `false`, `0`.
- Lists: separated by `;`.

Two profiles: what a department's returns must carry depends on the `profile` its departments
return gives. A **Delivery** department (the default: an empty profile is Delivery) submits
every required column. An **Oversight** department (central government's published portfolio
data, or a young PMO) may leave the **delivery detail** empty or out: the columns marked
"Delivery" in the required column below (methodology, stage, strategic fit and state of a
project; schedule and cost RAG, percent complete, planned value, earned value and actual cost of
a status report). Empty detail is "not reported": every measure that needs it shows "not
reported", never 0 and never Red. An Oversight project with no state is Active. Its returns
still give the project, its department, name, whole-life budget and baseline dates, and a
reported rating (`overall_rag`, or a five-point `delivery_confidence`). Each department also
says its `cadence` (Monthly, the default; Quarterly; Annual): a return counts for the month,
quarter or year it stands for in reporting compliance and carry-forward.

What is rejected (each with file, row, column, value, rule and message in the validation
report): a required value missing (`required`); a value of the wrong type (`type`); a text
longer than its column allows (`too_long`: 64 characters for an id, 300 for other text, 5,000
for a narrative, so that a pasted page cannot stall every screen; the report quotes at most 200
characters of any value, the whole row is kept); a value outside its list (`enum`) or range
(`range` - a likelihood of 7 is an error, never clamped); an event dated in the future
(`future_date`); a key that appears twice (`unique`: every copy is rejected, and the repeated
key is reported once per file, with its count and first rows; two returns dated in the same
month count as the same key; a row filed in a folder it does not belong to is rejected for that
alone, never as a copy of its department's own row); a date before the date it must follow
(`date_order`); a reference to a row that does not exist, was rejected, or belongs to another
department (`reference`); a `department_id` that is not the folder's (`department`); a CSV line
with more fields than the header (`field_count`). A file that is empty, not UTF-8, unreadable,
missing a required column, naming a column twice, with an empty first row, or in the wrong
folder is reported once and all its rows are rejected. Files outside a department folder, files
that are not a standard table, columns not in the template and sheets after the first are
reported and ignored. Rejected rows are kept in the warehouse (`rejected_rows`, every column as
submitted), and for every file rows read = accepted + rejected (`ingest_runs`).
"""


def render() -> str:
    parts = [INTRO]
    for table in TABLES:
        parts.append(_table(table))
    return "\n".join(parts)


def _table(table: Table) -> str:
    lines = [
        f"## {table.name}",
        "",
        f"Grain: {table.grain}. Key: {', '.join(table.key)}"
        + (f" (by month of {table.monthly})." if table.monthly else ".")
        + (" Submitted by the IPMO." if table.enterprise else ""),
        "",
        "| column | type | required | rule | description |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {c.name} | {c.kind} | {_required(c)} | {_rule(c)} | {c.description} |" for c in table.columns
    ]
    if table.date_order:
        orders = "; ".join(f"{o.later} not before {o.earlier}" for o in table.date_order)
        lines += ["", f"Date order: {orders}."]
    return "\n".join(lines) + "\n"


def _required(column: Column) -> str:
    if not column.required:
        return "no"
    if column.detail:
        return "Delivery"
    if column.unless:
        return f"yes, unless {column.unless}"
    return "yes"


def _rule(column: Column) -> str:
    rules = []
    if column.money:
        rules.append("money")
    if column.values:
        rules.append(" / ".join(column.values))
    if column.aliases:
        rules.append("aliases " + ", ".join(f"`{a}`" for a in column.aliases))
    if column.min is not None or column.max is not None:
        low = "" if column.min is None else f"{column.min:g}"
        high = "" if column.max is None else f"{column.max:g}"
        rules.append(f"range {low}..{high}")
    if column.references:
        rules.append(f"references {column.references}")
    if column.not_future:
        rules.append("happened: not after this month")
    if column.limit is not None:
        rules.append(f"at most {column.limit:,} characters")
    if column.default is not None:
        rules.append(f"empty means {column.default}")
    return "; ".join(rules)


def staging_sql(table: Table) -> str:
    """The staging view of a table that adds nothing to the contract: its columns, as validated, and
    where each row came from."""
    columns = ",\n".join(
        f"    {_staged(c)}"
        for c in [*table.columns, Column("source_file", "text"), Column("source_row", "int")]
    )
    meanings = [f"an empty {c.name} is {c.default}" for c in table.columns if c.default]
    defaults = f"-- As the contract says, {', '.join(meanings)}.\n" if meanings else ""
    return (
        f"-- stg_{table.name}: {table.grain}.\n"
        "-- The contract's columns as validated, and the file and row each came from. Written by\n"
        "-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.\n"
        f"{defaults}"
        f"create view stg_{table.name} as\nselect\n{columns}\nfrom raw_{table.name};\n"
    )


def _staged(column: Column) -> str:
    if column.default is None:
        return column.name
    return f"coalesce({column.name}, '{column.default}') as {column.name}"


def write_docs() -> list[Path]:
    """docs/data-contract.md and the generated staging views, from the contract."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(render())
    written = [DOC]
    for table in TABLES:
        if table.name not in HAND_WRITTEN:
            path = STAGING / f"stg_{table.name}.sql"
            path.write_text(staging_sql(table))
            written.append(path)
    return written
