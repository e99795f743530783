"""Validate an upload for a department and period without storing anything: the build's own validation
(`ingest`), over the department's returns as they would be with the upload in them.

Only the tables the upload carries and those they refer to are read (a status report's project must be
one of the department's projects), so a preview of one month's return answers in a moment.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pmo_dash.contract import BY_NAME
from pmo_dash.intake.ingest import ingest_files
from pmo_dash.intake.ingest.read import SourceFile, discover, source_file
from pmo_dash.intake.submissions.assemble import department_files
from pmo_dash.intake.submissions.files import Upload
from pmo_dash.intake.submissions.store import SubmissionStore, check_key
from pmo_dash.settings import Settings


@dataclass(frozen=True)
class Preview:
    department_id: str
    period: str
    uploads: list[Upload]
    counts: dict[str, dict[str, int]]  # table -> read, accepted, rejected
    problems: (
        pl.DataFrame
    )  # file (as uploaded), row (as the spreadsheet shows it), column, value, rule, message
    notes: list[str]  # what was left out on purpose (a workbook's sheets that are no return)


def preview(settings: Settings, department_id: str, period: str, uploads: list[Upload]) -> Preview:
    """Rows read, accepted and rejected per table, and every problem, as the build would find them."""
    check_key(department_id, period)
    carried = {t for u in uploads for t in u.tables}
    needed = _with_parents(carried)
    store = SubmissionStore(settings.submissions_dir)
    current = department_files(Path(settings.source_dir), store, department_id)
    files = []
    for name, (path, _, _) in current.items():
        found = source_file(path, f"{department_id}/{name}", department_id)
        replaced = found.table in carried and (found.period == period or not BY_NAME[found.table].monthly)
        if found.table in needed and not replaced:
            files.append(found)
    enterprise = Path(settings.source_dir) / settings.enterprise_folder
    if enterprise.is_dir():
        central = discover(enterprise.parent)
        files += [f for f in central if f.folder == settings.enterprise_folder and f.table in needed]
    with tempfile.TemporaryDirectory(prefix="pmo-dash-preview-") as folder:
        shown: dict[str, str] = {}  # file as a message names it -> table
        for index, upload in enumerate(uploads):
            path = Path(folder) / f"upload-{index}.{upload.kind}"  # never the uploader's name
            path.write_bytes(upload.data)
            for table in upload.tables:
                monthly = BY_NAME[table].monthly is not None
                name = upload.shown(table)
                shown[name] = table
                files.append(
                    SourceFile(
                        path,
                        name,
                        table,
                        department_id,
                        period=period if monthly else None,
                        sheet=upload.sheets.get(table),
                    )
                )
        found = ingest_files(
            files, settings.day_first_formats, settings.enterprise_folder, withheld=settings.withheld_markers
        )
    runs = found.runs.filter(pl.col("path").is_in(list(shown)))
    totals = runs.group_by("table_name").agg(pl.col("rows_read", "accepted", "rejected").sum())
    by_table = {row["table_name"]: row for row in totals.iter_rows(named=True)}
    counts = {
        table: {
            k: int(by_table[table][f])
            for k, f in (("read", "rows_read"), ("accepted", "accepted"), ("rejected", "rejected"))
        }
        for table in sorted(set(shown.values()), key=list(BY_NAME).index)
    }
    problems = found.problems.filter(pl.col("file").is_in(list(shown))).sort("file", "row", nulls_last=False)
    notes = [
        f"{u.name}: sheet '{s}' is not a standard return; ignored" for u in uploads for s in u.ignored_sheets
    ]
    return Preview(department_id, period, uploads, counts, problems, notes)


def _with_parents(tables: set[str]) -> set[str]:
    """The tables and every table they refer to, to the top (departments, and the enterprise's)."""
    needed, todo = set(), [*tables, "departments"]
    while todo:
        table = todo.pop()
        if table not in needed:
            needed.add(table)
            todo += [c.references.split(".")[0] for c in BY_NAME[table].columns if c.references]
    return needed
