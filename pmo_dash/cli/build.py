"""`python -m pmo_dash build`: a progress bar, a summary per table, and an exit code that means something."""

from __future__ import annotations

import json
import resource
import shutil
import sys
from pathlib import Path

from pmo_dash.intake import BuildError
from pmo_dash.intake.build import build
from pmo_dash.intake.isolated import OUT_OF_MEMORY
from pmo_dash.settings import Settings


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
    settings: Settings,
    source: Path | None,
    warehouse: Path | None,
    report: Path | None,
    quiet: bool = False,
    submissions: Path | None = None,
) -> int:
    source = Path(source or settings.source_dir)
    total = (
        sum(1 for d in source.iterdir() if d.is_dir() for f in d.iterdir() if f.is_file())
        if source.is_dir()
        else 0
    )
    progress = Progress(total, quiet or not sys.stderr.isatty())
    try:
        result = build(settings, source, warehouse, report, progress, submissions)
    except BuildError as err:
        progress.finish()
        print(f"build failed: {err}", file=sys.stderr)
        return 1
    progress.finish()
    print(f"{'table':<22}{'files':>6}{'rows read':>13}{'accepted':>13}{'rejected':>11}")
    for row in result.summary.iter_rows(named=True):
        print(
            f"{row['table_name']:<22}{row['files']:>6}{row['rows_read']:>13,}{row['accepted']:>13,}"
            f"{row['rejected']:>11,}"
        )
    totals = result.summary.select("rows_read", "accepted", "rejected").sum().row(0)
    print(f"{'total':<22}{'':>6}{totals[0]:>13,}{totals[1]:>13,}{totals[2]:>11,}")
    print(f"warehouse: {result.warehouse} (built in {result.seconds:.1f} s)")
    print(f"validation report: {result.report} ({result.problems} problems)")
    return 0


def run_build_json(
    settings: Settings,
    source: Path | None,
    warehouse: Path | None,
    report: Path | None,
    submissions: Path | None = None,
) -> int:
    """The build for a program that started it (the app's rebuild): its outcome as one line of JSON."""
    try:
        result = build(settings, source, warehouse, report, submissions=submissions)
    except Exception as err:  # under a memory limit, running out shows as any of several errors
        cause = err.__cause__ if isinstance(err, BuildError) and err.__cause__ else err
        starved = isinstance(cause, MemoryError) or any(w in str(cause).lower() for w in OUT_OF_MEMORY)
        error = str(err) if isinstance(err, BuildError) else f"{type(err).__name__}: {err}"
        print(json.dumps({"ok": False, "error": "out of memory" if starved else error}))
        return 1
    totals = result.summary.select("rows_read", "accepted", "rejected").sum().row(0, named=True)
    outcome = {"ok": True, "seconds": round(result.seconds, 2), "problems": result.problems, **totals}
    print(json.dumps(outcome))
    return 0


def limit_memory(megabytes: int) -> None:
    """No more than this much address space for this process: a return built to exhaust memory stops
    the build, not the machine."""
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
