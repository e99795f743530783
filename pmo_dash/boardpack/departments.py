"""One slide per department in scope: its headline measures with their change, its RAG mix and its top
risks, within the pack's filters (a programme's pack shows that programme's projects only)."""

from __future__ import annotations

import polars as pl
from pptx.util import Inches

from pmo_dash import data
from pmo_dash.boardpack import charts, kpis, notes
from pmo_dash.boardpack.deck import CONTENT, NAME_LIMIT, Deck, heading, missing, plain
from pmo_dash.boardpack.pack import Pack, not_returned
from pmo_dash.boardpack.tables import number, table
from pmo_dash.ui import fmt
from pmo_dash.ui.theme import MIXED, RAG_COLOURS, RATING_ORDER

TOP_RISKS = 6


def read_ahead(pack: Pack) -> None:
    """Read what the department slides will (each department's KPI trend, every one's top risks) into
    the one cache, so that a build can do it while it draws the portfolio slides."""
    for department_id in pack.departments["department_id"]:
        data.portfolio.kpi_trend(pack.f.within((department_id,)))
    if pack.has("risks"):
        data.boardpack.department_top_risks(pack.f, TOP_RISKS)


def departments(deck: Deck, pack: Pack) -> None:
    """Every department in scope, by name."""
    mix = data.portfolio.rag_mix(pack.f)
    top = data.boardpack.department_top_risks(pack.f, TOP_RISKS) if pack.has("risks") else None
    for department_id, name in pack.departments.select("department_id", "name").rows():
        mine = pl.col("department_id") == department_id
        department(
            deck, pack, department_id, name, mix.filter(mine), None if top is None else top.filter(mine)
        )


def department(
    deck: Deck, pack: Pack, department_id: str, name: str, mix: pl.DataFrame, top: pl.DataFrame | None
) -> None:
    """One department's slide: `mix` its RAG mix, `top` its top risks (None: no risks returned)."""
    here = pack.f.within((department_id,))
    h = kpis.headline(data.portfolio.kpi_trend(here), here.as_of)
    now = h.now or {}
    lede = (
        f"{now.get('active_projects', 0):,} active projects · "
        f"SPI {fmt.reported(now.get('spi'), fmt.ratio)} · CPI {fmt.reported(now.get('cpi'), fmt.ratio)} · "
        + (f"{now['red_projects']:,} Red on evidence. " if h.judged else "not judged on evidence. ")
        + kpis.compared_with(h)
    )
    slide = deck.slide(
        f"{plain(name, NAME_LIMIT)} ({plain(department_id, 20)})", lede, notes.department(pack.cut)
    )
    left, middle, right = CONTENT.split(4, 3, 4.5, gap=Inches(0.35))
    risks = pack.has("risks", department=department_id)
    table(
        slide,
        heading(slide, left, "Headline measures"),
        ["Measure", pack.period, "Change"],
        kpis.rows(h, risks=risks, with_before=False),
        [2.6, 1.6, 1.4],
        size=11,
    )
    _mix(slide, heading(slide, middle, "Active projects by RAG"), mix, h.judged)
    room = heading(slide, right, "Top risks")
    if not risks:
        missing(slide, room, not_returned("risks", "for this department"))
        return
    if top is None or top.is_empty():
        missing(slide, room, "No risk is open in the period.")
        return
    rows = [
        [
            plain(r["title"], NAME_LIMIT),
            number(f"{r['likelihood']} × {r['impact']} = {r['exposure']}"),
            plain(r["owner"], 40),
        ]
        for r in top.iter_rows(named=True)
    ]
    table(slide, room, ["Risk", "L × I", "Owner"], rows, [3.2, 1.3, 1.6], size=11)


def _mix(slide, box, mix: pl.DataFrame, judged: bool) -> None:
    """The department's active projects by RAG on evidence (as reported when none is judged)."""
    chosen = mix.filter(pl.col("basis") == ("Evidence" if judged else "Reported"))
    counts = dict(chosen.select("rag", "projects").rows())
    ratings = [r for r in RATING_ORDER if counts.get(r) and (r not in MIXED or r in counts)]
    if not ratings:
        missing(slide, box, "No active project in the period.")
        return
    charts.doughnut(slide, box, ratings, [counts[r] for r in ratings], [RAG_COLOURS[r] for r in ratings])
