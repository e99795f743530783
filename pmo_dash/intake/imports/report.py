"""The import report: every value that could not be mapped, by file, row, column and value, with its
count, and for every file its rows in, mapped and reported (rows in = mapped + reported, always).

Written like the validation report (`file,row,column,value,rule,message`, plus `count`), for a
spreadsheet: a text that would start a formula is quoted (pmo_dash.exports).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pmo_dash.exports import neutralise

COLUMNS = ("file", "row", "column", "value", "rule", "message", "count")
VALUE_LIMIT = 200  # characters of a value quoted in the report
SHOWN = 3  # places of a repeated value named in its message


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    row: int | None  # as a spreadsheet numbers it
    column: str  # the file's own name for the column (or label)
    value: str
    rule: str
    message: str
    where: str = ""  # "row 5", or "column F" in a transposed file


@dataclass
class FileCount:
    file: str
    layout: str
    encoding: str
    as_of: str
    rows_in: int = 0
    mapped: int = 0

    @property
    def reported(self) -> int:
        return self.rows_in - self.mapped


@dataclass(frozen=True)
class Line:
    """One line of the report: a problem and how many times it occurs in its file."""

    problem: Problem
    count: int
    places: tuple[str, ...]

    @property
    def message(self) -> str:
        if self.count == 1:
            # In a transposed file the row names the field: the column names the record.
            column = self.problem.where.startswith("column")
            return f"{self.problem.message} ({self.problem.where})" if column else self.problem.message
        more = f" and {self.count - SHOWN} more" if self.count > SHOWN else ""
        return f"{self.problem.message} ({self.count} times: {', '.join(self.places)}{more})"


def lines(problems: Iterable[Problem]) -> list[Line]:
    """Problems grouped by file, column, value, rule and message, in file and row order."""
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        key = (problem.file, problem.column, problem.value, problem.rule, problem.message)
        groups.setdefault(key, []).append(problem)
    found = []
    for same in groups.values():
        places = tuple(dict.fromkeys(p.where for p in same if p.where))[:SHOWN]
        found.append(Line(same[0], len(same), places))
    return sorted(found, key=lambda line: (line.problem.file, line.problem.row or 0, line.problem.column))


def counts_line(count: FileCount) -> tuple:
    message = (
        f"rows in {count.rows_in} = mapped {count.mapped} + reported {count.reported} "
        f"({count.layout}, {count.encoding or 'xlsx'}, as of {count.as_of})"
    )
    return (count.file, None, "", "", "rows", message, count.rows_in)


def write(path: Path, counts: list[FileCount], found: list[Line]) -> None:
    by_file: dict[str, list[Line]] = {}
    for line in found:
        by_file.setdefault(line.problem.file, []).append(line)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)  # CRLF, as RFC 4180: a cell with a lone CR or LF is then quoted
        writer.writerow(COLUMNS)
        for count in counts:
            writer.writerow(_cells(counts_line(count)))
            for line in by_file.pop(count.file, []):
                writer.writerow(_cells(_row(line)))
        for rest in by_file.values():
            for line in rest:
                writer.writerow(_cells(_row(line)))


def _row(line: Line) -> tuple:
    p = line.problem
    return (p.file, p.row, p.column, clip(p.value), p.rule, line.message, line.count)


def clip(value: str, limit: int = VALUE_LIMIT) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _cells(row: tuple) -> list:
    return ["" if v is None else neutralise(v) if isinstance(v, str) else v for v in row]
