"""The data-quality scorecard (issue 13, part 6) against the hand-checked fixture (README "Measures")."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
import pytest
from conftest import copy_fixture

from pmo_dash import data
from pmo_dash.contract import TABLES
from pmo_dash.data import Filters
from pmo_dash.intake.build import build
from pmo_dash.settings import Settings

SEP, OCT = dt.date(2026, 9, 30), dt.date(2026, 10, 31)
COMPONENTS = ["timeliness", "completeness", "validity", "honesty", "freshness"]


def at(card: pl.DataFrame, department: str, period: dt.date = OCT) -> dict:
    return card.filter((pl.col("department_id") == department) & (pl.col("period") == period)).row(
        0, named=True
    )


def test_scorecard_components_and_score_for_finance(fixture_settings):
    fin = at(data.quality.scorecard(Filters(scope=("FIN", "HR"), as_of=OCT)), "FIN")
    # Completeness: projects FIN-P1, FIN-P2, FIN-P6 are on the portfolio in the window (June to
    # October): 3 x 5 optional fields, all filled but FIN-P6's expected_benefit -> 14 / 15. Status
    # returns in the window: 5 x 5; scope_rag and resource_rag are never given, forecast_finish,
    # stakeholder_satisfaction and summary always -> 15 / 25. Together 29 / 40 = 0.725.
    assert (fin["filled_cells"], fin["cells"]) == (29, 40)
    # Validity: 25 rows read from FIN's ten files, none rejected -> 1.
    assert (fin["rows_read"], fin["rejected"]) == (25, 0)
    # Honesty: returns reported for their period on active projects, both ratings present: FIN-P1
    # August (Green/Amber), September and October (Green/Red: watermelons), FIN-P2 September
    # (Green/Green) and October (Green/Amber) -> 1 - 2 / 5 = 0.6.
    assert (fin["rated"], fin["watermelons"]) == (5, 2)
    # Freshness: active project-periods FIN-P1 June to October (5) and FIN-P2 June to October (5);
    # reported that period: FIN-P1 August to October, FIN-P2 September and October -> 5 / 10.
    # (FIN-P6, cancelled without a return, is not active.)
    assert (fin["active"], fin["reported"]) == (10, 5)
    assert [fin[c] for c in COMPONENTS] == pytest.approx([None, 0.725, 1, 0.6, 0.5])
    # Timeliness is not measured: weights 15 + 20 + 25 + 15 = 75 re-normalised.
    # 100 x (15 x 0.725 + 20 x 1 + 25 x 0.6 + 15 x 0.5) / 75 = 100 x 53.375 / 75 = 71.17: Amber.
    assert fin["score"] == pytest.approx(100 * 53.375 / 75)
    assert fin["rag"] == "Amber"


def test_scorecard_components_and_score_for_people(fixture_settings):
    hr = at(data.quality.scorecard(Filters(scope=("FIN", "HR"), as_of=OCT)), "HR")
    # Completeness: HR-P3, HR-P4, HR-P5 with all 5 optional fields -> 15 / 15; 6 status returns
    # (HR-P5's June one is in the window) with 3 of 5 each -> 18 / 30. Together 33 / 45.
    assert (hr["filled_cells"], hr["cells"]) == (33, 45)
    # Validity: 21 rows read from HR's ten workbooks, none rejected -> 1.
    assert (hr["rows_read"], hr["rejected"]) == (21, 0)
    # Honesty: HR-P3 August to October, HR-P4 August and September, HR-P5 June: 6 rated, and no
    # watermelon (HR-P3 is Red on evidence but reported Amber) -> 1.
    assert (hr["rated"], hr["watermelons"]) == (6, 0)
    # Freshness: active HR-P3 and HR-P4 June to October (10) and HR-P5 in June (1) = 11; reported:
    # HR-P3 August to October, HR-P4 August and September (October carried forward), HR-P5 June = 6.
    assert (hr["active"], hr["reported"]) == (11, 6)
    assert [hr[c] for c in COMPONENTS] == pytest.approx([None, 33 / 45, 1, 1, 6 / 11])
    # 100 x (15 x 33/45 + 20 + 25 + 15 x 6/11) / 75 = 100 x (11 + 45 + 8.18) / 75 = 85.58: Green.
    assert hr["score"] == pytest.approx(100 * (11 + 45 + 15 * 6 / 11) / 75)
    assert hr["rag"] == "Green"


def test_scorecard_trend_scope_and_ranking(fixture_settings):
    card = data.quality.scorecard(Filters(scope=("HR",), as_of=OCT))
    assert set(card["department_id"]) == {"HR"}
    # One row per period up to October (June to October in the fixture), each on its own window.
    assert card["period"].to_list() == [dt.date(2026, m, 30 if m in (6, 9) else 31) for m in range(6, 11)]
    # September: HR-P4's September return is still fresh: reported 5 of 9 active project-periods.
    september = at(card, "HR", SEP)
    assert (september["active"], september["reported"]) == (9, 5)
    both = data.quality.scorecard(Filters(scope=("FIN", "HR"), as_of=OCT))
    assert data.quality.ranking(both, OCT)["department_id"].to_list() == ["HR", "FIN"]


def test_validity_counts_rejected_rows(tmp_path):
    source = copy_fixture(tmp_path / "returns")
    with (source / "FIN" / "status_reports.csv").open("a") as f:
        f.write("FIN-P2,2026-08-31,Purple,Green,Green,30,600,600,600,2027-03-31,4,Bad colour\n")
    out = tmp_path / "out"
    out.mkdir()
    build(Settings(data_dir=out), source, out / "w.duckdb", out / "r.csv")
    with duckdb.connect(str(out / "w.duckdb"), read_only=True) as con:
        fin = con.execute(
            "select rows_read, rejected, validity from quality_scorecard(['FIN'], date '2026-10-31') "
            "where period = date '2026-10-31'"
        ).fetchone()
    # 26 rows read from FIN's files, the Purple one rejected -> 1 - 1 / 26.
    assert fin == (26, 1, pytest.approx(25 / 26))


def test_completeness_fields_are_optional_in_the_contract():
    # The mart counts these optional fields (README "Measures"); none may become required unnoticed.
    fields = {
        "projects": ["sponsor", "project_manager", "objective_id", "expected_benefit", "mandatory"],
        "status_reports": [
            "scope_rag",
            "resource_rag",
            "forecast_finish",
            "stakeholder_satisfaction",
            "summary",
        ],
    }
    tables = {t.name: t for t in TABLES}
    for table, names in fields.items():
        assert [n for n in names if tables[table].column(n).required] == []


def test_the_admin_page_ranks_the_departments_by_data_quality(fixture_settings):
    from tests.test_app import app

    at = app("admin", user="admin")
    assert not at.exception
    table = at.dataframe[1].value  # after the users
    # October (the latest period): People 85.6 (Green) above Finance 71.2 (Amber), as computed above.
    assert table["department"].tolist() == ["People", "Finance"]
    assert table["score"].tolist() == pytest.approx([100 * (11 + 45 + 15 * 6 / 11) / 75, 100 * 53.375 / 75])
    assert table["honesty"].tolist() == pytest.approx([100, 60])
    assert table["timeliness"].isna().all()
    assert any("Timeliness is not measured yet" in c.value for c in at.caption)
