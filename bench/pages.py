"""Every page's server-side run (AppTest), warm and cold, and the what-if slider's answers."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

import duckdb

from bench import OUT, PAGES, ROOT, timed
from pmo_dash.settings import Settings, get_settings

# Budget slider positions (% of today's forecast cost) moved through, each a new scenario to solve.
SLIDER_STEPS = [95, 90, 85, 80, 75, 70, 65, 60, 55, 50]


def _entities(warehouse: Path) -> dict[str, str]:
    """A busy department, its busiest programme and its largest active project, to open each page on."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        department, programme, project = con.execute(
            """
            with now as (
                select * from project_periods
                where period = (select max(period) from periods) and is_active
            )
            select
                (select department_id from now group by 1 order by count(*) desc, 1 limit 1),
                (select programme_id from now where programme_id is not null
                 group by 1 order by count(*) desc, 1 limit 1),
                (select project_id from now order by budget desc, 1 limit 1)
            """
        ).fetchone()
    return {"department": department, "programme": programme, "project": project}


def pages(settings: Settings) -> dict[str, tuple[float, float]]:
    """Median server-side run of each page in ms: warm (cache filled) and cold (cache cleared)."""
    import streamlit as st

    from pmo_dash.ui import shell

    serve(settings)
    entities = _entities(settings.warehouse)
    results = {}
    for page in PAGES:
        at = _signed_in()
        if page in entities:
            at.query_params[page] = entities[page]
        if page != "enterprise":
            at.switch_page(shell.page(page))
        at.run()
        assert not at.exception, at.exception
        warm = [timed(at.run) * 1000 for _ in range(20)]
        cold = []
        for _ in range(5):
            st.cache_data.clear()
            st.cache_resource.clear()  # the what-if's shared inputs too
            cold.append(timed(at.run) * 1000)
        assert not at.exception, at.exception
        label = f"{page} ({entities[page]})" if page in entities else page
        results[label] = (statistics.median(warm), statistics.median(cold))
    return results


def serve(settings: Settings) -> None:
    """Point the app at the bench warehouse; log in as the demo executive (who sees everything)."""
    os.environ["PMO_WAREHOUSE"] = str(settings.warehouse)
    os.environ["PMO_SOURCE_DIR"] = str(settings.source_dir)
    os.environ["PMO_DEMO"] = "true"
    os.environ["PMO_SCENARIOS"] = str(OUT / "scenarios.sqlite")
    get_settings.cache_clear()


def _signed_in():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["authentication_status"], at.session_state["username"] = True, "exec"
    return at


def slider(settings: Settings) -> dict[str, list[float]]:
    """Server-side answer to each move of the what-if budget slider, in ms: capacity off, then on.

    Each position is a scenario not seen before, so the optimiser runs every time. AppTest reruns the
    whole page; in the browser only the what-if fragment reruns, so these figures are an upper bound.
    """
    from pmo_dash.ui import shell
    from pmo_dash.ui.whatif import levers

    serve(settings)
    answers = {}
    for capacity in (False, True):
        at = _signed_in()
        at.switch_page(shell.page("whatif"))
        at.run()
        if capacity:
            at.toggle(key=levers.CAPACITY).set_value(True).run()
        times, solver = [], []
        for percent in SLIDER_STEPS:
            at.slider(key=levers.BUDGET_PCT).set_value(percent)
            times.append(timed(at.run) * 1000)
            assert not at.exception, at.exception
            [status] = [c.value for c in at.caption if " · answered in " in c.value]
            solver.append(float(status.split(" · answered in ")[-1].split(" ms")[0]))
        label = "capacity respected" if capacity else "budget only"
        answers[label], answers[f"solver: {label}"] = times, solver
        answers[f"status: {label}"] = status
    return answers
