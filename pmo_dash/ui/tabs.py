"""Tabs of which only the open one is drawn, its name in the link (`?tab=`, or the row's own parameter
on a page with two rows of tabs): a chart costs the browser 0.15 to 0.3 s to draw on a two-core machine,
and a table of thousands of rows as much, so a page that drew every tab took over a second to appear
after a click. The home, department, Risks, Benefits, Lessons, governance and what-if pages use them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st


def lazy(names: Sequence[str], draws: Sequence[Callable[[], None]], key: str = "tab") -> None:
    """One tab per name; only the open one's draw runs. `key` names the link's parameter: a page with two
    rows of tabs gives the second its own."""
    for tab, draw in zip(st.tabs(list(names), key=key, bind="query-params"), draws, strict=True):
        if tab.open:
            with tab:
                draw()
