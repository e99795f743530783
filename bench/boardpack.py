"""The steering committee pack of the whole tier (every department, the latest period): built in this
process with the cache cleared before each run, as a first click on Board pack after a rebuild would;
and once by `python -m pmo_dash boardpack`, start to finish."""

from __future__ import annotations

import os
import subprocess
import sys

from bench import OUT, ROOT, timed
from pmo_dash.settings import Settings, get_settings

RUNS = 5


def pack(settings: Settings) -> dict[str, object]:
    """Seconds of each build (cache cold), of the command line, and what the pack held."""
    import streamlit as st

    from pmo_dash import boardpack, data
    from pmo_dash.data import Filters

    os.environ["PMO_WAREHOUSE"] = str(settings.warehouse)
    get_settings.cache_clear()
    scope = data.portfolio.all_departments()
    as_of = data.portfolio.periods(scope)[0]
    request = boardpack.request(Filters(scope, as_of), "Enterprise portfolio", "make bench")
    runs = []
    for _ in range(RUNS):
        st.cache_data.clear()
        runs.append(timed(lambda: boardpack.build(request)))
    blob = boardpack.build(request)
    command = [sys.executable, "-m", "pmo_dash", "boardpack", "--as-of", f"{as_of:%Y-%m}", "--out", str(OUT)]
    env = os.environ | {"PMO_WAREHOUSE": str(settings.warehouse)}
    cli = timed(lambda: subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True))
    return {
        "runs": runs,
        "cli": cli,
        "departments": len(scope),
        "slides": boardpack.slide_count(len(scope)),
        "mb": len(blob) / 1e6,
        "period": as_of,
    }


if __name__ == "__main__":
    from bench import OUT as out

    found = pack(Settings(warehouse=out / "warehouse.duckdb", report=out / "validation_report.csv"))
    print(found)
