"""The data layer: every read is scoped, and a rebuilt warehouse is seen without a restart."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from pmo_dash import data
from pmo_dash.data import Filters
from pmo_dash.intake.build import build
from pmo_dash.settings import get_settings
from tests.conftest import copy_fixture

OCT = dt.date(2026, 10, 31)
ROOT = Path(__file__).parent.parent


@contextmanager
def settings_env(**env: str):
    """Point the app's settings elsewhere for one test, then put the session's back."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    get_settings.cache_clear()
    try:
        yield get_settings()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()


def kpis(f: Filters) -> dict:
    return data.portfolio.kpi_trend(f).filter(pl.col("period") == f.as_of).row(0, named=True)


def test_scope_limits_every_number(fixture_settings):
    hr = Filters(scope=("HR",), as_of=OCT)
    got = kpis(hr)
    # HR alone: HR-P3 (BAC 500) and HR-P4 (BAC 800); SPI = (190 + 400) / (200 + 400).
    assert (got["active_projects"], got["budget"], got["red_projects"], got["open_high_risks"]) == (
        2,
        1300,
        1,
        1,
    )
    assert got["spi"] == pytest.approx(590 / 600)
    assert data.portfolio.watermelons(hr).is_empty()
    assert set(data.portfolio.rag_mix(hr)["department_id"]) == {"HR"}
    assert data.portfolio.departments(("HR",))["department_id"].to_list() == ["HR"]
    assert data.project.part(("HR",), "FIN-P1", OCT, "brief").is_empty()
    assert data.project.part(("HR",), "FIN-P1", OCT, "risks").is_empty()
    assert data.portfolio.project_choices(("HR",))["project_id"].to_list() == ["HR-P3", "HR-P4", "HR-P5"]


def test_a_cached_read_is_keyed_by_exactly_its_parameters(fixture_settings, monkeypatch):
    from pmo_dash import db
    from pmo_dash.data import cache

    key = cache._key({"scope": ("FIN", "HR"), "as_of": OCT, "programme": None})
    # The same parameters in another order, a list for a tuple: the same read.
    assert cache._key({"programme": None, "as_of": OCT, "scope": ["FIN", "HR"]}) == key
    # A date and its text, one department more, a number and its text, a flag and its number: not.
    for other in (
        {"scope": ("FIN", "HR"), "as_of": "2026-10-31", "programme": None},
        {"scope": ("FIN", "HR", "OPS"), "as_of": OCT, "programme": None},
        {"scope": ("FIN", "HR"), "as_of": OCT, "programme": "None"},
    ):
        assert cache._key(other) != key, other
    assert len({cache._key({"x": v}) for v in (1, "1", True, 1.0, None)}) == 5
    # A value without an exact text (its repr would be its address) is refused, never cached.
    with pytest.raises(TypeError, match="parameter x: object cannot key a cached read"):
        cache._key({"x": object()})

    reads = []
    real = db.query
    monkeypatch.setattr(db, "query", lambda *a, **k: reads.append(a[1]) or real(*a, **k))
    cache._cached.clear()
    first = cache.run("portfolio/departments", {"scope": ["FIN", "HR"]})
    again = cache.run("portfolio/departments", {"scope": ("FIN", "HR")})
    narrower = cache.run("portfolio/departments", {"scope": ("HR",)})
    assert reads == ["portfolio/departments", "portfolio/departments"]  # the second read came from the cache
    assert first.equals(again) and first["department_id"].to_list() == ["FIN", "HR"]
    assert narrower["department_id"].to_list() == ["HR"]


def test_an_empty_scope_sees_nothing(fixture_settings):
    nothing = Filters(scope=(), as_of=OCT)
    assert kpis(nothing)["active_projects"] == 0
    assert data.portfolio.periods(()) == []
    assert data.portfolio.rag_mix(nothing).is_empty()
    assert data.portfolio.project_scatter(nothing).is_empty()


def test_programme_and_objective_filters(fixture_settings):
    assert kpis(Filters(scope=("FIN", "HR"), as_of=OCT, programme="HR-PG1"))["budget"] == 1300
    assert kpis(Filters(scope=("FIN", "HR"), as_of=OCT, objective="OBJ1"))["budget"] == 3000
    # A programme outside the scope lets nothing through.
    assert kpis(Filters(scope=("FIN",), as_of=OCT, programme="HR-PG1"))["active_projects"] == 0


@pytest.mark.parametrize(
    "department, period, active, reported, compliance",
    [("FIN", OCT, 2, 2, 1.0), ("HR", OCT, 2, 1, 0.5), ("FIN", dt.date(2026, 8, 31), 2, 1, 0.5)],
)
def test_reporting_compliance(fixture_settings, department, period, active, reported, compliance):
    rows = data.portfolio.department_summary(Filters(scope=(department,), as_of=period))
    assert rows.select("active_projects", "reported_projects", "reporting_compliance").row(0) == (
        active,
        reported,
        compliance,
    )


def test_changed_since_the_previous_period(fixture_settings):
    everything = Filters(scope=("FIN", "HR"), as_of=OCT)
    changed = data.portfolio.changed_projects(everything, dt.date(2026, 9, 30))
    # FIN-P2 went Green -> Amber (FIN-R2 into the red zone); HR-P4 stayed Amber; FIN-P1 and HR-P3 stayed Red.
    assert changed.select("project_id", "rag_before", "rag_now", "newly_red").rows() == [
        ("FIN-P2", "Green", "Amber", False)
    ]
    assert data.risks.into_red(everything, dt.date(2026, 9, 30)).select(
        "risk_id", "exposure_before", "exposure_now"
    ).rows() == [("FIN-R2", 6, 15)]
    # Since August: FIN-P1 went Amber -> Red, HR-P3 Amber -> Red, HR-P4 Green -> Amber, FIN-P2 is new.
    changed = data.portfolio.changed_projects(everything, dt.date(2026, 8, 31))
    assert changed.select("project_id", "rag_before", "rag_now", "newly_red").rows() == [
        ("FIN-P1", "Amber", "Red", True),
        ("HR-P3", "Amber", "Red", True),  # HR-R1 (4 x 4) was open from 1 August
        ("FIN-P2", None, "Amber", False),
        ("HR-P4", "Green", "Amber", False),
    ]


def test_all_departments_is_every_department(fixture_settings):
    assert data.portfolio.all_departments() == ("FIN", "HR")


def test_a_rebuilt_warehouse_is_seen_without_a_restart(tmp_path):
    source = copy_fixture(tmp_path / "returns")
    with settings_env(
        PMO_SOURCE_DIR=str(source),
        PMO_WAREHOUSE=str(tmp_path / "w.duckdb"),
        PMO_REPORT=str(tmp_path / "r.csv"),
    ) as settings:
        build(settings)
        assert kpis(Filters(scope=("FIN",), as_of=OCT))["budget"] == 3000
        projects = source / "FIN" / "projects.csv"
        projects.write_text(projects.read_text().replace(",1000,3000,", ",1500,3000,"))
        build(settings)
        assert kpis(Filters(scope=("FIN",), as_of=OCT))["budget"] == 3500


def signed_in_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["authentication_status"], at.session_state["username"] = True, "exec"
    return at


def test_first_start_builds_the_warehouse_from_the_returns(fixture_settings, tmp_path):
    source = copy_fixture(tmp_path / "returns")
    warehouse = tmp_path / "fresh" / "warehouse.duckdb"
    with settings_env(
        PMO_SOURCE_DIR=str(source), PMO_WAREHOUSE=str(warehouse), PMO_REPORT=str(tmp_path / "r.csv")
    ):
        at = signed_in_app().run()
        assert not at.exception
        assert warehouse.exists()
        assert at.metric[0].value == "4"


def test_first_start_without_returns_says_why(fixture_settings, tmp_path):
    with settings_env(PMO_SOURCE_DIR=str(tmp_path / "none"), PMO_WAREHOUSE=str(tmp_path / "w.duckdb")):
        at = signed_in_app().run()
        assert not at.exception
        # The folder is the server's business: an admin is told it (tests/test_unavailable.py).
        assert [e.value for e in at.error] == [
            "There is no data to show yet: the warehouse has not been built from the departments' returns. "
            "An admin can see why."
        ]
