"""What a user sees in a real browser: the overview's numbers, served by `streamlit run`."""

from __future__ import annotations

import pytest

from tests.browser import chromium_page, require_chromium, screenshot, streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(fixture_settings):
    require_chromium()
    env = {
        "PMO_WAREHOUSE": str(fixture_settings.warehouse),
        "PMO_SOURCE_DIR": str(fixture_settings.source_dir),
        "PMO_REPORT": str(fixture_settings.report),
    }
    with streamlit_server(env) as url:
        yield url


def test_overview_numbers_in_chromium(server):
    with chromium_page() as page:
        page.goto(server)
        page.get_by_text("Watermelons: reported Green").wait_for(timeout=30_000)
        metrics = page.locator('[data-testid="stMetric"]')
        metrics.first.wait_for()
        texts = [" ".join(t.split()) for t in metrics.all_inner_texts()]
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
        screenshot(page, "overview-fixture")
    assert texts[0].startswith("Active projects 4")
    assert texts[1].startswith("Budget £4.30k")
    assert texts[2].startswith("EAC £4.53k")
    assert texts[3].startswith("SPI 0.93") and texts[4].startswith("CPI 0.96")
    assert texts[5].startswith("Red (evidence) 50%") and texts[6].startswith("High risks 2")
