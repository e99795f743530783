"""Risk views: the heat map and the list beside it, which cell was clicked, how a list of risks reads."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters
from pmo_dash.periods import label
from pmo_dash.settings import Thresholds
from pmo_dash.ui import drill, filters, plot, tables
from pmo_dash.ui.header import TODAY
from pmo_dash.ui.risks import charts

HEAT_MAP = "heatmap"  # the chart's key; a new one (heatmap_2, ...) forgets the chart's last click
TABS = ("Overdue actions", "What worsened", "Trends", "Concentration")  # below the heat map, one drawn
_ROUND, _CELL = "_heat_map_round", "_heat_map_cell"


@dataclass(frozen=True)
class Heat:
    """What the heat map shows: risks, exposure or movement (then since when), and the cell chosen."""

    mode: str
    since: dt.date | None
    cell: tuple[int, int] | None


def heat_map(here: Filters, cut: Thresholds) -> Heat:
    """The heat map with its mode, the earlier period for movement, and what the cells mean."""
    mode = st.segmented_control("Show", ["Risks", "Exposure", "Movement"], default="Risks", key="heat_mode")
    since = moves = None
    if mode == "Movement":
        since = filters.since_picker(data.portfolio.periods(here.scope), here.as_of)
        moves = data.risks.movement(here, since) if since else None
    key = _chart_key()
    # The cell is kept apart from the chart's selection: the outline changes the figure, and a changed
    # figure is a new chart to Streamlit, whose selection starts empty.
    if clicked := heat_cell(st.session_state.get(key)):
        st.session_state[_CELL] = clicked
    chosen = st.session_state.get(_CELL)
    grid = charts.risk_grid(
        data.risks.heatmap(here), "exposure" if mode == "Exposure" else "risks", cut, moves, chosen
    )
    plot.show(grid, on_select="rerun", key=key, half=True)
    if moves is not None:
        st.caption(
            f"Each cell: how many risks moved into it and out of it since {label(since)}, as reviewed then "
            "and now. A risk raised since moves in, one closed since moves out; one whose likelihood or "
            "impact rose moves up or right. Click a cell to list them."
        )
    else:
        shown = "summed exposure (likelihood × impact)" if mode == "Exposure" else "open risks"
        st.caption(
            f"Each cell: {shown}, as last reviewed. Red zone: likelihood × impact ≥ "
            f"{cut.high_risk_exposure}; amber from {cut.medium_risk_exposure}. "
            "Click a cell to list its risks."
        )
    return Heat(mode or "Risks", since, chosen)


def heat_list(here: Filters, heat: Heat, past: bool) -> None:
    """Beside the heat map: the chosen cell's risks (or those that moved in and out of it), with the
    way back to the top 10; or the top 10 risks by exposure."""
    if heat.cell is None:
        tables.titled_table(
            "Top 10 risks by exposure",
            data.risks.top(here),
            risk_columns(
                "exposure", "title", "project", "owner", "action_due", "action_overdue", "risk_id", past=past
            ),
            height=420,
        )
        return
    likelihood, impact = heat.cell
    st.button(
        "Back to the top 10 risks",
        icon=":material/arrow_back:",
        key="heat_back",
        on_click=_clear,
        type="tertiary",
    )
    if heat.since is not None:
        tables.titled_table(
            f"Moved into or out of likelihood {likelihood} × impact {impact} since {label(heat.since)}",
            data.risks.cell_moves(here, heat.since, likelihood, impact),
            risk_columns(
                "moved", "title", "was", "now", "project", "department", "owner", "risk_id", past=past
            ),
            height=420,
            empty="No risk moved into or out of this cell.",
        )
        return
    tables.titled_table(
        f"Risks at likelihood {likelihood} × impact {impact}",
        data.risks.cell(here, likelihood, impact),
        risk_columns(
            "title",
            "project",
            "owner",
            "action_due",
            "action_overdue",
            "department",
            "response",
            "risk_id",
            past=past,
        ),
        height=420,
        empty="No open risk sits in this cell.",
    )


def _chart_key() -> str:
    n = st.session_state.get(_ROUND, 0)
    return HEAT_MAP if not n else f"{HEAT_MAP}_{n + 1}"


def _clear() -> None:
    """Button callback: forget the chosen cell, and the click that chose it (under a new key, the
    chart starts with no selection)."""
    st.session_state.pop(_CELL, None)
    st.session_state[_ROUND] = st.session_state.get(_ROUND, 0) + 1


def heat_cell(event) -> tuple[int, int] | None:
    """The (likelihood, impact) of the heat-map cell a user clicked, if any."""
    picked = drill.chart_pick(event)
    # The selection comes back from the browser: anything but a cell of the 5 x 5 grid is no cell.
    cell = re.fullmatch(r"([1-5])-([1-5])", picked) if isinstance(picked, str) else None
    if cell is None:
        return None
    return int(cell.group(1)), int(cell.group(2))


# What a risks return keeps only as it is today: in a view of an earlier period, labelled so.
TODAYS = ("owner", "response", "action_due")


def risk_columns(*extra: str, past: bool = False) -> dict[str, Any]:
    """How a list of risks reads, whichever list it is; in a view of an earlier period (`past`), the
    owner, response and action date are today's, and say so."""
    # Widths that fit a half-width list at 1280 px: the risk, where it is, who owns it, by when.
    columns = {
        "risk_id": st.column_config.TextColumn("ID"),
        "title": st.column_config.TextColumn("Risk", width=170),
        "project": st.column_config.TextColumn("Project", width=130),
        "department": st.column_config.TextColumn("Department", width=130),
        "likelihood": st.column_config.NumberColumn("L", width=35),
        "impact": st.column_config.NumberColumn("I", width=35),
        "exposure": st.column_config.NumberColumn("L × I", width=50, help="Likelihood × impact"),
        "moved": st.column_config.TextColumn("Moved", width=60, help="Into the cell, or out of it"),
        "was": st.column_config.TextColumn("Was", width=60),
        "now": st.column_config.TextColumn("Now", width=60),
        "rise": st.column_config.NumberColumn("Rise", width=50),
        "owner": st.column_config.TextColumn("Owner", width=100),
        "response": st.column_config.TextColumn("Response"),
        "action_due": tables.date("Action due", width=95),
        "days_overdue": st.column_config.NumberColumn("Days overdue", width=95),
        "action_overdue": st.column_config.CheckboxColumn("Overdue", width=70),
    }
    if past:
        for key in TODAYS:
            columns[key]["label"] += TODAY
            columns[key]["width"] = (columns[key]["width"] or 100) + 30  # room for " (today)"
    return {k: columns[k] for k in extra}
