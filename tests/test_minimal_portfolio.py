"""A portfolio with only departments, projects and status reports: every page opens, and says what is
missing and which return would supply it (issue 12, part 9)."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import app_on, every_view, golden_returns, on_screen
from tests.test_app import app
from tests.test_hostile_pages import markdown_texts

KEPT = ("departments", "projects", "status_reports", "strategic_objectives", "programmes")
LINKS = {"department": "FIN", "programme": "FIN-PG1", "project": "FIN-P1"}


@pytest.fixture(scope="module")
def minimal_app(fixture_settings, tmp_path_factory):
    """The app on the golden returns with only departments, projects and status reports."""
    out = tmp_path_factory.mktemp("minimal")
    source = golden_returns(out / "returns")
    for path in source.glob("*/*.csv"):
        if path.stem not in KEPT:
            path.unlink()
    with app_on(source, out) as settings:
        yield settings


@pytest.mark.parametrize(("page", "user", "query"), every_view(LINKS))
def test_every_page_opens_on_a_minimal_portfolio(minimal_app, page, user, query):
    opens_clean(app(page, user=user, **query))


def opens_clean(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert "PMO Dash is unavailable" not in [t.value for t in at.title], "the page failed"
    shown = [t for t in markdown_texts(at) if re.search(r"\bNone\b", t)]
    assert shown == [], "a missing value reads as None"
    assert bare_charts(at) == [], "a chart with nothing to draw"


def bare_charts(at) -> list[str]:
    """Charts with no data at all: bare axes on the screen."""
    bare = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        points = sum(
            len(trace.get(axis) or []) for trace in spec.get("data", []) for axis in ("x", "y", "z", "values")
        )
        if points == 0:
            bare.append(spec.get("layout", {}).get("title", {}).get("text", "(untitled)"))
    return bare


MISSING = {
    "risks": ("risks or issues", "`risks` and `issues` returns"),
    "benefits": ("benefits", "`benefits` and `benefit_measurements` returns"),
    "lessons": ("lessons", "`lessons` return"),
}


@pytest.mark.parametrize("page", sorted(MISSING))
def test_an_insight_page_without_its_returns_says_which_would_supply_it(minimal_app, page):
    what, returns = MISSING[page]
    at = app(page)
    assert [i.value for i in at.info] == [
        f"No {what} in view: a department's {returns} would supply them (see docs/data-contract.md)."
    ]
    assert not at.get("plotly_chart"), "nothing drawn for data that is not there"


def test_the_project_brief_tells_not_returned_from_none(minimal_app):
    at = app("project", project="FIN-P1")
    captions = [on_screen(c.value) for c in at.caption]
    assert "Not returned: Finance has sent no `milestones` return, which supplies these." in captions
    assert "Not returned: Finance has sent no `risks` return, which supplies these." in captions


def test_the_what_if_does_not_claim_no_overloads_without_capacity(minimal_app):
    at = app("whatif")
    [staffing] = [m for m in at.metric if m.label == "Overloads"]
    assert staffing.value == "–"
    assert "no department in view returned capacity" in staffing.proto.help
