"""The app around every page: login, navigation by role, the global filters, and the guard each page
runs first.

A freshly started server can serve a `pages/` file directly, before any session has run
`st.navigation`; the guard hands such a request back to the shell, so every page always runs
inside it: behind the login, with the user's scope and filters.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from functools import lru_cache

import streamlit as st

from pmo_dash import data
from pmo_dash.auth import config as auth_config
from pmo_dash.auth.roles import User
from pmo_dash.data import Filters, Scope
from pmo_dash.settings import ROOT, get_settings
from pmo_dash.ui import filters, fmt, heap, history, login, picks, sheets
from pmo_dash.ui.session import ensure_warehouse

HOME = "enterprise"  # the home page (its url path is "")
PAGES = {
    HOME: ("enterprise.py", "Enterprise", ":material/domain:"),
    "department": ("department.py", "Department", ":material/corporate_fare:"),
    "programme": ("programme.py", "Programme", ":material/account_tree:"),
    "project": ("project.py", "Project", ":material/assignment:"),
    "risks": ("risks.py", "Risks", ":material/warning:"),
    "benefits": ("benefits.py", "Benefits", ":material/savings:"),
    "lessons": ("lessons.py", "Lessons learned", ":material/school:"),
    "roadmap": ("roadmap.py", "Roadmap", ":material/view_timeline:"),
    "proposals": ("proposals.py", "Proposals", ":material/lightbulb:"),
    "governance": ("governance.py", "Governance", ":material/gavel:"),
    "compliance": ("compliance.py", "Compliance", ":material/verified_user:"),
    "resources": ("resources.py", "Resources", ":material/groups:"),
    "whatif": ("whatif.py", "What-if", ":material/tune:"),
    "submit": ("submit.py", "Submit returns", ":material/upload_file:"),
    "admin": ("admin.py", "Admin", ":material/admin_panel_settings:"),
}
PAGES_DIR = ROOT / "pages"

_context = threading.local()
_PAGE = "_shell_page"  # session key: the page the session's last full run drew
_USER = "_shell_user"  # session key: who the session's last full run served
log = logging.getLogger(__name__)


def pages(names: tuple[str, ...] = tuple(PAGES)) -> list[st.Page]:
    """Every page; those not in `names` are left out of the menu but still answer their URL, so that
    a link to one reaches its guard, which says why it will not open, instead of a bare 'not found'."""
    return [
        st.Page(
            PAGES_DIR / path,
            title=title,
            icon=icon,
            url_path=name,
            default=name == HOME,
            visibility="visible" if name in names else "hidden",
        )
        for name, (path, title, icon) in PAGES.items()
    ]


def run() -> None:
    """Everything app.py does: login, the warehouse, navigation, filters, then the chosen page."""
    heap.settle()  # the server's long-lived objects, out of the collector's way after each run
    # A page collects the tables it draws for its workbook from `toolbar.reserve` to `toolbar.offer`; a run
    # that stopped between them (st.stop, a drill, a newer click) must not leave the next run collecting.
    sheets.stop()
    st.set_page_config(page_title="PMO Dash", page_icon=":material/monitoring:", layout="wide")
    settings = get_settings()
    config = auth_config.load(settings)
    if config.problems:
        _log_problems(tuple(p.detail for p in config.problems))
        # Anyone can open the URL: say what is missing, but no server paths; those go to the log.
        st.title("PMO Dash cannot start")
        st.error("\n\n".join(fmt.plain(p.public) for p in config.problems), icon=":material/block:")
        st.caption(
            "The administrator finds what to do in the server's log, or with "
            "`python -m pmo_dash users check` on the server."
        )
        st.stop()
    st.session_state.pop("_shell_handoff", None)
    user = login.require_user(config, settings)
    if user is None:
        # No part of a page reruns for nobody: who and where the last signed-in run was is forgotten.
        st.session_state.pop(_USER, None)
        st.session_state.pop(_PAGE, None)
        # Keep the page the link asked for, so that logging in lands on it.
        st.navigation(pages(), position="hidden")
        st.stop()
    try:
        _serve(user, config)
    except Exception as err:  # a visitor never sees a traceback or a server path
        unavailable(user, err)


def _serve(user: User, config: auth_config.AuthConfig) -> None:
    """The signed-in part: the warehouse, navigation, filters, then the chosen page."""
    ensure_warehouse(user)
    # Every page in the menu, always: folded after ten, three pages hid behind a 'View more' button.
    navigation = st.navigation(pages(user.pages), expanded=True)
    _context.page = navigation.url_path or HOME  # the default page's url_path is ""
    # For a fragment's run (a page's tabs, the what-if's levers), which does not pass through here.
    st.session_state[_PAGE], st.session_state[_USER] = _context.page, user
    if clicked := picks.start(_context.page):  # a click that drills: open its target before this page runs
        level, picked = clicked
        st.switch_page(page(level), query_params={level: picked})
    user_scope = user.scope(data.portfolio.all_departments())
    chosen = filters.sidebar(user_scope)
    filters.link_notices()
    login.sidebar(user, config.demo)
    history.one_entry_per_view()
    if not user_scope:
        st.warning(
            "Your account has no departments with data in the warehouse, so there is nothing to show. "
            "Ask an admin to assign your departments.",
            icon=":material/visibility_off:",
        )
        st.stop()
    _context.user, _context.user_scope, _context.filters, _context.auth = user, user_scope, chosen, config
    try:
        navigation.run()
    finally:
        _context.user = _context.user_scope = _context.filters = _context.page = _context.auth = None


def fragment(draw: Callable[[], None]) -> Callable[[], None]:
    """`draw` as a part of the page that reruns on its own (st.fragment: a page's tabs, the what-if's
    levers), a failure in it handled as the page's: Streamlit shows a fragment's exception itself, in
    the page's run as in its own, and its own runs do not pass through `run`."""

    @st.fragment
    @functools.wraps(draw)
    def part() -> None:
        try:
            draw()
        except Exception as err:
            unavailable(user(), err)

    return part


def unavailable(user: User, err: Exception) -> None:
    """Something failed that the user cannot fix: the server log gets the traceback, an admin the
    cause and a way out, everyone else a plain message. Also a fragment's (a page's tabs, the what-if's
    levers), whose own runs do not pass through the shell's."""
    log.exception("PMO Dash could not serve %s", user.username)
    st.title("PMO Dash is unavailable")
    if "admin" in user.pages:
        cause = f"{type(err).__name__}: {err}"
        st.error(
            f"The dashboard could not be served ({fmt.plain(cause, 600)}). "
            "The server log has the details. If the warehouse is damaged, rebuild it "
            "(`python -m pmo_dash build`, or the button below).",
            icon=":material/error:",
        )
        st.button(
            "Rebuild the warehouse now",
            icon=":material/refresh:",
            key="rebuild_unavailable",
            on_click=rebuild_now,
        )
    else:
        st.error(
            "The dashboard cannot show its data right now. The IPMO's admins can see why; "
            "please try again later.",
            icon=":material/error:",
        )


def rebuild_now() -> None:
    from pmo_dash.ui import admin  # only an admin's rare way out needs it

    admin.rebuild(get_settings())


@lru_cache(maxsize=16)
def _log_problems(details: tuple[str, ...]) -> None:
    """Once per server and set of problems, not on every visitor's rerun."""
    for detail in details:
        log.error("PMO Dash cannot start: %s", detail)


def guard() -> None:
    """First line of every page: make sure it runs inside the shell, for a user allowed to open it."""
    if getattr(_context, "filters", None) is not None:
        if _context.page not in _context.user.pages:
            title = PAGES.get(_context.page, ("", "This page"))[1]
            st.error(f"{title} is not open to your role. The menu on the left lists the pages you can open.")
            st.stop()
        return
    if st.session_state.get("_shell_handoff"):
        st.error("This page is part of PMO Dash: open the app itself (`streamlit run app.py`).")
        st.stop()
    # Served straight from pages/ by a fresh server: let the shell take the request from here.
    st.session_state["_shell_handoff"] = True
    st.navigation(pages(), position="hidden")
    st.rerun()


def current() -> Filters:
    """The global filters as this run sees them."""
    return _context.filters


def user() -> User:
    """Who this run serves; in a fragment's run, whom the session's last full run served."""
    return getattr(_context, "user", None) or st.session_state[_USER]


def current_page() -> str:
    """The page this run draws, by its url path ("enterprise" for the home page); in a fragment's run
    (st.fragment: the what-if's levers), which does not pass through the shell, the page its last full
    run drew, the one the fragment is on. Outside a page the shell serves there is none: a plain error."""
    if _PAGE not in st.session_state:
        raise RuntimeError("no page: tabs and other page-keyed widgets are drawn on a page the shell serves")
    return st.session_state[_PAGE]


def auth() -> auth_config.AuthConfig:
    """The login configuration this run was admitted under."""
    return _context.auth


def user_scope() -> Scope:
    """Every department the user may see, whatever the department filter says."""
    return _context.user_scope


def page(name: str) -> str:
    """The page's script, as st.switch_page and st.page_link want it."""
    return str(PAGES_DIR / PAGES[name][0])
