"""Imports of foreign exports: a mapping file turns another system's portfolio export (CSV or XLSX,
any encoding, layout or year) into standard returns that `build` reads (issue 12).

mapping, consistency and mapfile (the TOML file: its model, its checks, its reading), readers (bytes
to a grid of cells), layouts (header or labels, records), values (one cell to one contract value),
rows (one record to one row), ids (projects across files), assemble (the three returns), writer
(folder swap), report (import_report.csv), run (it all). Nothing on the read side imports this package.
"""

from __future__ import annotations

from pmo_dash.intake.imports.run import ImportFailed, Outcome, run_import

__all__ = ["ImportFailed", "Outcome", "run_import"]
