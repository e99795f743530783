"""Helpers for the import tests (and `make bench`): a small mapping, foreign files written as another
system would, and the returns an import wrote, read back as plain text."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from pmo_dash.intake.imports import Outcome, run_import

MAPPING = """\
[source]
unit = "thousands"
date_formats = ["%d/%m/%Y"]

[[files]]
match = "*"
as_of = 2025-03-31

[department]
column = "Dept"

[[departments]]
id = "FIN"
name = "Finance"
aliases = ["Finance Dept"]

[[departments]]
id = "HR"
name = "People"

[columns]
name = "Project"
baseline_start = "Start"
baseline_finish = "End"
budget = "Budget"
overall_rag = "RAG"
"""
HEADER = "Dept,Project,Start,End,Budget,RAG"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    return folder


def run(tmp_path: Path, files: dict[str, str | bytes], mapping: str = MAPPING) -> Outcome:
    source = write(tmp_path / "source", files)
    (tmp_path / "map.toml").write_text(mapping)
    return run_import(tmp_path / "map.toml", [source], tmp_path / "out")


def returns(out: Path, table: str) -> list[dict[str, str]]:
    """Every row of `table` in every department folder, with its folder as `folder`."""
    rows = []
    for path in sorted(out.glob(f"*/{table}.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            rows += [{**row, "folder": path.parent.name} for row in csv.DictReader(handle)]
    return rows


def report(out: Path) -> list[dict[str, str]]:
    with (out / "import_report.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def problems(out: Path) -> list[tuple]:
    """The report's lines other than the per-file counts: (file, row, column, value, rule, message)."""
    return [
        (r["file"], int(r["row"]), r["column"], r["value"], r["rule"], r["message"])
        for r in report(out)
        if r["rule"] != "rows"
    ]


def foreign_csv(path: Path, rows: int, seed: int = 7) -> Path:
    """A large export as another system writes one: cp1252, semicolons, a title above the header, amounts
    in £ thousands with symbols and separators, day-first dates, RAG words in mixed case, a few withheld
    values, department spellings that vary, and a project id in one column in two of three rows."""
    rng = random.Random(seed)
    departments = ["Finance", "FIN", "finance dept", "People", "HR"]
    lines = ["Portfolio export;;;;;;", "", "Ref;Dept;Project;Start;End;Budget;RAG"]
    for i in range(rows):
        start_year = rng.randint(2015, 2024)
        budget = rng.choice(
            [f"£{rng.randint(1, 99_999):,}.{rng.randint(0, 99):02d}", f"{rng.randint(1, 999)}"]
        )
        if rng.random() < 0.02:
            budget = "Exempt under section 43"
        rag = rng.choice(["Green", "amber", "RED", "G", "Amber/Green"])
        ref = f"PRJ-{i:06d}" if i % 3 else ""
        lines.append(
            f"{ref};{rng.choice(departments)};Project {i} – {rng.choice(['Ledger', 'Payroll', 'Estates'])};"
            f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{start_year};"
            f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{start_year + rng.randint(1, 6)};{budget};{rag}"
        )
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


# The mapping for foreign_csv: MAPPING, with its project id column and its withheld marker.
LARGE_MAPPING = MAPPING.replace(
    "[columns]\n", '[markers]\nwithheld_containing = ["Exempt under"]\n\n[columns]\nproject_id = "Ref"\n'
)
