"""The shipped example end to end: the ten UK GMPP files imported with the shipped mapping, built, and
opened in the app (AppTest) as of each year: the enterprise page's project counts and whole-life totals,
for the portfolio and per department, equal a count made straight from the raw file
(tests/test_import_uk.raw, polars, not the import code); the withheld whole-life costs are said, and
the five-point ratings are shown as published."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pmo_dash.intake.imports import run_import
from pmo_dash.ui import fmt
from tests.conftest import app_on, money_unit, on_screen, ranking
from tests.test_app import app, metrics
from tests.test_import_uk import AS_OF, FIVE, MAPPING, RAW, YEARS, amount, raw
from tests.test_oversight_app import chart, values


@pytest.fixture(scope="module")
def uk_app(fixture_settings, tmp_path_factory):
    out = tmp_path_factory.mktemp("uk_app")
    run_import(MAPPING, [RAW], out / "returns")
    with app_on(out / "returns", out) as settings:
        yield settings


def published(year: int) -> pl.DataFrame:
    """Per department of the year's file: projects, whole-life cost (£ millions, withheld left out, as
    is the one negative cost), withheld costs, and the five-point ratings as published."""
    spelled = pl.col("dca").str.replace_all(r"\s+", " ").str.strip_chars().str.to_lowercase()
    rating = spelled.str.replace(r"/ ", "/").replace_strict(FIVE, default="Not reported")
    return (
        raw(year)
        .with_columns(amount("wlc").alias("m"), rating.alias("rating"))
        .group_by("department")
        .agg(
            pl.len().alias("projects"),
            # None stated: no total (the page shows a dash), never 0.
            pl.when(pl.col("m").is_not_null().any())
            .then(pl.col("m").filter(pl.col("m") >= 0).sum())
            .alias("wlc"),
            pl.col("m").is_null().sum().alias("withheld"),
            *[(pl.col("rating") == r).sum().alias(r) for r in [*FIVE.values(), "Not reported"]],
        )
        .sort("department")
    )


@pytest.mark.parametrize("year", YEARS)
def test_each_year_on_the_enterprise_page_equals_the_raw_file(uk_app, year):
    at = app(as_of=dt.date.fromisoformat(AS_OF[year]).strftime("%b %Y"))
    assert not at.exception, [e.message for e in at.exception]
    want = published(year)
    # The cards: the portfolio's projects and whole-life cost, and how many costs are withheld.
    got = metrics(at)
    assert got["Active projects"][0] == f"{want['projects'].sum():,}"
    assert got["Budget"][0] == fmt.money(want["wlc"].sum() * 1e6)
    assert f"Budget excluding {want['withheld'].sum()} withheld." in at.caption[1].value
    # The departments table: per department, projects, whole-life cost and withheld costs.
    [element] = [d for d in at.dataframe if "withheld_budgets" in d.value.columns]
    unit = money_unit(element, "budget")  # the table holds amounts in one unit, £bn or £m
    shown = pl.from_pandas(element.value).select(
        pl.col("department_id").alias("department"),
        pl.col("active_projects").alias("projects"),
        (pl.col("budget") * unit / 1e6).round(4).alias("wlc"),
        pl.col("withheld_budgets").alias("withheld"),
    )
    expected = want.select("department", "projects", pl.col("wlc").round(4), "withheld").with_columns(
        pl.col("projects", "withheld").cast(pl.Int64)
    )
    assert shown.sort("department").with_columns(pl.col("projects", "withheld").cast(pl.Int64)).rows() == (
        expected.rows()
    )
    # The ratings chart (a tab of its own), as reported: the five points per department as published.
    at = app(as_of=dt.date.fromisoformat(AS_OF[year]).strftime("%b %Y"), tab="RAG by department")
    at.segmented_control(key="rag_basis").set_value("Reported").run()
    bars = {
        t["name"]: dict(zip(values(t["customdata"]), values(t["x"]), strict=True))
        for t in chart(at, "rag_mix")["data"]
    }
    for name in [*FIVE.values(), "Not reported"]:
        drawn = {d: n for d, n in bars.get(name, {}).items() if n}
        assert drawn == {d: n for d, n in zip(want["department"], want[name], strict=True) if n}, name


def test_what_the_uk_files_do_not_carry_is_said_not_shown_as_zero(uk_app):
    """The GMPP gives no risks and no earned value or slip: no count of 0 high risks, no all-clear on
    watermelons, no column of 0 Red on evidence; the ratings chart opens on the ratings as published."""
    at = app(as_of="Mar 2023")
    assert metrics(at)["High risks"] == ("not reported", None)
    assert any(
        c.value.startswith("Not judged: no return in view carries SPI, CPI or slip") for c in at.caption
    )
    assert not at.success
    assert (
        app(as_of="Mar 2023", tab="RAG by department").segmented_control(key="rag_basis").value == "Reported"
    )
    [table] = [d.value for d in at.dataframe if "withheld_budgets" in d.value.columns]
    assert table["evidence_red"].isna().all() and table["reported_red"].sum() > 0


def test_the_import_report_beside_the_returns_is_not_taken_for_a_misplaced_return(uk_app):
    import duckdb

    from pmo_dash.intake.imports.writer import REPORT
    from pmo_dash.intake.ingest.read import IMPORT_REPORT

    assert REPORT == IMPORT_REPORT and (uk_app.source_dir / REPORT).exists()
    with duckdb.connect(str(uk_app.warehouse), read_only=True) as con:
        assert con.execute(
            "select count(*) from validation_problems where file like '%import_report%'"
        ).fetchone() == (0,)


def test_the_what_if_says_why_every_uk_project_scores_the_same_and_what_it_leaves_out(uk_app):
    """The GMPP gives no strategic fit, benefit, risks or earned value: every project scores the middle
    of fit and of health, (3 x 0.5 + 2 x 0.5) / 10 = 0.25, and the page says why. The 51 projects of the
    2023 file whose whole-life cost is withheld cannot be costed, and the page says they are left out."""
    at = app("whatif", as_of="Mar 2023", whatif_tab="Ranking")
    assert not at.exception
    ranked = ranking(at)
    assert set(ranked["score"].round(6)) == {0.25} and len(ranked) == 193
    left_out, same = (on_screen(i.value) for i in at.info[:2])
    assert left_out.startswith(
        "51 active or on-hold projects left out: no EAC and no budget (withheld), so the what-if cannot "
        "cost them: "
    )
    assert left_out.endswith(" and 46 more.")
    assert same == (
        "Every project scores the same (0.25): the returns in view give no strategic fit, expected benefit, "
        "open risks, SPI or CPI to tell them apart (a measure not reported counts as the middle of its "
        "scale). With equal scores the optimiser funds as many projects as the envelope allows."
    )
    got = metrics(at)
    assert got["Total score"] == ("48.2", "no change")  # 193 x 0.25 = 48.25, to even; never "-0.0"
    assert got["Benefit"] == ("–", "not reported")
    assert got["Overloads"] == ("–", "not known")
