"""How every chart looks: colours, layout, axes, reference lines, tick formats and escaped labels."""

# No Streamlit here: the chart builders that use this are pure. Their habits, and why:
# - every label that came from a return goes through `safe` or `label`: plotly renders a little HTML
#   in its text, and user text is never HTML;
# - figures are built in one go from traces and a `layout` dict, with arrays rather than lists:
#   plotly validates each `update_layout` and each list element by element, and that, not the data,
#   was most of a page's time.

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import polars as pl

from pmo_dash.settings import Thresholds
from pmo_dash.ui import fmt

RAG_COLOURS = {
    "Red": "#d62728",
    "Amber/Red": "#ea6322",  # the five-point scale's two mixed ratings, between their neighbours
    "Amber": "#ff9f1c",
    "Amber/Green": "#a3b52a",
    "Green": "#2ca02c",
    "Not reported": "#b0b0b0",
}
RAG_ORDER = ["Red", "Amber", "Green", "Not reported"]
# A rating as reported, worst first: five points where a return gave a delivery confidence.
RATING_ORDER = ["Red", "Amber/Red", "Amber", "Amber/Green", "Green", "Not reported"]
MIXED = ("Amber/Red", "Amber/Green")
RED, AMBER, GREEN = RAG_COLOURS["Red"], RAG_COLOURS["Amber"], RAG_COLOURS["Green"]
GRID = "#eee"
INK = "#1f2d3d"
ACCENT = "#1f4e79"
GREY = "#9e9e9e"
LABEL_LIMIT = 80  # characters of a name on an axis, in a legend or a hover

# Tick and label formats.
PERIOD = "%b %y"  # a period as a name: "Mar 25"
MONTH = "%b %Y"  # a month on a date axis: "Mar 2025"
SHARE = ".0%"  # a share on an axis: "80%"
LEGEND_ABOVE = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}  # from the left


def safe(values: pl.Series, limit: int = LABEL_LIMIT) -> np.ndarray:
    """Text from a return, escaped and at most `limit` characters, as an array."""
    text = values.cast(pl.String).fill_null("")
    text = pl.select(
        pl.when(text.str.len_chars() > limit).then(text.str.slice(0, limit - 1) + "…").otherwise(text)
    ).to_series()
    escaped = text.str.replace_all("&", "&amp;").str.replace_all("<", "&lt;").str.replace_all(">", "&gt;")
    return escaped.to_numpy()


def label(text: str) -> str:
    """One text from a return, escaped, as a trace's name."""
    return str(safe(pl.Series([text]))[0])


def period_names(periods: Iterable) -> np.ndarray:
    """Periods as names, not dates: a month end plotted on a time axis sits under the next month's tick."""
    return np.array([p.strftime(PERIOD) for p in periods])


def period_axis(names: np.ndarray, shown: int = 6, **more) -> dict:
    """An axis of period names (`period_names`) that neither turns nor crowds its labels at half the
    width of a 1440 px screen: at most `shown` of them, level, the latest always among them."""
    step = max(1, -(-len(names) // shown))
    return axis(tickmode="array", tickvals=names[::-1][::step][::-1], tickangle=0, type="category") | more


def bands(values: np.ndarray, green_from: float, amber_from: float) -> np.ndarray:
    """A colour per value: green from `green_from`, amber from `amber_from`, red below."""
    return np.where(values >= green_from, GREEN, np.where(values >= amber_from, AMBER, RED))


def axis(**more) -> dict:
    return {"gridcolor": GRID, "zeroline": False} | more


def money_axis(*values: np.ndarray, **more) -> dict:
    """An axis of amounts whose ticks read as `fmt.money` writes them (£1.5m, -£500k), from 0 or below
    to the largest of `values`."""
    every = np.concatenate([np.asarray(v, dtype=float).ravel() for v in values]) if values else np.array([])
    every = every[np.isfinite(every)]
    low, high = (min(0.0, every.min()), max(0.0, every.max())) if every.size else (0.0, 1.0)
    ticks = nice_ticks(low, high)
    return axis(tickvals=ticks, ticktext=[fmt.money(t, trim=True) for t in ticks]) | more


def nice_ticks(low: float, high: float, count: int = 5) -> np.ndarray:
    """About `count` round steps (1, 2, 2.5 or 5 times a power of ten) covering low to high."""
    wanted = (high - low or 1.0) / count
    power = 10 ** np.floor(np.log10(wanted))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= wanted)
    return np.arange(np.floor(low / step) * step, high + step, step)


def money_text(values: Iterable) -> np.ndarray:
    """Amounts as hover text, as `fmt.money` writes them (not reported where missing)."""
    return np.array([fmt.NOT_REPORTED if v is None or v != v else fmt.money(v) for v in values])


def layout(height: int, **more) -> dict:
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "y": -0.15},
        "font": {"color": INK},
        "xaxis": axis(),
        "yaxis": axis(),
    } | more


def line(at_axis: str, at: float, *, ref: str = "") -> dict:
    """A dotted reference line across the plot at x or y = `at`."""
    if at_axis == "y":
        return {
            "type": "line",
            "xref": f"x{ref} domain",
            "x0": 0,
            "x1": 1,
            "yref": f"y{ref}",
            "y0": at,
            "y1": at,
            "line": {"color": "#999", "dash": "dot"},
        }
    return {
        "type": "line",
        "yref": f"y{ref} domain",
        "y0": 0,
        "y1": 1,
        "xref": f"x{ref}",
        "x0": at,
        "x1": at,
        "line": {"color": "#999", "dash": "dot"},
    }


def side_by_side(titles: tuple[str, str], gap: float, shared_y: bool = False) -> dict:
    """Layout for two plots in one figure, left and right (make_subplots does this, ten times slower)."""
    half = (1 - gap) / 2
    title = {
        "xref": "paper",
        "yref": "paper",
        "y": 1.0,
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 13},
    }
    return {
        "xaxis": axis(domain=[0, half]),
        "xaxis2": axis(domain=[half + gap, 1], anchor="y2"),
        "yaxis2": axis(anchor="x2", matches="y" if shared_y else None, showticklabels=not shared_y),
        "annotations": [
            title | {"text": titles[0], "x": half / 2},
            title | {"text": titles[1], "x": 1 - half / 2},
        ],
    }


def stacked(titles: tuple[str, str], gap: float = 0.16) -> dict:
    """Layout for two plots in one figure, one above the other, sharing the x axis: readable at any
    width (side by side, each half of a half-width column was too narrow for its title and months)."""
    half = (1 - gap) / 2
    title = {
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
    }
    return {
        "xaxis": axis(anchor="y", showticklabels=False),
        "yaxis": axis(domain=[1 - half, 1]),
        "xaxis2": axis(anchor="y2", matches="x"),
        "yaxis2": axis(domain=[0, half]),
        "annotations": [
            title | {"text": titles[0], "y": 1.0, "font": {"size": 13}},
            title | {"text": titles[1], "y": half, "font": {"size": 13}},
        ],
    }


def note(text: str, x: float = 0.5, y: float = 0.5) -> dict:
    """A grey note on a plot that has nothing to draw there (what is not reported, and so not drawn)."""
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": x,
        "y": y,
        "showarrow": False,
        "font": {"color": GREY, "size": 13},
    }


# The heat map's zones, green to red: below the amber zone, the amber zone, the red zone.
ZONE_COLOURS = ("#7fc97f", "#fdc086", "#ef6f6c")


def risk_zone(exposure: int, cut: Thresholds) -> int:
    """A likelihood x impact cell's zone: 2 (red) from the high-risk exposure, 1 (amber) from the medium."""
    return 2 if exposure >= cut.high_risk_exposure else 1 if exposure >= cut.medium_risk_exposure else 0


def slip_colour(days: float, cut: Thresholds) -> str:
    """A slip's colour by the evidence-RAG cut-offs: Red past the red days, Amber past the amber days."""
    return RED if days > cut.slip_red_days else AMBER if days > cut.slip_amber_days else GREEN


def slip_colours(days: np.ndarray, cut: Thresholds) -> np.ndarray:
    """`slip_colour` for each of many slips."""
    return np.where(days > cut.slip_red_days, RED, np.where(days > cut.slip_amber_days, AMBER, GREEN))


def stepped(colours: tuple[str, ...], cuts: tuple[float, ...], top: float) -> list[list]:
    """A colour scale of flat steps over 0..`top`: `colours[0]` below `cuts[0]`, each next colour from
    the next cut (a heat map's bands, never a blend)."""
    edges = [0.0, *(min(max(c / top, 0.0), 1.0) for c in cuts), 1.0]
    return [
        [at, colour] for colour, lo, hi in zip(colours, edges, edges[1:], strict=False) for at in (lo, hi)
    ]


def grid(height: int, **more) -> dict:
    """The layout of a table-like heat map: columns named along the top, rows down the side in order."""
    return (
        layout(
            height,
            xaxis=axis(side="top", showgrid=False),
            yaxis=axis(autorange="reversed", showgrid=False, automargin=True),
            margin={"l": 10, "r": 10, "t": 30, "b": 10},
        )
        | more
    )
