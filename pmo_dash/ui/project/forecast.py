"""The forecast indicators on a project's brief: earned schedule beside SPI and CPI."""

from __future__ import annotations

from typing import Any

from pmo_dash.ui import fmt


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
