"""Portfolios that carry only departments, projects and status reports, in a real browser (issue 12): the
fixture's returns cut down as tests/test_minimal_portfolio.py cuts them, and the UK GMPP import as of
March 2023. Served by `streamlit run` and opened in Debian's chromium by an executive (a page an
executive may not open, by an admin), every page shows no exception box, no traceback, no "None" for a
value, and no plot without anything drawn on it: every subplot of every plotly chart draws at least one
point, and not only zeros (a measure no return carries is not reported, never drawn as 0). Each page's
full screenshot goes to /tmp/shots, to be looked at."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlencode

import duckdb
import pytest

from pmo_dash.auth.roles import ROLES
from pmo_dash.intake.imports import run_import
from pmo_dash.ui import shell
from tests.browser import chromium_page, log_in, require_chromium, settle, streamlit_server
from tests.conftest import FIXTURE, app_on
from tests.test_import_uk import MAPPING, RAW
from tests.test_minimal_portfolio import KEPT, LINKS

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
WIDTH, TALL = 1600, 4000  # a big screen, tall enough that the app's own pane does not scroll
UK_AS_OF = "Mar 2023"
# Per plotly chart of the page, per subplot (cartesian 'xy', 'x2y2', ...; 'plot' for a pie and the
# like): how many points its visible traces draw, and how many of those are not 0.
CHARTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(el => {
    const flat = v => v == null ? [] :
        (typeof v === 'object' && typeof v.length === 'number') ? Array.from(v).flatMap(flat) : [v];
    const real = v => v !== null && v !== undefined && v !== ''
        && !(typeof v === 'number' && !Number.isFinite(v));
    const layout = el._fullLayout || {};
    const subplots = {};
    for (const id of (layout._subplots && layout._subplots.cartesian) || [])
        subplots[id] = {points: 0, nonzero: 0};
    for (const t of el._fullData || []) {
        if (t.visible !== true) continue;
        const id = t.xaxis && t.yaxis ? t.xaxis + t.yaxis : 'plot';
        const axes = ['x', 'y', 'z', 'values', 'lat', 'lon', 'r']
            .filter(a => Array.isArray(t[a]) || ArrayBuffer.isView(t[a]));
        const points = axes.length ? Math.min(...axes.map(a => flat(t[a]).filter(real).length)) : 0;
        const measure = t.type === 'bar' ? (t.orientation === 'h' ? 'x' : 'y')
            : t.type === 'heatmap' ? 'z' : t.type === 'pie' ? 'values' : 'y';
        const nonzero = flat(t[measure]).filter(v => real(v) && Number(v) !== 0).length;
        const s = subplots[id] || (subplots[id] = {points: 0, nonzero: 0});
        s.points += points;
        s.nonzero += Math.min(points, nonzero);
    }
    // Named by the heading above it and its own titles and notes.
    const above = [...document.querySelectorAll('h1, h2, h3')]
        .filter(h => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    const words = [above ? above.innerText : '', (el.layout.title && el.layout.title.text) || '',
        ...(layout.annotations || []).map(a => a.text)];
    return {title: words.filter(Boolean).join(' / '), subplots};
})"""
# The page is drawn: every plotly chart laid out with its data, every table's grid on its canvas.
DRAWN = """() => {
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.length >= document.querySelectorAll('[data-testid="stPlotlyChart"]').length
        && plots.every(el => el._fullLayout && el._fullData)
        && document.querySelectorAll('[data-testid="data-grid-canvas"]').length
            >= [...document.querySelectorAll('[data-testid="stDataFrame"]')]
                .filter(el => el.checkVisibility()).length;  // a closed expander's or tab's draws later
}"""
# Where the page's last element ends, in the main pane or the sidebar.
BOTTOM = """() => Math.ceil(Math.max(...[...document.querySelectorAll('[data-testid="stElementContainer"]')]
    .map(e => e.getBoundingClientRect().bottom)))"""


def url_of(server: str, page: str, **query: str) -> str:
    path = "" if page == "enterprise" else page  # the default page answers at the root
    return f"{server}/{path}" + (f"?{urlencode(query)}" if query else "")


def wait_for_cookie(tab, seconds: float = 30) -> None:
    for _ in range(int(seconds * 10)):
        if any(c["name"] == "pmo_dash_auth" for c in tab.context.cookies()):
            return
        tab.wait_for_timeout(100)
    raise AssertionError("the browser never got the login cookie")


@pytest.fixture(scope="module")
def one_chromium():
    """One chromium for the module; each server gets its own signed-in tabs."""
    require_chromium()
    SHOTS.mkdir(exist_ok=True)
    with chromium_page(WIDTH, TALL) as page:
        yield page.context.browser


class Visitor:
    """Tabs on one server, signed in from the first link each opens: an executive's, and an admin's for
    the pages an executive may not open (admin, submit). Later links are opened as a copied link would
    be: the login cookie keeps the user."""

    def __init__(self, browser, server: str, name: str):
        self.browser, self.server, self.name, self.tabs = browser, server, name, {}

    def open(self, page_name: str, **query: str):
        """Open the page's link, wait until it, its charts and its tables are drawn; photograph it."""
        username = "exec" if page_name in ROLES["executive"].pages else "admin"
        url = url_of(self.server, page_name, **query)
        tab = self.tabs.get(username)
        if tab is None:
            tab = self.tabs[username] = self.browser.new_context(
                viewport={"width": WIDTH, "height": TALL}
            ).new_page()
            tab.goto(url)
            log_in(tab, username)
        else:
            wait_for_cookie(tab)
            tab.goto(url)
        try:
            # The first page a fresh server draws (caches empty) can take a while on a loaded machine.
            tab.get_by_role("button", name="Log out").wait_for(timeout=60_000)
            tab.locator('h1, [data-testid="stAlert"]').first.wait_for(timeout=60_000)
            settle(tab)
            tab.wait_for_function(DRAWN, timeout=30_000)
        except Exception:
            tab.screenshot(path=str(SHOTS / f"{self.name}-{page_name}-unfinished.png"))  # what it showed
            raise
        bottom = tab.evaluate(BOTTOM) + 80
        if bottom > TALL:  # taller than the window: the app's pane would scroll, so make the window fit
            tab.set_viewport_size({"width": WIDTH, "height": bottom})
            settle(tab)
        tab.screenshot(
            path=str(SHOTS / f"{self.name}-{page_name}.png"), clip=dict(x=0, y=0, width=WIDTH, height=bottom)
        )
        return tab


def problems(tab) -> list[str]:
    """What a reader must never see: an exception, a traceback, None for a value, bare axes."""
    found = [
        "exception box: " + " ".join(box.inner_text().split())[:300]
        for box in tab.locator('[data-testid="stException"]').all()
    ]
    # The page's words, and the tables' cells (drawn on a canvas; their values are in its grid).
    text = tab.locator("body").inner_text()
    cells = tab.locator('[role="gridcell"]').all_text_contents()
    for words in ("Traceback", "PMO Dash is unavailable", "is not open to your role", "Ignored as_of"):
        if words in text:
            found.append(f"shown: {words!r}")
    for line in [*text.splitlines(), *cells]:
        if re.search(r"\bNone\b", line.replace("None recorded for this project", "")):
            found.append(f"None shown: {line.strip()[:200]!r}")
    for chart in tab.evaluate(CHARTS):
        for subplot, drawn in chart["subplots"].items():
            if drawn["points"] == 0:
                found.append(f"bare axes: chart {chart['title']!r}, subplot {subplot} draws no point")
            elif drawn["nonzero"] == 0:
                found.append(f"only zeros: chart {chart['title']!r}, subplot {subplot} draws nothing but 0")
    return found


def served(settings) -> dict[str, str]:
    """The server's environment for the warehouse `app_on` built (users, cookie key: the fixture's)."""
    return {
        "PMO_WAREHOUSE": str(settings.warehouse),
        "PMO_SOURCE_DIR": str(settings.source_dir),
        "PMO_REPORT": str(settings.report),
        "PMO_SCENARIOS": str(settings.scenarios),
    }


@pytest.fixture(scope="module")
def minimal(one_chromium, fixture_settings, tmp_path_factory):
    """The golden returns cut down to departments, projects and status reports, and the programmes and
    strategic objectives those projects name (as in tests/test_minimal_portfolio.py), served."""
    out = tmp_path_factory.mktemp("minimal_browser")
    source = out / "returns"
    shutil.copytree(FIXTURE, source)
    (source / "README.md").unlink()
    for path in source.glob("*/*.*"):
        if path.stem not in KEPT:
            path.unlink()
    assert {p.stem for p in source.glob("*/*")} == set(KEPT)
    with app_on(source, out) as settings, streamlit_server(served(settings)) as server:
        yield Visitor(one_chromium, server, "minimal")


@pytest.mark.parametrize("name", list(shell.PAGES))
def test_every_page_of_a_minimal_portfolio_draws_without_bare_axes(minimal, name):
    tab = minimal.open(name, **({name: LINKS[name]} if name in LINKS else {}))
    assert problems(tab) == []
    if name in LINKS:  # the link's department, programme or project is the one shown
        assert LINKS[name] in tab.url


@pytest.fixture(scope="module")
def uk(one_chromium, fixture_settings, tmp_path_factory):
    """The UK GMPP's published files imported with the shipped mapping (departments, projects and
    status reports only, at the oversight profile), served; and HS2 Phase 1's id, as of March 2023."""
    out = tmp_path_factory.mktemp("uk_browser")
    run_import(MAPPING, [RAW], out / "returns")
    with app_on(out / "returns", out) as settings:
        with duckdb.connect(str(settings.warehouse), read_only=True) as con:
            [(project,)] = con.execute(
                "select project_id from project_periods where department_id = 'DFT' and period = '2023-03-31'"
                " and is_active and name = 'HS2 Phase 1'"
            ).fetchall()
        with streamlit_server(served(settings)) as server:
            visitor = Visitor(one_chromium, server, "uk")
            visitor.links = {"department": "DFT", "project": project}
            yield visitor


@pytest.mark.parametrize("name", list(shell.PAGES))
def test_every_page_of_the_uk_gmpp_draws_without_bare_axes(uk, name):
    query = {"as_of": UK_AS_OF} | ({name: uk.links[name]} if name in uk.links else {})
    tab = uk.open(name, **query)
    assert problems(tab) == []
    assert tab.get_by_role("combobox", name="As of").input_value() == UK_AS_OF, "the link's period is shown"
    if name in uk.links:
        assert uk.links[name] in tab.url


@pytest.mark.parametrize("portfolio", ["minimal", "uk"])
def test_the_home_pages_rag_by_department_tab_draws_without_bare_axes(request, portfolio):
    # A tab of its own since issue 14 (the home page opens on the departments table): not drawn above.
    visitor = request.getfixturevalue(portfolio)
    query = {"tab": "RAG by department"} | ({"as_of": UK_AS_OF} if portfolio == "uk" else {})
    tab = visitor.open("enterprise", **query)
    assert tab.get_by_role("tab", selected=True).inner_text() == "RAG by department"
    assert problems(tab) == []
