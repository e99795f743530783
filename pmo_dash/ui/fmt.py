"""How numbers read on the big screen: short, rounded, never a float's noise."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl

from pmo_dash.settings import get_settings

# The one way an amount reads, wherever it is shown (cards, text, tables, chart axes and hovers):
# the currency symbol, then the amount in the unit its size needs.
UNITS = ((1e9, "bn"), (1e6, "m"), (1e3, "k"))


def money(value: float | None, *, trim: bool = False) -> str:
    """£293m, £15.4m, £4.53k, -£1.2m (three significant figures); `trim` drops trailing zeros (axis ticks)."""
    if value is None:
        return "–"
    symbol = get_settings().currency_symbol
    sign = "-" if value < 0 else ""
    value = abs(value)
    for limit, suffix in UNITS:
        if value >= limit:
            scaled = value / limit
            digits = 0 if scaled >= 100 else 1 if scaled >= 10 else 2
            shown = f"{scaled:,.{digits}f}"
            if trim and "." in shown:
                shown = shown.rstrip("0").rstrip(".")
            return f"{sign}{symbol}{shown}{suffix}"
    return f"{sign}{symbol}{value:,.0f}"


def money_column(largest: float | None) -> tuple[float, str]:
    """How a column of amounts reads: (divisor, printf format) in the unit of its largest amount, so
    that the column stays numeric (it sorts) and every cell reads like `money` (£29.43m, £0.11m)."""
    symbol = get_settings().currency_symbol
    for limit, suffix in UNITS:
        if largest is not None and largest >= limit:
            return limit, f"{symbol}%.{1 if suffix == 'k' else 2}f{suffix}"
    return 1.0, f"{symbol}%.0f"


NOT_REPORTED = "not reported"


def reported(value: float | None, shown) -> str:
    """A measure as `shown` writes it, or "not reported" when the returns did not carry it."""
    return NOT_REPORTED if value is None else shown(value)


NO_CHANGE = "no change"


def is_no_change(change: str) -> bool:
    """Whether a change as shown ("+0", "-0.0", "+£0", "+0 pts") is nothing at the precision shown:
    a card then says "no change", with no arrow and no colour, never a green "↑ +0"."""
    return re.search(r"[1-9]", change) is None


def delta(change: str | None, colour: str = "normal") -> dict[str, str | None]:
    """st.metric's delta arguments for a change as shown: coloured by `colour` (normal, inverse, off),
    or "no change", neutral and without an arrow, when it is nothing at the precision shown."""
    if change is not None and is_no_change(change):
        return note(NO_CHANGE)
    return {"delta": change, "delta_color": colour}


def note(text: str) -> dict[str, str]:
    """st.metric's delta arguments for a word under a card's value ("not reported"): grey, no arrow."""
    return {"delta": text, "delta_color": "off", "delta_arrow": "off"}


def ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def day(value: dt.date | None) -> str:
    return "–" if value is None else value.strftime("%-d %b %Y")


RAG_BADGES = {
    "Red": ":red-badge[Red]",
    "Amber/Red": ":red-badge[Amber/Red]",
    "Amber": ":orange-badge[Amber]",
    "Amber/Green": ":yellow-badge[Amber/Green]",
    "Green": ":green-badge[Green]",
}


def badge(rag: str | None) -> str:
    """A RAG (or a five-point rating) as a coloured badge in markdown."""
    return RAG_BADGES.get(rag or "", f":gray-badge[{NOT_REPORTED}]")


# Markdown would read these as markup; a backslash makes each one the character typed.
_MARKUP = frozenset("\\`*_{}[]<>()#+-.!|~$&")
# Invisible, and enough to stop Streamlit's markdown from reading text as a link, an e-mail address,
# an icon (`:material/...:`), an emoji (`:smile:`) or a coloured span (`:red[...]`).
WORD_JOINER = "\u2060"
_LINK_STARTS = re.compile(r"(?i)\b(www)(?=\\\.)")
DISPLAY_LIMIT = 300  # characters of one text shown in a title, caption or message


def plain(text: object, limit: int = DISPLAY_LIMIT) -> str:
    """Text from a return or a link, for markdown: read exactly as typed, never as a link, icon or markup
    (and a missing value as "not reported", never "None")."""
    shown = clip(NOT_REPORTED if text is None else str(text), limit)
    escaped = "".join("\\" + c if c in _MARKUP else c for c in shown)
    escaped = escaped.replace(":", ":" + WORD_JOINER).replace("@", "@" + WORD_JOINER)
    return _LINK_STARTS.sub(lambda m: m.group(1) + WORD_JOINER, escaped)


def clip(text: str, limit: int = DISPLAY_LIMIT) -> str:
    """At most `limit` characters, an ellipsis saying that there was more."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def row_ranges(rows: list[int]) -> str:
    """Row numbers as a reader scans them: runs joined, "2, 5–8, 11"."""
    runs: list[list[int]] = []
    for row in sorted(rows):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def unique_labels(frame: pl.DataFrame, key: str, name: str = "name") -> dict[str, str]:
    """id -> label: the name, or `name (id)` where two share a name."""
    counts = frame.group_by(name).len()
    shared = set(counts.filter(pl.col("len") > 1, pl.col(name).is_not_null())[name])
    return {
        row[key]: f"{row[name]} ({row[key]})" if row[name] in shared else row[name]
        for row in frame.iter_rows(named=True)
    }
