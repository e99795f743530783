"""The Forecast sections: where the portfolio, a department or a programme will land (reference-class P50
and P80 cost, the contingency to hold, the projects with most exposure) and the projects likely to turn
Red (the early warning, with its backtested accuracy); and a project's own forecast on its brief. Every
list drills to the project; what cannot be forecast says why, never an empty chart."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters
from pmo_dash.settings import Thresholds
from pmo_dash.ui import drill, fmt, tables
from pmo_dash.ui.forecast import charts

EXPOSURE_COLUMNS = {
    "project": st.column_config.TextColumn("Project", width=200),
    "department": st.column_config.TextColumn("Department", width=130),
    "reference_class": st.column_config.TextColumn(
        "Reference class", width=190, help="The closed projects it is forecast from, and how many"
    ),
    "budget": tables.money("Budget"),
    "p50_cost": tables.money("P50 cost"),
    "p80_cost": tables.money("P80 cost"),
    "exposure": tables.money("P80 over budget"),
    "p80_finish": tables.date("P80 finish"),
}
LANDED_COLUMNS = {
    "department": st.column_config.TextColumn("Department", width=200),
    "closed": st.column_config.NumberColumn("Closed projects"),
    "cost_p50": tables.ratio("Cost P50", help="Final cost / budget at baseline"),
    "cost_p80": tables.ratio("Cost P80"),
    "cost_max": tables.ratio("Cost, worst"),
    "schedule_p50": tables.ratio("Schedule P50", help="Actual duration / planned"),
    "schedule_p80": tables.ratio("Schedule P80"),
    "schedule_max": tables.ratio("Schedule, worst"),
}
WARNING_COLUMNS = {
    "project": st.column_config.TextColumn("Project", width=200),
    "department": st.column_config.TextColumn("Department", width=130),
    "evidence_rag": tables.rag_column("Now"),
    "chance": tables.percent("Chance of Red", bar=True, help="Of being Red on evidence within three periods"),
    "reasons": st.column_config.TextColumn("Why", width=340),
    "exposure": tables.money("P80 over budget"),
}


def no_history(history: int | None, cut: Thresholds, f: Filters) -> str:
    closed = history or 0
    return (
        f"Not enough history to forecast: {closed} project{'' if closed == 1 else 's'} had closed by "
        f"{f.as_of:%-d %b %Y}, fewer than the {cut.reference_class_min} a reference class needs "
        "(PMO_REFERENCE_CLASS_MIN)."
    )


def section(f: Filters, *, by_department: bool) -> None:
    """The Forecast section of the enterprise, department and programme pages."""
    cut = data.intake.thresholds()
    exposure = data.forecast.exposure(f)
    if exposure.is_empty():
        st.info("No active project in view to forecast in this period.")
    else:
        landing(f, exposure, cut, by_department)
    likely_red(f, cut)


def landing(f: Filters, exposure: pl.DataFrame, cut: Thresholds, by_department: bool) -> None:
    total = data.forecast.totals(exposure)
    if not total["forecast"]:
        st.info(no_history(total["history_size"], cut, f))
        return
    st.caption(
        f"Final cost and finish of the {total['forecast']:,} active projects forecast from the outcomes of "
        f"similar closed projects ({total['history_size']:,} closed by {f.as_of:%-d %b %Y}): P50 is as "
        "likely to be beaten as not, P80 is beaten four times in five."
        + (
            f" {total['not_forecast']:,} not forecast (no budget or baseline)."
            if total["not_forecast"]
            else ""
        )
    )
    cells = st.columns(4)
    cells[0].metric(
        "Budget in force", fmt.money(total["budget"]), border=True, help="Of the projects forecast"
    )
    cells[1].metric("P50 final cost", fmt.money(total["p50_cost"]), border=True)
    cells[2].metric("P80 final cost", fmt.money(total["p80_cost"]), border=True)
    cells[3].metric(
        "Contingency to hold",
        fmt.money(total["contingency"]),
        border=True,
        help="P80 final cost less budget: what to hold so that four portfolios in five land within it",
    )
    if by_department and exposure.height > 1:
        most = exposure.height > charts.SHOWN_DEPARTMENTS
        st.markdown(
            "**P80 final cost against budget by department**"
            + (f" (the {charts.SHOWN_DEPARTMENTS} with most to hold)" if most else "")
        )
        if department := drill.clicked(
            charts.exposure_by_department(exposure), key="forecast_departments", opens="department"
        ):
            drill.open_department(department)
    rows = data.forecast.largest_exposure(f).with_columns(
        pl.format("{} ({})", "class_name", "class_size").alias("reference_class")
    )
    st.markdown(f"**Most exposed: P80 cost over budget** ({rows.height})")
    shown = {k: v for k, v in EXPOSURE_COLUMNS.items() if by_department or k != "department"}
    clickable(rows, shown, "forecast_exposure")
    if by_department:
        landed = data.forecast.reference_summary(f)
        tables.titled_table("How closed projects landed", landed, LANDED_COLUMNS, height=400)


def likely_red(f: Filters, cut: Thresholds) -> None:
    st.markdown("**Likely to turn Red within three periods**")
    tested = data.forecast.backtest(f)
    model, rule = tested.get("model"), tested.get("rule")
    if model is None or not model["positives"]:
        st.info(
            "Not enough history for the early warning yet: it learns from projects that turned Red on "
            "evidence, and is judged on those whose three periods after have passed."
        )
        return
    st.caption(accuracy(model, rule))
    rows = data.forecast.warnings(f)
    if rows.is_empty():
        st.caption("No project in view is flagged in this period.")
        return
    rows = rows.with_columns(tables.rag_cell("evidence_rag"), (pl.col("probability") * 100).alias("chance"))
    clickable(rows, WARNING_COLUMNS, "forecast_warnings")


def accuracy(model: dict[str, Any], rule: dict[str, Any]) -> str:
    """How far to trust the warning: its backtest on the projects in view, and the rule beside it."""

    def said(m: dict[str, Any]) -> str:
        return (
            f"precision {percent(m['precision'])}, recall {percent(m['recall'])}, "
            f"ROC AUC {fmt.ratio(m['auc'])}"
        )

    known = (
        f"Backtest on {model['rows']:,} project-periods whose outcome is known by now, each scored by the "
        f"model of its own period: {percent(model['base_rate'])} turned Red (the base rate)."
    )
    if model["shown"]:
        return (
            f"{known} The model, at a {fmt.share(model['threshold'])} chance: {said(model)}; the rule "
            f"'SPI(t) fell two periods in a row': {said(rule)}."
        )
    return (
        f"{known} The model ({said(model)}) does not beat the simple rule 'SPI(t) fell two periods in a "
        f"row' ({said(rule)}), so the projects below are those the rule flags."
    )


def percent(share: float | None) -> str:
    """A share to one place: a base rate of 4.5% is not 4% nor 5%."""
    return "–" if share is None else f"{share:.1%}"


def clickable(rows: pl.DataFrame, columns: dict[str, Any], key: str) -> None:
    event = tables.show(
        rows,
        columns,
        height=tables.fitted_height(rows.height, 390),
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    if project := tables.selected_row(event, rows, "project_id", key=key, opens="project"):
        drill.open_project(project)
