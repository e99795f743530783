"""The guidance row of a template (row 2 of each sheet), and how the reader knows it for what it is.

A template's sheet has the contract's column names on row 1, a row of guidance under them (type,
required or not, unit, allowed values, date format) and the data from row 3. The guidance is made from
the contract alone, so the reader can tell it exactly: a row 2 whose every filled cell is the guidance
of its column holds nothing anyone submitted and is skipped, keeping every other row's number. A row
that differs in one cell is read as data (and its guidance text rejected, with reasons).
"""

from __future__ import annotations

import re

from pmo_dash.contract import Column, Table

KINDS = {
    "id": "code",
    "text": "text",
    "int": "whole number",
    "float": "number",
    "date": "date (a date cell, or YYYY-MM-DD)",
    "bool": "yes or no",
    "enum": "one of the list",
    "list": "list, items separated by semicolons",
}
# The currency is the one part of a guidance cell a setting decides: the reader matches any.
_MONEY = re.compile(r"^amount in (\S{1,8}) ")


def guidance(column: Column, currency: str = "£") -> str:
    """What row 2 says under `column`: its type, whether it is required, and its rules."""
    if column.money:
        what = f"amount in {currency} (1250000, 1.25m or 1.2bn)"
    elif column.values:
        what = "one of: " + ", ".join(column.values)
    else:
        what = KINDS[column.kind]
    parts = [what, _required(column)]
    if column.min is not None and column.max is not None:
        parts.append(f"{column.min:g} to {column.max:g}")
    elif column.min is not None and not column.money:
        parts.append(f"at least {column.min:g}")
    if column.references:
        parts.append(f"must match {column.references}")
    if column.not_future:
        parts.append("not after this month")
    if column.default is not None:
        parts.append(f"empty means {column.default}")
    return "; ".join(parts)


def _required(column: Column) -> str:
    if not column.required:
        return "optional"
    if column.detail:
        return "required (optional for an Oversight department)"
    if column.unless:
        return f"required unless {column.unless} is given"
    return "required"


def is_guidance(table: Table, cells: dict[str, str | None]) -> bool:
    """True when `cells` (a row by normalised column name) holds nothing but the template's guidance."""
    filled = {name: value for name, value in cells.items() if value not in (None, "")}
    if not filled:
        return False
    columns = {c.name: c for c in table.columns}
    for name, value in filled.items():
        column = columns.get(name)
        if column is None:
            return False
        money = _MONEY.match(value) if column.money else None
        if value != guidance(column, money.group(1) if money else "£"):
            return False
    return True
