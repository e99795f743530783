"""Each mistake in a mapping file stops the import before anything is written, with the exact message
a user reads: the mapping's path, its line, the key, and what is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pmo_dash.intake.imports import ImportFailed
from pmo_dash.intake.imports import mapping as model
from pmo_dash.intake.imports.targets import TARGETS
from tests.imports import HEADER, MAPPING, run

DOC = Path(__file__).parent.parent / "docs" / "import-mapping.md"
PACKAGE = Path(model.__file__).parent

GOOD = f"{HEADER}\nFinance,Ledger,01/04/2024,31/03/2026,12,Green\n"


def failure(tmp_path, mapping: str, files: dict[str, str] | None = None) -> str:
    with pytest.raises(ImportFailed) as err:
        run(tmp_path, files or {"a.csv": GOOD}, mapping)
    assert not (tmp_path / "out").exists()  # nothing written
    return str(err.value)


def test_a_column_no_source_file_has_names_the_mapping_line_the_file_and_its_columns(tmp_path):
    files = {"a.csv": GOOD, "b.csv": GOOD.replace("Budget", "Cost")}
    assert failure(tmp_path, MAPPING, files) == (
        f"b.csv: no column is columns.budget: {tmp_path}/map.toml line 25 looks for 'Budget'; "
        "the file's columns (row 1) are: 'Dept', 'Project', 'Start', 'End', 'Cost', 'RAG'"
    )


def test_every_file_that_lacks_a_column_is_named_at_once(tmp_path):
    files = {"a.csv": GOOD.replace("Dept", "Division"), "b.csv": GOOD.replace("End", "Finish")}
    assert failure(tmp_path, MAPPING, files).splitlines() == [
        f"a.csv: no column is department: {tmp_path}/map.toml line 10 looks for 'Dept'; "
        "the file's columns (row 1) are: 'Division', 'Project', 'Start', 'End', 'Budget', 'RAG'",
        f"b.csv: no column is columns.baseline_finish: {tmp_path}/map.toml line 24 looks for 'End'; "
        "the file's columns (row 1) are: 'Dept', 'Project', 'Start', 'Finish', 'Budget', 'RAG'",
    ]


def test_an_optional_column_may_be_missing_from_some_files(tmp_path):
    mapping = MAPPING.replace(
        'budget = "Budget"', 'budget = "Budget"\nproject_id = { from = "Ref", optional = true }'
    )
    outcome = run(tmp_path, {"a.csv": GOOD}, mapping)
    assert (outcome.rows_in, outcome.mapped) == (1, 1)


def test_a_column_the_import_cannot_fill(tmp_path):
    mapping = MAPPING.replace('budget = "Budget"', 'budget = "Budget"\ncolour = "RAG"')
    assert failure(tmp_path, mapping).startswith(
        f"{tmp_path}/map.toml line 26 (columns.colour): 'colour' is not a column an import can fill (project_id, name,"
    )


def test_a_required_contract_column_left_unmapped(tmp_path):
    mapping = MAPPING.replace('budget = "Budget"\n', "")
    assert failure(tmp_path, mapping) == (
        f"{tmp_path}/map.toml line 21 (columns): columns.budget is missing: an oversight return needs "
        "name, baseline_start, baseline_finish, budget"
    )


def test_no_rating(tmp_path):
    mapping = MAPPING.replace('overall_rag = "RAG"\n', "")
    assert failure(tmp_path, mapping) == (
        f"{tmp_path}/map.toml line 21 (columns): a rating is missing: map columns.overall_rag or "
        "columns.delivery_confidence"
    )


def test_a_unit_that_is_not_one(tmp_path):
    mapping = MAPPING.replace('unit = "thousands"', 'unit = "thousand"')
    assert failure(tmp_path, mapping) == (
        f"{tmp_path}/map.toml line 2 (source.unit): Input should be 'units', 'thousands', 'millions' or "
        "'billions', not 'thousand'"
    )


def test_a_date_format_that_is_not_one(tmp_path):
    mapping = MAPPING.replace('["%d/%m/%Y"]', '["%d/%m/%Q"]')
    assert failure(tmp_path, mapping) == (
        f"{tmp_path}/map.toml line 3 (source.date_formats): '%d/%m/%Q' is not a date format: use %d, %m, %y, "
        "%Y, %b or %B"
    )
    mapping = MAPPING.replace('["%d/%m/%Y"]', '["%m/%Y"]')
    assert failure(tmp_path, mapping).endswith(
        "'%m/%Y' is not a date format: it needs a day (%d), a month and a year"
    )


def test_a_spelling_given_to_two_departments(tmp_path):
    mapping = MAPPING.replace('aliases = ["Finance Dept"]', 'aliases = ["Finance Dept", "People"]')
    assert failure(tmp_path, mapping) == (
        f"{tmp_path}/map.toml line 19 (departments.1.name): 'People' is a spelling of both FIN and HR"
    )


def test_a_department_id_that_would_be_a_path(tmp_path):
    mapping = MAPPING.replace('id = "HR"', 'id = "../HR"')
    assert failure(tmp_path, mapping) == (
        f"{tmp_path}/map.toml line 18 (departments.1.id): '../HR' is not a department id: 1-32 letters, "
        "digits, - or _, a letter or digit first (it names the department's folder)"
    )


def test_a_rename_to_a_department_not_declared(tmp_path):
    mapping = MAPPING + '\n[[renames]]\nfrom = "FIN"\nto = "TREASURY"\n'
    assert failure(tmp_path, mapping) == (
        f"{tmp_path}/map.toml line 30 (renames.0.to): 'TREASURY' is not the id of a department in [[departments]]"
    )


def test_a_value_map_whose_replacement_does_not_read(tmp_path):
    mapping = MAPPING.replace(
        'overall_rag = "RAG"', 'overall_rag = { from = "RAG", values = { "Greenish" = "Greenest" } }'
    )
    assert failure(tmp_path, mapping) == (
        f"{tmp_path}/map.toml line 26 (columns.overall_rag.values.Greenish): 'Greenish' = 'Greenest', but "
        "'Greenest' is not one of Red, Amber, Green (or withheld, or \"\" for not applicable)"
    )


def test_a_key_the_format_does_not_have(tmp_path):
    mapping = MAPPING.replace("[department]\n", "[department]\nsheet = 'x'\n")
    assert failure(tmp_path, mapping) == (
        f"{tmp_path}/map.toml line 10 (department.sheet): 'sheet' is not a key here (see docs/import-mapping.md)"
    )


def test_department_column_and_constant_both(tmp_path):
    mapping = MAPPING.replace('column = "Dept"', 'column = "Dept"\nconstant = "FIN"')
    assert failure(tmp_path, mapping) == (
        f"{tmp_path}/map.toml line 9 (department): give either column (the department's column) or constant "
        "(one department id)"
    )


def test_not_toml(tmp_path):
    assert failure(tmp_path, MAPPING.replace("[columns]", "[columns")) == (
        f"{tmp_path}/map.toml: not valid TOML: Expected ']' at the end of a table declaration (at line 21, column 9)"
    )


def test_a_file_with_no_as_of_date(tmp_path):
    mapping = MAPPING.replace('match = "*"', 'match = "2024-*.csv"')
    assert failure(tmp_path, mapping) == (
        "a.csv: has no as-of date: add a [[files]] entry whose match fits 'a.csv' with as_of = YYYY-MM-DD, "
        "or map [as_of] column"
    )


def test_every_key_column_and_rule_is_documented():
    doc = DOC.read_text()
    documented = set(re.findall(r"`([a-z_]+)`", doc))
    documented |= {part for table in re.findall(r"`\[\[?([a-z_.]+)", doc) for part in table.split(".")}
    tables = (model.Mapping, model.Source, model.FileRule, model.AsOf, model.DepartmentSource)
    tables += (model.Department, model.Rename, model.Column, model.Markers, model.Projects, model.Link)
    keys = {field.alias or name for table in tables for name, field in table.model_fields.items()}
    assert keys - documented == set()
    assert set(TARGETS) - documented == set()
    code = "\n".join(p.read_text() for p in PACKAGE.glob("*.py"))
    rules = set(re.findall(r'rule="([a-z_]+)"', code))
    rules |= set(re.findall(r'(?:report|problem)\(\s*[^,()]+,\s*[^,]+,\s*"([a-z_]+)"', code))
    assert rules == {"value_map", "type", "range", "currency", "too_long", "encoding", "clash", "department"} | {
        "as_of", "required", "duplicate", "date_order"
    }  # fmt: skip
    assert {r for r in rules if f"| `{r}` |" not in doc} == set()
