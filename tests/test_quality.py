"""The data-quality scorecard (issue 13, part 6) against the hand-checked fixture (README "Measures")."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import polars as pl
import pytest
from conftest import copy_fixture, stored

from pmo_dash import data
from pmo_dash.contract import TABLES
from pmo_dash.data import Filters
from pmo_dash.intake.build import build
from pmo_dash.settings import Settings

AUG, SEP, OCT = dt.date(2026, 8, 31), dt.date(2026, 9, 30), dt.date(2026, 10, 31)
FIXTURE = Path(__file__).parent / "fixtures" / "portfolio"
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
    # Timeliness: the months anyone reported are June (HR-P5) and August to October. FIN's August to
    # October came in the base returns (no submission time: not counted); June was due on 7 July, and
    # FIN, with two active projects, returned nothing for it: missing -> 0 on time / 1 due.
    assert (fin["on_time"], fin["due_returns"]) == (0, 1)
    assert [fin[c] for c in COMPONENTS] == pytest.approx([0, 0.725, 1, 0.6, 0.5])
    # 100 x (25 x 0 + 15 x 0.725 + 20 x 1 + 25 x 0.6 + 15 x 0.5) / 100 = 53.375: Red (below 60).
    assert fin["score"] == pytest.approx(53.375)
    assert fin["rag"] == "Red"


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
    # Timeliness: HR reported June and August to October in the base returns; July nobody reported
    # (not a reporting month): nothing due with a time -> not measured, and its weight drops out.
    assert (hr["on_time"], hr["due_returns"]) == (0, 0)
    assert [hr[c] for c in COMPONENTS] == pytest.approx([None, 33 / 45, 1, 1, 6 / 11])
    # Weights 15 + 20 + 25 + 15 = 75 re-normalised: 100 x (15 x 33/45 + 20 + 25 + 15 x 6/11) / 75 = 100 x (11 + 45 + 8.18) / 75 = 85.58: Green.
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
    # October (the latest period): People 85.6 (Green) above Finance 53.4 (Red), as computed above.
    assert table["department"].tolist() == ["People", "Finance"]
    assert table["score"].tolist() == pytest.approx([100 * (11 + 45 + 15 * 6 / 11) / 75, 53.375])
    assert table["honesty"].tolist() == pytest.approx([100, 60])
    assert table["timeliness"].isna().tolist() == [True, False]
    assert table["timeliness"][1] == 0


def submitted(root: Path, department: str, period: str, rows: str, at: str) -> None:
    """A monthly status return of these rows, submitted at `at`."""
    header = (FIXTURE / department / "status_reports.csv").read_text().splitlines()[0]
    stored(root, department, period, f"{department.lower()}_head", at, f"{header}\n{rows}\n".encode())


def test_timeliness_counts_returns_submitted_on_time_against_those_due(tmp_path):
    source = copy_fixture(tmp_path / "returns")
    base = (FIXTURE / "FIN" / "status_reports.csv").read_text().splitlines()[1:]
    month = {
        period: "\n".join(r for r in base if f",{period}-" in r)
        for period in ("2026-08", "2026-09", "2026-10")
    }
    root = tmp_path / "submissions"
    # The same rows as the base returns (so no other figure moves), submitted at chosen times:
    submitted(root, "FIN", "2026-08", month["2026-08"], "2026-09-04T10:00:00Z")  # due Mon 7 Sep: on time
    submitted(root, "FIN", "2026-09", month["2026-09"], "2026-10-08T09:00:00Z")  # due Wed 7 Oct: late
    submitted(root, "FIN", "2026-10", month["2026-10"], "2026-11-06T23:30:00Z")  # due Fri 6 Nov: on time,
    submitted(root, "FIN", "2026-10", month["2026-10"], "2026-11-20T08:00:00Z")  # then resubmitted
    out = tmp_path / "out"
    out.mkdir()
    build(
        Settings(data_dir=out, due_working_days=5), source, out / "w.duckdb", out / "r.csv", submissions=root
    )
    with duckdb.connect(str(out / "w.duckdb"), read_only=True) as con:
        calendar = con.execute(
            "select strftime(period, '%Y-%m'), status, first_on_time from reporting_calendar "
            "where department_id = 'FIN' order by period"
        ).fetchall()
        card = con.execute(
            "select period, on_time, due_returns, timeliness from quality_scorecard(['FIN', 'HR'], "
            "date '2026-10-31') where department_id = 'FIN' and period >= date '2026-08-31' order by period"
        ).fetchall()
        hr = con.execute(
            "select distinct timeliness from quality_scorecard(['HR'], date '2026-10-31')"
        ).fetchall()
    assert calendar == [
        ("2026-06", "missing", None),  # FIN returned nothing for June: missing
        ("2026-08", "on time", True),
        ("2026-09", "late", False),
        ("2026-10", "resubmitted", True),
    ]
    # Each period's window: June's missing return, then August on time, September late, October's first
    # version on time. August: 1 of 2; September: 1 of 3; October: 2 of 4.
    assert card == [
        (AUG, 1, 2, pytest.approx(1 / 2)),
        (SEP, 1, 3, pytest.approx(1 / 3)),
        (OCT, 2, 4, pytest.approx(2 / 4)),
    ]
    assert hr == [(None,)]  # HR submitted nothing here, and missed no month


def test_a_pmo_head_sees_their_own_score_and_the_rows_to_fix(fixture_settings):
    from tests.test_app import app, metrics

    at = app("submit", user="hr_head")
    assert not at.exception, [e.message for e in at.exception]
    assert "Data quality: People" in [h.value for h in at.subheader]
    shown = metrics(at)
    # As computed above for HR in October: 85.58, Green; timeliness not measured.
    assert shown["Score (Green)"][0] == "86"
    assert shown["Timeliness (25)"][0] == "–"
    assert shown["Completeness (15)"][0] == "73%"  # 33 / 45
    assert shown["Freshness (15)"][0] == "55%"  # 6 / 11
    assert [t.label for t in at.tabs] == [
        "Rejected or flagged (0)",
        "Not reported in Oct 2026 (1)",
        "Optional fields empty (1)",
        "Green, but Red on evidence (0)",
    ]
    [stale] = [d.value for d in at.dataframe if "last_reported" in d.value.columns]
    assert stale["project_id"].tolist() == ["HR-P4"]
    [empty] = [d.value for d in at.dataframe if "fields" in d.value.columns]
    assert empty[["project_id", "source_file", "source_row", "fields"]].values.tolist() == [
        ["HR-P3", "HR/status_reports.xlsx", 4, "scope_rag, resource_rag"]
    ]
    # FIN's card, rows and names are not on HR's page.
    assert not any("Finance" in h.value for h in at.subheader)


def test_the_admin_page_draws_every_departments_score_over_time(fixture_settings):
    from tests.test_app import app

    at = app("admin", user="admin")
    [chart] = [c for c in at.get("plotly_chart") if "heatmap" in c.proto.spec]
    spec = json.loads(chart.proto.spec)
    [heat] = spec["data"]
    assert heat["y"] == ["People", "Finance"]  # best at the latest period first
    assert heat["x"] == ["Jun 26", "Jul 26", "Aug 26", "Sep 26", "Oct 26"]
    # October: People 85.58, Finance 53.375 (as computed above).
    assert [row[-1] for row in heat["text"]] == ["86", "53"]
