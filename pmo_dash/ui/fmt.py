"""How numbers read on the big screen: short, rounded, never a float's noise."""

from __future__ import annotations

import datetime as dt

from pmo_dash.settings import get_settings

RAG_COLOURS = {"Red": "#d62728", "Amber": "#ff9f1c", "Green": "#2ca02c", "Not reported": "#b0b0b0"}
RAG_ORDER = ["Red", "Amber", "Green", "Not reported"]


def money(value: float | None) -> str:
    if value is None:
        return "–"
    symbol = get_settings().currency_symbol
    sign = "-" if value < 0 else ""
    value = abs(value)
    for limit, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if value >= limit:
            return f"{sign}{symbol}{value / limit:,.1f}{suffix}"
    return f"{sign}{symbol}{value:,.0f}"


def ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def day(value: dt.date | None) -> str:
    return "–" if value is None else value.strftime("%-d %b %Y")
