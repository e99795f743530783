"""Clicks that drill, remembered per page so the run a click brings can follow it before anything else.

A chart's click (its point's customdata) or a table's selected row opens a department, programme or
project. Streamlit reruns the whole page on the click, and the page used to meet the click only where it
drew that chart or table again: a drill cost a full run of the page being left, and a page drawn for
nothing, before the page asked for. Each chart or table that drills is remembered here for its page
(with the ids of its rows, for a table), and the shell asks `start` right after navigation.
"""

from __future__ import annotations

import threading
from typing import Any

import polars as pl
import streamlit as st

_KEY = "_drill_picks"  # session key: {page: {widget key: (what it opens, the table's row ids or None)}}
_run = threading.local()  # the page this run draws (each session's script runs in a thread of its own)


def start(page: str) -> tuple[str, str] | None:
    """A run of `page` begins: what a click on one of its drilling charts or tables asks to open."""
    _run.page = page
    return pending(page)


def remember(key: str, opens: str, ids: pl.Series | None = None) -> None:
    """The widget `key` on this run's page opens a `opens` (department, programme, project) when
    clicked: by the clicked point's customdata (a chart), or by the id of the selected row among `ids`
    (a table)."""
    page = getattr(_run, "page", "")
    st.session_state.setdefault(_KEY, {}).setdefault(page, {})[key] = (opens, ids)


def pending(page: str) -> tuple[str, str] | None:
    """What a click on one of `page`'s drilling charts or tables asks to open, as (opens, id). A click is
    followed once: the page's charts and tables are forgotten until it draws them again (an index and
    what it opens are one page, which would otherwise meet the same click again, and again)."""
    if found := _clicked(page):
        del st.session_state[_KEY][page]
    return found


def resume(page: str) -> bool:
    """A run of part of `page` begins (its tabs' own, ui/tabs.py): what it draws is remembered for
    `page`, as in the page's run. Whether a click on one of the page's drilling charts or tables waits
    to be followed, which only the page's run does (`start`)."""
    _run.page = page
    return _clicked(page) is not None


def _clicked(page: str) -> tuple[str, str] | None:
    for key, (opens, ids) in st.session_state.get(_KEY, {}).get(page, {}).items():
        if key not in st.session_state:
            continue
        state = st.session_state[key]
        if picked := point_pick(state) if ids is None else row_pick(state, ids):
            return opens, picked
    return None


def point_pick(event: Any) -> str | None:
    """The customdata of the point or bar a user clicked in a plotly chart, if any."""
    # The event comes back from the browser, so it is read as untrusted: any other shape is no pick.
    try:
        point = event["selection"]["points"][0]
        custom = point.get("customdata")
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    return custom if isinstance(custom, str) and custom else None


def row_pick(event: Any, ids: pl.Series | list[str]) -> str | None:
    """The id of the row a user selected in a table showing `ids` in that order, if any."""
    try:
        chosen = event["selection"]["rows"]
    except (KeyError, TypeError):
        return None
    if not chosen or not isinstance(chosen[0], int) or not 0 <= chosen[0] < len(ids):
        return None
    return ids[chosen[0]]
