"""One foreign value read as a contract value: value maps, withheld and not-applicable markers, amounts
in a declared unit, dates in declared formats, enum spellings. Nothing is guessed: a value that does not
read is a problem with a message, never a null and never a near miss.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pmo_dash.intake.imports.targets import WITHHELD, Target

UNITS = {"units": 1, "thousands": 10**3, "millions": 10**6, "billions": 10**9}
SUFFIXES = {"k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9}
SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥", "INR": "₹"}
TRUE = ("yes", "y", "true", "t", "1")
FALSE = ("no", "n", "false", "f", "0")
ISO = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S")  # always read: spreadsheets hand dates over as ISO text
EARLIEST, LATEST = dt.date(1950, 1, 1), dt.date(2100, 12, 31)  # the contract's plausible dates
_SPACES = re.compile(r"\s+")
# An amount as people write it, once normal(): "-£7,169.20", "£26.19m", "£1.2bn", "gbp 12", "45%".
_CODES = "|".join([re.escape(s) for s in SYMBOLS.values()] + [c.casefold() for c in SYMBOLS])
_AMOUNT = re.compile(
    rf"^(?P<minus>-)?\s*(?P<cur>{_CODES})?\s*(?P<minus2>-)?\s*(?P<num>\d[\d., ]*|[.,]\d+)\s*"
    r"(?P<unit>%|k|mn|m|bn|b)?$"
)


def normal(text: str) -> str:
    """How values, labels and markers are compared: case, runs of white space and line breaks ignored."""
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class Rules:
    """How one mapped column reads its values (the mapping's column entry with the source's defaults)."""

    target: Target
    values: dict[str, str]  # normal(spelling) -> replacement ("" is not applicable, "withheld" withheld)
    withheld: frozenset[str]
    withheld_containing: tuple[str, ...]
    not_applicable: frozenset[str]
    not_applicable_containing: tuple[str, ...]
    unit: str = "units"
    currency: str = "GBP"
    decimal: str = "."
    formats: tuple[str, ...] = ()
    century_from: int = 1969


@dataclass(frozen=True, slots=True)
class Read:
    """A value as the return will carry it: text (empty when not applicable), or withheld, or a problem."""

    text: str = ""
    withheld: bool = False
    rule: str = ""  # set when the value could not be read
    message: str = ""

    @property
    def ok(self) -> bool:
        return not self.rule


def read(raw: str, rules: Rules) -> Read:
    text = raw.strip()
    key = normal(text)
    if key in rules.values:  # the mapping's own word for this value: no marker applies to it
        text = rules.values[key].strip()
        if normal(text) == WITHHELD:
            return Read(WITHHELD, withheld=True)
        return _parse(text, rules) if text else Read("")
    if key in rules.withheld or any(m in key for m in rules.withheld_containing if key):
        return Read(WITHHELD, withheld=True)
    if not key or key in rules.not_applicable or any(m in key for m in rules.not_applicable_containing):
        return Read("")
    return _parse(text, rules)


def _parse(text: str, rules: Rules) -> Read:
    target = rules.target
    if target.kind == "enum":
        found = target.lookup().get(normal(text))
        if found is None:
            allowed = ", ".join(target.values)
            return Read(rule="value_map", message=f"is not in the value map ({allowed})")
        return Read(found)
    if target.kind in ("money", "number", "score"):
        return _number(text, rules)
    if target.kind == "date":
        return _date(text, rules)
    if target.kind == "bool":
        if normal(text) in TRUE:
            return Read("yes")
        if normal(text) in FALSE:
            return Read("no")
        return Read(rule="type", message="is not yes or no")
    if target.limit is not None and len(text) > target.limit:
        return Read(
            rule="too_long", message=f"is {len(text)} characters long; at most {target.limit} are allowed"
        )
    return Read(text)


def _number(text: str, rules: Rules) -> Read:
    target = rules.target
    money = target.kind == "money"
    wrong = Read(rule="type", message="is not an amount" if money else "is not a number")
    match = _AMOUNT.match(normal(text))
    if match is None:
        return wrong
    symbol = SYMBOLS.get(rules.currency, rules.currency)
    currency, unit = match["cur"], match["unit"]
    if currency and not money:
        return wrong
    if currency and currency not in (symbol.casefold(), rules.currency.casefold()):
        return Read(rule="currency", message=f"is not in {rules.currency} ({symbol})")
    factor = UNITS[rules.unit] if money else 1
    if unit == "%" and money or unit not in (None, "%") and not money:
        return wrong
    if unit in SUFFIXES:
        factor = SUFFIXES[unit]  # "£26.19m" says its own unit
    number = _decimal(match["num"].replace(" ", ""), rules.decimal)
    if number is None:
        return wrong
    value = (-number if match["minus"] or match["minus2"] else number) * factor
    if not math.isfinite(float(value)):  # a thousand digits: no spreadsheet or warehouse holds it
        return wrong
    if target.kind == "score" and value != value.to_integral_value():
        return Read(rule="type", message="is not a whole number")
    if target.low is not None and value < Decimal(str(target.low)):
        return Read(rule="range", message=_below(value, target, money, rules))
    if target.high is not None and value > Decimal(str(target.high)):
        return Read(rule="range", message=f"is above the largest value allowed, {target.high:g}")
    return Read(_plain(value))


def _below(value: Decimal, target: Target, money: bool, rules: Rules) -> str:
    shown = f"{_plain(value)} {rules.currency}" if money else _plain(value)
    return f"reads as {shown}, below the smallest value allowed, {target.low:g}"


def _decimal(number: str, mark: str) -> Decimal | None:
    """`12,131.50` and `5609.46` (or `12.131,50` with a decimal comma); `1,5` is not a guess we make."""
    group = "," if mark == "." else "."
    if re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})+(\{mark}\d+)?", number):
        number = number.replace(group, "")
    elif not re.fullmatch(rf"\d+(\{mark}\d+)?|\{mark}\d+", number):
        return None
    try:
        return Decimal(number.replace(mark, "."))
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> str:
    """A number as a return writes it: no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def _date(text: str, rules: Rules) -> Read:
    day = parse_date(text, (*rules.formats, *ISO), rules.century_from)
    if day is None:
        shown = " or ".join(spell(f) for f in rules.formats or ISO[:1])
        return Read(rule="type", message=f"is not a date ({shown})")
    if not EARLIEST <= day <= LATEST:
        return Read(rule="range", message="is not a plausible date (1950-2100)")
    return Read(day.isoformat())


def parse_date(text: str, formats: tuple[str, ...], century_from: int = 1969) -> dt.date | None:
    """The first format that reads the whole text; a two-digit year falls in the 100 years from
    `century_from` (1969 by default, as Python reads `%y`: `31.12.40` is 2040, `01.04.98` is 1998)."""
    text = text.strip()
    for fmt in formats:
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if "%y" in fmt:
            year = century_from + (day.year % 100 - century_from % 100) % 100
            day = _with_year(day, year)
            if day is None:
                continue
        return day
    return None


def _with_year(day: dt.date, year: int) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return None


def spell(fmt: str) -> str:
    """A date format as a person reads it: `%d.%m.%y` is DD.MM.YY."""
    for code, shown in (
        ("%d", "DD"),
        ("%m", "MM"),
        ("%Y", "YYYY"),
        ("%y", "YY"),
        ("%b", "Mon"),
        ("%B", "Month"),
    ):
        fmt = fmt.replace(code, shown)
    return fmt.replace("%%", "%")
