"""Each foreign record read as one row of a return: its department, its project, its as-of date and its
mapped values, or the problems that keep it out (every one named by file, row, column and value)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pmo_dash.intake.imports.ids import Linker, Project
from pmo_dash.intake.imports.layouts import Record, Table
from pmo_dash.intake.imports.mapping import Mapping
from pmo_dash.intake.imports.report import Problem, clip
from pmo_dash.intake.imports.values import ISO, Read, normal, parse_date, read, spell

DEPARTMENT = "department_id"  # the fields a layout looks for besides the mapped columns
AS_OF = "as_of"
SHOWN = 60  # characters of a value quoted in a message
REMEMBERED = 4096  # distinct texts per column whose reading is kept


@dataclass(slots=True)
class Row:
    table: Table
    position: int  # the record's row, or its column in a transposed file
    order: int = 0  # its file's place among the files read
    as_of: dt.date | None = None
    department: str | None = None
    name: str = ""
    raw: dict[str, str] = field(default_factory=dict)  # the record's text, field by field
    values: dict[str, Read] = field(default_factory=dict)
    project: Project | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def mapped(self) -> bool:
        return not self.problems

    def table_value(self, name: str) -> str:
        return self.raw.get(name, "")

    def report(self, name: str, value: str, rule: str, message: str) -> None:
        """A problem with this row's value for `name`, named by file, row, column and value."""
        table = self.table
        label = table.labels.get(name, name)
        row = table.row(self.position, name)
        where = table.where(self.position)
        self.problems.append(Problem(table.name, row, label, clip(value), rule, message, where))


class RowReader:
    """Reads records of any file under one mapping."""

    def __init__(self, mapping: Mapping) -> None:
        self.mapping = mapping
        self.rules = {name: mapping.rules(name) for name in mapping.columns}
        # Values repeat (ratings, dates, units): each column remembers the readings of its first few
        # thousand distinct texts, so memory stays bounded and a repeated value is read once.
        self._seen: dict[str, dict[str, Read]] = {name: {} for name in mapping.columns}
        self.departments = _department_index(mapping)
        formats = mapping.as_of.formats or mapping.source.date_formats
        self.as_of_formats = (*formats, *ISO)

    def read(self, table: Table, record: Record, as_of: dt.date | None) -> Row:
        row = Row(table, record.position, as_of=as_of, raw=record.values)
        problem = row.report

        for name in record.unreadable:
            problem(name, record.values[name], "encoding", _unreadable(name, record.values[name], table))
        for name, (first, other) in record.clashes.items():
            message = (
                f"{name}: the file has this column twice and the two differ "
                f"('{_short(first)}', '{_short(other)}')"
            )
            problem(name, first, "clash", message)
        if row.as_of is None:
            row.as_of = self._as_of(record.values.get(AS_OF, ""), problem)
        row.department = self._department(record.values.get(DEPARTMENT, ""), problem)
        for name, rules in self.rules.items():
            if name not in record.values or name in record.unreadable:
                continue  # an optional column this file does not have; or a cell already reported
            found = self._read(name, record.values[name], rules)
            if not found.ok:
                hint = (
                    f"; add it to [columns.{name}.values] or to the markers"
                    if found.rule == "value_map"
                    else ""
                )
                problem(
                    name,
                    record.values[name],
                    found.rule,
                    f"{name}: '{_short(record.values[name])}' {found.message}{hint}",
                )
            row.values[name] = found
        name = row.values.get("name", Read())
        if name.ok and (name.withheld or not name.text):
            problem("name", record.values.get("name", ""), "required", "name: a project needs a name")
        row.name = name.text if name.ok and not name.withheld else ""
        return row

    def _read(self, name: str, raw: str, rules) -> Read:
        seen = self._seen[name]
        found = seen.get(raw)
        if found is None:
            found = read(raw, rules)
            if len(seen) < REMEMBERED:
                seen[raw] = found
        return found

    def link(self, row: Row, linker: Linker, previous: dt.date | None) -> None:
        """Give the row its project, when its department and name are known (even if other values failed,
        so that a project whose latest row is reported is still known to be in the latest file)."""
        if row.department is None or not row.name:
            return
        number = row.values.get("project_id", Read())
        text = "" if number.withheld or not number.ok else number.text
        row.project = linker.project(row.department, row.name, text, row.as_of, previous)

    def _department(self, raw: str, problem) -> str | None:
        if self.mapping.department.constant:
            return self.mapping.department.constant
        found = self.departments.get(normal(raw))
        if found is None:
            what = f"'{_short(raw)}' is not" if raw.strip() else "an empty department is not"
            message = (
                f"department: {what} a department of the mapping (add it, or an alias, to [[departments]])"
            )
            problem(DEPARTMENT, raw, "department", message)
        return found

    def _as_of(self, raw: str, problem) -> dt.date | None:
        day = parse_date(raw, self.as_of_formats, self.mapping.source.two_digit_years_from)
        if day is None:
            shown = " or ".join(spell(f) for f in self.as_of_formats[:-1])
            problem(AS_OF, raw, "as_of", f"as_of: '{_short(raw)}' is not a date ({shown})")
        return day


def _department_index(mapping: Mapping) -> dict[str, str]:
    """Every spelling of every department (its id, its name, its aliases) -> its id, after merges."""
    merged = {r.from_: r.to for r in mapping.renames if r.merge}

    def final(department: str) -> str:
        seen = set()
        while department in merged and department not in seen:
            seen.add(department)
            department = merged[department]
        return department

    index = {}
    for department in mapping.departments:
        for spelling in (department.id, department.name, *department.aliases):
            index[normal(spelling)] = final(department.id)
    return index


def _short(value: str) -> str:
    text = " ".join(value.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _unreadable(name: str, value: str, table: Table) -> str:
    advice = table.hint or "declare the file's encoding in the mapping"
    shown = f"'{_short(value)}'"
    return f"{name}: {shown} holds a byte that is not {table.encoding} text (shown as \ufffd); {advice}"
