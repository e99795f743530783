"""How the Proposals page reads: the pipeline's counts, value against strategic fit, the ranked list, and
the portfolio board's decisions (on the governance view too)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pmo_dash.ui import fmt, tables, theme

RANKINGS = {
    "benefit_cost_ratio": ("Benefit/cost ratio", True),
    "npv": ("Net present value", True),
    "payback_years": ("Payback", False),
    "strategic_fit": ("Strategic fit", True),
    "risk": ("Risk (lowest first)", False),
}
RISK_ORDER = {"Low": 0, "Medium": 1, "High": 2}
RISK_COLOURS = {"Low": theme.GREEN, "Medium": theme.AMBER, "High": theme.RED}


def cards(rows: pl.DataFrame) -> None:
    cells = st.columns(4)
    awaiting = rows.filter(pl.col("decision") == "Awaiting decision")
    approved = rows.filter(pl.col("decision") == "Approved")
    cells[0].metric("Proposals", f"{rows.height:,}")
    cells[1].metric("Awaiting decision", f"{awaiting.height:,}")
    cells[2].metric(
        "Approved to start", f"{approved.height:,}", help="The what-if weighs these beside the projects."
    )
    cells[3].metric("Cost awaiting decision", fmt.money(awaiting["estimated_cost"].sum()))


def ranked(rows: pl.DataFrame) -> pl.DataFrame:
    """The proposals in the order the user chooses (payback: those that never repay last)."""
    by = st.segmented_control(
        "Rank by",
        list(RANKINGS),
        format_func=lambda k: RANKINGS[k][0],
        default="benefit_cost_ratio",
        key="rank_by",
    )
    by = by or "benefit_cost_ratio"
    key = pl.col("risk_rating").replace_strict(RISK_ORDER, default=3) if by == "risk" else pl.col(by)
    return rows.sort(key, descending=RANKINGS[by][1], nulls_last=True, maintain_order=True)


def value_map(rows: pl.DataFrame) -> go.Figure:
    """Benefit/cost ratio against strategic fit, a bubble per proposal sized by its cost, coloured by risk."""
    traces = []
    largest = float(rows["estimated_cost"].max() or 1)
    for risk, colour in RISK_COLOURS.items():
        part = rows.filter(pl.col("risk_rating") == risk)
        if part.is_empty():
            continue
        jitter = (np.arange(part.height) % 5 - 2) * 0.06  # proposals of one fit side by side, not on top
        traces.append(
            go.Scatter(
                x=part["benefit_cost_ratio"].to_numpy(),
                y=part["strategic_fit"].to_numpy() + jitter,
                mode="markers",
                name=f"{risk} risk",
                marker={
                    "size": 8 + 30 * np.sqrt(part["estimated_cost"].to_numpy() / largest),
                    "color": colour,
                    "opacity": 0.75,
                    "line": {"color": "white", "width": 1},
                },
                hovertext=theme.safe(part["title"]),
                customdata=theme.money_text(part["estimated_cost"]),
                hovertemplate="%{hovertext}<br>benefit/cost %{x:.2f}, cost %{customdata}<extra></extra>",
            )
        )
    layout = theme.layout(
        360,
        legend=theme.LEGEND_ABOVE,
        xaxis=theme.axis(title="benefit/cost ratio (discounted benefit / cost)"),
        yaxis=theme.axis(title="strategic fit", tickvals=[1, 2, 3, 4, 5], range=[0.5, 5.5]),
        shapes=[theme.line("x", 1.0)],
    )
    return go.Figure(traces, layout)


def listing(rows: pl.DataFrame) -> None:
    tables.show(
        rows.with_columns(pl.col("roi") * 100),
        {
            "rank": st.column_config.NumberColumn(
                "Rank", format="%d", width=50, help="By benefit/cost ratio"
            ),
            "title": st.column_config.TextColumn("Proposal", width=220),
            "department": st.column_config.TextColumn("Department", width=130),
            "decision": st.column_config.TextColumn("Decision", width=120),
            "estimated_cost": tables.money("Cost"),
            "npv": tables.money("NPV"),
            "benefit_cost_ratio": tables.ratio("Benefit/cost"),
            "payback_years": st.column_config.NumberColumn(
                "Payback (years)", format="%.1f", help="Empty: the benefit never repays the cost in its years"
            ),
            "roi": tables.percent("ROI"),
            "strategic_fit": st.column_config.NumberColumn("Fit", format="%d", width=45),
            "risk_rating": st.column_config.TextColumn("Risk", width=70),
            "operational_impact": st.column_config.TextColumn("Operational impact", width=120),
            "requested_start": tables.date("Requested start"),
            "objective": st.column_config.TextColumn("Objective"),
            "sponsor": st.column_config.TextColumn("Sponsor"),
            "proposal_id": st.column_config.TextColumn("ID"),
        },
        title="Proposals",
        key="proposals",
        height=tables.fitted_height(rows.height, 460),
    )


def decisions(rows: pl.DataFrame) -> None:
    tables.titled_table(
        "The portfolio board's decisions on proposals, the last 13 months",
        rows,
        {
            "decided_on": tables.date("Decided"),
            "decision": st.column_config.TextColumn("Decision", width=90),
            "title": st.column_config.TextColumn("Proposal", width=220),
            "department": st.column_config.TextColumn("Department", width=130),
            "estimated_cost": tables.money("Cost"),
            "npv": tables.money("NPV"),
            "decided_by": st.column_config.TextColumn("By", width=120),
            "note": st.column_config.TextColumn("Note"),
        },
        empty="No decision on a proposal in view in these 13 months.",
    )


def demand(rows: pl.DataFrame) -> None:
    tables.titled_table(
        "The people they ask for, by role, the next 12 months",
        rows,
        {
            "role": st.column_config.TextColumn("Role", width=140),
            "fte_months": st.column_config.NumberColumn("FTE-months", format="%.1f"),
            "peak_fte": st.column_config.NumberColumn("Peak FTE", format="%.1f"),
            "approved_fte_months": st.column_config.NumberColumn(
                "Approved: FTE-months", format="%.1f", help="Of the proposals approved to start"
            ),
            "approved_peak_fte": st.column_config.NumberColumn("Approved: peak FTE", format="%.1f"),
        },
        empty="No proposal in view returned resource demand for these months (`proposal_demand`).",
    )
