"""What a mapping must agree with, beyond each key's own type: the contract's columns, its departments
and their spellings, and value maps whose replacements read. Each mistake comes with the key it is at,
so that the message can name the mapping's line."""

from __future__ import annotations

from pmo_dash.intake.imports.mapping import Mapping
from pmo_dash.intake.imports.targets import RATINGS, REQUIRED, TARGETS, WITHHELD
from pmo_dash.intake.imports.values import normal, read

Mistake = tuple[tuple, str]  # (the key's path, what is wrong)


def mistakes(mapping: Mapping) -> list[Mistake]:
    return [*_columns(mapping), *_departments(mapping), *_values(mapping)]


def _columns(mapping: Mapping) -> list[Mistake]:
    found = []
    for name in mapping.columns:
        if name not in TARGETS:
            known = ", ".join(TARGETS)
            found.append((("columns", name), f"'{name}' is not a column an import can fill ({known})"))
    for name in REQUIRED:
        if name not in mapping.columns:
            found.append(
                (("columns",), f"columns.{name} is missing: an oversight return needs {', '.join(REQUIRED)}")
            )
    if not any(r in mapping.columns for r in RATINGS):
        found.append(
            (("columns",), "a rating is missing: map columns.overall_rag or columns.delivery_confidence")
        )
    return found


def _departments(mapping: Mapping) -> list[Mistake]:
    found = []
    ids = {d.id for d in mapping.departments}
    seen: dict[str, str] = {}
    for i, department in enumerate(mapping.departments):
        spellings = [("id", department.id), ("name", department.name)]
        spellings += [("aliases", alias) for alias in department.aliases]
        for key, spelling in spellings:
            owner = seen.setdefault(normal(spelling), department.id)
            if owner != department.id:
                message = f"'{spelling}' is a spelling of both {owner} and {department.id}"
                found.append((("departments", i, key), message))
    for i, rename in enumerate(mapping.renames):
        for key, end in (("from", rename.from_), ("to", rename.to)):
            if end not in ids:
                found.append(
                    (("renames", i, key), f"'{end}' is not the id of a department in [[departments]]")
                )
    if mapping.department.constant and mapping.department.constant not in ids:
        message = f"'{mapping.department.constant}' is not the id of a department in [[departments]]"
        found.append((("department", "constant"), message))
    for i, link in enumerate(mapping.projects.links):
        if link.department and link.department not in ids:
            message = f"'{link.department}' is not the id of a department in [[departments]]"
            found.append((("projects", "links", i, "department"), message))
    return found


def _values(mapping: Mapping) -> list[Mistake]:
    """A value map's replacement must itself read: a canonical value, a date, an amount, or a marker."""
    found = []
    for name, column in mapping.columns.items():
        if name not in TARGETS:
            continue
        bare = column.model_copy(update={"values": {}})
        rules = mapping.model_copy(update={"columns": {name: bare}}).rules(name)
        for spelling, value in column.values.items():
            if normal(value) in ("", WITHHELD):
                continue
            reading = read(value, rules)
            if reading.ok:
                continue
            target = TARGETS[name]
            why = (
                f"is not one of {', '.join(target.values)}"
                if reading.rule == "value_map"
                else reading.message
            )
            message = (
                f"'{spelling}' = '{value}', but '{value}' {why} (or withheld, or \"\" for not applicable)"
            )
            found.append((("columns", name, "values", spelling), message))
    return found
