"""Returns built to hurt: repeated keys by the thousand, pasted pages of text. Linear, short, explained."""

from __future__ import annotations

import polars as pl

from pmo_dash.intake.ingest import ingest
from tests.test_validation import FORMATS, GOOD_PROJECT, PROJECT_HEADER, REPORT_HEADER, RISK_HEADER, returns

STORM = 8_000


def test_a_key_repeated_thousands_of_times_is_one_message(tmp_path):
    row = "P1,2026-10-31,Green,Green,Green,50,10,10,10\n"
    found = ingest(
        returns(tmp_path, {"FIN/status_reports.csv": REPORT_HEADER + "\n" + row * STORM}), FORMATS, "ipmo"
    )
    assert found.problems.rows() == [
        (
            "FIN/status_reports.csv",
            2,
            "project_id",
            "P1",
            "unique",
            "project_id + month of as_of P1 / 2026-10 appears 8000 times (FIN/status_reports.csv row 2; "
            "FIN/status_reports.csv row 3; FIN/status_reports.csv row 4; and 7997 more); every copy is rejected",
        )
    ]
    run = found.runs.filter(pl.col("path") == "FIN/status_reports.csv").row(0, named=True)
    assert (run["rows_read"], run["accepted"], run["rejected"]) == (STORM, 0, STORM)
    # Nothing lost: every copy is kept, as submitted, once.
    assert found.rejected.filter(pl.col("file") == "FIN/status_reports.csv")["row"].n_unique() == STORM


def test_many_repeated_keys_cost_one_message_each(tmp_path):
    rows = "".join(f"R{i % 500},P1,Risk {i},Supplier,2,3,Reduce,Open,2026-02-01\n" for i in range(5_000))
    found = ingest(returns(tmp_path, {"FIN/risks.csv": RISK_HEADER + "\n" + rows}), FORMATS, "ipmo")
    assert found.problems.height == 500
    assert found.problems["message"].str.len_chars().max() < 200
    assert found.problems.filter(pl.col("value") == "R7")["message"].to_list() == [
        "risk_id R7 appears 10 times (FIN/risks.csv row 9; FIN/risks.csv row 509; FIN/risks.csv row 1009; "
        "and 7 more); every copy is rejected"
    ]


def test_a_pasted_page_in_a_name_is_rejected_and_quoted_short(tmp_path):
    long_name = ("Ledger " * 14_286).strip()  # 100,001 characters
    project = f"P2,FIN,{long_name},PMI,Planning,Active,3,2026-01-01,2026-12-31,500"
    found = ingest(
        returns(tmp_path, {"FIN/projects.csv": f"{PROJECT_HEADER}\n{GOOD_PROJECT}\n{project}\n"}),
        FORMATS,
        "ipmo",
    )
    assert found.problems.select("row", "column", "rule", "message").rows() == [
        (3, "name", "too_long", "name is 100001 characters long; at most 300 are allowed")
    ]
    value = found.problems["value"][0]
    assert len(value) == 200 and value.endswith("…") and value.startswith("Ledger Ledger")
    assert found.tables["projects"].accepted["project_id"].to_list() == ["P1"]
    # The row itself is kept whole, as submitted.
    assert long_name in found.rejected.filter(pl.col("row") == 3)["record"][0]


def test_a_narrative_may_be_long_but_not_endless(tmp_path):
    summary = "x" * 5_000
    rows = [
        f"P1,2026-09-30,Green,Green,Green,40,10,10,10,{summary}",
        f"P1,2026-10-31,Green,Green,Green,50,10,10,10,{summary}y",
    ]
    found = ingest(
        returns(tmp_path, {"FIN/status_reports.csv": "\n".join([REPORT_HEADER + ",summary", *rows])}),
        FORMATS,
        "ipmo",
    )
    assert found.problems.select("row", "rule", "message").rows() == [
        (3, "too_long", "summary is 5001 characters long; at most 5000 are allowed")
    ]


def test_a_long_unreadable_value_is_quoted_short_in_its_message(tmp_path):
    risks = f"{RISK_HEADER}\nR1,P1,Vendor late,Supplier,{'9' * 1000},3,Reduce,Open,2026-02-01\n"
    found = ingest(returns(tmp_path, {"FIN/risks.csv": risks}), FORMATS, "ipmo")
    (message,) = found.problems["message"].to_list()
    assert message == f"likelihood '{'9' * 59}…' is not a whole number"
