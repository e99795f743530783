"""The returns and the import report, written into a new folder that then takes the output's place, so
that a failed import leaves the previous output as it was and never half a set of returns.

Returns are written as the values are, formula-like text included (the build and every export
neutralise it); the import report, made for a spreadsheet, is neutralised as it is written.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

from pmo_dash.intake.imports.assemble import Returns
from pmo_dash.intake.imports.report import FileCount, Line
from pmo_dash.intake.imports.report import write as write_report

REPORT = "import_report.csv"


class OutputError(Exception):
    """The output folder cannot be used."""


def check_out(out: Path) -> None:
    """The output must be new, empty, or an earlier import's output (which is then replaced whole)."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / REPORT).is_file():
        raise OutputError(
            f"--out {out} is not empty and holds no {REPORT}: it is not an earlier import's output, and "
            "an import replaces its output whole; choose a new or empty folder"
        )


def write(out: Path, returns: Returns, counts: list[FileCount], lines: list[Line]) -> Path:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = out.with_name(f".{out.name}.importing-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    try:
        for department in returns.departments:
            folder = fresh / department["department_id"]
            folder.mkdir()
            code = department["department_id"]
            _csv(folder / "departments.csv", returns.columns["departments"], [department])
            _csv(folder / "projects.csv", returns.columns["projects"], returns.projects.get(code, []))
            _csv(
                folder / "status_reports.csv",
                returns.columns["status_reports"],
                returns.reports.get(code, []),
            )
        write_report(fresh / REPORT, counts, lines)
        old = out.with_name(f".{out.name}.replaced-{os.getpid()}")
        if out.exists():
            out.rename(old)
        try:
            fresh.rename(out)
        except OSError:
            if old.exists():
                old.rename(out)  # the earlier output stays as it was
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return out / REPORT


def _csv(path: Path, columns: list[str], records: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)  # CRLF, as RFC 4180: a cell with a lone CR or LF is then quoted
        writer.writerow(columns)
        writer.writerows([record.get(c, "") for c in columns] for record in records)
