"""Earned schedule (issue 17, part 1) against hand-computed values: the golden fixture's FIN-P1, and a
project that finished a month late, where SPI returns to 1.0 and SPI(t) does not.

The method is Lipke's ("Schedule is Different", The Measurable News, March 2003; PMI Practice Standard
for Earned Value Management, 2nd ed., 2011, appendix D): ES = C + I, C the time whose planned value the
earned value reaches, I the share of the next increment of planned value the rest of EV covers; his
worked example: all PV through May earned and part of June, so ES = 5 + (EV - PV(May)) / (PV(June) -
PV(May)) months against AT = 7. Here time is in days, between the dates the returns give."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from conftest import copy_fixture

from pmo_dash.intake.build import build
from pmo_dash.settings import Settings


def earned_schedule(warehouse, project: str, period: dt.date) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(
            "select * from earned_schedule where project_id = ? and period = ?", [project, period]
        )
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
    return dict(zip(names, row, strict=True)) if row else {}


def test_earned_schedule_of_a_late_running_project(fixture_warehouse):
    # FIN-P1: baseline 1 Jan to 31 Dec 2026 (364 days), BAC 1000. Planned value known at 31 October:
    # 0 on 1 Jan, 400 on 31 Aug, 500 on 30 Sep, 600 on 31 Oct, 1000 on 31 Dec. EV 450 lies half way from
    # 31 Aug (400) to 30 Sep (500): ES = 31 Aug + 15 days = 15 Sep, 257 days from the start; AT = 303.
    es = earned_schedule(fixture_warehouse, "FIN-P1", dt.date(2026, 10, 31))
    assert (es["es_days"], es["at_days"], es["pd_days"]) == (pytest.approx(257), 303, 364)
    assert es["spi_t"] == pytest.approx(257 / 303)  # 0.85, against SPI 450 / 600 = 0.75
    assert es["sv_t_days"] == pytest.approx(-46)
    # IEAC(t) = 364 / (257 / 303) = 429.2 days: 5 March 2027 (1 Jan 2026 + 429).
    assert es["ieac_t_days"] == pytest.approx(364 * 303 / 257)
    assert es["ieac_t_finish"] == dt.date(2026, 1, 1) + dt.timedelta(days=429)
    assert es["tspi"] == pytest.approx((364 - 257) / (364 - 303))
    assert es["tcpi"] == pytest.approx((1000 - 450) / (1000 - 500))


def with_late_project(tmp_path):
    """The golden returns and FIN-P7: baseline January to April 2026, earning 80% of plan each month,
    delivered a month late, on 31 May."""
    source = copy_fixture(tmp_path / "returns")
    with (source / "FIN" / "projects.csv").open("a") as f:
        f.write(
            "FIN-P7,FIN,,Card payments,CFO,Alan Kay,Agile,Closed,Closed,OBJ1,3,2026-01-01,2026-04-30,,2026-05-31,400,,no,\n"
        )
    with (source / "FIN" / "status_reports.csv").open("a") as f:
        for month, pv, ev in (
            ("01-31", 100, 80),
            ("02-28", 200, 160),
            ("03-31", 300, 240),
            ("04-30", 400, 320),
        ):
            f.write(f"FIN-P7,2026-{month},Amber,Amber,Green,{ev // 4},{pv},{ev},{ev},2026-05-31,3,Late\n")
        f.write("FIN-P7,2026-05-31,Green,Green,Green,100,400,400,400,2026-05-31,4,Delivered\n")
    return source


def test_a_project_that_finished_late_has_spi_1_and_spi_t_below_1(tmp_path):
    source = with_late_project(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    build(
        Settings(data_dir=out, warehouse=out / "w.duckdb", report=out / "r.csv"),
        source,
        out / "w.duckdb",
        out / "r.csv",
    )
    with duckdb.connect(str(out / "w.duckdb"), read_only=True) as con:
        spi = con.execute(
            "select spi from project_periods where project_id = 'FIN-P7' and period = date '2026-05-31'"
        ).fetchone()[0]
    assert spi == pytest.approx(1.0)  # 400 / 400: money says on schedule
    es = earned_schedule(out / "w.duckdb", "FIN-P7", dt.date(2026, 5, 31))
    # All the budget earned: ES is the baseline finish, 119 days from 1 January; AT 31 May = 150 days.
    assert (es["es_days"], es["at_days"]) == (pytest.approx(119), 150)
    assert es["spi_t"] == pytest.approx(119 / 150)  # 0.79: a month late, as it was
    assert es["sv_t_days"] == pytest.approx(-31)
    # In March, 240 earned lies 40% of the way from 28 Feb (200) to 31 Mar (300): ES = 28 Feb + 12.4 days.
    march = earned_schedule(out / "w.duckdb", "FIN-P7", dt.date(2026, 3, 31))
    assert march["es_days"] == pytest.approx(58 + 0.4 * 31)
    assert march["at_days"] == 89


def evidence(source, out, **settings) -> tuple[str, str]:
    out.mkdir()
    chosen = Settings(data_dir=out, warehouse=out / "w.duckdb", report=out / "r.csv", **settings)
    build(chosen, source, chosen.warehouse, chosen.report)
    with duckdb.connect(str(chosen.warehouse), read_only=True) as con:
        return con.execute(
            "select evidence_rag, evidence from project_periods "
            "where project_id = 'FIN-P7' and period = date '2026-05-31'"
        ).fetchone()


def test_the_evidence_rag_judged_on_spi_t_when_the_setting_says_so(tmp_path):
    source = with_late_project(tmp_path)
    # On SPI (the default), the late delivery shows only as 31 days of slip: Amber, SPI 1.00 passes.
    assert evidence(source, tmp_path / "spi") == ("Amber", "31 days late")
    # On SPI(t), 0.79 is below the red cut-off 0.85: Red, and the evidence names SPI(t).
    on_spi_t = evidence(source, tmp_path / "spi_t", evidence_schedule_index="SPI(t)")
    assert on_spi_t == ("Red", "SPI(t) 0.79 < 0.85")
