"""The global filters in the sidebar, kept in the URL so that every view is a shareable link.

Streamlit drops a URL value that matches no option without a word; we say so instead, because a
colleague's link that silently shows something else is worse than one that admits it.
"""

from __future__ import annotations

import datetime as dt
import zlib

import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters, Scope
from pmo_dash.periods import label
from pmo_dash.ui import fmt

# A widget with these keeps its value in the URL (so a view is a link) and across page switches.
IN_LINK = {"bind": "query-params", "persist_state": "session"}
# URL keys of the global filters (the drill path uses department, programme and project).
AS_OF, DEPARTMENTS, PROGRAMME, OBJECTIVE = "as_of", "departments", "in_programme", "objective"
# Session key: what links asked for and were refused, kept until dismissed. The widgets drop a bad
# value from the URL at once, so a warning drawn only while the URL holds it vanished within a second.
NOTICES = "_link_notices"


def sidebar(user_scope: Scope) -> Filters:
    """Draw the filters; return what they select, within the user's scope."""
    periods = data.portfolio.periods(user_scope)
    if not periods:
        return Filters(scope=(), as_of=dt.date.today())
    departments = fmt.unique_labels(data.portfolio.departments(user_scope), "department_id")
    with st.sidebar:
        _notice_unknown(AS_OF, [label(p) for p in periods], "reporting period", "e.g. " + label(periods[0]))
        as_of = st.selectbox(
            "As of",
            periods,
            format_func=label,
            key=AS_OF,
            **IN_LINK,
            help="Everything shows the portfolio as it stood at the end of this period.",
        )
        _notice_unknown(DEPARTMENTS, list(departments.values()), "department you can see")
        chosen = st.multiselect(
            "Departments",
            list(departments),
            format_func=departments.get,
            key=DEPARTMENTS,
            placeholder="All departments",
            **IN_LINK,
        )
        in_view = tuple(d for d in chosen if d in user_scope) or user_scope  # never beyond the scope
        programmes = data.portfolio.programmes(in_view)
        programme_labels = fmt.unique_labels(programmes, "programme_id")
        _notice_unknown(PROGRAMME, list(programme_labels.values()), "programme in these departments")
        programme = st.selectbox(
            "Programme",
            list(programme_labels),
            format_func=programme_labels.get,
            index=None,
            placeholder="All programmes",
            key=PROGRAMME,
            **IN_LINK,
        )
        objectives = fmt.unique_labels(data.portfolio.objectives(user_scope), "objective_id")
        _notice_unknown(OBJECTIVE, list(objectives.values()), "strategic objective")
        objective = st.selectbox(
            "Strategic objective",
            list(objectives),
            format_func=objectives.get,
            index=None,
            placeholder="All objectives",
            key=OBJECTIVE,
            **IN_LINK,
        )
    return Filters(scope=in_view, as_of=as_of, programme=programme, objective=objective)


def _notice_unknown(key: str, valid: list[str], what: str, hint: str = "") -> None:
    """Say which values of a link's `key` were ignored, before the widget silently drops them."""
    given = st.query_params.get_all(key)
    ignored = [v for v in given if v and v not in valid]
    if ignored:
        values = ", ".join(f"'{fmt.plain(v)}'" for v in ignored)
        suffix = f" ({hint})" if hint else ""
        notices = st.session_state.setdefault(NOTICES, [])
        notice = f"Ignored {key}={values} from the link: not a {what}{suffix}."
        if notice not in notices:
            notices.append(notice)


def link_notices() -> None:
    """Each ignored link value, with a button that dismisses it."""
    for notice in st.session_state.get(NOTICES, []):
        with st.container(horizontal=True, vertical_alignment="center"):
            st.warning(notice, icon=":material/link_off:")
            st.button(
                "Dismiss",
                key=f"_dismiss_{zlib.crc32(notice.encode())}",
                on_click=_dismiss,
                args=(notice,),
                type="tertiary",
            )


def _dismiss(notice: str) -> None:
    st.session_state[NOTICES] = [n for n in st.session_state.get(NOTICES, []) if n != notice]


def since_picker(known: list[dt.date], as_of: dt.date) -> dt.date | None:
    """An earlier period to compare with, the previous one by default."""
    earlier = [p for p in known if p < as_of]
    if not earlier:
        st.caption("No earlier period to compare with.")
        return None
    return st.selectbox("Compared with", earlier, format_func=label, key="since", width=200)
