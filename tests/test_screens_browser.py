"""The demo portfolio in Chromium at the widths executives use (issue 14): every KPI card shows its whole
value and label, and no table cell reads "None". One server, one browser, one login per user."""

from __future__ import annotations

import re

import pytest

from pmo_dash.intake.build import build
from pmo_dash.settings import Settings
from tests.browser import ROOT, chromium_page, require_chromium, settle, streamlit_server
from tests.test_browser import wait_for_cookie

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1440, 900)]
# The drill path in the demo: Finance, its first programme, and one of its active projects.
PAGES = ["", "department?department=FIN", "programme?programme=FIN-PG01", "project?project=FIN-P0028"]

# A card is cut when any text in its label or value is wider than its box (the ellipsis shows then).
CUT_CARDS = """() => [...document.querySelectorAll('[data-testid="stMetric"]')].flatMap(card =>
    [...card.querySelectorAll('[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"] *')]
        .filter(el => el.scrollWidth > el.clientWidth + 1)
        .map(el => card.innerText.split('\\n').slice(0, 2).join(' ')))"""
# The data grid's accessible table holds the cells drawn on its canvas (the rows and columns in view).
CELLS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"] table [role="gridcell"]')]
    .map(cell => cell.textContent)"""
CARDS = """() => document.querySelectorAll('[data-testid="stMetric"]').length"""


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    require_chromium()
    out = tmp_path_factory.mktemp("demo")
    settings = Settings(data_dir=out)
    build(settings, ROOT / "data" / "sample", out / "warehouse.duckdb", out / "report.csv")
    env = {
        "PMO_WAREHOUSE": str(out / "warehouse.duckdb"),
        "PMO_SOURCE_DIR": str(ROOT / "data" / "sample"),
        "PMO_REPORT": str(out / "report.csv"),
        "PMO_DEMO": "true",
        "PMO_USERS_FILE": str(out / "no-users.yaml"),
        "PMO_SCENARIOS": str(out / "scenarios.sqlite"),
        "PMO_SESSIONS": str(out / "sessions.sqlite"),
    }
    with streamlit_server(env) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page():
    with chromium_page(*SIZES[0]) as page:
        yield page


def log_in(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(url)
    page.get_by_role("button", name="Log in").wait_for(timeout=60_000)
    settle(page)
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(f"demo-{username}")
    page.get_by_role("button", name="Log in").click()
    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=60_000)
    wait_for_cookie(page, "pmo_dash_auth_demo")  # so that a link opened next keeps the login


def open_page(page, url: str) -> None:
    """A link opened in the logged-in browser."""
    page.goto(url)
    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=60_000)
    settle(page)


@pytest.mark.parametrize("username", ["exec", "fin_head"])
def test_no_card_is_cut_and_no_cell_says_none(demo_server, browser_page, username):
    page = browser_page
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    log_in(page, demo_server, username)
    found, read = {}, 0
    for path in PAGES:
        open_page(page, f"{demo_server}/{path}")
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(300)  # the layout follows the new width
            cards, cut, cells = page.evaluate(CARDS), page.evaluate(CUT_CARDS), page.evaluate(CELLS)
            found[f"{path or 'enterprise'} at {width}"] = (cards, cut, [c for c in cells if "None" in c])
            read += len(cells)
        page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    # Controls: the cards were drawn, and the tables' cells were read.
    assert all(cards >= 7 for cards, _, _ in found.values()), found
    assert read > 100, read
    assert {k: cut for k, (_, cut, _) in found.items() if cut} == {}
    assert {k: none for k, (_, _, none) in found.items() if none} == {}


def test_one_press_of_back_goes_back_one_view_after_a_drill(demo_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": SIZES[1][0], "height": SIZES[1][1]})
    log_in(page, demo_server, "exec")
    page.goto(f"{demo_server}/risks?as_of=Sep+2026&risks_tab=Trends")
    page.get_by_role("heading", name="Risks · Enterprise").wait_for(timeout=60_000)
    settle(page)
    # Each view back on the tab it was left on: the department's bar was clicked on the home page's RAG by
    # department tab, and the home page was opened from the Risks page's Trends tab.
    open_page(page, f"{demo_server}/?as_of=Sep+2026&tab=RAG+by+department")
    drill_into_a_department(page)
    assert "department=" in page.url and "as_of=Sep+2026" in page.url
    page.go_back()
    page.get_by_role("heading", name="Enterprise portfolio").wait_for(timeout=60_000)
    settle(page)
    assert page.url == f"{demo_server}/?as_of=Sep+2026&tab=RAG+by+department"
    assert page.get_by_role("tab", selected=True).inner_text() == "RAG by department"
    page.go_back()
    page.get_by_role("heading", name="Risks · Enterprise").wait_for(timeout=60_000)
    settle(page)
    assert page.url == f"{demo_server}/risks?as_of=Sep+2026&risks_tab=Trends"
    assert page.get_by_role("tab", selected=True).inner_text() == "Trends"
    page.go_forward()
    page.get_by_role("heading", name="Enterprise portfolio").wait_for(timeout=60_000)
    page.go_forward()
    page.wait_for_url(re.compile(r".*/department\?department=\w+&as_of=Sep\+2026$"), timeout=60_000)


def drill_into_a_department(page) -> None:
    """Click the widest bar of RAG by department, as a mouse would (plotly's drag layer is on top)."""
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    bars = chart.locator("g.trace.bars g.point path")
    boxes = [b for b in (bars.nth(i).bounding_box() for i in range(bars.count())) if b]
    bar = max(boxes, key=lambda b: b["width"] * b["height"])
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
    page.wait_for_function("() => location.pathname.endsWith('/department')", timeout=60_000)
    settle(page)
    page.wait_for_timeout(3000)  # longer than the script holds a query-only change (ui/history.py)


# Where things are on the home page: the attention line, the cards, the control choosing their baseline.
LAYOUT = """() => {
    const top = el => el.getBoundingClientRect().top;
    const cards = [...document.querySelectorAll('[data-testid="stMetric"]')];
    const attention = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
        .find(m => m.innerText.startsWith('Needs attention'));
    const control = document.querySelector('.st-key-compare');
    return {attention: top(attention), first: top(cards[0]), last: cards[cards.length - 1].getBoundingClientRect().bottom,
            control: top(control), height: document.querySelector('[data-testid="stMain"]').scrollHeight};
}"""


def test_the_home_page_opens_on_what_needs_attention(demo_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": SIZES[1][0], "height": SIZES[1][1]})
    log_in(page, demo_server, "exec")
    open_page(page, demo_server)
    at = page.evaluate(LAYOUT)
    # The first screen (900 px high) answers what needs attention: the line, then the cards.
    assert at["attention"] < at["first"] < SIZES[1][1]
    assert at["last"] < at["control"]  # the numbers first, the choice of their baseline under them
    assert at["height"] < 3000, at  # 4,421 px at 1440 before the tabs, on the same demo


def test_back_from_a_department_opened_in_the_index_returns_to_the_index(demo_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": SIZES[1][0], "height": SIZES[1][1]})
    log_in(page, demo_server, "exec")
    page.goto(f"{demo_server}/department")
    page.get_by_role("heading", name="Departments").wait_for(timeout=60_000)
    settle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    page.mouse.click(grid["x"] + 16, grid["y"] + 35 * 1.5)  # the first row's selection box
    page.wait_for_url(re.compile(r".*/department\?department=CLIN$"), timeout=60_000)
    page.get_by_role("heading", name="Clinical Services").wait_for(timeout=60_000)
    settle(page)
    page.wait_for_timeout(3000)  # longer than the script holds a query-only change (ui/history.py)
    page.go_back()
    page.get_by_role("heading", name="Departments").wait_for(timeout=60_000)
    assert page.url == f"{demo_server}/department"


# Every page of the demo with charts, and the tabs that hold them.
CHARTED = [
    "?tab=RAG+by+department",
    "?tab=Trends",
    "department?department=FIN&department_tab=Schedule+and+cost",
    "programme?programme=FIN-PG01",
    "project?project=FIN-P0028",
    "risks",
    "risks?risks_tab=Trends",
    "benefits",
    "lessons",
    "roadmap",
    "proposals",
    "governance",
    "compliance",
    "resources",
    "whatif?whatif_tab=Capacity",
]
# Each chart: its margins as the app gave them and as Plotly settled them after measuring its labels, and
# the most that anything Plotly measured asked of the left and right sides.
MARGINS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(chart => {
    const given = chart.layout.margin || {}, full = chart._fullLayout, settled = full._size;
    const pushes = Object.entries(full._pushmargin || {}).filter(([id]) => id !== 'base').map(([, p]) => p);
    const asked = side => Math.max(0, ...pushes.map(p => (p[side] || {}).size || 0));
    return {given: ['l', 'r', 't', 'b'].map(side => given[side]), settled: ['l', 'r', 't', 'b'].map(side => settled[side]),
            asked: ['l', 'r'].map(asked),
            title: chart.querySelector('.gtitle, .annotation-text, .ytick text')?.textContent || ''}; })"""
ROOM_TO_SPARE = 40  # px a side may hold beyond what Plotly measured there (a builder's own margin aside)
OWN_MARGIN = 20  # px: the widest left or right margin a chart builder gives of its own


def test_every_chart_is_drawn_once_with_the_margins_it_was_given(demo_server, browser_page):
    # Plotly widens a margin too small for what it measures and draws the whole chart again (ui/room.py):
    # the margins the app works out must already fit, at the bench's 1440 x 900.
    page = browser_page
    page.set_viewport_size({"width": SIZES[1][0], "height": SIZES[1][1]})
    log_in(page, demo_server, "exec")
    counted, widened, too_wide = {}, [], []
    for path in CHARTED:
        page.goto(f"{demo_server}/{path}")
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        settle(page)
        charts = page.evaluate(MARGINS)
        counted[path] = len(charts)
        for chart in charts:
            pairs = zip(chart["given"], chart["settled"], strict=True)
            if any(abs(settled - given) > 1 for given, settled in pairs):
                widened.append((path, chart))
            # Nor wider than what Plotly measured needs: white space where a label was guessed too wide.
            sides = zip(chart["given"][:2], chart["asked"], strict=True)
            if any(given > max(asked + ROOM_TO_SPARE, OWN_MARGIN) for given, asked in sides):
                too_wide.append((path, chart))
    assert [path for path, n in counted.items() if n == 0] == []  # control: every page drew its charts
    assert widened == []
    assert too_wide == []
