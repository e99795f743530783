"""A project's own forecast on its brief: earned schedule beside SPI and CPI; reference-class P50 and P80
final cost and finish, the class they came from; and the early warning with its reasons."""

from __future__ import annotations

from typing import Any

import streamlit as st

from pmo_dash.settings import Thresholds
from pmo_dash.ui import fmt

LEVELS = {
    3: "its department, methodology and size band",
    2: "its department and methodology: too few closed of its size band",
    1: "its department: too few closed of its methodology",
    0: "too few closed in its department",
}


def earned_schedule_cards(p: dict[str, Any]) -> list[tuple[str, str, str]]:
    """SPI(t), SV(t), the finish earned schedule implies and TCPI (marts/forecast.sql), as metric cards;
    none when the return in force carries no earned value."""
    if p["spi_t"] is None:
        return []
    return [
        (
            "SPI(t)",
            fmt.ratio(p["spi_t"]),
            "Earned schedule / actual time: SPI in time, which does not return to 1.0 when a late "
            "project finishes",
        ),
        ("SV(t) (days)", f"{round(p['sv_t_days']):+,}", "Earned schedule less actual time, in days"),
        (
            "Finish by ES",
            f"{p['ieac_t_finish']:%b %Y}",
            f"Baseline start + planned duration / SPI(t): {fmt.day(p['ieac_t_finish'])}",
        ),
        (
            "TCPI",
            "budget spent" if p["tcpi"] is None else fmt.ratio(p["tcpi"]),
            "Cost efficiency the rest of the work needs to finish on budget: (BAC − EV) / (BAC − AC); "
            "none once actual cost has reached the budget",
        ),
    ]


def cards(fc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """P50 and P80 cost and finish as metric cards, each saying where it came from."""
    source = f"From {fc['class_size']} closed projects: {fc['class_name']}"
    return [
        ("P50 final cost", fmt.money(fc["p50_cost"]), f"{source}; budget at baseline × {fc['cost_p50']:.2f}"),
        ("P80 final cost", fmt.money(fc["p80_cost"]), f"{source}; budget at baseline × {fc['cost_p80']:.2f}"),
        ("P50 finish", f"{fc['p50_finish']:%b %Y}", f"{fmt.day(fc['p50_finish'])}. {source}"),
        ("P80 finish", f"{fc['p80_finish']:%b %Y}", f"{fmt.day(fc['p80_finish'])}. {source}"),
    ]


def show(fc: dict[str, Any] | None, warning: dict[str, Any] | None, cut: Thresholds, rag: str | None) -> None:
    """The forecast and the warning, or why there is none."""
    st.subheader("Forecast")
    if fc is None:
        st.caption("Not forecast: the project is not active and unfinished in this period.")
    elif fc["class_size"] is None:
        closed = fc["history_size"]
        st.info(
            f"Not enough history to forecast: {closed} project{'' if closed == 1 else 's'} had closed by "
            f"then, fewer than the {cut.reference_class_min} a reference class needs."
        )
    else:
        st.caption(
            "Where it will land, by how similar closed projects landed. Reference class: "
            f"{fmt.plain(fc['class_name'])}, {fc['class_size']} closed projects "
            f"({LEVELS[fc['class_level']]}). Never below the cost already spent or a raised budget, nor a "
            "finish before now."
        )
        for cell, (label, value, explained) in zip(st.columns(4), cards(fc), strict=True):
            cell.metric(label, value, border=True, help=explained)
    said = early_warning(warning, rag)
    (st.warning if warning and warning["flagged"] else st.caption)(said)


def early_warning(w: dict[str, Any] | None, rag: str | None) -> str:
    """The early warning about this project, in a sentence."""
    if w is None:
        return (
            "Early warning: already Red on evidence."
            if rag == "Red"
            else "Early warning: not assessed (the project is not Green or Amber on evidence in this period)."
        )
    if w["flagged"] and w["flagged_by"] == "rule":
        return "Early warning: SPI(t) fell two periods in a row (the rule; the model does not beat it)."
    if w["probability"] is None:
        return "Early warning: not enough history yet to learn from projects that turned Red."
    chance = f"{w['probability']:.0%} chance of being Red on evidence within three periods"
    if w["flagged"]:
        return f"Early warning: {chance}. Why: {fmt.plain(w['reasons'])}."
    return f"Early warning: {chance}; not flagged."
