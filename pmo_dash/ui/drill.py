"""The drill path: which department, programme or project a page is about, the way there and back."""

# The level's id travels in the URL (`?department=FIN`), beside the global filters, so that a
# drill-down view is a link a colleague can open. An id outside the user's scope is treated as unknown.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters, Scope
from pmo_dash.ui import fmt, header, picks, plot
from pmo_dash.ui.shell import PAGES, page, user

Crumb = tuple[str, str, dict[str, str]]  # the name shown, the page, its query parameters
CRUMB_LIMIT = 40  # characters of a name in the breadcrumb: the page's title has the whole of it


@dataclass(frozen=True)
class Level:
    """Where on the drill path a page is: the filters of that level, its name, the breadcrumb down to
    it, its URL parameters (`{"department": "FIN"}`) and its row (none for the enterprise)."""

    filters: Filters
    name: str
    trail: list[Crumb]
    link: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)


def open_department(department_id: str) -> None:
    st.switch_page(page("department"), query_params={"department": department_id})


def open_programme(programme_id: str) -> None:
    st.switch_page(page("programme"), query_params={"programme": programme_id})


def open_project(project_id: str) -> None:
    st.switch_page(page("project"), query_params={"project": project_id})


def chosen(level: str, options: pl.DataFrame, id_column: str, noun: str) -> str | None:
    """The id the URL names for this level, if the user may see it. None when it names none (the page
    shows its index instead) or one the user cannot see (and says so: see `named`)."""
    wanted = st.query_params.get(level)
    if wanted and wanted in set(options[id_column]):
        return wanted
    if wanted:
        _not_yours(noun, wanted, icon=":material/link_off:")
    return None


def named(level: str) -> bool:
    """Whether the URL names a department, programme or project for this level (seen or not)."""
    return bool(st.query_params.get(level))


def index_heading(title: str, f: Filters, what: str) -> None:
    """The heading of a level's index (every department, programme or project in view)."""
    st.title(title)
    header.caption(f, what)
    breadcrumb([enterprise_crumb(), (title, "", {})])


def _not_yours(noun: str, wanted: str, icon: str | None = None) -> None:
    st.warning(f"The link names {noun} '{fmt.plain(wanted)}', which is not one you can see here.", icon=icon)


def department(f: Filters, user_scope: Scope) -> Level | None:
    """The department page's level: the one the link names; None when it names none (see `named`)."""
    return _picked("department", data.portfolio.departments(user_scope), f, _department)


def programme(f: Filters, user_scope: Scope) -> Level | None:
    """The programme page's level: the one the link names; None when it names none (see `named`)."""
    return _picked("programme", data.portfolio.programmes(user_scope), f, _programme)


def _picked(noun: str, options: pl.DataFrame, f: Filters, build: Callable) -> Level | None:
    picked = chosen(noun, options, f"{noun}_id", noun)
    return None if picked is None else build(f, _row(options, f"{noun}_id", picked))


def level(f: Filters, user_scope: Scope) -> Level | None:
    """For a page that follows the drill path (risks, benefits, lessons): the level the link names
    (`?programme=`, else `?department=`), else the enterprise under the global filters. None when the
    link names something the user cannot see."""
    for noun, options, build in (
        ("programme", data.portfolio.programmes, _programme),
        ("department", data.portfolio.departments, _department),
    ):
        if wanted := st.query_params.get(noun):
            row = _row(options(user_scope), f"{noun}_id", wanted)
            if row is None:
                _not_yours(noun, wanted)
                return None
            return build(f, row)
    return Level(f, in_view(f, user_scope), [enterprise_crumb()])


def in_view(f: Filters, user_scope: Scope) -> str:
    """What the global filters show, by name: the enterprise, one department, or how many of them (a
    department's PMO head reads "Risks · Finance", not "Risks · Enterprise")."""
    if len(f.scope) == 1 and (
        row := _row(data.portfolio.departments(user_scope), "department_id", f.scope[0])
    ):
        return row["name"]
    if set(f.scope) == set(user_scope):
        return "Enterprise" if user().sees_every_department else "Your departments"
    return f"{len(f.scope)} departments"


def _row(frame: pl.DataFrame, column: str, wanted: str) -> dict[str, Any] | None:
    found = frame.filter(pl.col(column) == wanted)
    return None if found.is_empty() else found.row(0, named=True)


def _department(f: Filters, row: dict[str, Any]) -> Level:
    link = {"department": row["department_id"]}
    here = Filters(scope=(row["department_id"],), as_of=f.as_of, programme=f.programme, objective=f.objective)
    return Level(here, row["name"], [enterprise_crumb(), (row["name"], page("department"), link)], link, row)


def _programme(f: Filters, row: dict[str, Any]) -> Level:
    link = {"programme": row["programme_id"]}
    trail = [
        enterprise_crumb(),
        (row["department"], page("department"), {"department": row["department_id"]}),
        (row["name"], page("programme"), link),
    ]
    here = Filters(
        scope=(row["department_id"],), as_of=f.as_of, programme=row["programme_id"], objective=f.objective
    )
    return Level(here, row["name"], trail, link, row)


def enterprise_crumb() -> Crumb:
    return ("Enterprise", page("enterprise"), {})


def project_trail(p: dict[str, Any]) -> list[Crumb]:
    """Enterprise › Department › (Programme ›) Project, for a project's brief row `p`."""
    trail = [enterprise_crumb(), (p["department"], page("department"), {"department": p["department_id"]})]
    if p["programme_id"]:
        trail.append((p["programme"], page("programme"), {"programme": p["programme_id"]}))
    trail.append((p["project"], page("project"), {"project": p["project_id"]}))
    return trail


def insight_page(name: str, f: Filters, user_scope: Scope, what: str) -> Filters:
    """The opening of a page that follows the drill path (risks, benefits, lessons): its title at the
    level the link names, the line under it and the breadcrumb; returns that level's filters. Stops
    the page when the link names something the user cannot see."""
    found = level(f, user_scope)
    if found is None:
        st.stop()
    title = PAGES[name][1]
    st.title(f"{title} · {fmt.plain(found.name)}")
    header.caption(found.filters, what)
    breadcrumb([*found.trail, (title, page(name), {})])
    return found.filters


def heading(level: Level, what: str) -> None:
    """A department's or programme's title, the line under it, the breadcrumb to it and the links to
    its risks, benefits and lessons."""
    st.title(fmt.plain(level.name))
    header.caption(level.filters, what)
    breadcrumb(level.trail)
    insight_links(level.link)


def breadcrumb(trail: list[Crumb]) -> None:
    """Enterprise › Department › Programme › Project: each level a link back out, the last one plain."""
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    for position, (text, target, params) in enumerate(trail):
        if position:
            row.markdown("›")
        if position == len(trail) - 1:
            row.markdown(f"**{fmt.plain(text, CRUMB_LIMIT)}**")
        else:
            row.page_link(target, label=fmt.plain(text, CRUMB_LIMIT), query_params=params)


def insight_links(params: dict[str, str]) -> None:
    """Links from a department or programme to its risks, benefits and lessons."""
    row = st.container(horizontal=True, gap="small")
    for name in ("risks", "benefits", "lessons", "roadmap", "governance", "compliance", "resources"):
        row.page_link(page(name), label=f"{name.capitalize()} here", icon=PAGES[name][2], query_params=params)


def clicked(chart: go.Figure, key: str, opens: str | None = None) -> str | None:
    """Draw a chart whose points or bars can be clicked; the customdata of the one clicked, if any. A
    chart whose click opens a department, programme or project (`opens`) is remembered for its page, so
    that the run its click brings opens its target before the page runs again (`picks`)."""
    if opens:
        picks.remember(key, opens)
    return chart_pick(plot.show(chart, on_select="rerun", key=key))


chart_pick = picks.point_pick  # the customdata of the point or bar clicked in a plotly chart, if any
