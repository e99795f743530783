"""`python -m pmo_dash build`: a progress bar, a summary per table, and an exit code that means something."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from pmo_dash.settings import Settings
from pmo_dash.warehouse.build import BuildError, build


class Progress:
    """A one-line progress bar on stderr, counting the source files as they are read."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.done, self.quiet = total, 0, quiet

    def __call__(self, step: str) -> None:
        if self.quiet:
            return
        if step.startswith("writing"):
            label = step
        else:
            self.done += 1
            label = f"reading {step}"
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        line = f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {label}"
        columns = shutil.get_terminal_size((100, 20)).columns
        sys.stderr.write(line[: columns - 1].ljust(columns - 1))
        sys.stderr.flush()

    def finish(self) -> None:
        if not self.quiet:
            sys.stderr.write("\n")


def run_build(
    settings: Settings, source: Path | None, warehouse: Path | None, report: Path | None, quiet: bool = False
) -> int:
    source = Path(source or settings.source_dir)
    total = (
        sum(1 for d in source.iterdir() if d.is_dir() for f in d.iterdir() if f.is_file())
        if source.is_dir()
        else 0
    )
    progress = Progress(total, quiet or not sys.stderr.isatty())
    try:
        result = build(settings, source, warehouse, report, progress)
    except BuildError as err:
        progress.finish()
        print(f"build failed: {err}", file=sys.stderr)
        return 1
    progress.finish()
    print(f"{'table':<22}{'files':>6}{'rows read':>11}{'accepted':>10}{'rejected':>10}")
    for row in result.summary.iter_rows(named=True):
        print(
            f"{row['table_name']:<22}{row['files']:>6}{row['rows_read']:>11,}{row['accepted']:>10,}{row['rejected']:>10,}"
        )
    totals = result.summary.select("rows_read", "accepted", "rejected").sum().row(0)
    print(f"{'total':<22}{'':>6}{totals[0]:>11,}{totals[1]:>10,}{totals[2]:>10,}")
    print(f"warehouse: {result.warehouse} (built in {result.seconds:.1f} s)")
    print(f"validation report: {result.report} ({result.problems} problems)")
    return 0
