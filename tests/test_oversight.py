"""Golden values for the marts on the oversight fixture (tests/fixtures/oversight/README.md): cadence,
carry-forward, baselines, budget per period, withheld values and evidence judged on what is present."""

from __future__ import annotations

import datetime as dt
import shutil

import duckdb
import pytest

MAR25, NOV25, DEC25 = dt.date(2025, 3, 31), dt.date(2025, 11, 30), dt.date(2025, 12, 31)
FEB26, MAR26 = dt.date(2026, 2, 28), dt.date(2026, 3, 31)


@pytest.fixture(scope="module")
def con(oversight_warehouse):
    with duckdb.connect(str(oversight_warehouse), read_only=True) as connection:
        yield connection


def one(con, sql: str, **params):
    return con.execute(sql, params).fetchone()


def compliance(con, department: str) -> dict[dt.date, float]:
    """Reporting compliance of a department per period, as the marts' one definition computes it."""
    rows = con.execute(
        "select period, reporting_compliance(reported_this_period) from project_periods "
        "where department_id = $d and is_active group by period order by period",
        {"d": department},
    ).fetchall()
    return dict(rows)


def test_every_row_is_accepted_and_the_withheld_values_are_recorded(con):
    assert con.execute("select count(*) from validation_problems").fetchone() == (0,)
    assert con.execute("select * from withheld_values order by file, row").fetchall() == [
        ("projects", "MOJ/projects.csv", 3, "budget", "MOJ-P2"),
        ("status_reports", "MOJ/status_reports.csv", 7, "forecast_finish", "MOJ-P2 / 2026-03-31"),
    ]


def test_profile_and_cadence_are_read_and_defaulted(con):
    assert con.execute(
        "select department_id, profile, cadence from stg_departments order by 1"
    ).fetchall() == [
        ("DFT", "Oversight", "Quarterly"),
        ("MOJ", "Oversight", "Annual"),
    ]
    # MOJ-P2 and MOJ-P3 gave no state: an oversight project with no state is Active.
    assert con.execute("select count(*) from stg_projects where state = 'Active'").fetchone() == (6,)


def test_the_periods_are_monthly_from_the_first_return_to_the_last(con):
    periods = [r[0] for r in con.execute("select period from periods order by period").fetchall()]
    assert (periods[0], periods[-1], len(periods)) == (MAR25, MAR26, 13)


def test_an_annual_return_counts_for_its_year(con):
    by_period = compliance(con, "MOJ")
    assert len(by_period) == 13
    # Every month from March 2025 to February 2026 counts the March 2025 returns, never 0%.
    assert {p: s for p, s in by_period.items() if p < MAR26} == dict.fromkeys(list(by_period)[:12], 1.0)
    # In March 2026 MOJ-P4's March 2025 return is 12 months old: outside the year ending then.
    assert by_period[MAR26] == 0.75


def test_a_quarterly_return_counts_for_its_quarter(con):
    got = compliance(con, "DFT")
    months = [dt.date(2025, m, 1) for m in range(6, 13)] + [dt.date(2026, m, 1) for m in (1, 2, 3)]
    shares = [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 1.0, 1.0, 1.0, 0.5]
    assert [(p.year, p.month, s) for p, s in got.items()] == [
        (m.year, m.month, s) for m, s in zip(months, shares, strict=True)
    ]


def test_a_return_stands_for_its_cadence_window_and_the_carry_forward(con):
    rows = con.execute(
        "select period, report_period, reported_rag, evidence_rag from project_periods "
        "where project_id = 'DFT-P1' and period between '2025-09-30' and $d order by period",
        {"d": DEC25},
    ).fetchall()
    june = dt.date(2025, 6, 30)
    assert rows == [
        (dt.date(2025, 9, 30), june, "Green", "Green"),
        (dt.date(2025, 10, 31), june, "Green", "Green"),  # 4 months: the quarter plus 2
        (NOV25, None, None, None),  # 5 months: June's return says nothing about November
        (DEC25, DEC25, "Green", "Red"),
    ]
    # An annual return stands for its year and two more months: MOJ-P4's still stands in March 2026.
    assert one(
        con, "select report_period from project_periods where project_id = 'MOJ-P4' and period = $d", d=MAR26
    ) == (MAR25,)


@pytest.mark.parametrize(
    "period, budget, withheld",
    [
        (FEB26, 26_190_000.0, False),  # the 2025 return gives no budget: the project's £26.19m
        (MAR26, 30_000_000.0, False),  # the 2026 return's re-baselined £30m
    ],
)
def test_budget_per_period_is_the_standing_returns_else_the_projects(con, period, budget, withheld):
    row = one(
        con,
        "select budget, budget_withheld from project_periods where project_id = 'MOJ-P1' and period = $d",
        d=period,
    )
    assert row == (budget, withheld)


def test_a_withheld_budget_is_null_and_flagged_never_zero(con):
    assert one(
        con,
        "select budget, budget_withheld, eac from project_periods where project_id = 'MOJ-P2' and period = $d",
        d=MAR26,
    ) == (None, True, None)


@pytest.mark.parametrize(
    "period, original, current, slip, original_slip, evidence_rag, evidence",
    [
        (
            FEB26,
            dt.date(2027, 3, 31),
            dt.date(2027, 3, 31),
            183,
            183,
            "Red",
            "183 days late; judged on slip only",
        ),
        (
            MAR26,
            dt.date(2027, 3, 31),
            dt.date(2027, 9, 30),
            31,
            214,
            "Amber",
            "31 days late; judged on slip only",
        ),
    ],
)
def test_slip_against_the_current_baseline_and_the_original(
    con, period, original, current, slip, original_slip, evidence_rag, evidence
):
    row = one(
        con,
        "select baseline_finish, current_baseline_finish, slip_days, original_slip_days, evidence_rag, evidence "
        "from project_periods where project_id = 'MOJ-P1' and period = $d",
        d=period,
    )
    assert row == (original, current, slip, original_slip, evidence_rag, evidence)


@pytest.mark.parametrize(
    "project, spi, cpi, slip, evidence_rag, evidence, watermelon",
    [
        ("MOJ-P1", None, None, 31, "Amber", "31 days late; judged on slip only", False),
        # Nothing to judge on: no evidence RAG at all, never Green and never Red.
        ("MOJ-P2", None, None, None, None, None, False),
        ("MOJ-P3", 0.9, None, 0, "Amber", "SPI 0.90 < 0.95; judged on SPI and slip only", False),
        ("MOJ-P4", None, None, None, "Amber", "1 open high risk; no SPI, CPI or slip reported", False),
        ("DFT-P1", None, None, 90, "Red", "90 days late; judged on slip only", True),
        ("DFT-P2", None, None, 0, "Green", "judged on slip only", False),
    ],
)
def test_evidence_is_judged_on_the_evidence_present(
    con, project, spi, cpi, slip, evidence_rag, evidence, watermelon
):
    row = one(
        con,
        "select spi, cpi, slip_days, evidence_rag, evidence, is_watermelon, percent_complete, eac, vac "
        "from project_periods where project_id = $p and period = $d",
        p=project,
        d=MAR26,
    )
    assert row[:6] == (pytest.approx(spi) if spi else None, cpi, slip, evidence_rag, evidence, watermelon)
    # No return carries percent complete or actual cost: none of them is 0.
    assert row[6:] == (None, None, None)


def test_five_point_ratings_are_kept_beside_their_three_colours(con):
    rows = con.execute(
        "select project_id, delivery_confidence, reported_rag, reported_rating from project_periods "
        "where period = $d order by project_id",
        {"d": MAR26},
    ).fetchall()
    assert rows == [
        ("DFT-P1", None, "Green", "Green"),
        ("DFT-P2", None, "Green", "Green"),
        ("MOJ-P1", "Amber/Green", "Amber", "Amber/Green"),
        ("MOJ-P2", "Amber/Green", "Amber", "Amber/Green"),
        ("MOJ-P3", "Amber/Red", "Red", "Amber/Red"),
        ("MOJ-P4", "Red", "Red", "Red"),
    ]


def test_the_enterprise_totals_in_march_2026(con):
    row = one(
        con,
        "select count(*), sum(budget), count(*) filter (where budget_withheld), sum(eac), "
        "spi(sum(earned_value), sum(planned_value)), count(evidence_rag), "
        "count(*) filter (where evidence_rag = 'Red') from project_periods where period = $d and is_active",
        d=MAR26,
    )
    assert row == (6, 1_464_500_000.0, 1, None, pytest.approx(0.9), 5, 1)


@pytest.fixture(scope="module")
def complete(oversight_source, tmp_path_factory):
    """The fixture with MOJ's returns declared complete (`complete_returns` yes): each lists MOJ's whole
    portfolio at its date, as a published portfolio's does."""
    from pmo_dash.intake.build import build
    from pmo_dash.settings import Settings
    from tests.conftest import OVERSIGHT_FORMATS

    out = tmp_path_factory.mktemp("complete")
    source = out / "returns"
    shutil.copytree(oversight_source, source)
    (source / "MOJ" / "departments.csv").write_text(
        "department_id,name,division,profile,cadence,complete_returns\n"
        "MOJ,Ministry of Justice,Justice,Oversight,Annual,yes\n"
    )
    settings = Settings(day_first_formats=OVERSIGHT_FORMATS, data_dir=out)
    build(settings, source, out / "warehouse.duckdb", out / "validation_report.csv")
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as connection:
        yield connection


def test_a_project_a_complete_return_leaves_out_is_off_the_portfolio(complete):
    active = dict(
        complete.execute(
            "select period, list(project_id order by project_id) from project_periods "
            "where department_id = 'MOJ' and is_active group by period"
        ).fetchall()
    )
    # March 2025 to February 2026: the 2025 return lists all four; March 2026's leaves MOJ-P4 out.
    assert sorted(active) == [p for p in active if MAR25 <= p <= MAR26] and len(active) == 13
    assert all(active[p] == ["MOJ-P1", "MOJ-P2", "MOJ-P3", "MOJ-P4"] for p in active if p < MAR26)
    assert active[MAR26] == ["MOJ-P1", "MOJ-P2", "MOJ-P3"]
    # Every project listed is reported (the department's return is within its year): 100%, not 75%.
    assert compliance(complete, "MOJ")[MAR26] == 1.0
    # DFT's returns are not declared complete: DFT-P1, left out of September's, is late, not gone.
    assert one(
        complete,
        "select is_active, report_period from project_periods where project_id = 'DFT-P1' and period = $p",
        p=NOV25,
    ) == (True, None)


def test_a_complete_return_states_its_own_budget(complete):
    def budget(period):
        return one(
            complete,
            "select sum(budget), count(*) filter (where budget_withheld) from project_periods "
            "where department_id = 'MOJ' and is_active and period = $p",
            p=period,
        )

    # March 2026: MOJ-P1's £30m; MOJ-P2 withheld (its project's budget, its return states none); MOJ-P3's
    # return states none, and its project's £4.5m of years before is not borrowed.
    assert budget(MAR26) == (30_000_000, 1)
    # The 2025 return states no budget at all.
    assert budget(FEB26) == (None, 1)
