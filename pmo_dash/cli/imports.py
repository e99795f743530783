"""`python -m pmo_dash import`: foreign exports in, standard returns out, a line per file, an exit code
that means something (0 when returns were written, even with reported rows; 1, with the reason, when
nothing was), and never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

from pmo_dash.intake.imports import ImportFailed, run_import


def run_import_command(mapping: Path, sources: list[Path], out: Path) -> int:
    try:
        outcome = run_import(mapping, sources, out)
    except ImportFailed as err:
        print(f"import failed, nothing written:\n{err}", file=sys.stderr)
        return 1
    except Exception as err:  # a bug, or a file no check foresaw: said plainly, never a traceback
        print(f"import failed, nothing written: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
    width = max([len(c.file) for c in outcome.counts] + [4])
    header = f"{'layout':<12}{'encoding':<11}{'as of':<12}{'rows in':>8}{'mapped':>8}{'reported':>10}"
    print(f"{'file':<{width}}  {header}")
    for c in outcome.counts:
        print(
            f"{c.file:<{width}}  {c.layout:<12}{c.encoding or 'xlsx':<11}{c.as_of:<12}"
            f"{c.rows_in:>8,}{c.mapped:>8,}{c.reported:>10,}"
        )
    reported = outcome.rows_in - outcome.mapped
    print(f"{'total':<{width}}  {'':<35}{outcome.rows_in:>8,}{outcome.mapped:>8,}{reported:>10,}")
    rate = outcome.rows_in / outcome.seconds if outcome.seconds else 0
    print(
        f"returns: {outcome.out} ({outcome.departments} departments, {outcome.projects} projects, "
        f"{outcome.reports} status reports; {outcome.seconds:.2f} s, {rate:,.0f} rows/s)"
    )
    print(f"import report: {outcome.report} ({len(outcome.lines)} lines)")
    return 0
