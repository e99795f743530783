"""Submissions (issue 13, parts 2-4): the preview, the append-only store, the merge the build reads,
who may submit, and the background rebuild. Real files, real DuckDB, values checked by hand against
tests/fixtures/portfolio."""

from __future__ import annotations

import threading

import duckdb
import pytest

from pmo_dash.auth.roles import User
from pmo_dash.intake import SubmissionRefused, check_submission, rebuild_status, submit
from pmo_dash.intake.build import build
from pmo_dash.intake.submissions import queue
from pmo_dash.intake.submissions.store import SubmissionStore
from pmo_dash.settings import Settings
from tests.conftest import USERS, copy_fixture
from tests.test_submission_files import workbook

STATUS = "project_id,as_of,overall_rag,schedule_rag,cost_rag,percent_complete,planned_value,earned_value,actual_cost"
FIN_HEAD = User("fin_head", "Fin Head", ("pmo_head",), ("FIN",))
ADMIN = User("admin", "Admin", ("admin",), ())


@pytest.fixture
def settings(tmp_path) -> Settings:
    out = tmp_path / "out"
    # Every path of its own: Settings also reads the session's PMO_* variables (the shared warehouse).
    return Settings(
        source_dir=copy_fixture(tmp_path / "returns"),
        data_dir=out,
        warehouse=out / "warehouse.duckdb",
        report=out / "report.csv",
        scenarios=out / "scenarios.sqlite",
        submissions_dir=out / "submissions",
    )


def rows(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_the_preview_counts_and_places_every_planted_error_in_a_csv(settings):
    report = (
        f"{STATUS}\n"
        "FIN-P1,2026-11-30,Red,Red,Amber,50,700,500,600\n"  # row 2: fine
        "FIN-P9,2026-11-30,Red,Red,Amber,50,700,500,600\n"  # row 3: no such project
        "FIN-P2,2026-11-15,Purple,Green,Green,55,1,1,1\n"  # row 4: not a RAG
        "FIN-P2,2026-10-31,Green,Green,Green,55,1,1,1\n"  # row 5: another month
        "HR-P3,2026-11-30,Green,Green,Green,10,1,1,1\n"  # row 6: another department's project
    )
    found = check_submission(settings, FIN_HEAD, "FIN", "2026-11", [("status_reports.csv", report.encode())])
    assert found.counts == {"status_reports": {"read": 5, "accepted": 1, "rejected": 4}}
    assert found.problems.select("file", "row", "column", "value", "rule", "message").rows() == [
        (
            "status_reports.csv",
            3,
            "project_id",
            "FIN-P9",
            "reference",
            "project_id FIN-P9 is not a known project",
        ),
        (
            "status_reports.csv",
            4,
            "overall_rag",
            "Purple",
            "enum",
            "overall_rag 'Purple' is not one of Red, Amber, Green",
        ),
        (
            "status_reports.csv",
            5,
            "as_of",
            "2026-10-31",
            "period",
            "as_of 2026-10-31 is not in 2026-11, the period this return is for: a row of another month belongs "
            "in that month's return",
        ),
        (
            "status_reports.csv",
            6,
            "project_id",
            "HR-P3",
            "reference",
            "project_id HR-P3 is not a known project",
        ),
    ]
    assert not settings.submissions_dir.exists() or SubmissionStore(settings.submissions_dir).listing() == []


def test_the_preview_of_a_workbook_names_each_sheet_and_resolves_against_the_upload(settings):
    book = workbook(
        {
            "Instructions": [["Fill in one sheet per return"]],
            "projects": [
                ["project_id", "department_id", "name", "methodology", "stage", "state", "strategic_fit"]
                + ["baseline_start", "baseline_finish", "budget"],
                [
                    "FIN-P7",
                    "FIN",
                    "New ledger",
                    "Agile",
                    "Planning",
                    "Active",
                    3,
                    "2026-11-01",
                    "2027-06-30",
                    90,
                ],
                ["HR-P8", "HR", "Not ours", "Agile", "Planning", "Active", 3, "2026-11-01", "2027-06-30", 90],
            ],
            "status_reports": [
                STATUS.split(","),
                ["FIN-P7", "2026-11-30", "G", "Green", "Green", 5, 10, 10, 10],
                [],
                [
                    "FIN-P1",
                    "2026-11-30",
                    "Red",
                    "Red",
                    "Red",
                    50,
                    700,
                    500,
                    600,
                ],  # FIN-P1 left out: replaced whole
            ],
        }
    )
    found = check_submission(settings, ADMIN, "FIN", "2026-11", [("fin return.xlsx", book)])
    assert found.counts == {
        "projects": {"read": 2, "accepted": 1, "rejected": 1},
        "status_reports": {"read": 2, "accepted": 1, "rejected": 1},
    }
    assert found.problems.select("file", "row", "column", "rule").rows() == [
        ("fin return.xlsx (sheet projects)", 3, "department_id", "department"),
        ("fin return.xlsx (sheet projects)", 3, "department_id", "reference"),
        ("fin return.xlsx (sheet status_reports)", 4, "project_id", "reference"),
    ]
    assert found.notes == ["fin return.xlsx: sheet 'Instructions' is not a standard return; ignored"]


def test_who_may_submit_is_decided_on_the_server(settings):
    hr_head = User("hr_head", "HR Head", ("pmo_head",), ("HR",))
    upload = [("risks.csv", b"risk_id\n")]
    with pytest.raises(SubmissionRefused, match="^hr_head may not submit returns for FIN$"):
        submit(settings, hr_head, "FIN", "2026-11", upload)
    for name, (roles, departments) in USERS.items():
        user = User(name, name, tuple(roles), tuple(departments))
        assert user.may_submit("FIN") == (name in ("fin_head", "admin")), name
        assert user.may_submit("HR") == (name in ("hr_head", "admin")), name
    with pytest.raises(SubmissionRefused, match="^exec may not submit"):
        check_submission(settings, User("exec", "E", ("executive",), ()), "FIN", "2026-11", upload)
    with pytest.raises(SubmissionRefused, match=r"^'\.\./FIN' is not a department id$"):
        check_submission(settings, ADMIN, "../FIN", "2026-11", upload)
    with pytest.raises(SubmissionRefused, match=r"^'2026-13' is not a period \(YYYY-MM\)$"):
        check_submission(settings, ADMIN, "FIN", "2026-13", upload)
    assert not settings.submissions_dir.exists() or SubmissionStore(settings.submissions_dir).listing() == []


def test_a_resubmission_is_a_new_version_and_the_first_is_kept_byte_for_byte(settings):
    store = SubmissionStore(settings.submissions_dir)
    first = store.save("FIN", "2026-11", "fin_head", [("a.csv", "risks.csv", b"one", ["risks"])], {})
    kept = {p.name: p.read_bytes() for p in (settings.submissions_dir / "FIN/2026-11/v0001").iterdir()}
    second = store.save("FIN", "2026-11", "admin", [("b.csv", "risks.csv", b"two", ["risks"])], {})
    assert (first.version, second.version, second.folder) == (1, 2, "FIN/2026-11/v0002")
    assert {
        p.name: p.read_bytes() for p in (settings.submissions_dir / "FIN/2026-11/v0001").iterdir()
    } == kept
    assert kept["risks.csv"] == b"one" and store.latest("FIN", "2026-11").user == "admin"
    assert store.latest("FIN", "2026-11").files[0].sha256 == (
        "3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3"
    )


def test_submissions_at_the_same_moment_all_land(settings):
    store = SubmissionStore(settings.submissions_dir)
    start = threading.Barrier(6)

    def save(n: int) -> None:
        start.wait()
        store.save("FIN", "2026-11", f"user{n}", [("r.csv", "risks.csv", f"{n}".encode(), ["risks"])], {})

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    found = store.versions("FIN", "2026-11")
    assert [m.version for m in found] == [1, 2, 3, 4, 5, 6]
    assert sorted(m.user for m in found) == [f"user{n}" for n in range(6)]


def test_the_build_reads_the_latest_version_a_monthly_period_replaced_and_a_table_whole(settings):
    store = SubmissionStore(settings.submissions_dir)
    october = f"{STATUS}\nFIN-P1,2026-10-31,Red,Red,Red,45,600,450,500\n".encode()
    store.save(
        "FIN", "2026-10", "fin_head", [("s.csv", "status_reports.csv", b"junk", ["status_reports"])], {}
    )
    store.save(
        "FIN", "2026-10", "fin_head", [("s.csv", "status_reports.csv", october, ["status_reports"])], {}
    )
    risks = b"risk_id,project_id,title,category,likelihood,impact,response,state,raised_on\n"
    risks += b"FIN-R9,FIN-P2,New risk,Supplier,2,2,Reduce,Open,2026-10-01\n"
    store.save("FIN", "2026-11", "fin_head", [("r.csv", "risks.csv", risks, ["risks"])], {})
    build(settings, submissions=settings.submissions_dir)
    # October replaced (FIN-P2's October return was not resubmitted: gone); August and September kept.
    assert rows(
        settings,
        "select project_id, as_of::varchar, overall_rag from raw_status_reports "
        "where project_id like 'FIN%' order by 1, 2",
    ) == [
        ("FIN-P1", "2026-08-31", "Green"),
        ("FIN-P1", "2026-09-30", "Green"),
        ("FIN-P1", "2026-10-31", "Red"),
        ("FIN-P2", "2026-09-30", "Green"),
    ]
    assert rows(settings, "select risk_id from raw_risks order by 1") == [("FIN-R9",), ("HR-R1",)]
    assert rows(
        settings, "select path, version, table_name, stored_as from submission_sources order by 1"
    ) == [
        ("FIN/risks.csv", 1, "risks", "FIN/2026-11/v0001/risks.csv"),
        ("FIN/status_reports@2026-10.csv", 2, "status_reports", "FIN/2026-10/v0002/status_reports.csv"),
    ]
    # The base returns alone, as before, when there is nothing submitted (or no repository is given).
    build(settings)
    assert rows(settings, "select count(*) from raw_status_reports where project_id like 'FIN%'") == [(5,)]
    assert rows(settings, "select count(*) from submission_sources") == [(0,)]


def test_two_submissions_at_once_are_both_stored_and_both_in_the_rebuilt_warehouse(settings):
    build(settings)
    hr_head = User("hr_head", "HR Head", ("pmo_head",), ("HR",))
    uploads = {
        (FIN_HEAD, "FIN"): f"{STATUS}\nFIN-P1,2026-11-30,Red,Red,Red,50,700,500,600\n",
        (hr_head, "HR"): f"{STATUS}\nHR-P3,2026-11-30,Amber,Green,Red,60,300,280,350\n",
    }
    start, done = threading.Barrier(2), []

    def send(user: User, department: str, text: str) -> None:
        start.wait()
        done.append(submit(settings, user, department, "2026-11", [("status_reports.csv", text.encode())]))

    threads = [threading.Thread(target=send, args=(*key, text)) for key, text in uploads.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted((m.department_id, m.version, m.counts["status_reports"]["accepted"]) for m in done) == [
        ("FIN", 1, 1),
        ("HR", 1, 1),
    ]
    finished = queue.wait(settings, 300)
    assert (finished.state, finished.pending) == ("done", False), finished.message
    assert rows(
        settings,
        "select project_id, overall_rag from raw_status_reports where as_of = '2026-11-30' order by 1",
    ) == [("FIN-P1", "Red"), ("HR-P3", "Amber")]
    assert rebuild_status(settings).message.startswith("rebuilt in ")


def test_a_failed_rebuild_keeps_the_warehouse_serving_and_the_submission_stored(settings):
    build(settings)
    before = settings.warehouse.read_bytes()
    starved = settings.model_copy(update={"build_memory_mb": 64})
    report = f"{STATUS}\nFIN-P1,2026-11-30,Red,Red,Red,50,700,500,600\n".encode()
    manifest = submit(starved, FIN_HEAD, "FIN", "2026-11", [("status_reports.csv", report)])
    finished = queue.wait(starved, 300)
    assert finished.state == "failed"
    assert "PMO_BUILD_MEMORY_MB" in finished.message
    assert settings.warehouse.read_bytes() == before
    stored = SubmissionStore(settings.submissions_dir).latest("FIN", "2026-11")
    assert stored == manifest
    assert (settings.submissions_dir / "FIN/2026-11/v0001/status_reports.csv").read_bytes() == report


def test_after_a_whole_template_is_submitted_the_next_return_resolves_against_it(settings):
    """A submitted workbook is stored once and read under each table's name: the build reads each sheet
    without a word about the others, and a later preview resolves its projects (FIN-P1) against it."""
    from pmo_dash.intake import template_workbook

    build(settings)
    submit(
        settings,
        FIN_HEAD,
        "FIN",
        "2026-10",
        [("FIN-2026-10.xlsx", template_workbook(settings, "FIN", "2026-10"))],
    )
    assert queue.wait(settings, 300).state == "done"
    assert rows(settings, "select count(*) from validation_problems") == [(0,)]
    found = check_submission(
        settings,
        FIN_HEAD,
        "FIN",
        "2026-11",
        [("status_reports.csv", f"{STATUS}\nFIN-P1,2026-11-30,Red,Red,Amber,50,700,500,600\n".encode())],
    )
    assert (found.counts, found.problems.height) == (
        {"status_reports": {"read": 1, "accepted": 1, "rejected": 0}},
        0,
    )
