"""The Forecast sections in Chromium, on the golden fixture with five closed projects: the project brief's
P50/P80 cards and its landing zone on the earned-value chart, and the enterprise Forecast tab, whose most
exposed project opens on a click."""

from __future__ import annotations

import re

import pytest
from test_forecast_pages import forecast_app  # noqa: F401  (the fixture warehouse with closed projects)

from tests.browser import chromium_page, log_in, require_chromium, screenshot, serving, settle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(forecast_app):  # noqa: F811
    require_chromium()
    with serving(forecast_app) as url:
        yield url


def cards(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator('[data-testid="stMetric"]').all_inner_texts()]


def test_the_brief_shows_where_the_project_will_land(server):
    with chromium_page(1440, 2600) as page:
        page.goto(f"{server}/project?project=FIN-P1")
        log_in(page)
        page.locator('[data-testid="stMetric"]', has_text="P80 finish").wait_for(timeout=60_000)
        settle(page)
        shown = cards(page)
        assert "P80 final cost £1.26k" in shown and "P80 finish Mar 2027" in shown, shown
        # The landing zone's legend entry on the earned-value chart.
        page.get_by_text("Reference class P50–P80").first.wait_for(timeout=30_000)
        screenshot(page, "forecast-brief")


def test_the_most_exposed_project_opens_on_a_click(server):
    with chromium_page(1440, 2600) as page:
        page.goto(f"{server}/?tab=Forecast")
        log_in(page)
        page.locator('[data-testid="stMetric"]', has_text="Contingency to hold").wait_for(timeout=60_000)
        page.locator('[data-testid="data-grid-canvas"]').first.wait_for(timeout=30_000)
        settle(page)
        page.locator('[data-testid="stMetric"]', has_text="Contingency to hold").wait_for(timeout=30_000)
        assert "Contingency to hold £1.99k" in cards(page)
        screenshot(page, "forecast-enterprise")
        # Most exposed first: FIN-P2, P80 3160 on a budget of 2000. A click on its row's selection box.
        grid = page.locator('[data-testid="stDataFrame"]', has_text="Reference class").first
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
        page.wait_for_url(re.compile(r".*/project\?.*project=FIN-P2"), timeout=30_000)
        page.get_by_role("heading", name="Accounts payable automation").wait_for(timeout=30_000)
