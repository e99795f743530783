"""Whether a day-first date format a setting names can read the dates of the returns."""

from __future__ import annotations

import datetime as dt
import re

# The directives a day-first date format may use, by what each names.
DATE_PARTS = {"day": ("d",), "month": ("m", "b", "B"), "year": ("Y", "y")}


def date_format_problem(fmt: str) -> str | None:
    """Why `fmt` cannot be one of PMO_DAY_FIRST_FORMATS, or None when it can: it must be a date format
    (strftime directives of a day, a month and a year only), and read back the date it writes."""
    directives = re.findall(r"%(.)", fmt.replace("%%", ""))
    known = {d for names in DATE_PARTS.values() for d in names}
    unknown = [f"%{d}" for d in directives if d not in known]
    if fmt.replace("%%", "").endswith("%") and not fmt.endswith("%%"):
        unknown.append("a lone %")
    if unknown:
        return (
            f"'{fmt}' is not a valid date format: {', '.join(unknown)} is not a day, month or year "
            "(use %d, %m, %b, %B, %Y or %y)"
        )
    missing = [part for part, names in DATE_PARTS.items() if not any(d in names for d in directives)]
    if missing:
        named = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} or {missing[-1]}"
        return (
            f"'{fmt}' names no {named}: a date format needs a day (%d), a month (%m, %b or %B) and a "
            "year (%Y or %y)"
        )
    sample = dt.date(2026, 11, 27)
    try:
        read = dt.datetime.strptime(sample.strftime(fmt), fmt).date()
    except ValueError:
        read = None
    if read != sample:
        return f"'{fmt}' is not a valid date format: it does not read back the date it writes"
    return None
