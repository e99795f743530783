"""What a pack is of and for whom: the view's filters (never beyond its user's scope), what the view is
called, who asked and when; and the file name, which says the scope and the period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmo_dash import data, exports, periods
from pmo_dash.data import Filters


@dataclass(frozen=True)
class Request:
    """A pack to build: `filters` are the view's (scope, period, programme, objective); `title` is what
    the view is called ("Enterprise portfolio", "Finance"); `author` who asked for it."""

    filters: Filters
    title: str
    author: str
    generated_at: dt.datetime

    @property
    def scope_tag(self) -> str:
        """The scope as the file name states it: the programme, the department, the enterprise (every
        department in the warehouse), a few departments' IDs, or how many."""
        f = self.filters
        if f.programme:
            return f.programme
        if len(f.scope) == 1:
            return f.scope[0]
        if f.scope and f.scope == data.portfolio.all_departments():
            return "enterprise"
        return "-".join(f.scope) if len(f.scope) <= 3 else f"{len(f.scope)}-departments"

    @property
    def file_name(self) -> str:
        """`board-pack-<scope>-<YYYY-MM>.pptx`, safe as a file name whatever the IDs hold."""
        return f"board-pack-{exports.file_stem(self.scope_tag)}-{self.filters.as_of:%Y-%m}.pptx"

    @property
    def footer(self) -> str:
        """What every slide's footer says the pack is of."""
        return f"Steering committee pack · {self.title} · as of {periods.label(self.filters.as_of)}"


def request(filters: Filters, title: str, author: str, at: dt.datetime | None = None) -> Request:
    """A pack of this view, asked for now (UTC) unless `at` says when."""
    return Request(filters, title, author, at or dt.datetime.now(dt.UTC))
