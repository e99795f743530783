"""The Roadmap page in Chromium: the timeline drawn, and a click on a project's bar that opens it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_roadmap_page import planned_app  # noqa: F401  (the fixture warehouse with planning returns)

from pmo_dash.intake.build import build
from pmo_dash.sample import generate
from pmo_dash.settings import Settings
from tests.browser import ROOT, chromium_page, log_in, require_chromium, screenshot, settle, streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(planned_app):  # noqa: F811
    require_chromium()
    env = {"PMO_WAREHOUSE": str(planned_app.warehouse), "PMO_SOURCE_DIR": str(planned_app.source_dir)}
    with streamlit_server(env | {"PMO_REPORT": str(planned_app.report)}) as url:
        yield url


def test_a_click_on_a_projects_bar_opens_the_project(server):
    with chromium_page(1440, 900) as page:
        page.goto(f"{server}/roadmap")
        log_in(page)
        chart = page.locator(".js-plotly-plot").first
        chart.wait_for(timeout=60_000)
        settle(page)
        screenshot(page, "roadmap-fixture")
        # The first trace is the baselines, one bar per project, the first drawn for the earliest start:
        # FIN-P1 (1 January 2026). Plotly's drag layer sits over the bars, so click where the bar is.
        bar = chart.locator("g.trace.bars").first.locator("g.point path").first.bounding_box()
        page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        page.wait_for_url(re.compile(r".*/project\?.*project=FIN-P1"), timeout=30_000)
        page.get_by_role("heading", name="General ledger migration").wait_for(timeout=30_000)
        page.get_by_role("heading", name="Dependencies").wait_for(timeout=30_000)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The shipped demo (eight departments, about 300 projects), in demo mode."""
    require_chromium()
    out = tmp_path_factory.mktemp("roadmap_demo")
    with demo_mode(ROOT / "data" / "sample", out) as url:
        yield url


@contextmanager
def demo_mode(returns: Path, out: Path) -> Iterator[str]:
    """A server, in demo mode, over a warehouse built here from `returns`."""
    build(Settings(data_dir=out), returns, out / "warehouse.duckdb", out / "report.csv")
    env = {
        "PMO_WAREHOUSE": str(out / "warehouse.duckdb"),
        "PMO_SOURCE_DIR": str(returns),
        "PMO_REPORT": str(out / "report.csv"),
        "PMO_DEMO": "true",
        "PMO_USERS_FILE": str(out / "no-users.yaml"),
        "PMO_SESSIONS": str(out / "sessions.sqlite"),
    }
    with streamlit_server(env) as url:
        yield url


def test_on_the_demo_a_department_bar_opens_its_projects_and_a_project_bar_the_project(demo_server):
    with chromium_page(1440, 900) as page:
        page.goto(f"{demo_server}/roadmap")
        log_in(page, "exec", "demo-exec")
        charts = page.locator(".js-plotly-plot")
        charts.first.locator("g.trace.bars").first.wait_for(timeout=60_000)
        settle(page)
        screenshot(page, "roadmap-demo")
        # One bar per department (300 projects are too many to draw): the first, the earliest start.
        bar = charts.first.locator("g.trace.bars").first.locator("g.point path").first.bounding_box()
        page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        charts.nth(1).locator("g.trace.bars").first.wait_for(timeout=60_000)
        settle(page)
        charts.nth(1).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        screenshot(page, "roadmap-demo-opened")
        bar = charts.nth(1).locator("g.trace.bars").first.locator("g.point path").first.bounding_box()
        page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        page.wait_for_url(re.compile(r".*/project\?.*project=INFRA-P\d+"), timeout=30_000)
        page.get_by_role("heading", name="Dependencies").wait_for(timeout=30_000)


@pytest.fixture(scope="module")
def enterprise_server(tmp_path_factory):
    """The enterprise tier (40 departments, 10,000 projects), generated and built here, in demo mode."""
    require_chromium()
    out = tmp_path_factory.mktemp("roadmap_enterprise")
    generate("enterprise", 7, out / "returns", xlsx=False, inject_errors=False)
    with demo_mode(out / "returns", out) as url:
        yield url


# The boxes of a chart's tick labels on one axis, top to bottom (or left to right), as the browser laid
# them out: two that intersect are labels drawn over each other.
TICKS = """([chart, axis]) => [...chart.querySelectorAll(`g.${axis}tick text`)]
    .map(t => t.getBoundingClientRect()).filter(b => b.width > 0)
    .map(b => [b.left, b.top, b.right, b.bottom])"""


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], start=i + 1)
        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
    ]


def test_at_the_enterprise_tier_forty_departments_read_and_a_click_opens_a_project(enterprise_server):
    with chromium_page(1440, 900) as page:
        page.goto(f"{enterprise_server}/roadmap")
        log_in(page, "exec", "demo-exec")
        charts = page.locator(".js-plotly-plot")
        groups = charts.first
        screenshot(page, "roadmap-enterprise")
        # One bar per department, every department named once, no label drawn over another.
        labels = groups.locator("g.ytick text").all_text_contents()
        assert len(labels) == 40 and len(set(labels)) == 40, labels
        for axis in ("y", "x"):
            boxes = page.evaluate(TICKS, [groups.element_handle(), axis])
            assert boxes and not overlapping(boxes), (axis, boxes)
        bar = groups.locator("g.trace.bars").first.locator("g.point path").first.bounding_box()
        page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        charts.nth(1).locator("g.trace.bars").first.wait_for(timeout=60_000)
        settle(page)
        # About 250 projects in a department: drawn 25 at a time, with the pager saying so.
        page.get_by_text(re.compile(r"^[\d,]+ projects, the earliest start first; 1-25 shown$")).wait_for()
        projects = charts.nth(1)
        assert projects.locator("g.ytick text").count() == 25
        assert not overlapping(page.evaluate(TICKS, [projects.element_handle(), "y"]))
        projects.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        screenshot(page, "roadmap-enterprise-opened")
        bar = projects.locator("g.trace.bars").first.locator("g.point path").first.bounding_box()
        page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        page.wait_for_url(re.compile(r".*/project\?.*project=D\d{3}-P\d+"), timeout=30_000)
        page.get_by_role("heading", name="Dependencies").wait_for(timeout=30_000)
        settle(page)
        screenshot(page, "roadmap-enterprise-project")
