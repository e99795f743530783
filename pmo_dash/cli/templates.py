"""`python -m pmo_dash templates`: one pre-filled XLSX return per department; and the blank CSV templates."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pmo_dash.contract import TABLES
from pmo_dash.intake.templates import TemplateError, blank_csv, file_name, workbook
from pmo_dash.intake.templates.book import check_period, known_departments
from pmo_dash.settings import ROOT, Settings

BLANK = ROOT / "docs" / "templates"


def run_templates(settings: Settings, out: Path, departments: list[str], period: str | None) -> int:
    """Write `<department_id>-<YYYY-MM>.xlsx` into `out` for each department (default: every one)."""
    try:
        known = known_departments(settings)
        month = f"{check_period(settings, period):%Y-%m}"
    except TemplateError as err:
        print(f"templates: {err}", file=sys.stderr)
        return 1
    unknown = [d for d in departments if d not in known]
    if unknown:
        listed = ", ".join(known) or "none"
        print(
            f"templates: no department {', '.join(unknown)} in the warehouse (it holds: {listed})",
            file=sys.stderr,
        )
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for department in departments or list(known):
        name = file_name(department, month)
        if Path(name).name != name or name.startswith("."):
            print(f"templates: skipped '{department}': not a name a file can have", file=sys.stderr)
            continue
        part = out / f".{name}.part"
        part.write_bytes(workbook(settings, department, month))
        os.replace(part, out / name)
        print(f"wrote {out / name}")
    return 0


def write_blank_templates(folder: Path = BLANK) -> list[Path]:
    """docs/templates/<table>.csv: every contract table's blank CSV template."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = folder / f"{table.name}.csv"
        path.write_bytes(blank_csv(table.name))
        written.append(path)
    return written
