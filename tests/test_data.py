"""The data layer: every read is scoped, and a rebuilt warehouse is seen without a restart."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pmo_dash import data
from pmo_dash.settings import get_settings
from pmo_dash.warehouse.build import build
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


def test_scope_limits_every_number(fixture_settings):
    kpis = data.overview_kpis(("HR",), OCT)
    # HR alone: HR-P3 (BAC 500) and HR-P4 (BAC 800); SPI = (190 + 400) / (200 + 400).
    assert (kpis["active_projects"], kpis["budget"], kpis["red_projects"]) == (2, 1300, 1)
    assert kpis["spi"] == pytest.approx(590 / 600)
    assert data.watermelons(("HR",), OCT).is_empty()
    assert set(data.rag_mix(("HR",), OCT)["department_id"]) == {"HR"}
    assert data.departments(("HR",))["department_id"].to_list() == ["HR"]


def test_an_empty_scope_sees_nothing(fixture_settings):
    assert data.overview_kpis((), OCT)["active_projects"] == 0
    assert data.periods(()) == []
    assert data.rag_mix((), OCT).is_empty()


def test_all_departments_is_every_department(fixture_settings):
    assert data.all_departments() == ("FIN", "HR")


def test_a_rebuilt_warehouse_is_seen_without_a_restart(tmp_path):
    source = copy_fixture(tmp_path / "returns")
    with settings_env(
        PMO_SOURCE_DIR=str(source),
        PMO_WAREHOUSE=str(tmp_path / "w.duckdb"),
        PMO_REPORT=str(tmp_path / "r.csv"),
    ) as settings:
        build(settings)
        assert data.overview_kpis(("FIN",), OCT)["budget"] == 3000
        projects = source / "FIN" / "projects.csv"
        projects.write_text(projects.read_text().replace(",1000,3000,", ",1500,3000,"))
        build(settings)
        assert data.overview_kpis(("FIN",), OCT)["budget"] == 3500


def test_first_start_builds_the_warehouse_from_the_returns(tmp_path):
    source = copy_fixture(tmp_path / "returns")
    warehouse = tmp_path / "fresh" / "warehouse.duckdb"
    with settings_env(
        PMO_SOURCE_DIR=str(source), PMO_WAREHOUSE=str(warehouse), PMO_REPORT=str(tmp_path / "r.csv")
    ):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        assert not at.exception
        assert warehouse.exists()
        assert at.metric[0].value == "4"


def test_first_start_without_returns_says_why(tmp_path):
    with settings_env(PMO_SOURCE_DIR=str(tmp_path / "none"), PMO_WAREHOUSE=str(tmp_path / "w.duckdb")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        assert not at.exception
        assert [e.value for e in at.error] == [
            f"No warehouse yet, and none could be built: the source folder {tmp_path / 'none'} does not exist"
        ]
