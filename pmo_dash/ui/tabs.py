"""Tabs of which only the open one is drawn, its name in the link (`?tab=` on the home page, the page's
own parameter elsewhere, `?risks_tab=`, and the row's own on a page with two rows of tabs): a chart
costs the browser 0.15 to 0.3 s to draw on a two-core machine, and a table of thousands of rows as
much, so a page that drew every tab took over a second to appear after a click. The home, department,
Risks, Benefits, Lessons, governance and what-if pages use them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from pmo_dash.ui import picks, sheets, shell


def param(page: str) -> str:
    """The link parameter of a page's tabs: `tab` on the home page, `<page>_tab` on every other. One name
    on every page lost the tab on the back button: when the pages change, Streamlit drops a URL parameter
    that a widget on the page being left is bound to, so back from a department (or from any page with
    tabs) opened the page before it on its first tab, whatever tab its link named."""
    return "tab" if page == shell.HOME else f"{page}_tab"


def lazy(names: Sequence[str], draws: Sequence[Callable[[], None]], key: str | None = None) -> None:
    """One tab per name; only the open one's draw runs. `key` names the link's parameter, the page's own
    (`param`) unless given: a page with two rows of tabs gives the second a name no other page uses.

    Opening another tab reruns the tabs alone (a fragment), not the page: the rest of it stays as drawn,
    and the browser redraws only the tab. Opening RAG by department at the enterprise tier (40
    departments) took a median 0.62 s with the whole page rerun and 0.56 s with the tabs alone, in 14
    paired fresh Chromium browsers (a drill from it 0.57 and 0.60 s: one run more, below). The page's
    workbook holds the tab open when it is asked for (`sheets.hold`)."""
    page = shell.current_page()
    key = key or param(page)
    slot = sheets.hold()

    @shell.fragment
    def tabs() -> None:
        # A click in the tab that drills (a bar, a row) reruns the tabs: the page's run follows it
        # instead, before anything is drawn (`picks`), as it does a click anywhere else on the page.
        # Drawn again first, the tab's chart went to the browser, which began drawing it while the next
        # page waited (a drill from RAG by department: 0.58 s against 0.54 s in 10 pairs); a switch from
        # the tabs' own run loses the period and filters bound to the link (Streamlit puts them back
        # only after the page's run, and refuses to be given them).
        if picks.resume(page):
            st.rerun(scope="app")
        with sheets.filling(slot):
            for tab, draw in zip(st.tabs(list(names), key=key, bind="query-params"), draws, strict=True):
                if tab.open:
                    with tab:
                        draw()

    tabs()
