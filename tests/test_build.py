"""The builder: atomic swap, a failed build leaves the old warehouse serving, every row accounted for."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess

import duckdb
import polars as pl
import pytest

from pmo_dash import db
from pmo_dash.__main__ import main
from pmo_dash.data import Filters
from pmo_dash.intake import BuildError
from pmo_dash.intake.build import build
from pmo_dash.settings import Settings
from tests.conftest import copy_fixture, on_screen
from tests.test_access import settings_env  # noqa: F401 (a fixture)
from tests.test_app import app


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
    assert runs.height == 21
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
    from pmo_dash.intake import build as builder

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


def test_the_validation_report_quotes_formulas_and_keeps_numbers(settings):
    # A return can carry anything, and the report repeats the value: PMO heads open it in Excel.
    risks = settings.source_dir / "FIN" / "risks.csv"
    hostile = [
        '=HYPERLINK("http://evil.example","x")',
        "+cmd|' /C calc'!A0",
        "@SUM(A1)",
        "-2+3+cmd|' /C calc'!A0",
        "\t=1+1",  # read as "=1+1": the reader trims the tab
    ]
    with open(risks, "a", newline="") as f:
        for n, likelihood in enumerate([*hostile, "-2"], start=4):
            cost = "-2.5" if likelihood == "-2" else ""
            row = [
                f"FIN-R{n}",
                "FIN-P1",
                "Bad",
                "Supplier",
                likelihood,
                "3",
                "",
                "Reduce",
                "Open",
                "2026-07-01",
            ]
            csv.writer(f).writerow([*row, "", "", cost])
    result = build(settings)
    with open(result.report, newline="") as f:
        report = [(r["row"], r["column"], r["value"], r["message"]) for r in csv.DictReader(f)]
    assert report == [
        (
            "5",
            "likelihood",
            '\'=HYPERLINK("http://evil.example","x")',
            'likelihood \'=HYPERLINK("http://evil.example","x")\' is not a whole number',
        ),
        ("6", "likelihood", "'+cmd|' /C calc'!A0", "likelihood '+cmd|' /C calc'!A0' is not a whole number"),
        ("7", "likelihood", "'@SUM(A1)", "likelihood '@SUM(A1)' is not a whole number"),
        (
            "8",
            "likelihood",
            "'-2+3+cmd|' /C calc'!A0",
            "likelihood '-2+3+cmd|' /C calc'!A0' is not a whole number",
        ),
        ("9", "likelihood", "'=1+1", "likelihood '=1+1' is not a whole number"),
        # A plain negative number is read as that number by a spreadsheet: nothing to quote.
        ("10", "likelihood", "-2", "likelihood -2 is outside the allowed range 1-5"),
        ("10", "cost_exposure", "-2.5", "cost_exposure -2.5 is outside the allowed range at least 0"),
    ]
    assert pl.read_csv(result.report).schema["row"] == pl.Int64


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
    assert "status_reports             2           11           11          0" in out
    assert "total                                  48           48          0" in out


def test_cli_build_fails_with_the_reason(tmp_path, capsys):
    code = main(
        ["build", "--source", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"), "--quiet"]
    )
    assert code == 1
    assert (
        capsys.readouterr().err == f"build failed: the source folder {tmp_path / 'nowhere'} does not exist\n"
    )
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.parametrize("inside", [[], ["FIN"]], ids=["empty folder", "empty department folder"])
def test_cli_build_from_a_folder_without_returns_says_so(tmp_path, capsys, inside):
    source = tmp_path / "returns"
    for folder in inside:
        (source / folder).mkdir(parents=True)
    source.mkdir(exist_ok=True)
    code = main(["build", "--source", str(source), "--warehouse", str(tmp_path / "w.duckdb"), "--quiet"])
    assert code == 1
    assert capsys.readouterr().err == (
        f"build failed: no returns found in {source}: expected one sub-folder per department of "
        "<table>.csv files\n"
    )


def test_bad_returns_are_each_explained_and_the_rest_still_builds(settings):
    fin, hr = settings.source_dir / "FIN", settings.source_dir / "HR"
    risks = fin / "risks.csv"
    risks.write_text(risks.read_text() + "FIN-R9,FIN-P1,Bad,Supplier,9,3,,Reduce,Open,2026-07-01,,,\n")
    (fin / "issues.csv").write_text("")
    (fin / "lessons.csv").write_bytes(
        b"lesson_id,project_id,logged_on,category,title,what_happened,effect,state\n"
        + "FIN-L1,FIN-P1,2026-07-01,Supplier management,D\xe9lai,Late,Negative,Draft\n".encode("latin-1")
    )
    (fin / "milestones.csv").write_text("milestone_id,project_id,name\nFIN-M1,FIN-P1,Design signed off\n")
    projects = pl.read_excel(hr / "projects.xlsx", infer_schema_length=0)
    projects = projects.with_columns(
        pl.when(pl.col("project_id") == "HR-P4")
        .then(pl.lit("2026-04-01"))
        .otherwise("baseline_finish")
        .alias("baseline_finish")
    )
    projects.write_excel(hr / "projects.xlsx")
    reports = fin / "status_reports.csv"
    reports.write_text(reports.read_text() + "FIN-P404,2026-10-31,Green,Green,Green,10,1,1,1,,,\n")

    result = build(settings)

    report = pl.read_csv(result.report, infer_schema=False).select("file", "row", "column", "rule").rows()
    assert ("FIN/risks.csv", "5", "likelihood", "range") in report
    assert ("FIN/issues.csv", None, "", "empty_file") in report
    assert ("FIN/lessons.csv", "2", "", "not_utf8") in report
    assert ("FIN/milestones.csv", "1", "baseline_date", "missing_column") in report
    assert ("HR/projects.xlsx", "3", "baseline_finish", "date_order") in report
    assert ("FIN/status_reports.csv", "7", "project_id", "reference") in report
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        read, accepted, rejected = con.execute(
            "select sum(rows_read), sum(accepted), sum(rejected) from ingest_runs"
        ).fetchone()
        projects_left = con.execute(
            "select list(project_id order by project_id) from raw_projects"
        ).fetchone()[0]
    assert read == accepted + rejected
    # HR-P4's dates are wrong, so it and its returns are out; everything else is in.
    assert projects_left == ["FIN-P1", "FIN-P2", "FIN-P6", "HR-P3", "HR-P5"]


def test_parquet_returns_are_read_too(settings):
    hr = settings.source_dir / "HR"
    pl.read_excel(hr / "risks.xlsx", infer_schema_length=0).write_parquet(hr / "risks.parquet")
    (hr / "risks.xlsx").unlink()
    build(settings)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute(
            "select source_file, source_row, likelihood from raw_risks where risk_id = 'HR-R1'"
        ).fetchone() == (
            "HR/risks.parquet",
            1,
            4,
        )


def test_a_return_older_than_the_carry_forward_stands_for_nothing(settings):
    build(settings.model_copy(update={"carry_forward_periods": 0}))
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        row = con.execute(
            "select is_active, last_return, reported_rag, evidence_rag, spi from project_periods "
            "where project_id = 'HR-P4' and period = '2026-10-31'"
        ).fetchone()
    # HR-P4's last return is September's: with no carry-forward, October knows nothing of it.
    assert row == (True, dt.date(2026, 9, 30), None, None, None)


def test_a_project_put_on_hold_is_no_watermelon_once_it_stopped(settings):
    projects = settings.source_dir / "FIN" / "projects.csv"
    projects.write_text(projects.read_text().replace("Execution,Active,OBJ1,5", "Execution,On hold,OBJ1,5"))
    build(settings)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        row = con.execute(
            "select is_active, is_watermelon from project_periods where project_id = 'FIN-P1' and period = '2026-10-31'"
        ).fetchone()
    assert row == (False, True)
    shown = db.query(
        settings.warehouse,
        "portfolio/watermelons",
        Filters(scope=("FIN", "HR"), as_of=dt.date(2026, 10, 31)).params(),
    )
    assert shown.is_empty()


def test_a_killed_builds_temporaries_are_removed_by_the_next_build(settings):
    out = settings.warehouse.parent
    out.mkdir(parents=True)
    gone = subprocess.Popen(["true"])  # a process that is surely over once waited for
    gone.wait()
    running = subprocess.Popen(["sleep", "60"])
    try:
        stale = [
            out / f".warehouse.duckdb.{gone.pid}.0a1b2c3d.building",
            out / f".warehouse.duckdb.{gone.pid}.0a1b2c3d.building.wal",
            out / f".report.csv.{gone.pid}.0a1b2c3d.part",
        ]
        live = out / f".warehouse.duckdb.{running.pid}.9e8f7a6b.building"
        for path in [*stale, live]:
            path.write_bytes(b"half a warehouse")
        spilled = out / f".warehouse.duckdb.{gone.pid}.0a1b2c3d.building.tmp"  # DuckDB's spill folder
        spilled.mkdir()
        (spilled / "duckdb_temp_storage-0.tmp").write_bytes(b"spilled")
        build(settings)
        assert sorted(p.name for p in out.iterdir()) == sorted(["warehouse.duckdb", "report.csv", live.name])
    finally:
        running.kill()
        running.wait()


def test_a_failed_build_keeps_the_report_that_matches_the_served_warehouse(settings, tmp_path):
    build(settings)
    served = settings.report.read_bytes()
    broken = tmp_path / "broken"
    shutil.copytree(settings.source_dir, broken)
    for projects in broken.glob("*/projects.*"):
        projects.write_text("project_id,name\nX1,Nameless\n")
    failed = settings.report.with_name("report.failed.csv")
    with pytest.raises(BuildError, match=f"see the validation report {failed}"):
        build(settings, source=broken)
    assert settings.report.read_bytes() == served
    rules = pl.read_csv(failed)["rule"].unique().to_list()
    assert "missing_column" in rules
    build(settings)
    assert not failed.exists(), "a successful build clears the failed build's report"


def test_a_rebuild_from_the_admin_page_runs_apart_and_reports(settings_env, fixture_settings):  # noqa: F811
    from pmo_dash import db

    before = db.version(fixture_settings.warehouse)
    at = app("admin", user="admin")
    at = at.button(key="rebuild").click().run()
    assert not at.exception
    [notice] = [on_screen(s.value) for s in at.success]
    assert re.fullmatch(
        r"The warehouse was rebuilt in \d+\.\d s: 48 rows read, 48 accepted, 0 rejected, 0 problems in the "
        r"validation report\. Every page now reads the new warehouse\.",
        notice,
    ), notice
    assert db.version(fixture_settings.warehouse) != before


def test_a_rebuild_past_its_memory_limit_stops_and_the_old_warehouse_serves(settings_env, fixture_settings):  # noqa: F811
    settings_env(PMO_BUILD_MEMORY_MB="150")
    before = fixture_settings.warehouse.read_bytes()
    at = app("admin", user="admin").button(key="rebuild").click().run()
    assert not at.exception
    assert [on_screen(e.value) for e in at.error] == [
        "The rebuild failed, and the previous warehouse is still serving: it needed more than its 150 MB of "
        "memory (PMO_BUILD_MEMORY_MB); a return may be far larger than it should be: check the returns, or "
        "raise the limit."
    ]
    assert fixture_settings.warehouse.read_bytes() == before


def test_a_budget_a_thousand_times_off_its_departments_median_is_kept_and_flagged(settings):
    # FIN's budgets are 1,000, 2,000 and 300 (median 1,000); written in pence, FIN-P6's 300 becomes
    # 300,000,000: 300,000 times the median. The project is kept, and the report says to check it.
    path = settings.source_dir / "FIN" / "projects.csv"
    path.write_text(path.read_text().replace(",,,300,,no,", ",,,300000000,,no,"))
    result = build(settings)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("select budget from raw_projects where project_id = 'FIN-P6'").fetchone() == (3e8,)
        flagged = con.execute(
            "select file, row, \"column\", value, rule, message from validation_problems where rule = 'scale'"
        ).fetchall()
    # The median of 1,000, 2,000 and 300,000,000 is 2,000: FIN-P6 is 150,000 times it.
    assert flagged == [
        (
            "FIN/projects.csv",
            4,
            "budget",
            "300000000.00",
            "scale",
            "budget 300000000.00 is 150,000 times above its department's median budget (2000.00): kept, but "
            "check its unit (pounds, thousands, millions)",
        )
    ]
    with settings.report.open(newline="") as handle:
        assert [r["rule"] for r in csv.DictReader(handle)].count("scale") == 1
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("select count(*) from validation_problems").fetchone() == (result.problems,)


def test_the_build_holds_duckdb_to_its_memory_limit(settings, monkeypatch):
    # Unlimited, DuckDB may take 80% of the machine while deriving the marts (the stress tier's build
    # went from 3.1 GB to 4.2 GB there). The limit is the setting's, and a build under a small one
    # still completes, working through temporary files.
    from pmo_dash.intake import build as building

    seen = []
    connect = building.connect

    def watched(path, chosen):
        con = connect(path, chosen)
        seen.append(con.execute("select current_setting('memory_limit')").fetchall()[0][0])
        return con

    monkeypatch.setattr(building, "connect", watched)
    result = build(settings.model_copy(update={"build_memory_limit_mb": 64}))
    assert seen == ["64.0 MiB"]
    assert result.warehouse.exists() and not list(settings.warehouse.parent.glob(".*.tmp"))
