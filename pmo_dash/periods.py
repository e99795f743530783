"""Reporting periods are month ends; this names them and finds the ones to compare with."""

from __future__ import annotations

import datetime as dt


def label(period: dt.date) -> str:
    """How a period reads on screen and in a link: `Oct 2026`."""
    return period.strftime("%b %Y")


def previous(periods: list[dt.date], as_of: dt.date) -> dt.date | None:
    """The period before `as_of` among `periods`, if any."""
    earlier = [p for p in periods if p < as_of]
    return max(earlier) if earlier else None


def previous_quarter_end(as_of: dt.date) -> dt.date:
    """The last quarter-end (31 Mar, 30 Jun, 30 Sep, 31 Dec) strictly before `as_of`."""
    quarter_starts = dt.date(as_of.year, (as_of.month - 1) // 3 * 3 + 1, 1)
    return quarter_starts - dt.timedelta(days=1)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month: the period it falls in."""
    following = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return following - dt.timedelta(days=1)


def due_date(period_end: dt.date, working_days: int) -> dt.date:
    """The day a period's return is due: this many working days (Monday to Friday) after its end."""
    day, left = period_end, working_days
    while left > 0:
        day += dt.timedelta(days=1)
        left -= day.weekday() < 5
    return day
