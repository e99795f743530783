"""The mapping file (TOML): how one family of foreign exports reads as standard returns.

Read with tomllib, checked with pydantic; every mistake is a `MappingError` naming the mapping's line
and key. docs/import-mapping.md documents every key.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pmo_dash.intake.imports.lines import locate
from pmo_dash.intake.imports.targets import RATINGS, REQUIRED, TARGETS, WITHHELD
from pmo_dash.intake.imports.values import Read, Rules, normal, read

Unit = Literal["units", "thousands", "millions", "billions"]
Encoding = Literal["auto", "utf-8", "utf-8-sig", "utf-16", "cp1252"]
Layout = Literal["auto", "rows", "transposed"]
Delimiter = Literal["auto", ",", ";", "\t", "|"]
Spellings = Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]
DEPARTMENT_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"  # it names a folder: nothing else gets in
DIRECTIVES = re.compile(r"%[dmyYbB%]")


class MappingError(Exception):
    """The mapping cannot be used; the message names the file, the line and the key."""


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
    id: str = Field(pattern=DEPARTMENT_ID)
    name: str = Field(min_length=1)
    division: str | None = None
    aliases: list[str] = []


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

    @model_validator(mode="after")
    def _consistent(self):
        unknown = [name for name in self.columns if name not in TARGETS]
        if unknown:
            known = ", ".join(TARGETS)
            raise ValueError(f"columns.{unknown[0]} is not a column an import can fill ({known})")
        missing = [name for name in REQUIRED if name not in self.columns]
        if missing:
            raise ValueError(
                f"columns.{missing[0]} is missing: an oversight return needs {', '.join(REQUIRED)}"
            )
        if not any(r in self.columns for r in RATINGS):
            raise ValueError("a rating is missing: map columns.overall_rag or columns.delivery_confidence")
        self._check_departments()
        for name, column in self.columns.items():
            for spelling, value in column.values.items():
                _check_value(name, column, spelling, value, self)
        return self

    def _check_departments(self) -> None:
        ids = {d.id for d in self.departments}
        seen: dict[str, str] = {}
        for department in self.departments:
            for spelling in {department.id, department.name, *department.aliases}:
                owner = seen.setdefault(normal(spelling), department.id)
                if owner != department.id:
                    raise ValueError(f"'{spelling}' is a spelling of both {owner} and {department.id}")
        for rename in self.renames:
            for end in (rename.from_, rename.to):
                if end not in ids:
                    raise ValueError(f"renames: '{end}' is not the id of a department in [[departments]]")
        if self.department.constant and self.department.constant not in ids:
            raise ValueError(f"department.constant '{self.department.constant}' is not in [[departments]]")
        for link in self.projects.links:
            if link.department and link.department not in ids:
                raise ValueError(f"projects.links: '{link.department}' is not in [[departments]]")

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


def _check_value(name: str, column: Column, spelling: str, value: str, mapping: Mapping) -> None:
    """A value map's replacement must itself read: a canonical value, a date, an amount, or a marker."""
    if normal(value) in ("", WITHHELD):
        return
    bare = mapping.model_copy(update={"columns": {name: column.model_copy(update={"values": {}})}})
    found: Read = read(value, bare.rules(name))
    if not found.ok:
        raise ValueError(f"columns.{name}.values: '{spelling}' = '{value}', but '{value}' {found.message}")


def load(path: Path) -> Mapping:
    """The mapping at `path`, checked; a `MappingError` names the line and key of the first mistake."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise MappingError(f"{path}: cannot be read as UTF-8 text ({err})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise MappingError(f"{path}: not valid TOML: {err}") from None
    try:
        return Mapping.model_validate(data)
    except ValidationError as err:
        raise MappingError("\n".join(_explain(path, text, e) for e in err.errors())) from None


def _explain(path: Path, text: str, error) -> str:
    loc = [str(part) for part in error["loc"] if not str(part).startswith("function-")]
    loc = ["from" if part == "from_" else part for part in loc]
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = f"'{loc[-1]}' is not a key of this table (see docs/import-mapping.md)"
    elif error["type"] == "missing":
        message = f"'{loc[-1]}' is required"
    key = ".".join(loc) or "(top level)"
    line = locate(text, error["loc"])
    where = f"{path} line {line}" if line else str(path)
    return f"{where} ({key}): {message}"
