"""Import throughput: a foreign export as large as the tier's status returns (tests.imports.foreign_csv:
cp1252, semicolons, a title above the header, £ thousands, day-first dates, varied spellings), and the
ten UK GMPP files as published, each imported with its mapping; best of 3."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench import OUT, ROOT, timed
from pmo_dash.intake.imports import run_import
from tests.imports import LARGE_MAPPING, foreign_csv

UK_FILES = ROOT / "tests" / "fixtures" / "uk-gmpp"
UK_MAPPING = ROOT / "examples" / "uk-gmpp.toml"


def _best(mapping: Path, source: Path, out: Path) -> tuple[list[float], int]:
    """Seconds of three imports, and the rows the last one read."""
    runs, outcome = [], None

    def once() -> None:
        nonlocal outcome
        shutil.rmtree(out, ignore_errors=True)
        outcome = run_import(mapping, [source], out)

    runs = [timed(once) for _ in range(3)]
    return runs, sum(c.rows_in for c in outcome.counts)


def throughput(rows: int) -> dict[str, tuple[list[float], int, float]]:
    """Per source: the seconds of each run, the rows read, and the size in MB."""
    folder = OUT / "foreign"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    export = foreign_csv(folder / "export.csv", rows)
    mapping = OUT / "foreign.toml"
    mapping.write_text(LARGE_MAPPING)
    found = {}
    runs, read = _best(mapping, folder, OUT / "foreign-returns")
    found["generated export, one file"] = (runs, read, export.stat().st_size / 1e6)
    runs, read = _best(UK_MAPPING, UK_FILES, OUT / "uk-returns")
    size = sum(f.stat().st_size for f in UK_FILES.glob("*.csv")) / 1e6
    found["UK GMPP, ten files as published"] = (runs, read, size)
    return found
