"""What a chart's labels measure: text widths in the chart font, and the tick labels Plotly would draw
on an axis (or labels at least as wide). `room` sizes a chart's margins from these.

No Streamlit here: numbers and strings in, numbers and strings out."""

from __future__ import annotations

import html
import math
from datetime import date, datetime

import numpy as np

# Widths of the chart font (Streamlit's "Source Sans") at 100 px, as Chromium 156 draws them
# (getComputedTextLength); digits and + < = > # $ ^ _ ~ £ € × − are 50 wide, anything not listed
# counts as WIDE.
_NARROW = {" ": 20, "!": 29, '"': 43, "'": 25, "(": 30, ")": 30, "*": 42, ",": 25, "-": 31, ".": 25}
_NARROW |= {"/": 35, ":": 25, ";": 25, "?": 42, "[": 30, "\\": 35, "]": 30, "`": 54, "{": 30, "|": 24}
_NARROW |= {"}": 30, "f": 29, "i": 25, "j": 25, "l": 26, "r": 35, "s": 42, "t": 32, "c": 44, "z": 42}
_NARROW |= {"I": 26, "J": 44, "·": 25, "’": 25, "…": 95, "–": 48, "—": 80, "%": 82, "&": 61, "@": 85}
_UPPER = dict(
    zip(
        "ABCDEFGHKLMNOPQRSTUVWXYZ",
        (54, 59, 55, 62, 53, 49, 62, 65, 58, 49, 73, 65, 66, 57, 66, 57, 52, 54, 64, 52, 79, 51, 48, 52),
        strict=True,
    )
)
_LOWER = dict(
    zip(
        "abdeghkmnopquvwxy", (50, 55, 56, 50, 50, 54, 50, 83, 55, 54, 56, 56, 54, 47, 72, 45, 47), strict=True
    )
)
WIDTHS = _NARROW | _UPPER | _LOWER | dict.fromkeys("0123456789+<=>#$^_~£€×−", 50)
WIDE = 95  # as wide as the widest listed ("…"); wider scripts (CJK, emoji) are drawn twice at worst
TICK_FONT = 12  # px: Streamlit's chart theme, tick labels and legend
TITLE_FONT = 14  # px: an axis or colour bar title

DATE_LABEL = "May 2026"  # the widest of Plotly's date labels at a month or coarser
SI_FROM = 10_000  # Plotly writes 10k, 2.5M, 1B from five digits on; 1500 as it is
SI = ((1e9, "B"), (1e6, "M"), (1e3, "k"))
EXPONENT_FROM, EXPONENT_UNDER = 1e15, 1e-6  # past these Plotly writes exponents: 1e+15, 3e-9
EXPONENT_LABEL = "−8.88e+888"  # as wide as any such label
STEPS = (1, 2, 5, 10)  # Plotly's rounded steps: 1, 2 or 5 times a power of ten
MOST_TICKS = 10  # the finest step Plotly picks gives at most this many ticks
TICK_CAP = 200  # labels worked out for one axis, at most


def text_width(text: str, size: float = TICK_FONT) -> float:
    """Pixels the longest line of `text` takes in the chart font at `size` px (an entity counts as the
    character it draws, `<br>` starts a line)."""
    lines = html.unescape(str(text)).replace("<br />", "<br>").split("<br>")
    return max(sum(WIDTHS.get(ch, WIDE) for ch in line) for line in lines) * size / 100


def widest(texts, size: float = TICK_FONT) -> float:
    """The widest of `texts`, in pixels (0 for none)."""
    return max((text_width(t, size) for t in {str(t) for t in texts}), default=0.0)


def labels(letter: str, axis: dict, layout: dict, traces: list[dict]) -> list[str]:
    """The labels an `x` or `y` axis shows (its layout `axis`, the `traces` drawn on it), or labels at
    least as wide: its own tick texts, its categories, a month, or numbers as Plotly writes them."""
    if axis.get("showticklabels") is False:
        return []
    if axis.get("ticktext") is not None and len(axis["ticktext"]):
        return [str(t) for t in axis["ticktext"]]
    values = _values(letter, traces)
    kind = kind_of(axis, values)
    if kind in ("category", "multicategory"):
        shown = axis.get("tickvals") if axis.get("tickmode") == "array" else None
        if shown is not None:
            return [str(v) for v in shown]
        return [str(v) for v in np.unique(np.concatenate(values).astype(str))] if values else []
    if kind == "date":
        return [DATE_LABEL]
    low, high = _span(axis, values, traces, layout, letter)
    return numbers(low, high, axis)


def categories(letter: str, axis: dict, traces: list[dict]) -> int:
    """How many categories a category axis spreads across the plot (0 for another kind of axis)."""
    values = _values(letter, traces)
    if kind_of(axis, values) not in ("category", "multicategory") or not values:
        return 0
    return len(np.unique(np.concatenate(values).astype(str)))


def _values(letter: str, traces: list[dict]) -> list[np.ndarray]:
    found = [np.asarray(t.get(letter), dtype=object).ravel() for t in traces if t.get(letter) is not None]
    return [v for v in found if v.size]


def kind_of(axis: dict, values: list[np.ndarray]) -> str:
    """The axis's type as set, else Plotly's guess from the first value: category, date or linear."""
    if axis.get("type") and axis["type"] != "-":
        return axis["type"]
    for v in values:
        first = next((x for x in v if x is not None and not (isinstance(x, float) and math.isnan(x))), None)
        if isinstance(first, str):
            return "category"
        if isinstance(first, date | datetime | np.datetime64):
            return "date"
        if first is not None:
            return "linear"
    return "linear"


def numeric(values) -> np.ndarray:
    """`values` as a flat array of floats; what is not a number (text, None, a duration) as NaN."""
    try:
        return np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        flat = np.asarray(values, dtype=object).ravel()
        plain = (isinstance(v, int | float | np.number) and not isinstance(v, bool) for v in flat)
        return np.array([float(v) if ok else np.nan for v, ok in zip(flat, plain, strict=True)])


def _span(axis: dict, values: list[np.ndarray], traces: list[dict], layout: dict, letter: str) -> tuple:
    """The lowest and highest value the axis shows: its range if set, else its data's (bars from 0,
    stacked bars summed); what is not a finite number is left out."""
    given = numeric(axis["range"]) if axis.get("range") is not None else np.array([])
    if given.size and np.isfinite(given).all():
        return float(given.min()), float(given.max())
    finite = [v[np.isfinite(v)] for v in map(numeric, values)]
    finite = [v for v in finite if v.size]
    if not finite:
        return 0.0, 1.0
    low, high = min(float(v.min()) for v in finite), max(float(v.max()) for v in finite)
    bars = [numeric(t[letter]) for t in traces if t.get("type") == "bar" and t.get(letter) is not None]
    if bars:
        low, high = min(low, 0.0), max(high, 0.0)
        if layout.get("barmode") in ("stack", "relative") and len({b.shape for b in bars}) == 1:
            summed = np.nansum(np.clip(np.array(bars), 0, None), axis=0)
            high = max(high, float(summed.max())) if summed.size else high
    return low, high


def numbers(low: float, high: float, axis: dict) -> list[str]:
    """Tick labels Plotly could give `low`..`high`: its step of 1, 2 or 5 times a power of ten (not
    `theme.nice_ticks`' steps, which allow 2.5), at the fine end of what it picks, each written as
    Plotly writes it (`axis`'s tickformat, prefix, suffix); past what it writes in digits, a label as
    wide as its exponents."""
    prefix, suffix = axis.get("tickprefix") or "", axis.get("ticksuffix") or ""
    span = (high - low) or abs(high) or 1.0
    if not math.isfinite(span) or max(abs(low), abs(high)) >= EXPONENT_FROM or span < EXPONENT_UNDER:
        return [prefix + EXPONENT_LABEL + suffix]
    power = 10 ** math.floor(math.log10(span / MOST_TICKS))
    step = next(m * power for m in STEPS if span / (m * power) <= MOST_TICKS)
    first = math.floor(low / step)
    count = min(math.ceil(high / step) - first + 1, TICK_CAP)
    return [prefix + number((first + k) * step, step, axis.get("tickformat")) + suffix for k in range(count)]


def number(value: float, step: float, tickformat: str | None = None) -> str:
    """`value` as Plotly writes a tick `step` apart from the next: d3's format if given (fixed digits,
    a share with %), else digits to the step's precision, with SI letters from five digits on."""
    if tickformat:
        after = tickformat.split(".")[1] if "." in tickformat else ""
        digits = int(after[0]) if after[:1].isdigit() else 0
        shown = value * 100 if tickformat.endswith("%") else value
        text = f"{shown:,.{digits}f}" if "," in tickformat else f"{shown:.{digits}f}"
        return text + ("%" if tickformat.endswith("%") else "")
    if abs(value) >= SI_FROM:
        size, letter = next((size, letter) for size, letter in SI if abs(value) >= size)
        return f"{value / size:.{max(0, -math.floor(math.log10(step / size)))}f}{letter}".replace("-", "−")
    decimals = max(0, -math.floor(math.log10(step)))
    return f"{value:.{decimals}f}".replace("-", "−")
