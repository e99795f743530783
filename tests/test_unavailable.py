"""When the warehouse is damaged or missing, or the browser sends nonsense: a plain message, never a
traceback, and no server path to anyone but an admin."""

from __future__ import annotations

import tomllib

import duckdb
import pytest

from tests.conftest import on_screen
from tests.test_access import page_bytes, settings_env  # noqa: F401 (a fixture)
from tests.test_app import ROOT, app, select_point

NOT_ADMIN = (
    "The dashboard cannot show its data right now. The IPMO's admins can see why; please try again later."
)


def damaged(path, how: str) -> None:
    if how == "empty":
        path.write_bytes(b"")
    elif how == "random":
        path.write_bytes(bytes(range(256)) * 64)
    elif how == "truncated":
        with duckdb.connect(str(path)) as con:
            con.execute("create table departments as select 'FIN' as department_id from range(100000)")
        path.write_bytes(path.read_bytes()[:20_000])
    elif how == "without tables":
        with duckdb.connect(str(path)) as con:
            con.execute("create table nothing (x int)")


@pytest.mark.parametrize("how", ["empty", "random", "truncated", "without tables"])
def test_a_damaged_warehouse_is_a_plain_message(settings_env, tmp_path, how):  # noqa: F811
    warehouse = tmp_path / "warehouse.duckdb"
    damaged(warehouse, how)
    settings_env(PMO_WAREHOUSE=str(warehouse))
    at = app(user="exec")
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["PMO Dash is unavailable"]
    assert [e.value for e in at.error] == [NOT_ADMIN]
    assert str(tmp_path).encode() not in page_bytes(at)
    at = app(user="admin")
    assert not at.exception
    [message] = [on_screen(e.value) for e in at.error]
    assert message.startswith("The dashboard could not be served (")
    assert [b.label for b in at.button if b.key == "rebuild_unavailable"] == ["Rebuild the warehouse now"]


def test_no_warehouse_and_no_returns_says_so_without_paths(settings_env, tmp_path):  # noqa: F811
    settings_env(PMO_WAREHOUSE=str(tmp_path / "w.duckdb"), PMO_SOURCE_DIR=str(tmp_path / "nowhere"))
    at = app(user="exec")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "There is no data to show yet: the warehouse has not been built from the departments' returns. "
        "An admin can see why."
    ]
    assert str(tmp_path).encode() not in page_bytes(at)
    at = app(user="admin")
    [message] = [on_screen(e.value) for e in at.error]
    assert (
        message
        == f"No warehouse yet, and none could be built: the source folder {tmp_path / 'nowhere'} does not exist"
    )


@pytest.mark.parametrize("customdata", ["x-y", "9-9", "3-", "-", "", "1-2-3", "3 - 4"])
def test_a_crafted_heat_map_selection_selects_nothing(fixture_settings, customdata):
    at = select_point(app("risks"), "heatmap", customdata)
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Risks · Enterprise"]


@pytest.mark.parametrize(
    "event",
    [
        {"selection": {"points": []}},
        {"selection": {"points": [{}]}},
        {"selection": {"points": [{"customdata": []}]}},
        {"selection": {"points": [{"customdata": [7]}]}},
        {"selection": {"points": ["x"]}},
        {"selection": {}},
    ],
)
def test_a_malformed_chart_selection_drills_nowhere(fixture_settings, event):
    at = app(tab="RAG by department")
    at.session_state["rag_mix"] = event
    at = at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Enterprise portfolio"]


def test_anything_that_slips_past_shows_no_details():
    client = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["client"]
    assert client["showErrorDetails"] == "none"


def test_a_tab_that_fails_says_so_in_its_place_and_the_page_stays(fixture_settings, monkeypatch):
    """A page's tabs are drawn on their own (ui/tabs.py, a fragment, whose own runs do not pass through
    the shell): a failure inside one gets the shell's plain message in the tab, logged, and the rest of
    the page is still drawn, its downloads included."""
    from pmo_dash import data

    def broken(*args, **kwargs):
        raise RuntimeError("/srv/secret/warehouse.duckdb is damaged")

    monkeypatch.setattr(data.portfolio, "rag_mix", broken)
    at = app("enterprise", tab="RAG by department")
    assert not at.exception, [e.message for e in at.exception]
    assert [e.value for e in at.error] == [NOT_ADMIN]
    assert "Watermelons: reported Green, Red on evidence (1)" in [s.value for s in at.subheader]
    assert [b.label for b in at.download_button] == ["Board pack", "Tables (XLSX)"]
    assert b"/srv/secret" not in page_bytes(at)


def test_a_failing_what_if_says_so_where_the_answer_goes(fixture_settings, monkeypatch):
    """The what-if's levers and answer rerun on their own (a fragment): a failure there is the shell's
    plain message too, not Streamlit's own."""
    from pmo_dash import data

    def broken(*args, **kwargs):
        raise RuntimeError("/srv/secret/scenarios.sqlite is damaged")

    monkeypatch.setattr(data.whatif, "outcome", broken)
    at = app("whatif")
    assert not at.exception, [e.message for e in at.exception]
    assert [e.value for e in at.error] == [NOT_ADMIN]
    assert b"/srv/secret" not in page_bytes(at)
