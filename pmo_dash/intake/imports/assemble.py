"""The mapped rows as three returns per department: departments, projects and status_reports.

A project's baseline (start, finish, whole-life budget) is the first one its rows state, its other
columns the last; a project that is not in the latest file is no longer in the portfolio and is
written Closed (with no actual finish), so that it ends at its last return. A row that would make its
return rejected by the build (no rating, a project without a baseline, two returns in one month) is
reported here instead, so that what is written is what the build takes.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo_dash.intake.imports.ids import Project
from pmo_dash.intake.imports.mapping import Mapping
from pmo_dash.intake.imports.rows import Row
from pmo_dash.intake.imports.targets import (
    DEPARTMENT_COLUMNS,
    PROFILE,
    PROJECT_COLUMNS,
    REPORT_COLUMNS,
    REQUIRED,
    TARGETS,
    WITHHELD,
    collapse,
)
from pmo_dash.intake.imports.values import Read

Record = dict[str, str]


@dataclass
class Returns:
    departments: list[Record]
    projects: dict[str, list[Record]]  # department id -> its projects
    reports: dict[str, list[Record]]  # department id -> its status reports
    columns: dict[str, list[str]]  # table -> the columns written, in order


def assemble(rows: list[Row], mapping: Mapping) -> Returns:
    mapped = [row for row in rows if row.mapped]
    _refuse_duplicates(mapped)
    for row in mapped:
        _check_rating(row, mapping)
    by_project: dict[int, list[Row]] = {}
    for row in rows:
        if row.mapped:
            by_project.setdefault(id(row.project), []).append(row)
    latest = max((row.as_of for row in rows if row.as_of is not None), default=None)
    present = {id(row.project) for row in rows if row.project is not None and row.as_of == latest}
    projects: dict[str, list[Record]] = {}
    reports: dict[str, list[Record]] = {}
    for mine in by_project.values():
        mine.sort(key=lambda r: r.as_of)
        project = mine[0].project
        record = _project(project, mine, mapping, id(project) in present)
        if record is None:
            continue
        projects.setdefault(project.department, []).append(record)
        reports.setdefault(project.department, []).extend(_report(project, row, mapping) for row in mine)
    for department in projects:
        projects[department].sort(key=lambda r: r["project_id"])
        reports[department].sort(key=lambda r: (r["project_id"], r["as_of"]))
    return Returns(_departments(mapping, set(projects)), projects, reports, _columns(mapping))


def _refuse_duplicates(rows: list[Row]) -> None:
    """Two rows of one project in one month: choosing either would be a guess, so both are reported."""
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        groups.setdefault((id(row.project), row.as_of.year, row.as_of.month), []).append(row)
    for same in groups.values():
        if len(same) < 2:
            continue
        places = "; ".join(f"{r.table.name} {r.table.where(r.position)}" for r in same)
        for row in same:
            message = (
                f"project '{_short(row.name)}' ({row.department}) has {len(same)} rows for "
                f"{row.as_of:%Y-%m} ({places}); none is written (choosing one would be a guess)"
            )
            row.report("name", row.name, "duplicate", message)


def _check_rating(row: Row, mapping: Mapping) -> None:
    """An oversight status report needs a rating (overall_rag or delivery_confidence), or `withheld`."""
    given = [row.values[n] for n in ("overall_rag", "delivery_confidence") if n in row.values]
    if any(r.text for r in given):
        return
    name = "delivery_confidence" if "delivery_confidence" in mapping.columns else "overall_rag"
    raw = row.table_value(name)
    what = f"'{_short(raw)}' is not applicable here" if raw.strip() else "is empty"
    message = (
        f"{name}: {what}, and a status report needs a rating; map the value as withheld "
        "if the source withholds it"
    )
    row.report(name, raw, "required", message)


def _project(project: Project, rows: list[Row], mapping: Mapping, present: bool) -> Record | None:
    values: Record = {"project_id": project.project_id, "department_id": project.department}
    values["name"] = rows[-1].name
    for name in PROJECT_COLUMNS:
        target = TARGETS.get(name)
        if target is None or name == "name" or name not in mapping.columns or target.project is None:
            continue
        reads = [r.values[name] for r in rows if name in r.values]
        values[name] = _first(reads) if target.project == "first" else _latest(reads)
    state = values.get("state", "")
    values["state"] = (state or "Active") if present else "Closed"
    missing = [name for name in REQUIRED if not values.get(name)]
    if missing:
        for row in rows:
            for name in missing:
                raw = row.table_value(name)
                message = (
                    f"{name}: project '{_short(values['name'])}' ({project.department}) has no {name} in any "
                    "of its rows, and an oversight project needs one; map the source's marker as withheld "
                    "if it withholds it"
                )
                row.report(name, raw, "required", message)
        return None
    start, finish = values["baseline_start"], values["baseline_finish"]
    if WITHHELD not in (start, finish) and finish < start:
        for row in rows:
            message = (
                f"baseline_finish: project '{_short(values['name'])}' ({project.department}) would finish "
                f"({finish}) before it starts ({start}), as its rows first state them"
            )
            row.report("baseline_finish", row.table_value("baseline_finish"), "date_order", message)
        return None
    return values


def _first(reads: list[Read]) -> str:
    """The first value stated; `withheld` when none is stated but one is withheld; else empty."""
    stated = next((r.text for r in reads if r.text and not r.withheld), "")
    return stated or (WITHHELD if any(r.withheld for r in reads) else "")


def _latest(reads: list[Read]) -> str:
    return next((r.text for r in reversed(reads) if r.text), "")


def _report(project: Project, row: Row, mapping: Mapping) -> Record:
    record: Record = {"project_id": project.project_id, "as_of": row.as_of.isoformat()}
    for name in REPORT_COLUMNS[2:]:
        if name in row.values:
            record[name] = row.values[name].text
    rag = record.get("overall_rag", "")
    confidence = record.get("delivery_confidence", "")
    if not rag and confidence:
        record["overall_rag"] = WITHHELD if confidence == WITHHELD else collapse(confidence)
    return record


def _departments(mapping: Mapping, written: set[str]) -> list[Record]:
    became: dict[tuple[str, str], list[str]] = {}  # (department, when) -> what it became then
    notes: dict[str, list[str]] = {}
    for rename in mapping.renames:
        when = f" on {rename.on.isoformat()}" if rename.on else ""
        if rename.merge:
            notes.setdefault(rename.to, []).append(f"includes {rename.from_} (renamed {rename.to}{when})")
        else:
            became.setdefault((rename.from_, when), []).append(rename.to)
            notes.setdefault(rename.to, []).append(f"formerly {rename.from_}")
    for (department, when), successors in became.items():
        notes.setdefault(department, []).append(f"renamed {_and(successors)}{when}")
    found = []
    for department in sorted(mapping.departments, key=lambda d: d.id):
        if department.id not in written:
            continue
        division = "; ".join(
            [*([department.division] if department.division else []), *notes.get(department.id, [])]
        )
        found.append(
            {
                "department_id": department.id,
                "name": department.name,
                "division": division,
                "profile": PROFILE,
                "cadence": mapping.source.cadence,
                # A foreign export lists a department's whole portfolio at each date: a project it leaves
                # out is off the portfolio (not a late return), as one left out of the latest is closed.
                "complete_returns": "yes",
            }
        )
    return found


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _columns(mapping: Mapping) -> dict[str, list[str]]:
    mapped = set(mapping.columns)
    projects = ["project_id", "department_id", "name", "state"]
    projects += [c for c in PROJECT_COLUMNS if c in mapped and c not in projects]
    reports = ["project_id", "as_of", "overall_rag"]
    reports += [c for c in REPORT_COLUMNS if c in mapped and c not in reports]
    return {
        "departments": list(DEPARTMENT_COLUMNS),
        "projects": projects,
        "status_reports": reports,
    }


def _short(value: str, limit: int = 60) -> str:
    text = " ".join(value.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
