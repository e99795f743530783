"""The builder: atomic swap, a failed build leaves the old warehouse serving, every row accounted for."""

from __future__ import annotations

import csv
import shutil

import duckdb
import polars as pl
import pytest

from pmo_dash.__main__ import main
from pmo_dash.settings import Settings
from pmo_dash.warehouse.build import BuildError, build
from tests.conftest import copy_fixture


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(
        source_dir=copy_fixture(tmp_path / "returns"),
        warehouse=tmp_path / "out" / "warehouse.duckdb",
        report=tmp_path / "out" / "report.csv",
    )


def test_ingest_runs_account_for_every_file(settings):
    build(settings)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        runs = con.sql("select * from ingest_runs order by path").pl()
    assert runs.height == 13
    assert (runs["rows_read"] == runs["accepted"] + runs["rejected"]).all()
    hr = runs.filter(pl.col("path") == "HR/status_reports.xlsx").row(0, named=True)
    assert (hr["rows_read"], hr["accepted"], hr["rejected"], len(hr["sha256"])) == (6, 6, 0, 64)


def test_failed_build_leaves_the_previous_warehouse_byte_identical(settings, tmp_path):
    build(settings)
    before = settings.warehouse.read_bytes()
    broken = tmp_path / "broken"
    shutil.copytree(settings.source_dir, broken)
    for projects in broken.glob("*/projects.*"):
        projects.unlink()
    with pytest.raises(BuildError, match="no project was accepted"):
        build(settings, source=broken)
    assert settings.warehouse.read_bytes() == before
    assert [p.name for p in settings.warehouse.parent.iterdir() if p.name.startswith(".")] == []


def test_a_warehouse_that_cannot_be_written_keeps_the_old_one(settings, monkeypatch):
    build(settings)
    before = settings.warehouse.read_bytes()
    from pmo_dash.warehouse import build as builder

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(builder, "_create", explode)
    with pytest.raises(
        BuildError, match=r"could not be written \(disk full\); the previous one is still in use"
    ):
        build(settings)
    assert settings.warehouse.read_bytes() == before


def test_rejected_rows_are_kept_in_the_warehouse_and_the_report(settings):
    risks = settings.source_dir / "FIN" / "risks.csv"
    risks.write_text(risks.read_text() + "FIN-R9,FIN-P1,Bad,Supplier,9,3,,Reduce,Open,2026-07-01,,,\n")
    result = build(settings)
    with open(result.report, newline="") as f:
        report = list(csv.DictReader(f))
    assert report == [
        {
            "file": "FIN/risks.csv",
            "row": "5",
            "column": "likelihood",
            "value": "9",
            "rule": "range",
            "message": "likelihood 9 is outside the allowed range 1-5",
        }
    ]
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        kept = con.sql("select table_name, file, row, record from rejected_rows").fetchall()
    assert kept[0][:3] == ("risks", "FIN/risks.csv", 5)
    assert '"risk_id":"FIN-R9"' in kept[0][3]


def test_cli_build_summarises_and_exits_zero_with_rejected_rows(settings, capsys):
    code = main(
        [
            "build",
            "--source",
            str(settings.source_dir),
            "--warehouse",
            str(settings.warehouse),
            "--report",
            str(settings.report),
            "--quiet",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "status_reports             2         11        11         0" in out
    assert "total                                32        32         0" in out


def test_cli_build_fails_with_the_reason(tmp_path, capsys):
    code = main(
        ["build", "--source", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"), "--quiet"]
    )
    assert code == 1
    assert (
        capsys.readouterr().err == f"build failed: the source folder {tmp_path / 'nowhere'} does not exist\n"
    )
    assert not (tmp_path / "w.duckdb").exists()
