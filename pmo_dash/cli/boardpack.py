"""`python -m pmo_dash boardpack`: the steering committee pack of a period, for a scheduled run."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from streamlit import config
from streamlit.logger import set_log_level

from pmo_dash import periods
from pmo_dash.settings import Settings


def run_boardpack(settings: Settings, as_of: str, departments: list[str], out: Path) -> int:
    """Write the pack of these departments (default: every one) as of the period to `out` (a file, or a
    folder to write `board-pack-<scope>-<YYYY-MM>.pptx` into)."""
    # The reads go through the app's cache, which outside a server warns of that as each is made (at
    # import); Streamlit's config is read first, since reading it sets the log level again.
    config.get_config_options()
    set_log_level("error")
    from pmo_dash import boardpack, data
    from pmo_dash.data import Filters

    if not settings.warehouse.exists():
        return _fail(f"no warehouse at {settings.warehouse}: build it first (python -m pmo_dash build)")
    every = data.portfolio.all_departments()
    unknown = [d for d in departments if d not in every]
    if unknown:
        listed = ", ".join(every) or "none"
        return _fail(f"no department {', '.join(unknown)} in the warehouse (it holds: {listed})")
    scope = tuple(dict.fromkeys(departments)) or every
    known = data.portfolio.periods(scope)
    period = _period(as_of, known)
    if period is None:
        span = f"{periods.label(known[-1])} to {periods.label(known[0])}" if known else "none"
        return _fail(f"no period '{as_of}' for these departments (YYYY-MM; the warehouse holds {span})")
    request = boardpack.request(Filters(scope=scope, as_of=period), _title(scope, every), _author())
    blob = boardpack.build(request)
    target = out / request.file_name if out.is_dir() else out
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    part.write_bytes(blob)
    os.replace(part, target)
    slides = boardpack.slide_count(len(scope))
    print(f"wrote {target}: {slides} slides, {request.title}, as of {periods.label(period)}")
    return 0


def _period(text: str, known: list[dt.date]) -> dt.date | None:
    """The period a month names: `2026-10`, `2026-10-31` or `Oct 2026`."""
    for form in ("%Y-%m", "%Y-%m-%d", "%b %Y", "%B %Y"):
        try:
            month = dt.datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
        return next((p for p in known if (p.year, p.month) == (month.year, month.month)), None)
    return None


def _title(scope: tuple[str, ...], every: tuple[str, ...]) -> str:
    """What the pack is of, as the app's pages would title it."""
    from pmo_dash import data

    if scope == every:
        return "Enterprise portfolio"
    names = data.portfolio.departments(scope)["name"].to_list()
    return names[0] if len(names) == 1 else f"{len(names)} departments"


def _author() -> str:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown user"
    return f"{who} (python -m pmo_dash boardpack)"


def _fail(message: str) -> int:
    print(f"boardpack: {message}", file=sys.stderr)
    return 1
