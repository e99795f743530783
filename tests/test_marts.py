"""Golden values for every mart on the hand-written fixture (tests/fixtures/portfolio/README.md)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

OCT = dt.date(2026, 10, 31)
SEP = dt.date(2026, 9, 30)


@pytest.fixture(scope="module")
def con(fixture_warehouse):
    with duckdb.connect(str(fixture_warehouse), read_only=True) as connection:
        yield connection


def one(con, sql: str, **params):
    return con.execute(sql, params).fetchone()


def test_periods_run_every_month_from_first_return_to_last(con):
    periods = [r[0] for r in con.execute("select period from periods order by period").fetchall()]
    assert periods == [dt.date(2026, 6, 30), dt.date(2026, 7, 31), dt.date(2026, 8, 31), SEP, OCT]


@pytest.mark.parametrize(
    "project, sv, cv, spi, cpi, eac, vac",
    [
        ("FIN-P1", 450 - 600, 450 - 500, 0.75, 0.9, 1000 / 0.9, 1000 - 1000 / 0.9),
        ("FIN-P2", 0, 0, 1.0, 1.0, 2000, 0),
        ("HR-P3", 190 - 200, 190 - 250, 0.95, 0.76, 500 / 0.76, 500 - 500 / 0.76),
        # No October return: September's carried forward (CPI 400/380).
        ("HR-P4", 0, 20, 1.0, 400 / 380, 800 / (400 / 380), 800 - 760),
    ],
)
def test_earned_value_in_october(con, project, sv, cv, spi, cpi, eac, vac):
    row = one(
        con,
        "select sv, cv, spi, cpi, eac, vac from project_periods where project_id = $p and period = $d",
        p=project,
        d=OCT,
    )
    assert row == pytest.approx((sv, cv, spi, cpi, eac, vac))


@pytest.mark.parametrize(
    "project, period, slip, high_risks, evidence_rag, evidence, reported, watermelon",
    [
        ("FIN-P1", OCT, 0, 0, "Red", "SPI 0.75 < 0.85", "Green", True),
        ("FIN-P1", SEP, 0, 0, "Red", "SPI 0.84 < 0.85", "Green", True),
        # FIN-R3 (4 x 4 = 16) was open until 15 September.
        ("FIN-P1", dt.date(2026, 8, 31), 0, 1, "Amber", "1 open high risk", "Green", False),
        # FIN-R2 was reviewed up to 5 x 3 = 15 on 15 October; in September it stood at 2 x 3.
        ("FIN-P2", OCT, 0, 1, "Amber", "1 open high risk", "Green", False),
        ("FIN-P2", SEP, 0, 0, "Green", None, "Green", False),
        ("HR-P3", OCT, 0, 1, "Red", "CPI 0.76 < 0.85", "Amber", False),
        ("HR-P4", OCT, 30, 0, "Amber", "30 days late", "Green", False),
    ],
)
def test_evidence_rag_beside_reported_rag(
    con, project, period, slip, high_risks, evidence_rag, evidence, reported, watermelon
):
    row = one(
        con,
        "select slip_days, open_high_risks, evidence_rag, evidence, reported_rag, is_watermelon "
        "from project_periods where project_id = $p and period = $d",
        p=project,
        d=period,
    )
    assert row == (slip, high_risks, evidence_rag, evidence, reported, watermelon)


def test_which_projects_are_active_when(con):
    rows = con.execute(
        "select project_id, list(period order by period) filter (where is_active) "
        "from project_periods group by project_id order by project_id"
    ).fetchall()
    all_months = [dt.date(2026, 6, 30), dt.date(2026, 7, 31), dt.date(2026, 8, 31), SEP, OCT]
    assert rows == [
        ("FIN-P1", all_months),
        ("FIN-P2", all_months),
        # Cancelled with no return: it never counts as active.
        ("FIN-P6", None),
        ("HR-P3", all_months),
        ("HR-P4", all_months),
        # Closed on 30 June: active in the month it finished, and gone after.
        ("HR-P5", [dt.date(2026, 6, 30)]),
    ]


def test_risk_exposure_as_last_reviewed(con):
    rows = con.execute(
        "select risk_id, period, likelihood, impact, exposure, is_high from risk_periods "
        "where risk_id = 'FIN-R2' order by period"
    ).fetchall()
    assert rows == [("FIN-R2", SEP, 2, 3, 6, False), ("FIN-R2", OCT, 5, 3, 15, True)]


def test_measure_macros_are_the_one_definition(con):
    assert one(con, "select spi(450, 600), cpi(450, 500), eac(1000, 450, 500)") == pytest.approx(
        (0.75, 0.9, 1000 / 0.9)
    )
    # Nothing booked: the budget stands. Cost booked, nothing earned: all of the budget is still to do.
    assert one(con, "select eac(1000, 0, 0), eac(1000, 0, 200), spi(10, 0)") == (1000, 1200, None)


def test_delivery_health_of_nothing_reported_is_halfway_not_perfect(con):
    # Floor 0.7: SPI 0.85 is halfway; the weaker of the two counts; one reported alone counts; none is
    # no news (0.5), never least(1, null) = 1, DuckDB's least skipping the null.
    assert one(
        con,
        "select delivery_health(0.85, 1.1, 0.7), delivery_health(1.2, 0.7, 0.7), "
        "delivery_health(null, 0.85, 0.7), delivery_health(null, null, 0.7)",
    ) == pytest.approx((0.5, 0.0, 0.5, 0.5))
