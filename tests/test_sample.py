"""The sample portfolio: deterministic, shipped as generated, and realistic where the overview looks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pmo_dash.intake.build import build
from pmo_dash.sample import generate
from pmo_dash.settings import Settings

ROOT = Path(__file__).parent.parent
SHIPPED = ROOT / "data" / "sample"


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_shipped_demo_is_exactly_what_the_generator_makes(tmp_path):
    generate("demo", 7, tmp_path / "demo")
    assert digests(tmp_path / "demo") == digests(SHIPPED), "data/sample is stale: run `make sample`"


def test_same_seed_same_bytes_other_seed_other_portfolio(tmp_path):
    generate("demo", 11, tmp_path / "a", xlsx=False)
    generate("demo", 11, tmp_path / "b", xlsx=False)
    generate("demo", 12, tmp_path / "c", xlsx=False)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert digests(tmp_path / "a") != digests(tmp_path / "c")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Settings:
    out = tmp_path_factory.mktemp("demo")
    settings = Settings(source_dir=SHIPPED, warehouse=out / "w.duckdb", report=out / "report.csv")
    build(settings)
    return settings


def test_demo_exercises_both_readers(demo):
    suffixes = {p.suffix for p in SHIPPED.rglob("*.*")}
    assert {".csv", ".xlsx"} <= suffixes


def test_demo_carries_exactly_its_deliberate_errors(demo):
    report = pl.read_csv(demo.report)
    # The seven planted errors (one per rule), and the risk reviews of the two rejected risks.
    planted = report.filter(
        ~((pl.col("rule") == "reference") & pl.col("file").str.ends_with("risk_reviews.csv"))
    )
    assert sorted(planted["rule"].to_list()) == [
        "date_order",
        "enum",
        "range",
        "reference",
        "required",
        "type",
        "unique",  # the one risk id given twice: reported once, both copies rejected
    ]
    assert planted["file"].str.split("/").list.first().unique().to_list() == ["FIN"]


def test_demo_accounts_for_every_row(demo):
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        read, accepted, rejected, kept = con.execute(
            "select sum(rows_read), sum(accepted), sum(rejected), (select count(*) from rejected_rows) from ingest_runs"
        ).fetchone()
    assert read == accepted + rejected
    assert rejected == kept


def test_demo_has_watermelons_in_several_departments(demo):
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        count, departments = con.execute(
            "select count(*), count(distinct department_id) from project_periods "
            "where period = (select max(period) from periods) and is_watermelon"
        ).fetchone()
    assert count >= 5 and departments >= 2
