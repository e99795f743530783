"""Lineage (issue 13, part 7): from a project, and from each rejected row, to the submission, file and
row its figures came from; and what a PMO head is shown to fix (the data-quality rows), all against a
warehouse built from the fixture with returns submitted at known times."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from conftest import FIXTURE, copy_fixture, stored

from pmo_dash import db
from pmo_dash.intake.build import build
from pmo_dash.settings import Settings
from pmo_dash.ui import fmt

OCT = dt.date(2026, 10, 31)
HEADER = (FIXTURE / "FIN" / "status_reports.csv").read_text().splitlines()[0]
# FIN's October return, resubmitted with FIN-P1 now Amber and a row for FIN-P6 in a colour no RAG has.
FIRST = f"{HEADER}\nFIN-P1,2026-10-31,Green,Green,Amber/Green,45,600,450,500,2026-12-31,3,Recovering\n"
SECOND = (
    f"{HEADER}\n"
    "FIN-P1,2026-10-31,Amber,Green,Amber/Green,45,600,450,500,2026-12-31,3,Recovering\n"
    "FIN-P2,2026-10-31,Green,Green,Green,50,1000,1000,1000,2027-03-31,4,On track\n"
    "FIN-P6,2026-10-31,Purple,Green,Green,0,0,0,0,2026-12-31,4,Cancelled\n"
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lineage")
    source = copy_fixture(out / "returns")
    root = out / "submissions"
    stored(root, "FIN", "2026-10", "fin_head", "2026-11-05T09:00:00Z", FIRST.encode())
    stored(root, "FIN", "2026-10", "admin", "2026-11-12T16:30:00Z", SECOND.encode())
    build(Settings(data_dir=out), source, out / "w.duckdb", out / "r.csv", submissions=root)
    return out / "w.duckdb"


def lineage(warehouse: Path, project: str, scope: list[str]) -> list[tuple]:
    rows = db.query(warehouse, "project/project_lineage", {"scope": scope, "as_of": OCT, "project": project})
    return rows.select("table_name", "source_file", "source_rows", "version", "submitted_by", "sha256").rows()


def test_a_projects_figures_trace_to_the_submission_file_and_row(warehouse):
    latest = hashlib.sha256(SECOND.encode()).hexdigest()
    base = {
        n: hashlib.sha256((FIXTURE / "FIN" / f"{n}.csv").read_bytes()).hexdigest()
        for n in ("projects", "risks", "issues", "benefits")
    }
    # FIN-P1's record is row 2 of the base projects.csv; its October status is row 2 of the latest
    # version (2, by admin) of the October submission, which replaced the base file's October rows;
    # its risks are rows 2 and 4 of risks.csv, its issue and benefit row 2 of theirs.
    assert lineage(warehouse, "FIN-P1", ["FIN"]) == [
        ("projects", "FIN/projects.csv", [2], None, None, base["projects"]),
        ("status_reports", "FIN/status_reports@2026-10.csv", [2], 2, "admin", latest),
        ("risks", "FIN/risks.csv", [2, 4], None, None, base["risks"]),
        (
            "issues",
            "FIN/issues.csv",
            [2],
            None,
            None,
            base["issues"],
        ),
        (
            "benefits",
            "FIN/benefits.csv",
            [2],
            None,
            None,
            base["benefits"],
        ),
    ]
    # And the figure it carries is the resubmitted one.
    brief = db.query(
        warehouse, "project/project_brief", {"scope": ["FIN"], "as_of": OCT, "project": "FIN-P1"}
    )
    assert brief["reported_rag"][0] == "Amber"


def test_a_project_outside_the_scope_traces_to_nothing(warehouse):
    assert lineage(warehouse, "FIN-P1", ["HR"]) == []


def test_each_rejected_row_names_its_submission_file_row_and_column(warehouse):
    problems = db.query(warehouse, "quality/problems", {"scope": ["FIN"]})
    assert problems.select("file", "row", "column", "value", "rule", "version", "submitted_by").rows() == [
        ("FIN/status_reports@2026-10.csv", 4, "overall_rag", "Purple", "enum", 2, "admin"),
    ]
    # HR's PMO head sees none of FIN's problems.
    assert db.query(warehouse, "quality/problems", {"scope": ["HR"]}).is_empty()


def test_what_a_pmo_head_is_shown_to_fix_in_the_month(warehouse):
    def rows(name: str, scope: list[str]) -> list[tuple]:
        return db.query(warehouse, f"quality/{name}", {"scope": scope, "as_of": OCT}).rows()

    # HR-P4's October status was carried forward from September: not reported in October.
    assert [r[:1] + r[-1:] for r in rows("not_reported", ["FIN", "HR"])] == [("HR-P4", dt.date(2026, 9, 30))]
    assert rows("not_reported", ["FIN"]) == []
    # October's status rows never give scope_rag or resource_rag; FIN-P1's and FIN-P2's now come from
    # the submitted file (rows 2 and 3), HR-P3's from HR's workbook (row 4).
    found = [(r[0], r[4], r[5], r[6]) for r in rows("unstated_fields", ["FIN", "HR"])]
    assert found == [
        ("FIN-P1", "FIN/status_reports@2026-10.csv", 2, "scope_rag, resource_rag"),
        ("FIN-P2", "FIN/status_reports@2026-10.csv", 3, "scope_rag, resource_rag"),
        ("HR-P3", "HR/status_reports.xlsx", 4, "scope_rag, resource_rag"),
    ]


def test_row_numbers_read_as_runs():
    assert fmt.row_ranges([]) == ""
    assert fmt.row_ranges([7]) == "7"
    assert fmt.row_ranges([11, 2, 5, 6, 7, 8]) == "2, 5–8, 11"


def test_the_project_page_says_where_its_figures_came_from(fixture_settings):
    from tests.test_app import app

    at = app("project", user="fin_head", project="FIN-P1")
    assert not at.exception, [e.message for e in at.exception]
    assert "Where these figures came from" in [e.label for e in at.expander]
    [rows] = [d.value for d in at.dataframe if "source_rows" in d.value.columns]
    assert rows[["table_name", "source_file", "source_rows", "source"]].values.tolist() == [
        ["projects", "FIN/projects.csv", "2", "base returns"],
        ["status_reports", "FIN/status_reports.csv", "4", "base returns"],
        ["risks", "FIN/risks.csv", "2, 4", "base returns"],
        ["issues", "FIN/issues.csv", "2", "base returns"],
        ["benefits", "FIN/benefits.csv", "2", "base returns"],
    ]
