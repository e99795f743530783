"""Every page, opened on a warehouse built from hostile returns: nothing from a return becomes live."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import duckdb
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from pmo_dash.exports import TRIGGERS
from pmo_dash.settings import Settings, get_settings
from pmo_dash.ui import shell
from pmo_dash.ui.benefits import views as benefit_views
from pmo_dash.ui.governance import views as governance_views
from pmo_dash.ui.lessons import views as lesson_views
from pmo_dash.ui.portfolio import home
from pmo_dash.ui.whatif import export, scenarios
from pmo_dash.ui.whatif import views as whatif_views
from tests import office
from tests.conftest import app_on
from tests.hostile import LIVE_IN_CHART, LIVE_IN_MARKDOWN, STORM, hostile_copy
from tests.test_access import page_bytes
from tests.test_app import app
from tests.test_downloads import downloads  # noqa: F401 (a fixture)
from tests.test_whatif_page import app_candidates, save

# Fields whose text is never read as markdown: table data, widget values, chart specs (checked on
# their own below), and the identifiers Streamlit keeps for itself.
NOT_MARKDOWN = {"data", "spec", "value", "defaultValue", "default", "id", "formId", "key", "url"}
# Widgets whose choices are drawn as plain text (checked in Chromium); radio buttons, segmented
# controls and pills draw theirs as markdown, so their options are checked like any label.
PLAIN_OPTIONS = {"selectbox", "multiselect"}
# Chart fields that are data or templates of ours, not text shown as it is.
NOT_SHOWN = {"customdata", "hovertemplate", "texttemplate", "ids", "meta"}
LINKS = {"department": "FIN", "programme": "FIN-PG1", "project": "FIN-P1"}


@pytest.fixture(scope="module")
def hostile_app(fixture_settings, tmp_path_factory):
    """The app on a warehouse built from the hostile returns, for this module."""
    out = tmp_path_factory.mktemp("hostile")
    with app_on(hostile_copy(out / "returns"), out) as settings:
        yield settings


def test_the_hostile_returns_build_and_are_accounted_for(hostile_app: Settings):
    with duckdb.connect(str(hostile_app.warehouse), read_only=True) as con:
        names = dict(con.sql("select project_id, length(name) from raw_projects").fetchall())
        storm = con.sql(
            "select rows_read, accepted, rejected from ingest_runs where path = 'HR/status_reports.csv'"
        ).fetchall()
        problems = con.sql(
            "select rule, count(*) from validation_problems group by rule order by rule"
        ).fetchall()
    assert names["FIN-P8"] == 289 and "FIN-P9" not in names
    assert storm == [(STORM + 6, 6, STORM)]
    assert problems == [("enum", 1), ("too_long", 1), ("unique", 1)]


def markdown_texts(at: AppTest) -> list[str]:
    """Every text of the run that Streamlit may read as markdown (titles, captions, alerts, labels...)."""
    found: list[str] = []

    def strings(value, widget: str, key: str = "") -> None:
        if key in NOT_MARKDOWN or (key == "options" and widget in PLAIN_OPTIONS):
            return
        if isinstance(value, dict):
            for k, v in value.items():
                strings(v, widget, k)
        elif isinstance(value, list):
            for v in value:
                strings(v, widget, key)
        elif isinstance(value, str):
            found.append(value)

    def walk(node) -> None:
        if getattr(node, "proto", None) is not None:
            strings(MessageToDict(node.proto), getattr(node, "type", ""))
        for child in getattr(node, "children", {}).values():
            walk(child)

    for block in at._tree.children.values():
        walk(block)
    return found


def chart_texts(at: AppTest) -> list[str]:
    """Every text a chart shows, from its plotly spec."""
    found: list[str] = []

    def strings(value, key: str = "") -> None:
        if key in NOT_SHOWN:
            return
        if isinstance(value, dict):
            for k, v in value.items():
                strings(v, k)
        elif isinstance(value, list):
            for v in value:
                strings(v, key)
        elif isinstance(value, str):
            found.append(value)

    for chart in at.get("plotly_chart"):
        strings(json.loads(chart.proto.spec))
    return found


def live(texts: list[str], pattern) -> list[str]:
    """The hostile texts that are still live."""
    return [t for t in texts if "evil" in t and pattern.search(t)]


def visits() -> list[tuple[str, str, dict[str, str]]]:
    pages = [(page, "exec", {page: LINKS[page]} if page in LINKS else {}) for page in shell.PAGES]
    pages = [(p, "admin" if p == "admin" else u, q) for p, u, q in pages]
    pages += [
        ("risks", "exec", {"department": "FIN"}),
        ("project", "exec", {"project": "FIN-P8"}),
        ("department", "exec", {"department": "<a href='https://evil.example'>x</a> :material/home:"}),
        # The indexes (nothing chosen yet) and the home page's other tabs (issue 14).
        *((page, "exec", {}) for page in ("department", "programme", "project")),
        *(("enterprise", "exec", {"tab": tab}) for tab in home.TABS[1:]),
        # And the later tabs of the department, what-if and governance pages.
        *(
            ("department", "exec", {"department": "FIN", "department_tab": tab})
            for tab in home.DEPARTMENT_TABS[1:]
        ),
        *(("whatif", "exec", {"whatif_tab": tab}) for tab in whatif_views.TABS[1:]),
        *(("governance", "exec", {"governance_tab": tab}) for tab in governance_views.TABS[1:]),
        *(("governance", "exec", {governance_views.MADE_KEY: tab}) for tab in governance_views.MADE[1:]),
        *(("benefits", "exec", {benefit_views.CHARTS_KEY: tab}) for tab in benefit_views.CHARTS[1:]),
        *(("benefits", "exec", {"benefits_tab": tab}) for tab in benefit_views.TABS[1:]),
        *(("lessons", "exec", {"lessons_tab": tab}) for tab in lesson_views.TABS[1:]),
    ]
    return pages


@pytest.mark.parametrize(("page", "user", "query"), visits(), ids=lambda v: str(v))
def test_no_page_makes_hostile_text_live(hostile_app, page, user, query):
    at = app(page, user=user, **query)
    assert not at.exception, [e.message for e in at.exception]
    assert b"evil" in page_bytes(at) or page == "admin", "control: the hostile text reaches the page"
    assert live(markdown_texts(at), LIVE_IN_MARKDOWN) == []
    assert live(chart_texts(at), LIVE_IN_CHART) == []


def formulas(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would run: they start like a formula and are not just a signed number."""
    return [c for c in cells if c.startswith(TRIGGERS) and not re.fullmatch(r"[+-][0-9]+(\.[0-9]+)?", c)]


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode(), newline="")) for cell in row]


def test_the_validation_report_of_hostile_returns_runs_nothing(hostile_app: Settings):
    cells = csv_cells(hostile_app.report.read_bytes())
    assert any(c.startswith("'=HYPERLINK") for c in cells), "control: the hostile value is in the report"
    assert formulas(cells) == []


@pytest.mark.parametrize(
    ("page", "query"),
    [("department", {"department": "FIN"}), ("programme", {"programme": "FIN-PG1"}), ("lessons", {})],
)
def test_table_downloads_of_hostile_returns_run_nothing(hostile_app, downloads, page, query):  # noqa: F811
    at = app(page, user="exec", **query)
    assert not at.exception
    assert downloads, "control: the page offers a download"
    for _, name, data in downloads:
        if name.endswith(".csv"):
            cells = csv_cells(data)
            assert any("evil" in c for c in cells), "control: hostile text is in the file"
            assert formulas(cells) == []
            continue
        # The page's tables as one workbook, and (department, programme) its board pack, whose charts
        # embed workbooks of their own: text, never a formula or a link.
        assert name.endswith((".xlsx", ".pptx")), name
        assert "evil" in "".join(office.parts(data).values()), f"control: hostile text is in {name}"
        assert office.live(data) == [], name


def test_scenario_exports_of_hostile_returns_run_nothing(hostile_app):
    get_settings().scenarios.unlink(missing_ok=True)
    save(app("whatif"), '=HYPERLINK("http://evil.example")')
    [scenario] = scenarios.store().list(("FIN", "HR"))
    candidates = app_candidates()
    cells = csv_cells(export.scenario_csv(scenario, candidates))
    assert any("evil" in c for c in cells)
    assert formulas(cells) == []
    with zipfile.ZipFile(io.BytesIO(export.scenario_xlsx(scenario, candidates))) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/")]
    assert "evil" in "".join(sheets)
    assert not [s for s in sheets if re.search(r"<f[ >]", s) or "hyperlink" in s]
