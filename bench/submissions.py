"""Upload + validation preview: a department's monthly return (status reports and benefit measurements of
its last period) at the tier, for the department nearest 250 projects, as CSV and as one workbook."""

from __future__ import annotations

import io
import statistics

import polars as pl
import xlsxwriter

from bench import OUT, timed
from pmo_dash.auth.roles import User
from pmo_dash.intake.submissions import check
from pmo_dash.settings import Settings

PROJECTS = 250
ADMIN = User("bench", "Bench", ("admin",), ())


def monthly_return(source) -> tuple[str, int, str, dict[str, bytes]]:
    """The department nearest PROJECTS projects, its projects, its last period, and that period's rows
    as CSV files."""
    sizes = {d.name: pl.read_csv(d / "projects.csv", infer_schema=False).height for d in source.glob("D*")}
    department = min(sizes, key=lambda d: (abs(sizes[d] - PROJECTS), d))
    files = {}
    period = None
    for table in ("status_reports", "benefit_measurements"):
        rows = pl.read_csv(source / department / f"{table}.csv", infer_schema=False)
        period = period or max(rows["as_of"].drop_nulls())[:7]
        files[table] = rows.filter(pl.col("as_of").str.starts_with(period))
    return department, sizes[department], period, {t: f.write_csv().encode() for t, f in files.items()}


def preview(source) -> dict[str, tuple[list[float], int, int]]:
    """Per form of the upload: seconds of each preview (5 runs after a warm-up), projects, rows read."""
    department, projects, period, files = monthly_return(source)
    settings = Settings(source_dir=source, data_dir=OUT / "submissions-bench")
    book = io.BytesIO()
    with xlsxwriter.Workbook(book) as workbook:
        for table, data in files.items():
            pl.read_csv(data, infer_schema=False).write_excel(workbook, worksheet=table)
    forms = {
        "CSV": [(f"{t}.csv", data) for t, data in files.items()],
        "one XLSX workbook": [("return.xlsx", book.getvalue())],
    }
    found = {}
    for label, uploads in forms.items():
        answer = check(settings, ADMIN, department, period, uploads)
        runs = [timed(lambda u=uploads: check(settings, ADMIN, department, period, u)) for _ in range(5)]
        found[f"{label}, {department} {period}"] = (
            runs,
            projects,
            sum(c["read"] for c in answer.counts.values()),
        )
    return found


if __name__ == "__main__":
    from bench.build import tier

    for label, (runs, projects, rows) in preview(tier("enterprise")).items():
        print(label, projects, rows, [f"{r:.3f}" for r in runs], f"median {statistics.median(runs):.3f}")
