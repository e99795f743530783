"""The app around every page: navigation, the global filters, and the guard each page runs first.

A freshly started server can serve a `pages/` file directly, before any session has run
`st.navigation`; the guard hands such a request back to the shell, so every page always runs
inside it, with its filters and (later) its login.
"""

from __future__ import annotations

import threading

import streamlit as st

from pmo_dash.data import Filters, Scope
from pmo_dash.settings import ROOT
from pmo_dash.ui import filters
from pmo_dash.ui.session import ensure_warehouse, scope

PAGES = {
    "enterprise": ("enterprise.py", "Enterprise", ":material/domain:"),
    "department": ("department.py", "Department", ":material/corporate_fare:"),
    "programme": ("programme.py", "Programme", ":material/account_tree:"),
    "project": ("project.py", "Project", ":material/assignment:"),
    "risks": ("risks.py", "Risks", ":material/warning:"),
    "benefits": ("benefits.py", "Benefits", ":material/savings:"),
    "lessons": ("lessons.py", "Lessons learned", ":material/school:"),
}
PAGES_DIR = ROOT / "pages"

_context = threading.local()


def pages() -> list[st.Page]:
    return [
        st.Page(PAGES_DIR / path, title=title, icon=icon, url_path=name, default=name == "enterprise")
        for name, (path, title, icon) in PAGES.items()
    ]


def run() -> None:
    """Everything app.py does: the warehouse, navigation, filters, then the chosen page."""
    st.set_page_config(page_title="PMO Dash", page_icon=":material/monitoring:", layout="wide")
    ensure_warehouse()
    st.session_state.pop("_shell_handoff", None)
    navigation = st.navigation(pages())
    user_scope = scope()
    chosen = filters.sidebar(user_scope)
    _context.user_scope, _context.filters = user_scope, chosen
    try:
        navigation.run()
    finally:
        _context.user_scope = _context.filters = None


def guard() -> None:
    """First line of every page: make sure it runs inside the shell."""
    if getattr(_context, "filters", None) is not None:
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


def user_scope() -> Scope:
    """Every department the user may see, whatever the department filter says."""
    return _context.user_scope


def page(name: str) -> str:
    """The page's script, as st.switch_page and st.page_link want it."""
    return str(PAGES_DIR / PAGES[name][0])
