"""Tests about the project itself: the docs say what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from pmo_dash import sql
from pmo_dash.contract import TABLES
from pmo_dash.contract_docs import DOC, render
from pmo_dash.settings import Settings

ROOT = Path(__file__).parent.parent


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"`(PMO_[A-Z_]+)`", readme))
    settings = {f"PMO_{name.upper()}" for name in Settings.model_fields}
    assert settings - documented == set(), "settings missing from README's Configuration table"
    assert documented - settings - {"PMO_REQUIRE_BROWSER"} == set(), (
        "README documents settings that do not exist"
    )


def test_data_contract_doc_matches_the_code():
    assert DOC.read_text() == render(), "docs/data-contract.md is stale: run `make docs`"


def test_contract_names_every_table_of_the_design():
    assert [t.name for t in TABLES] == [
        "departments",
        "strategic_objectives",
        "programmes",
        "projects",
        "status_reports",
        "milestones",
        "risks",
        "risk_reviews",
        "issues",
        "benefits",
        "benefit_measurements",
        "lessons",
        "change_requests",
        "stage_gates",
        "compliance_controls",
        "capacity",
        "demand",
        "post_implementation_reviews",
        "dependencies",
        "proposals",
        "proposal_demand",
        "proposal_decisions",
    ]


def test_every_reference_points_at_a_key_column():
    for table in TABLES:
        for column in table.columns:
            if column.references:
                parent, key = column.references.split(".")
                assert [t for t in TABLES if t.name == parent][0].key == (key,), column.references


def test_every_query_states_its_grain_and_takes_the_scope():
    for name in sql.query_names():
        text = sql.load(name)
        stem = name.split("/")[-1]
        assert text.startswith(f"-- {stem}:"), f"{name}.sql must open with a comment stating its grain"
        # Read before anyone has a scope, and never shown: the departments there are, and the files the
        # warehouse was built from (which tell the shipped demo from real returns), and the cut-offs it
        # was built with.
        if name not in ("portfolio/all_department_ids", "intake/source_files", "intake/thresholds"):
            assert "$scope" in text, f"{name}.sql must filter by the user's scope"


def test_every_build_step_states_its_grain():
    for path in sql.build_steps():
        assert path.read_text().startswith("--"), f"{path.name} must open with a comment"


def test_every_staging_view_is_written_out_as_the_contract_says():
    from pmo_dash.contract_docs import HAND_WRITTEN, STAGING, staging_sql

    for table in TABLES:
        path = STAGING / f"stg_{table.name}.sql"
        assert path.exists(), f"stg_{table.name} has no file of its own"
        if table.name not in HAND_WRITTEN:
            assert path.read_text() == staging_sql(table), (
                f"{path.name} differs: run `python -m pmo_dash docs`"
            )
