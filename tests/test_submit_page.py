"""The Submit page (issue 13, part 2), as AppTest runs it: a PMO head uploads a return, sees each
planted error with its file, row and column before anything is stored, submits, and sees the change on
the department's page after the rebuild; another PMO head cannot submit for that department; executives
and viewers have no Submit page."""

from __future__ import annotations

import os

import polars as pl
import pytest

from pmo_dash.intake.submissions import queue
from pmo_dash.intake.submissions.store import SubmissionStore
from pmo_dash.settings import get_settings
from tests.conftest import app_on, copy_fixture
from tests.test_app import app

STATUS = "project_id,as_of,overall_rag,schedule_rag,cost_rag,percent_complete,planned_value,earned_value,actual_cost"
# FIN-P1 reported Red for November (Green in October); row 3 names no known project, row 4 a bad RAG.
RETURN = (
    f"{STATUS}\n"
    "FIN-P1,2026-11-30,Red,Red,Amber,50,700,500,600\n"
    "FIN-P9,2026-11-30,Green,Green,Green,50,700,500,600\n"
    "FIN-P2,2026-11-30,Purple,Green,Green,55,1,1,1\n"
).encode()


@pytest.fixture(scope="module")
def submit_app(fixture_settings, tmp_path_factory):
    out = tmp_path_factory.mktemp("submit_app")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PMO_SUBMISSIONS_DIR", str(out / "submissions"))
        with app_on(copy_fixture(out / "returns"), out) as settings:
            yield settings
    get_settings.cache_clear()
    assert "PMO_SUBMISSIONS_DIR" not in os.environ


def table(at, column: str) -> pl.DataFrame:
    [found] = [pl.from_pandas(d.value) for d in at.dataframe if column in d.value.columns]
    return found


def upload(user: str, **query):
    at = app("submit", user=user, **query)
    at.selectbox(key="submit_period").set_value("2026-11").run()
    at.file_uploader[0].set_value(("status_reports.csv", RETURN, "text/csv")).run()
    return at


def test_a_pmo_head_sees_each_problem_before_anything_is_stored(submit_app):
    at = upload("fin_head")
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="submit_for").options == ["Finance (FIN)"]
    assert table(at, "read").rows() == [("status_reports", 3, 1, 2)]
    assert table(at, "message").select("file", "row", "column", "value", "rule").rows() == [
        ("status_reports.csv", 3, "project_id", "FIN-P9", "reference"),
        ("status_reports.csv", 4, "overall_rag", "Purple", "enum"),
    ]
    assert [w.value.split(":")[0] for w in at.warning] == ["2 rows would be rejected"]
    assert (
        not submit_app.submissions_dir.exists() or SubmissionStore(submit_app.submissions_dir).listing() == []
    )


def test_submitting_stores_a_version_and_the_rebuild_shows_it(submit_app):
    before = table(
        app("department", department="FIN", as_of="Oct 2026", department_tab="Projects"), "reported_rag"
    )
    assert before.filter(pl.col("project_id") == "FIN-P1")["reported_rag"].to_list() == [["Green"]]
    at = upload("fin_head")
    at.button(key="submit_return").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.value for s in at.success][0].startswith("Submitted as version 1 of FIN's return for Nov 2026.")
    assert not at.file_uploader[0].value  # a fresh uploader: the files were submitted
    [manifest] = SubmissionStore(submit_app.submissions_dir).listing()
    assert (manifest.user, manifest.counts) == (
        "fin_head",
        {"status_reports": {"read": 3, "accepted": 1, "rejected": 2}},
    )
    assert queue.wait(submit_app, 300).state == "done"
    # The department page as of November: FIN-P1's reported RAG is the submitted Red.
    after = app("department", department="FIN", as_of="Nov 2026", department_tab="Projects")
    assert not after.exception, [e.message for e in after.exception]
    projects = table(after, "reported_rag")
    assert projects.filter(pl.col("project_id") == "FIN-P1")["reported_rag"].to_list() == [["Red"]]
    history = table(app("submit", user="fin_head"), "submitted_at")
    assert history.select("department", "period", "version", "user", "accepted", "rejected").rows() == [
        ("FIN", "Nov 2026", 1, "fin_head", 1, 2)
    ]


def test_another_pmo_head_cannot_submit_for_finance_through_the_link(submit_app):
    at = app("submit", user="hr_head", submit_for="FIN")
    assert [e.value for e in at.error] == [
        "You cannot submit returns for 'FIN': PMO heads submit for their own departments only."
    ]
    assert at.selectbox(key="submit_for").options == ["People (HR)"]


@pytest.mark.parametrize("user", ["exec", "hr_viewer"])
def test_executives_and_viewers_have_no_submit_page(submit_app, user):
    at = app("submit", user=user)
    assert [e.value for e in at.error] == [
        "Submit returns is not open to your role. The menu on the left lists the pages you can open."
    ]
    assert not at.file_uploader
