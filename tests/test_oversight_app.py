"""The pages on the oversight fixture (tests/fixtures/oversight/README.md), as AppTest runs them: what
an oversight-level portfolio shows, and that nothing it does not report reads as None, 0 or Red."""

from __future__ import annotations

import base64
import json
import os
import re

import numpy as np
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from pmo_dash.intake.build import build
from pmo_dash.settings import get_settings
from tests.conftest import OVERSIGHT_FORMATS, every_view, on_screen, ranking
from tests.test_app import app, metrics

# Fields that are data or identifiers, not text a reader sees.
NOT_TEXT = {"data", "spec", "id", "formId", "key", "url", "arrowData"}
LINKS = {"department": "MOJ", "project": "MOJ-P1"}


@pytest.fixture(scope="module")
def oversight_app(fixture_settings, oversight_source, tmp_path_factory):
    """The app's settings pointed at the oversight warehouse for this module, then back."""
    out = tmp_path_factory.mktemp("oversight_app")
    env = {
        "PMO_SOURCE_DIR": str(oversight_source),
        "PMO_WAREHOUSE": str(out / "warehouse.duckdb"),
        "PMO_REPORT": str(out / "report.csv"),
        "PMO_SCENARIOS": str(out / "scenarios.sqlite"),
        "PMO_DAY_FIRST_FORMATS": json.dumps(OVERSIGHT_FORMATS),
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        get_settings.cache_clear()
        settings = get_settings()
        build(settings)
        yield settings
    get_settings.cache_clear()
    assert os.environ["PMO_WAREHOUSE"] == str(fixture_settings.warehouse)


def texts(at: AppTest) -> list[str]:
    """Every text the run shows: titles, captions, labels, values, help, chart titles and labels."""
    found: list[str] = []

    def strings(value, key: str = "") -> None:
        if key in NOT_TEXT:
            return
        if isinstance(value, dict):
            for k, v in value.items():
                strings(v, k)
        elif isinstance(value, list):
            for v in value:
                strings(v, key)
        elif isinstance(value, str):
            found.append(value)

    def walk(node) -> None:
        if getattr(node, "proto", None) is not None:
            strings(MessageToDict(node.proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    for block in at._tree.children.values():
        walk(block)
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        strings({k: v for k, v in spec.get("layout", {}).items() if k != "template"})
        strings([{k: t.get(k) for k in ("name", "text") if k in t} for t in spec.get("data", [])])
    return found


def chart(at: AppTest, key: str) -> dict:
    """The plotly figure a chart with this key drew."""
    [drawn] = [c for c in at.get("plotly_chart") if c.proto.id.endswith(key) or key in c.proto.id]
    return json.loads(drawn.proto.spec)


def shows_none(at: AppTest) -> list[str]:
    """Texts that show a missing value as None ("None recorded." is a sentence, not a value)."""
    return [t for t in texts(at) if re.search(r"\bNone\b(?! recorded)", t)]


def values(array) -> list:
    """A plotly array as JSON holds it: a list, or numbers packed as base64 with their dtype."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


@pytest.mark.parametrize(("page", "user", "query"), every_view(LINKS))
def test_every_page_opens_on_oversight_returns(oversight_app, page, user, query):
    opens_clean(app(page, user=user, **query))


def opens_clean(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert shows_none(at) == []
    # A table shows a dash, never "None", for what the returns did not carry.
    assert {d.proto.placeholder for d in at.dataframe} <= {"–"}


def test_enterprise_cards_say_what_is_not_reported_and_what_is_withheld(oversight_app):
    at = app()
    assert metrics(at) == {
        "Active projects": ("6", "no change"),
        # £30m + £4.5m + £1.2bn + £150m + £80m; February had MOJ-P1 at its original £26.19m.
        "Budget": ("£1.46bn", "+£3.81m"),
        "EAC": ("not reported", None),
        "SPI": ("0.90", None),  # MOJ-P3 alone: 1.8m / 2m
        "CPI": ("not reported", None),
        "Red (evidence)": ("20%", "-20 pts"),  # 1 of 5 rated; February 2 of 5
        "High risks": ("1", "no change"),
        "Satisfaction": ("not reported", None),  # the oversight returns give no score
    }
    budget = next(m for m in at.metric if m.label == "Budget")
    assert budget.help.endswith("excluding 1 withheld")
    assert "Budget excluding 1 withheld." in [
        c.value.split(" sparklines over the last 12 periods. ")[-1] for c in at.caption
    ]
    # No chart of SPI against CPI (nobody reports both), and it says which return would.
    assert any(
        c.value.startswith("Not reported: no project in view reports both SPI and CPI")
        for c in app(tab="Schedule and cost").caption
    )


def test_reporting_compliance_follows_each_departments_cadence(oversight_app):
    table = next(d for d in app().dataframe if d.key == "department_table").value
    columns = ["department_id", "reporting_compliance", "reported_projects", "active_projects", "cadence"]
    assert sorted(table[columns].itertuples(index=False, name=None)) == [
        ("DFT", 0.5, 1, 2, "Quarterly"),
        ("MOJ", 0.75, 3, 4, "Annual"),
    ]


def test_the_rating_chart_shows_the_five_points_as_reported(oversight_app):
    at = app(tab="RAG by department")
    at.segmented_control(key="rag_basis").set_value("Reported").run()
    drawn = chart(at, "rag_mix")["data"]
    bars = {t["name"]: dict(zip(values(t["customdata"]), values(t["x"]), strict=True)) for t in drawn}
    assert {name: {d: n for d, n in counts.items() if n} for name, counts in bars.items()} == {
        "Red": {"MOJ": 1},
        "Amber/Red": {"MOJ": 1},
        "Amber": {},
        "Amber/Green": {"MOJ": 2},
        "Green": {"DFT": 2},
        "Not reported": {},
    }
    colours = {t["name"]: t["marker"]["color"] for t in chart(at, "rag_mix")["data"]}
    assert (colours["Amber/Red"], colours["Amber/Green"]) == ("#ea6322", "#a3b52a")
    assert any("Amber/Green as Amber, Amber/Red as Red" in c.value for c in at.caption)


def test_department_totals_exclude_the_withheld_budget(oversight_app):
    at = app("department", department="MOJ")
    got = metrics(at)
    assert (got["Active projects"][0], got["Budget"][0], got["SPI"][0]) == ("4", "£1.23bn", "0.90")
    assert "Budgets excluding 1 withheld." in [c.value for c in at.caption]  # under the programmes
    at = app("department", department="MOJ", department_tab="Projects")
    [table] = [d.value for d in at.dataframe if "spi_trend" in d.value.columns]
    # Worst evidence first, then the lowest SPI (a project that reports none comes after those that do).
    assert table["project_id"].tolist() == ["MOJ-P3", "MOJ-P1", "MOJ-P4", "MOJ-P2"]
    withheld = table.set_index("project_id").loc["MOJ-P2"]
    assert withheld["budget"] != withheld["budget"]  # NaN: shown as a dash, never £0
    assert list(table.set_index("project_id")["delivery_confidence"]) == [
        ["Amber/Red"],
        ["Amber/Green"],
        ["Red"],
        ["Amber/Green"],
    ]


def test_the_project_page_shows_slip_against_both_baselines(oversight_app):
    at = app("project", project="MOJ-P1")
    got = metrics(at)
    assert got["Slip (days)"][0] == "+31" and got["Budget"][0] == "£30.0m"
    assert (got["Complete"][0], got["SPI"][0], got["EAC"][0]) == ("not reported",) * 3
    assert (
        "Re-baselined: +31 days against the current baseline finish (30 Sep 2027), +214 against the "
        "original (31 Mar 2027)."
    ) in [c.value for c in at.caption]


def test_a_withheld_budget_on_the_project_page(oversight_app):
    at = app("project", project="MOJ-P2")
    got = metrics(at)
    assert got["Budget"][0] == "withheld" and got["Slip (days)"][0] == "not reported"
    assert any("evidence **:gray-badge[not reported]**" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    "page, query, says",
    [
        ("benefits", {}, "No benefits in view: a department's `benefits` and `benefit_measurements` returns"),
        ("lessons", {}, "No lessons in view: a department's `lessons` return would supply them"),
        (
            "risks",
            {"department": "DFT"},
            "No risks or issues in view: a department's `risks` and `issues` returns would supply them",
        ),
        (
            "risks",
            {"risks_tab": "Trends"},
            "No open issues in view: a department's `issues` return would supply them.",
        ),
    ],
)
def test_a_page_says_which_return_would_supply_what_it_lacks(oversight_app, page, query, says):
    at = app(page, **query)
    shown = [on_screen(e.value) for e in [*at.info, *at.caption]]
    assert any(s.startswith(says) for s in shown), shown
    # Nothing drawn on bare axes where there is nothing: no chart of benefits or lessons at all.
    if page != "risks":
        assert not at.get("plotly_chart") and not at.metric


def test_charts_skip_what_is_not_reported(oversight_app):
    at = app(tab="Schedule and cost")
    variance = chart(at, "variance")
    # Median slip is reported (MOJ 15.5 days of 31 and 0; DFT 45 of 90 and 0); cost variance is not.
    slip, cost = variance["data"]
    assert dict(zip(values(slip["customdata"]), values(slip["x"]), strict=True)) == {"DFT": 45.0, "MOJ": 15.5}
    assert all(v != v for v in values(cost["x"]))  # NaN: no bar, never a bar of 0
    assert "not reported" in [a["text"] for a in variance["layout"]["annotations"]]
    # DFT reports no earned value at all: its trend says so rather than drawing empty lines.
    [trends] = [
        json.loads(c.proto.spec)
        for c in app("department", department="DFT", department_tab="Trends").get("plotly_chart")
    ]
    assert trends["layout"]["title"]["text"] == "Reporting compliance (SPI and CPI not reported)"
    assert "xaxis2" not in trends["layout"]  # no bare axes where SPI and CPI would be
    assert [t["name"] for t in trends["data"]] == ["Red on evidence", "Reporting compliance"]


def test_the_what_if_says_it_leaves_out_a_project_it_cannot_cost(oversight_app):
    # MOJ-P2's budget is withheld and no return gives its actual cost: no EAC, so no cost to fund.
    at = app("whatif", whatif_tab="Ranking")
    assert not at.exception
    assert on_screen(at.info[0].value) == (
        "1 active or on-hold project left out: no EAC and no budget (withheld), so the what-if cannot cost "
        "it: Courts digital casework."
    )
    assert "MOJ-P2" not in set(ranking(at)["project_id"])
