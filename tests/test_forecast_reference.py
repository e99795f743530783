"""Reference-class forecasts (issue 17, part 2) on the golden fixture with five closed projects of known
outcome, hand-computed: percentiles linear between outcomes (quantile_cont, as numpy's default), the
fallback to wider classes below PMO_REFERENCE_CLASS_MIN (3 here), and a period before enough projects had
closed. Then the same on the UK GMPP's published returns (oversight level: no actual cost, no actual
finish), counted from the import's own returns with polars."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
import pytest
from conftest import golden_returns

from pmo_dash.intake.build import build
from pmo_dash.settings import Settings

OCT, APR = dt.date(2026, 10, 31), dt.date(2026, 4, 30)
# Closed Finance projects, all started 1 Jan 2026 with a 100-day baseline (to 11 April):
# id, methodology, budget, final actual cost, actual finish -> cost outcome, schedule outcome
CLOSED = (
    ("FIN-C1", "PRINCE2", 100, 100, "2026-04-11"),  # 1.0, 1.0 (100 days)
    ("FIN-C2", "PRINCE2", 200, 240, "2026-04-21"),  # 1.2, 1.1
    ("FIN-C3", "PRINCE2", 300, 390, "2026-05-11"),  # 1.3, 1.3
    ("FIN-C4", "Agile", 400, 800, "2026-06-10"),  # 2.0, 1.6
)
# With HR-P5 (People, Agile, 400; 390 spent, finished on its baseline 30 June): 0.975, 1.0.


def with_closed_projects(target) -> None:
    with (target / "FIN" / "projects.csv").open("a") as f:
        for pid, method, budget, _, finish in CLOSED:
            f.write(
                f"{pid},FIN,,Closed {pid},CFO,Alan Kay,{method},Closed,Closed,OBJ1,3,2026-01-01,"
                f"2026-04-11,,{finish},{budget},,no,\n"
            )
    with (target / "FIN" / "status_reports.csv").open("a") as f:
        for pid, _, budget, cost, finish in CLOSED:
            month_end = {"04": "2026-04-30", "05": "2026-05-31", "06": "2026-06-30"}[finish[5:7]]
            f.write(f"{pid},{month_end},Green,Green,Green,100,{budget},{budget},{cost},{finish},4,Done\n")


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    source = golden_returns(out / "returns")
    with_closed_projects(source)
    settings = Settings(data_dir=out, warehouse=out / "w.duckdb", report=out / "r.csv", reference_class_min=3)
    build(settings, source, settings.warehouse, settings.report)
    with duckdb.connect(str(settings.warehouse), read_only=True) as connection:
        yield connection


def forecast(con, project: str, period: dt.date) -> dict:
    cursor = con.execute(
        "select * from project_forecasts where project_id = ? and period = ?", [project, period]
    )
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def test_outcomes_of_closed_projects(con):
    rows = con.execute(
        "select project_id, cost_outcome, schedule_outcome, known_from from reference_outcomes order by 1"
    ).fetchall()
    assert rows == [
        ("FIN-C1", pytest.approx(1.0), pytest.approx(1.0), dt.date(2026, 4, 30)),
        ("FIN-C2", pytest.approx(1.2), pytest.approx(1.1), dt.date(2026, 4, 30)),
        ("FIN-C3", pytest.approx(1.3), pytest.approx(1.3), dt.date(2026, 5, 31)),
        ("FIN-C4", pytest.approx(2.0), pytest.approx(1.6), dt.date(2026, 6, 30)),
        ("HR-P5", pytest.approx(390 / 400), pytest.approx(1.0), dt.date(2026, 6, 30)),
    ]


def test_a_class_of_department_and_methodology_when_its_size_band_is_too_small(con):
    # Size bands in October, the thirds of budgets 100, 200, 300, 400, 400: below 233.3 Small, from
    # 366.7 Large. FIN-P1 (PRINCE2, 1000: Large) has no Large PRINCE2 peer in Finance; Finance's PRINCE2
    # projects are three (C1-C3): cost outcomes 1.0, 1.2, 1.3 -> P50 1.2, P80 1.2 + 0.6 x 0.1 = 1.26;
    # schedule 1.0, 1.1, 1.3 -> P50 1.1, P80 1.1 + 0.6 x 0.2 = 1.22.
    p1 = forecast(con, "FIN-P1", OCT)
    assert (p1["size_band"], p1["class_level"], p1["class_name"], p1["class_size"]) == (
        "Large",
        2,
        "Finance · PRINCE2",
        3,
    )
    assert (p1["p50_cost"], p1["p80_cost"]) == (pytest.approx(1200), pytest.approx(1260))
    # Baseline 1 Jan - 31 Dec 2026, 364 days: 1.1 x 364 = 400.4 -> 400 days; 1.22 x 364 = 444.08 -> 444.
    assert p1["p50_finish"] == dt.date(2026, 1, 1) + dt.timedelta(days=400)
    assert p1["p80_finish"] == dt.date(2026, 1, 1) + dt.timedelta(days=444)


def test_the_department_when_the_methodology_is_too_small(con):
    # FIN-P2 (Agile, 2000): one Agile project closed in Finance, so Finance's four: cost 1.0, 1.2, 1.3, 2.0
    # -> P50 1.25, P80 (index 2.4) 1.3 + 0.4 x 0.7 = 1.58.
    p2 = forecast(con, "FIN-P2", OCT)
    assert (p2["class_level"], p2["class_name"], p2["class_size"]) == (1, "Finance", 4)
    assert (p2["p50_cost"], p2["p80_cost"]) == (pytest.approx(2500), pytest.approx(3160))


def test_the_whole_portfolio_when_the_department_is_too_small(con):
    # HR-P3: People closed one project, so the portfolio's five: cost 0.975, 1.0, 1.2, 1.3, 2.0 -> P50 1.2,
    # P80 (index 3.2) 1.3 + 0.2 x 0.7 = 1.44; schedule 1.0, 1.0, 1.1, 1.3, 1.6 -> P50 1.1, P80 1.36.
    # Budget 500, 250 spent; baseline 1 Feb - 31 Dec 2026 (333 days): 366.3 -> 366, 452.88 -> 453 days.
    p3 = forecast(con, "HR-P3", OCT)
    assert (p3["class_level"], p3["class_name"], p3["class_size"]) == (0, "the whole portfolio", 5)
    assert (p3["p50_cost"], p3["p80_cost"]) == (pytest.approx(600), pytest.approx(720))
    assert p3["p50_finish"] == dt.date(2026, 2, 1) + dt.timedelta(days=366)
    assert p3["p80_finish"] == dt.date(2026, 2, 1) + dt.timedelta(days=453)


def test_as_of_april_only_what_had_closed_by_then_and_not_enough_of_it(con):
    # By 30 April two projects had closed (C1, C2): fewer than three, even for the whole portfolio.
    p1 = forecast(con, "FIN-P1", APR)
    assert (p1["history_size"], p1["class_size"], p1["p50_cost"], p1["class_name"]) == (2, None, None, None)
    # By 31 May three had (all Finance PRINCE2): FIN-P1 is then forecast from them, as it could have been.
    may = forecast(con, "FIN-P1", dt.date(2026, 5, 31))
    assert (may["class_name"], may["class_size"], may["p50_cost"]) == (
        "Finance · PRINCE2",
        3,
        pytest.approx(1200),
    )


def test_the_cost_forecast_is_never_below_what_is_already_spent(con):
    # HR-P4 (Hybrid, 800, 380 spent) takes the portfolio's P50 1.2 -> 960; were the class's uplift below
    # the actual cost, the actual cost would stand.
    p4 = forecast(con, "HR-P4", OCT)
    assert p4["p50_cost"] == pytest.approx(960)
    floor = con.execute(
        "select count(*) from project_forecasts f join project_periods p using (project_id, period) "
        "where f.p50_cost < p.actual_cost or f.p50_finish < f.period"
    ).fetchone()
    assert floor == (0,)


@pytest.fixture(scope="module")
def uk(tmp_path_factory):
    from pmo_dash.intake.imports import run_import
    from tests.test_import_uk import MAPPING, RAW

    out = tmp_path_factory.mktemp("reference_uk")
    run_import(MAPPING, [RAW], out / "returns")
    settings = Settings(data_dir=out, warehouse=out / "w.duckdb", report=out / "r.csv")
    build(settings, out / "returns", settings.warehouse, settings.report)
    with duckdb.connect(str(settings.warehouse), read_only=True) as connection:
        yield connection, out / "returns"


def test_oversight_outcomes_are_the_last_whole_life_cost_and_dates_published(uk):
    con, returns = uk
    # Counted from the import's returns with polars: a closed project's first and last whole-life cost
    # and baseline finish, as published.
    projects = pl.concat(
        [pl.read_csv(p, infer_schema=False) for p in returns.glob("*/projects.csv")], how="diagonal"
    )
    reports = pl.concat(
        [pl.read_csv(p, infer_schema=False) for p in returns.glob("*/status_reports.csv")], how="diagonal"
    ).with_columns(pl.col("budget").cast(pl.Float64, strict=False), pl.col("as_of").str.to_date())
    closed = projects.filter(pl.col("state") == "Closed").with_columns(
        pl.col("budget").cast(pl.Float64, strict=False)  # "withheld" is no budget
    )
    stated = reports.drop_nulls("budget").sort("as_of").group_by("project_id")
    firsts_lasts = stated.agg(pl.col("budget").first().alias("first"), pl.col("budget").last().alias("last"))
    expected = (
        closed.join(firsts_lasts, on="project_id")
        .with_columns(pl.coalesce("budget", "first").alias("budget"))
        .filter(pl.col("budget") > 0)
        .select("project_id", (pl.col("last") / pl.col("budget")).alias("cost_outcome"))
    )
    got = con.sql("select project_id, cost_outcome from reference_outcomes").pl()
    joined = expected.join(got, on="project_id", how="inner", suffix="_got")
    assert joined.height > 300
    assert (joined["cost_outcome"] - joined["cost_outcome_got"]).abs().max() < 1e-9
    # Every active project in March 2023 with a budget and a baseline has a forecast from a named class.
    missing = con.execute(
        "select count(*) from project_forecasts where period = date '2023-03-31' and class_name is null"
    ).fetchone()
    assert missing == (0,)
    # A project whose whole-life budget was raised is never forecast below it; one not raised may be.
    raised = con.execute(
        "select count(*) filter (where budget > baseline_budget), "
        "count(*) filter (where budget > baseline_budget and p50_cost < budget) "
        "from project_forecasts where period = date '2023-03-31'"
    ).fetchone()
    assert raised[0] > 20 and raised[1] == 0
