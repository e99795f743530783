"""Column parsers: forgiving where people are inconsistent, strict where meaning is at stake.

Each parser turns a trimmed text column into a typed one and says which values it could not
read and why, so a value is never guessed: `g` is Green, but a likelihood of 7 stays an error.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pmo_dash.contract import Column

TRUE = ("yes", "y", "true", "t", "1")
FALSE = ("no", "n", "false", "f", "0")
THOUSANDS = r"^-?\d{1,3}(,\d{3})+(\.\d+)?$"


@dataclass(frozen=True)
class Check:
    """Rows where `bad` holds fail `rule`; `message` explains it in the user's words."""

    rule: str
    bad: pl.Expr
    message: pl.Expr


def dtype(column: Column) -> pl.DataType:
    return {
        "int": pl.Int64(),
        "float": pl.Float64(),
        "date": pl.Date(),
        "bool": pl.Boolean(),
    }.get(column.kind, pl.String())


def parse(column: Column, day_first_formats: list[str]) -> tuple[pl.Expr, list[Check]]:
    """The typed value of `column` and the checks its text must pass (required, type, enum, range)."""
    raw = pl.col(column.name)
    present = raw.is_not_null() & (raw != "")
    checks = []
    if column.required:
        checks.append(Check("required", ~present, pl.lit(f"{column.name} is required but empty")))
    value, type_check = _typed(column, raw, present, day_first_formats)
    if type_check is not None:
        checks.append(type_check)
    if column.min is not None or column.max is not None:
        checks.append(_range(column, value))
    return value.alias(column.name), checks


def _typed(column: Column, raw: pl.Expr, present: pl.Expr, formats: list[str]):
    text = pl.when(present).then(raw)
    quoted = pl.lit(f"{column.name} '") + raw + pl.lit("'")
    if column.kind == "int":
        number = _number(raw)
        whole = number.is_not_null() & number.is_finite() & (number == number.floor())
        value = pl.when(whole).then(number).cast(pl.Int64)
        return value, Check("type", present & ~whole, quoted + pl.lit(" is not a whole number"))
    if column.kind == "float":
        number = _number(raw)
        ok = number.is_not_null() & number.is_finite()
        value = pl.when(ok).then(number)
        return value, Check("type", present & ~ok, quoted + pl.lit(" is not a number"))
    if column.kind == "date":
        value = _date(raw, formats)
        expected = " or ".join(["YYYY-MM-DD", *(_spell(f) for f in formats)])
        return value, Check(
            "type", present & value.is_null(), quoted + pl.lit(f" is not a date ({expected})")
        )
    if column.kind == "bool":
        lowered = raw.str.to_lowercase()
        value = pl.when(lowered.is_in(TRUE)).then(True).when(lowered.is_in(FALSE)).then(False)
        message = quoted + pl.lit(" is not yes or no")
        return value.cast(pl.Boolean), Check("type", present & value.is_null(), message)
    if column.kind == "enum":
        key = raw.str.to_lowercase().str.replace_all(r"\s+", " ")
        value = key.replace_strict(column.lookup(), default=None, return_dtype=pl.String)
        message = quoted + pl.lit(f" is not one of {', '.join(column.values)}")
        return value, Check("enum", present & value.is_null(), message)
    if column.kind == "list":
        items = raw.str.split(";").list.eval(pl.element().str.strip_chars()).list.drop_nulls()
        items = items.list.filter(pl.element() != "")
        return pl.when(present).then(items.list.join(";")), None
    return text, None


def _number(raw: pl.Expr) -> pl.Expr:
    """`£1,250.50`, `45%` and `1250.5` are numbers; `1.250,50` is not (the decimal mark would be a guess)."""
    cleaned = raw.str.replace(r"^[£$€]\s*", "").str.replace(r"\s*%$", "")
    cleaned = (
        pl.when(cleaned.str.contains(THOUSANDS)).then(cleaned.str.replace_all(",", "")).otherwise(cleaned)
    )
    return cleaned.cast(pl.Float64, strict=False)


def _date(raw: pl.Expr, formats: list[str]) -> pl.Expr:
    # Excel cells read as text carry a midnight time; that is still just a date.
    iso = raw.str.replace(r"^(\d{4}-\d{2}-\d{2})[ T]00:00:00(\.0+)?$", "$1")
    candidates = [iso.str.to_date("%Y-%m-%d", strict=False)]
    candidates += [raw.str.to_date(f, strict=False) for f in formats]
    return pl.coalesce(candidates)


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
        pl.lit(f"{column.name} ") + pl.col(column.name) + pl.lit(f" is outside the allowed range {allowed}")
    )
    return Check("range", bad, message)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _spell(fmt: str) -> str:
    return fmt.replace("%d", "DD").replace("%m", "MM").replace("%Y", "YYYY")
