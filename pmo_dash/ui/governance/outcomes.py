"""How the Governance page reads what projects delivered and how stakeholders see them: the IPMO's seed
KPIs, stakeholder satisfaction, and the post-implementation reviews."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from pmo_dash.ui import fmt, sparkline, tables
from pmo_dash.ui.governance.views import clickable


def seed_kpis(trend: pl.DataFrame, as_of: dt.date) -> None:
    """The IPMO's seed KPIs side by side, each with its change since the previous period and its trend:
    schedule variance, budget adherence, stakeholder satisfaction."""
    now = trend.filter(pl.col("period") == as_of)
    if now.is_empty():
        st.caption("Nothing to show for this period.")
        return
    current = now.row(0, named=True)
    earlier = trend.filter(pl.col("period") < as_of)
    before = earlier.row(-1, named=True) if earlier.height else None
    history = trend.tail(12)

    trends: list[str | None] = []  # each card's trend line, drawn together at the end

    def card(column, label, key, shown, change, help):
        value, previous = current[key], before[key] if before else None
        delta = None if value is None or previous is None else change(value - previous)
        trends.append(
            sparkline.card(
                column,
                label,
                "not reported" if value is None else shown(value),
                history[key].to_list(),
                **fmt.delta(delta),
                help=help,
            )
        )

    cells = st.columns(3)
    card(
        cells[0],
        "Schedule variance",
        "schedule_variance",
        lambda v: f"{v:+.1%}",
        lambda d: f"{d * 100:+.1f} pts",
        "Earned value less planned value, as a share of planned value (negative: behind)",
    )
    card(
        cells[1],
        "Budget adherence",
        "budget_adherence",
        lambda v: f"{v:.0%}",
        lambda d: f"{d * 100:+.0f} pts",
        f"Of the {current['costed_projects']} active projects with an EAC, the share within the cost "
        "tolerance of their budget",
    )
    card(
        cells[2],
        "Stakeholder satisfaction",
        "satisfaction",
        lambda v: f"{v:.1f} / 5",
        lambda d: f"{round(d, 1) + 0.0:+.1f}",
        f"Mean of the {current['satisfaction_scores']} scores (1 poor, 5 excellent) in the returns in force",
    )
    sparkline.lines(trends)


def satisfaction_by_department(rows: pl.DataFrame) -> None:
    tables.show(
        rows,
        {
            "department": st.column_config.TextColumn("Department", width=150),
            "satisfaction": st.column_config.NumberColumn("Mean", format="%.2f", width=60),
            "change": st.column_config.NumberColumn(
                "Change", format="%+.2f", width=65, help="Since the period before"
            ),
            "scores": st.column_config.NumberColumn("Scores", format="%d", width=60),
        },
        height=tables.fitted_height(rows.height, 360),
        key="satisfaction_by_department",
        title="Satisfaction by department",
    )


def lowest_satisfaction(rows: pl.DataFrame) -> None:
    clickable(
        rows.with_columns(tables.rag_cell("evidence_rag")),
        {
            "satisfaction": st.column_config.NumberColumn("Score", format="%d", width=55),
            "project": st.column_config.TextColumn("Project", width=180),
            "summary": st.column_config.TextColumn("What the return said", width=200),
            "evidence_rag": tables.rag_column("Evidence"),
            "department": st.column_config.TextColumn("Department", width=120),
        },
        "lowest_satisfaction",
        "No return in force gives a satisfaction score.",
        title="Lowest satisfaction",
    )


def pir_status(rows: pl.DataFrame) -> None:
    tables.show(
        rows.with_columns(pl.col("benefits_realisation") * 100),
        {
            "department": st.column_config.TextColumn("Department", width=140),
            "closed": st.column_config.NumberColumn("Closed", format="%d", width=60),
            "held": st.column_config.NumberColumn("Held", format="%d", width=55),
            "held_late": st.column_config.NumberColumn(
                "Late", format="%d", width=50, help="Held after the due date"
            ),
            "overdue": st.column_config.NumberColumn("Overdue", format="%d", width=65),
            "not_yet_due": st.column_config.NumberColumn("Not due", format="%d", width=65),
            "with_lessons": st.column_config.NumberColumn(
                "With lessons",
                format="%d",
                width=85,
                help="Reviews held after which the project logged a lesson",
            ),
            "benefits_realisation": tables.percent(
                "Benefits after close",
                width=110,
                help="Benefits measured after closing: actual / planned, mean",
            ),
        },
        key="pir_status",
        title="Reviews by department",
    )


def pir_list(rows: pl.DataFrame) -> None:
    clickable(
        rows.with_columns(
            pl.when(pl.col("status") == "overdue")
            .then(pl.format("overdue {} days", "days_overdue"))
            .otherwise(pl.format("held {}", pl.col("held_on").dt.strftime("%-d %b %Y")))
            .alias("state")
        ),
        {
            "project": st.column_config.TextColumn("Project", width=180),
            "state": st.column_config.TextColumn("Review", width=130),
            "rating": st.column_config.TextColumn("Rating", width=130),
            "benefits_realised_to_date": tables.money("Benefits realised", width=110),
            "findings": st.column_config.TextColumn("Findings", width=220),
            "actual_finish": tables.date("Closed", width=100),
            "department": st.column_config.TextColumn("Department", width=120),
        },
        "pir_list",
        "No review is overdue and none was held.",
        title="Post-implementation reviews",
    )
