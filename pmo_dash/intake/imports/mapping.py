"""The mapping file's model: how one family of foreign exports reads as standard returns.

Each key's type is checked here (pydantic); what the keys must agree with, in `consistency`; the file
is read, and every mistake named by its line and key, in `mapfile`. docs/import-mapping.md documents
every key.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pmo_dash.intake.imports.targets import TARGETS
from pmo_dash.intake.imports.values import Rules, normal

Unit = Literal["units", "thousands", "millions", "billions"]
Encoding = Literal["auto", "utf-8", "utf-8-sig", "utf-16", "cp1252"]
Layout = Literal["auto", "rows", "transposed"]
Delimiter = Literal["auto", ",", ";", "\t", "|"]
Spellings = Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]
DEPARTMENT_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"  # it names a folder: nothing else gets in
DIRECTIVES = re.compile(r"%[dmyYbB%]")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _as_list(value):
    return [value] if isinstance(value, str) else value


def _check_formats(formats: list[str]) -> list[str]:
    for fmt in formats:
        unknown = DIRECTIVES.sub("", fmt)
        if "%" in unknown:
            raise ValueError(f"'{fmt}' is not a date format: use %d, %m, %y, %Y, %b or %B")
        if not re.search(r"%[yY]", fmt) or not re.search(r"%[mbB]", fmt) or "%d" not in fmt:
            raise ValueError(f"'{fmt}' is not a date format: it needs a day (%d), a month and a year")
    return formats


class Markers(Strict):
    withheld: list[str] = []
    withheld_containing: list[str] = []
    not_applicable: list[str] = []
    not_applicable_containing: list[str] = []


class Source(Strict):
    encoding: Encoding = "auto"
    delimiter: Delimiter = "auto"
    layout: Layout = "auto"
    sheet: str | None = None
    cadence: Literal["Monthly", "Quarterly", "Annual"] = "Monthly"
    currency: Literal["GBP", "USD", "EUR", "JPY", "INR"] = "GBP"  # with its symbol: values.SYMBOLS
    unit: Unit = "units"
    decimal: Literal[".", ","] = "."
    date_formats: list[str] = ["%Y-%m-%d"]
    two_digit_years_from: int = Field(1969, ge=1900, le=2100)

    _formats = field_validator("date_formats")(_check_formats)


class FileRule(Strict):
    match: str = Field(min_length=1)  # a glob on the file's name
    as_of: dt.date | None = None
    encoding: Encoding | None = None
    delimiter: Delimiter | None = None
    layout: Layout | None = None
    sheet: str | None = None
    header_row: int | None = Field(None, ge=1)  # rows layout: the row of the column names
    label_column: int | None = Field(None, ge=1)  # transposed layout: the column of the labels


class DepartmentSource(Strict):
    column: list[str] = []
    constant: str | None = None
    _column = field_validator("column", mode="before")(_as_list)

    @model_validator(mode="after")
    def _one(self):
        if bool(self.column) == bool(self.constant):
            raise ValueError("give either column (the department's column) or constant (one department id)")
        return self


class Department(Strict):
    id: str
    name: str = Field(min_length=1)
    division: str | None = None
    aliases: list[str] = []

    @field_validator("id")
    @classmethod
    def _folder_name(cls, value: str) -> str:
        if not re.fullmatch(DEPARTMENT_ID, value):
            raise ValueError(
                f"'{value}' is not a department id: 1-32 letters, digits, - or _, a letter or digit first "
                "(it names the department's folder)"
            )
        return value


class Rename(Strict):
    from_: str = Field(alias="from")
    to: str
    on: dt.date | None = None
    merge: bool = False


class Column(Markers):
    from_: Spellings = Field(alias="from")
    optional: bool = False
    unit: Unit | None = None
    formats: list[str] | None = None
    values: dict[str, str] = {}
    _from = field_validator("from_", mode="before")(_as_list)
    _formats = field_validator("formats")(lambda v: v if v is None else _check_formats(v))


class AsOf(Strict):
    column: list[str] = []
    formats: list[str] | None = None
    _column = field_validator("column", mode="before")(_as_list)
    _formats = field_validator("formats")(lambda v: v if v is None else _check_formats(v))


class Link(Strict):
    department: str | None = None
    names: list[str] = Field(min_length=2)


class Projects(Strict):
    links: list[Link] = []


class Mapping(Strict):
    source: Source = Source()
    files: list[FileRule] = []
    as_of: AsOf = AsOf()
    department: DepartmentSource
    departments: list[Department] = Field(min_length=1)
    renames: list[Rename] = []
    columns: dict[str, Column]
    markers: Markers = Markers()
    projects: Projects = Projects()

    @field_validator("columns", mode="before")
    @classmethod
    def _shorthand(cls, columns):
        """`name = ["project_name", "Project name"]` is short for `[columns.name] from = [...]`."""
        if not isinstance(columns, dict):
            return columns
        return {k: {"from": v} if isinstance(v, str | list) else v for k, v in columns.items()}

    def rules(self, name: str) -> Rules:
        """How the mapped column `name` reads its values."""
        column, source, markers = self.columns[name], self.source, self.markers
        return Rules(
            target=TARGETS[name],
            values={normal(k): v for k, v in column.values.items()},
            withheld=frozenset(normal(m) for m in [*markers.withheld, *column.withheld]),
            withheld_containing=tuple(
                normal(m) for m in [*markers.withheld_containing, *column.withheld_containing] if m.strip()
            ),
            not_applicable=frozenset(normal(m) for m in [*markers.not_applicable, *column.not_applicable]),
            not_applicable_containing=tuple(
                normal(m)
                for m in [*markers.not_applicable_containing, *column.not_applicable_containing]
                if m.strip()
            ),
            unit=column.unit or source.unit,
            currency=source.currency,
            decimal=source.decimal,
            formats=tuple(column.formats or source.date_formats),
            century_from=source.two_digit_years_from,
        )
