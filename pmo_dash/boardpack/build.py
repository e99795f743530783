"""A pack, slide by slide: the portfolio, the insights, then one slide per department in scope.

Each slide is a function of the deck and the pack, in the order the steering committee reads them:
the decisions needed come right after the KPI summary.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from pmo_dash.boardpack import decisions, departments, insights, slides
from pmo_dash.boardpack.deck import Deck, plain
from pmo_dash.boardpack.pack import Pack
from pmo_dash.boardpack.request import Request, request
from pmo_dash.data import Filters

Slides = Callable[[Deck, Pack], None]

PORTFOLIO: tuple[Slides, ...] = (
    slides.title,
    slides.kpi_summary,
    decisions.decisions,
    slides.tolerance,
    slides.rag_by_department,
    slides.performance,
    insights.risks,
    insights.benefits,
    insights.lessons,
)


def build(request: Request) -> bytes:
    """The .pptx of the request's view."""
    pack = Pack(request)
    pack.prepare()
    deck = Deck(plain(request.footer, 200))
    # The departments' reads run in DuckDB (without the GIL) while the portfolio slides are drawn.
    with ThreadPoolExecutor(1) as pool:
        ahead = pool.submit(departments.read_ahead, pack)
        for slide in PORTFOLIO:
            slide(deck, pack)
        ahead.result()
    departments.departments(deck, pack)
    return deck.save()


def slide_count(departments_in_scope: int) -> int:
    """How many slides a pack of this many departments has."""
    return len(PORTFOLIO) + departments_in_scope


def on_demand(filters: Filters, title: str, author: str) -> tuple[Callable[[], bytes], str]:
    """The pack of a view as a download button wants it: a function that builds it when clicked (and
    stamps that time on it), and its file name."""
    return (lambda: build(request(filters, title, author))), request(filters, title, author).file_name
