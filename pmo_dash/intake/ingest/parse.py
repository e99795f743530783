"""Column parsers: forgiving where people are inconsistent, strict where meaning is at stake.

Each parser turns a trimmed text column into a typed one and says which values it could not
read and why, so a value is never guessed: `g` is Green, but a likelihood of 7 stays an error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl

from pmo_dash.contract import Column

TRUE = ("yes", "y", "true", "t", "1")
FALSE = ("no", "n", "false", "f", "0")
THOUSANDS = r"^-?\d{1,3}(,\d{3})+(\.\d+)?$"
# An amount with a unit: `£26.19m`, `-£0.5`, `£-0.5`, `1.2bn`, `1.5k` (sign, symbol, number, unit).
AMOUNT = r"^(-?)\s*[£$€]?\s*(-?)\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(k|m|mn|bn)?$"
UNITS = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}


@dataclass(frozen=True)
class Check:
    """Rows where `bad` holds fail `rule`; `message` explains it in the user's words.

    Both may use the column's text, `pl.col(name)`, and its parsed value, `pl.col(typed(name))`.
    Messages are only ever built for the few rows that fail.
    """

    rule: str
    bad: pl.Expr
    message: pl.Expr


def typed(name: str) -> str:
    """The working name of a column's parsed value, beside its text."""
    return f"__typed_{name}"


def dtype(column: Column) -> pl.DataType:
    return {
        "int": pl.Int64(),
        "float": pl.Float64(),
        "date": pl.Date(),
        "bool": pl.Boolean(),
    }.get(column.kind, pl.String())


def parse(
    column: Column,
    day_first_formats: list[str],
    latest: dt.date,
    needed: tuple[pl.Expr, str] | None = None,
) -> tuple[pl.Expr, pl.Expr | None, list[Check]]:
    """How to read `column` (named `typed(name)`), and the checks its text must pass.

    Returns a fast reading for values already in the standard form, and a full one that also
    accepts the forgiving forms (aliases, day-first dates, `£1,250`, `£26.19m`), run only on columns
    where the fast reading left a value unread; None when the fast reading is all there is.
    `latest` is the last day a date that records an event may fall on (the end of this month).
    `needed` narrows a required column to the rows that must give it, and says why in its message.
    """
    raw = pl.col(column.name)
    value = pl.col(typed(column.name))
    present = raw.is_not_null() & (raw != "")
    quoted = pl.lit(f"{column.name} '") + shown(raw) + pl.lit("'")
    checks = []
    if column.required:
        rows, why = needed or (pl.lit(True), "")
        checks.append(Check("required", ~present & rows, pl.lit(f"{column.name} is required but empty{why}")))
    if column.limit is not None:
        length = raw.str.len_chars()
        message = (
            pl.lit(f"{column.name} is ")
            + length.cast(pl.String)
            + pl.lit(f" characters long; at most {column.limit} are allowed")
        )
        checks.append(Check("too_long", present & (length > column.limit), message))
    unreadable = present & value.is_null()
    if column.kind == "int":
        checks.append(Check("type", unreadable, quoted + pl.lit(" is not a whole number")))
    elif column.kind == "float":
        checks.append(Check("type", unreadable, quoted + pl.lit(" is not a number")))
    elif column.kind == "date":
        expected = " or ".join(["YYYY-MM-DD", *(_spell(f) for f in day_first_formats)])
        checks.append(Check("type", unreadable, quoted + pl.lit(f" is not a date ({expected})")))
    elif column.kind == "bool":
        checks.append(Check("type", unreadable, quoted + pl.lit(" is not yes or no")))
    elif column.kind == "enum":
        checks.append(
            Check("enum", unreadable, quoted + pl.lit(f" is not one of {', '.join(column.values)}"))
        )
    if column.min is not None or column.max is not None:
        checks.append(_range(column, value))
    if column.kind == "date":
        checks.append(_plausible(column, value))
        if column.not_future:
            message = (
                pl.lit(f"{column.name} ")
                + shown(raw)
                + pl.lit(f" is in the future (after {latest.isoformat()})")
            )
            checks.append(Check("future_date", value > latest, message))
    fast, full = _readings(column, raw, present, day_first_formats)
    name = typed(column.name)
    return fast.alias(name), None if full is None else full.alias(name), checks


def shown(text: pl.Expr, limit: int = 60) -> pl.Expr:
    """A value as a message quotes it: a pasted page must not make every message a page long."""
    return (
        pl.when(text.str.len_chars() > limit).then(text.str.slice(0, limit - 1) + pl.lit("…")).otherwise(text)
    )


def unread(column: Column) -> pl.Expr:
    """True when some value of the column is present but was not read."""
    raw = pl.col(column.name)
    return (raw.is_not_null() & (raw != "") & pl.col(typed(column.name)).is_null()).any()


def _readings(column: Column, raw: pl.Expr, present: pl.Expr, formats: list[str]):
    if column.kind == "int":
        return _whole(raw.cast(pl.Float64, strict=False)), _whole(_number(raw))
    if column.kind == "float":
        forgiving = _amount(raw) if column.money else _number(raw)
        return _finite(raw.cast(pl.Float64, strict=False)), _finite(forgiving)
    if column.kind == "date":
        return pl.when(raw.str.len_bytes() == 10).then(raw.str.to_date("%Y-%m-%d", strict=False)), _date(
            raw, formats
        )
    if column.kind == "bool":
        lowered = raw.str.to_lowercase()
        return pl.when(lowered.is_in(TRUE)).then(True).when(lowered.is_in(FALSE)).then(False).cast(
            pl.Boolean
        ), None
    if column.kind == "enum":
        exact = {v: v for v in column.values}
        key = raw.str.to_lowercase().str.replace_all(r"\s+", " ")
        return (
            raw.replace_strict(exact, default=None, return_dtype=pl.String),
            key.replace_strict(column.lookup(), default=None, return_dtype=pl.String),
        )
    if column.kind == "list":
        items = raw.str.split(";").list.eval(pl.element().str.strip_chars()).list.drop_nulls()
        items = items.list.filter(pl.element() != "")
        return pl.when(present).then(items.list.join(";")), None
    return pl.when(present).then(raw), None


def _whole(number: pl.Expr) -> pl.Expr:
    exact = number.is_finite() & (number.abs() < 2**53) & (number == number.floor())
    return pl.when(exact).then(number).cast(pl.Int64)


def _finite(number: pl.Expr) -> pl.Expr:
    return pl.when(number.is_finite()).then(number)


def _number(raw: pl.Expr) -> pl.Expr:
    """`£1,250.50`, `45%` and `1250.5` are numbers; `1.250,50` is not (the decimal mark would be a guess)."""
    cleaned = raw.str.replace(r"^[£$€]\s*", "").str.replace(r"\s*%$", "")
    cleaned = (
        pl.when(cleaned.str.contains(THOUSANDS)).then(cleaned.str.replace_all(",", "")).otherwise(cleaned)
    )
    return cleaned.cast(pl.Float64, strict=False)


def _amount(raw: pl.Expr) -> pl.Expr:
    """An amount as `_number` reads it, or with its sign before or after the currency symbol and a unit
    (`k`, `m` or `mn`, `bn`, any case) multiplying it: `£26.19m` is 26,190,000."""
    parts = raw.str.to_lowercase().str.extract_groups(AMOUNT)
    number = parts.struct.field("3").str.replace_all(",", "").cast(pl.Float64, strict=False)
    # A thousands comma must sit every three digits: `1,25` is not a number.
    digits = parts.struct.field("3")
    grouped = ~digits.str.contains(",") | digits.str.contains(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
    unit = parts.struct.field("4").replace_strict(UNITS, default=1.0, return_dtype=pl.Float64)
    negative = (parts.struct.field("1") == "-") | (parts.struct.field("2") == "-")
    signed = pl.when(negative).then(-number).otherwise(number)
    # Scaled to the penny, so that `£26.19m` is 26,190,000 exactly, not 26,190,000.000000004.
    scaled = pl.when(unit != 1.0).then((signed * unit).round(2)).otherwise(signed)
    two_signs = (parts.struct.field("1") == "-") & (parts.struct.field("2") == "-")
    return pl.coalesce(_number(raw), pl.when(grouped & ~two_signs).then(scaled))


def _date(raw: pl.Expr, formats: list[str]) -> pl.Expr:
    # Excel date and date-time cells read as text carry a time; the day is what the column
    # means. A year is four digits unless a format says `%y`: `01/02/26` could be 1926 or 2026,
    # so a two-digit year is read only where the settings say how.
    iso = raw.str.replace(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "$1")
    candidates = [
        pl.when(iso.str.contains(r"^\d{4}-\d{1,2}-\d{1,2}$")).then(iso.str.to_date("%Y-%m-%d", strict=False))
    ]
    four_digit_year = raw.str.contains(r"\d{4}$")
    for f in formats:
        if "%y" in f.replace("%%", ""):
            candidates.append(_two_digit_year(raw.str.to_date(f, strict=False)))
        else:
            candidates.append(pl.when(four_digit_year).then(raw.str.to_date(f, strict=False)))
    return pl.coalesce(candidates)


def _two_digit_year(day: pl.Expr) -> pl.Expr:
    """A `%y` date as Python's strptime reads it: 69-99 are 1969-1999, 00-68 are 2000-2068 (polars reads
    69 as 2069)."""
    return pl.when(day.dt.year() == 2069).then(day.dt.offset_by("-100y")).otherwise(day)


def _plausible(column: Column, value: pl.Expr) -> Check:
    """A date outside 1950-2100 is a typing slip (`0206-10-31`), not a plan."""
    bad = (value < dt.date(1950, 1, 1)) | (value > dt.date(2100, 12, 31))
    message = (
        pl.lit(f"{column.name} ")
        + shown(pl.col(column.name))
        + pl.lit(" is not a plausible date (1950-2100)")
    )
    return Check("range", bad, message)


def _range(column: Column, value: pl.Expr) -> Check:
    low = -float("inf") if column.min is None else column.min
    high = float("inf") if column.max is None else column.max
    bad = value.is_not_null() & ((value < low) | (value > high))
    if column.max is None:
        allowed = f"at least {_num(low)}"
    elif column.min is None:
        allowed = f"at most {_num(high)}"
    else:
        allowed = f"{_num(low)}-{_num(high)}"
    message = (
        pl.lit(f"{column.name} ")
        + shown(pl.col(column.name))
        + pl.lit(f" is outside the allowed range {allowed}")
    )
    return Check("range", bad, message)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


SPELLED = {"%d": "DD", "%m": "MM", "%Y": "YYYY", "%y": "YY", "%b": "Mon", "%B": "Month", "%%": "%"}


def _spell(fmt: str) -> str:
    """A date format as a person reads it: `%d.%m.%y` is DD.MM.YY."""
    return re.sub(r"%.", lambda m: SPELLED.get(m.group(0), m.group(0)), fmt)
