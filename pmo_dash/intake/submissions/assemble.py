"""The build's source: the base returns (PMO_SOURCE_DIR) overlaid with the latest submissions.

Department by department, that department's submissions in period order, only the latest version of
each period counting: a table a submission carries replaces the department's table whole, except a
monthly table, whose submitted period is held as `<table>@<YYYY-MM>.<ext>` beside the rest and replaces
that period's rows only (see `ingest.periods`). Tables a submission does not carry stay as they were.
Submissions count only for departments that have a folder in the base returns, so that building another
portfolio (`build --source`) never mixes one portfolio's departments into another's.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from pmo_dash.contract import BY_NAME
from pmo_dash.intake.submissions.store import DEPARTMENT, Manifest, SubmissionStore

# One row per file of the build's source that came from a submission: the lineage of its figures.
LINEAGE = {
    "department_id": pl.String,
    "period": pl.String,
    "version": pl.Int64,
    "submitted_by": pl.String,
    "submitted_at": pl.String,
    "table_name": pl.String,
    "path": pl.String,  # as ingest_runs and the validation report name it
    "stored_as": pl.String,  # relative to PMO_SUBMISSIONS_DIR
    "sha256": pl.String,
}
Placed = dict[str, tuple[Path, Manifest | None, str | None]]  # name -> file, its submission, its table


def department_files(base: Path, store: SubmissionStore, department_id: str) -> Placed:
    """The files of one department's folder in the build's source, and where each came from."""
    folder = base / department_id
    placed: Placed = {}
    if folder.is_dir():
        placed = {p.name: (p, None, None) for p in sorted(folder.iterdir()) if p.is_file()}
    for period in store.periods(department_id):
        manifest = store.latest(department_id, period)
        if manifest is None:
            continue
        for stored in manifest.files:
            suffix = Path(stored.stored_as).suffix
            for table in stored.tables:
                stem = f"{table}@{period}" if BY_NAME[table].monthly else table
                for name in [n for n in placed if Path(n).stem.strip().lower() == stem]:
                    del placed[name]
                placed[f"{stem}{suffix}"] = (store.file(manifest, stored.stored_as), manifest, table)
    return placed


def lineage(department_id: str, placed: Placed) -> pl.DataFrame:
    rows = [
        {
            "department_id": department_id,
            "period": m.period,
            "version": m.version,
            "submitted_by": m.user,
            "submitted_at": m.submitted_at,
            "table_name": table,
            "path": f"{department_id}/{name}",
            "stored_as": f"{m.folder}/{path.name}",
            "sha256": next(f.sha256 for f in m.files if f.stored_as == path.name),
        }
        for name, (path, m, table) in sorted(placed.items())
        if m is not None
    ]
    return pl.DataFrame(rows, schema=LINEAGE)


def submitted_departments(base: Path, root: Path | None) -> list[str]:
    """Departments with a folder in the base returns and at least one submission."""
    if root is None or not Path(root).is_dir() or not base.is_dir():
        return []
    store = SubmissionStore(root)
    return [d for d in store.departments() if (base / d).is_dir() and DEPARTMENT.fullmatch(d)]


@contextmanager
def assembled(base: Path, root: Path | None) -> Iterator[tuple[Path, pl.DataFrame]]:
    """The folder a build reads, and the lineage of its submitted files. With no submissions, the base
    itself; otherwise a temporary folder of links (nothing is copied), removed afterwards."""
    departments = submitted_departments(base, root)
    if not departments:
        yield base, pl.DataFrame(schema=LINEAGE)
        return
    store = SubmissionStore(Path(root))  # type: ignore[arg-type]
    target = Path(tempfile.mkdtemp(prefix="pmo-dash-source-"))
    try:
        for path in base.rglob("*"):
            relative = path.relative_to(base)
            if path.is_file() and relative.parts[0] not in departments:
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                (target / relative).symlink_to(path.resolve())
        found = []
        for department in departments:
            placed = department_files(base, store, department)
            (target / department).mkdir(parents=True, exist_ok=True)
            for name, (path, _, _) in placed.items():
                (target / department / name).symlink_to(path.resolve())
            found.append(lineage(department, placed))
        yield target, pl.concat(found, how="vertical")
    finally:
        shutil.rmtree(target, ignore_errors=True)
