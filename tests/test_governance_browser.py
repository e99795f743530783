"""The Governance page in Chromium, as the steering committee uses it: the decisions needed, and a click
on an overdue gate that opens its project."""

from __future__ import annotations

import re

import pytest
from test_governance import governed  # noqa: F401  (the fixture warehouse with governance returns)

from tests.browser import chromium_page, log_in, require_chromium, screenshot, serving, settle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(governed):  # noqa: F811
    require_chromium()
    with serving(governed) as url:
        yield url


def test_a_click_on_an_overdue_gate_opens_its_project(server):
    with chromium_page(1440, 1100) as page:
        page.goto(f"{server}/governance")
        log_in(page)
        page.get_by_role("heading", name="Decisions needed").wait_for(timeout=60_000)
        page.locator('[data-testid="data-grid-canvas"]').first.wait_for(timeout=30_000)
        settle(page)
        cards = [" ".join(t.split()) for t in page.locator('[data-testid="stMetric"]').all_inner_texts()]
        screenshot(page, "governance-fixture")
        assert any(c.startswith("Gates overdue 3") for c in cards), cards
        # The gates table (the first tab's): its first row is FIN-P1's G2, 46 days overdue. A click on
        # the row's selection box, below the 35-pixel header, opens the project.
        grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
        page.mouse.click(grid["x"] + 18, grid["y"] + 35 + 17)
        page.wait_for_url(re.compile(r".*/project\?.*project=FIN-P1"), timeout=30_000)
        page.get_by_role("heading", name="General ledger migration").wait_for(timeout=30_000)
