"""Every table a page shows, collected as `tables.show` draws it, as one workbook: a sheet per table, its
columns headed as on screen, numbers as numbers (amounts in whole units, in a currency format), a RAG
chip as its word, and text that could start a formula written as text (pmo_dash.exports)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from pmo_dash import exports
from pmo_dash.settings import get_settings

_run = threading.local()  # the tables this script run has drawn, while a page collects them
CHARTS = ("line_chart", "bar_chart", "area_chart")  # a sparkline in a cell is a picture, not a value
SHEET_NAME = 31  # characters Excel allows in a sheet's name
DOWNLOAD = "Tables (XLSX)"  # the button that offers the workbook (`ui.toolbar`)
NOTHING = "No table"  # the one sheet of a workbook asked for where the open tab shows no table


@dataclass(frozen=True)
class Shown:
    """One table as drawn: its title, its rows (only the columns shown, unscaled) and their configuration."""

    title: str | None
    rows: pl.DataFrame
    columns: dict[str, Any]


@dataclass
class Slot:
    """The place in a page's workbook of the tables its tabs draw (`ui.tabs`, a fragment): each run of the
    tabs, the page's or their own when another tab is opened, puts the open tab's tables here, so the
    workbook holds what the page shows when its button is clicked."""

    tables: list[Shown] = field(default_factory=list)


def collect() -> list[Shown | Slot]:
    """Start collecting the tables this run draws; the list fills as they are drawn."""
    _run.shown = []
    return _run.shown


def stop() -> None:
    """Collect no more (the page's workbook is offered)."""
    _run.shown = None


def record(title: str | None, rows: pl.DataFrame, columns: dict[str, Any]) -> bool:
    """A table is drawn: keep it, if the page is collecting; whether the page's workbook will hold it."""
    shown = getattr(_run, "shown", None)
    if shown is not None:
        shown.append(Shown(title, rows.select(list(columns)), dict(columns)))
    return shown is not None


def hold() -> Slot | None:
    """Keep a place here, in the page's order, for the tables a fragment draws; None when the page
    collects none."""
    shown = getattr(_run, "shown", None)
    if shown is None:
        return None
    slot = Slot()
    shown.append(slot)
    return slot


@contextmanager
def filling(slot: Slot | None) -> Iterator[None]:
    """The tables drawn inside go to `slot` (none are kept if it is None), in place of those an earlier
    run of the same fragment put there; the page's own collecting goes on after."""
    outer = getattr(_run, "shown", None)
    _run.shown = None if slot is None else []
    try:
        yield
    finally:  # a run stopped inside (st.stop) keeps what it drew
        if slot is not None:
            slot.tables = _run.shown
        _run.shown = outer


def tables(shown: list[Shown | Slot]) -> list[Shown]:
    """The tables a page shows now, in its order: its own, and its tabs' open ones in their places."""
    return [t for item in shown for t in (item.tables if isinstance(item, Slot) else [item])]


def workbook(shown: list[Shown | Slot]) -> bytes:
    """The tables the page shows as one workbook, one sheet each, named by their titles; one sheet that
    says so when the tab open shows none."""
    sheets: dict[str, pl.DataFrame] = {}
    formats: dict[str, dict[str, str]] = {}
    if not (drawn := tables(shown)):
        sheets[NOTHING] = pl.DataFrame({NOTHING: ["No table is shown on this page as it is now."]})
    for number, table in enumerate(drawn, start=1):
        name = _sheet_name(table.title or f"Table {number}", sheets)
        sheets[name], formats[name] = _sheet(table)
    return exports.xlsx_bytes(sheets, formats, autofit=True)


def _sheet(table: Shown) -> tuple[pl.DataFrame, dict[str, str]]:
    """The table's columns under their on-screen headings, and each heading's Excel number format."""
    columns, formats, used = [], {}, set()
    for name, config in table.columns.items():
        kind = config.get("type_config", {}) if isinstance(config, dict) else {}
        if kind.get("type") in CHARTS:
            continue
        heading = (config.get("label") if isinstance(config, dict) else str(config)) or name
        if heading in used:
            heading = f"{heading} ({name})"
        used.add(heading)
        column = pl.col(name)
        if isinstance(table.rows.schema[name], pl.List):  # a RAG chip: its word(s)
            column = column.cast(pl.List(pl.String)).list.join(", ")
        columns.append(column.alias(heading))
        if number_format := _excel_format(kind):
            formats[heading] = number_format
    return table.rows.select(columns), formats


def _excel_format(kind: dict[str, Any]) -> str | None:
    """How a column's numbers read in Excel, as they read on screen (the value itself unchanged)."""
    shown = kind.get("format")
    if shown == "money":
        symbol = get_settings().currency_symbol
        return f'"{symbol}"#,##0;-"{symbol}"#,##0'
    if shown == "percent":  # a share from 0 to 1
        return "0%"
    if shown == "compact":
        return "#,##0.##"
    if isinstance(shown, str) and (places := re.fullmatch(r"%\.(\d)f(%%)?", shown)):
        digits = int(places[1])
        return ("0." + "0" * digits if digits else "0") + ('"%"' if places[2] else "")
    if shown == "%d":
        return "0"
    return None


def _sheet_name(title: str, taken: dict[str, Any]) -> str:
    """A title as a sheet's name: no characters Excel forbids, at most 31, and unlike any other."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip("' ") or "Table"
    name, number = base[:SHEET_NAME], 1
    while name.lower() in {t.lower() for t in taken}:
        number += 1
        name = f"{base[: SHEET_NAME - len(str(number)) - 1]} {number}"
    return name
