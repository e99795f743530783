"""The insight slides: the risk heat map and the top risks, benefits planned against realised, and
lessons-learned health by department. Where no department in view returns what a slide shows, the
slide says so and which return would supply it."""

from __future__ import annotations

import polars as pl
from pptx.util import Inches

from pmo_dash import data
from pmo_dash.boardpack import charts, notes
from pmo_dash.boardpack.deck import CONTENT, Box, Deck, heading, missing, plain, text
from pmo_dash.boardpack.pack import Pack, not_returned
from pmo_dash.boardpack.tables import Cell, fits, number, rag, table
from pmo_dash.ui import fmt
from pmo_dash.ui.theme import GREY, RAG_COLOURS, ZONE_COLOURS, bands, risk_zone

LEVELS = range(5, 0, -1)  # likelihood, top row first
TOP_RISKS = 8  # of the ten the risks page lists: as many as stay on the slide when their titles wrap


def risks(deck: Deck, pack: Pack) -> None:
    cut = pack.cut
    if not pack.has("risks"):
        slide = deck.slide("Risks", "Risks are not returned by any department in view.", notes.risks(cut))
        missing(slide, CONTENT, not_returned("risks"))
        return
    cells = data.risks.heatmap(pack.f)
    counts = {(r["likelihood"], r["impact"]): r["risks"] for r in cells.iter_rows(named=True)}
    high = sum(n for (li, im), n in counts.items() if li * im >= cut.high_risk_exposure)
    lede = (
        f"{sum(counts.values()):,} open risks, {high:,} in the red zone "
        f"(likelihood × impact of {cut.high_risk_exposure} or more), as last reviewed."
    )
    slide = deck.slide("Risks: heat map and top risks", lede, notes.risks(cut))
    grid_box, top_box = CONTENT.split(4, 6, gap=Inches(0.45))
    _heat_map(slide, grid_box, counts, pack)
    top = data.risks.top(pack.f)
    below = heading(slide, top_box, "Top risks by exposure")
    if top.is_empty():
        missing(slide, below, "No risk is open in the period.")
        return
    table(
        slide,
        below,
        ["Risk", "Project", "Department", "L × I", "Owner", "Action due"],
        _risk_rows(top),
        [3, 2.6, 1.7, 1.3, 1.6, 1.9],
        size=10,
    )


def _heat_map(slide, box: Box, counts: dict, pack: Pack) -> None:
    side = min(box.width, box.height - Inches(0.5))
    rows = []
    for likelihood in LEVELS:
        row: list[Cell | str] = [Cell(str(likelihood), "#ffffff", "center", True)]
        for impact in range(1, 6):
            zone = ZONE_COLOURS[risk_zone(likelihood * impact, pack.cut)]
            found = counts.get((likelihood, impact), 0)
            row.append(Cell(f"{found:,}" if found else "", zone, "center", True))
        rows.append(row)
    square = Box(box.left, box.top, side, side)
    table(slide, square, ["L \\ I", *map(str, range(1, 6))], rows, [1] * 6, size=16, row_height=side // 6)
    caption = Box(box.left, box.top + side + Inches(0.1), box.width, Inches(0.4))
    text(slide, caption, "Open risks per cell: likelihood (rows) × impact (columns)", size=11, colour=GREY)


def _risk_rows(top: pl.DataFrame) -> list[list[Cell | str]]:
    rows = []
    for r in top.head(TOP_RISKS).iter_rows(named=True):
        due = fmt.day(r["action_due"])
        rows.append(
            [
                plain(r["title"], 70),
                plain(r["project"], 45),
                plain(r["department"], 30),
                number(f"{r['likelihood']} × {r['impact']} = {r['exposure']}"),
                plain(r["owner"], 40),
                Cell(f"{due} (overdue)", "#fbe3e3", "right") if r["action_overdue"] else number(due),
            ]
        )
    return rows


def benefits(deck: Deck, pack: Pack) -> None:
    cut = pack.cut
    if not pack.has("benefits", "benefit_measurements"):
        slide = deck.slide(
            "Benefits: planned against realised",
            "Benefits are not returned by any department in view.",
            notes.benefits(cut),
        )
        missing(slide, CONTENT, not_returned("benefits"))
        return
    curve = data.benefits.curve(pack.f).tail(12)
    by_department = data.benefits.rolled(pack.benefits, "department").filter(pl.col("measured") > 0)
    planned, realised = data.benefits.cashable(pack.benefits)
    at_risk = int(data.benefits.rolled(pack.benefits, "department")["at_risk"].sum())
    lede = (
        f"Cashable benefits to date: {fmt.money(realised)} realised of {fmt.money(planned)} planned"
        + (f" ({realised / planned:.0%})" if planned else "")
        + f"; {at_risk:,} benefit{'' if at_risk == 1 else 's'} at risk (projects Red on evidence)."
    )
    slide = deck.slide("Benefits: planned against realised", lede, notes.benefits(cut))
    left, right = CONTENT.split(11, 9, gap=Inches(0.45))
    room = heading(slide, left, "Cashable benefits, cumulative")
    if curve.is_empty() or not (curve["planned"].sum() or curve["actual"].sum()):
        missing(slide, room, "No cashable benefit is planned or realised yet.")
    else:
        charts.columns(
            slide,
            room,
            [p.strftime("%b %y") for p in curve["period"]],
            {"Planned": curve["planned"].to_list(), "Realised": curve["actual"].to_list()},
            {"Planned": "#9e9e9e", "Realised": RAG_COLOURS["Green"]},
            charts.money_format(max(curve["planned"].max() or 0, curve["actual"].max() or 0)),
        )
    room = heading(slide, right, "Realisation by department (mean of actual / planned)")
    if by_department.is_empty():
        missing(slide, room, "No benefit is measured yet: none was planned to have delivered by now.")
        return
    rows = by_department.sort("name")
    share = rows["realisation"].fill_null(0).to_numpy()
    colours = bands(share, cut.realisation_green, cut.realisation_amber)
    realisation = rows["realisation"].to_list()
    charts.bars(
        slide, room, rows["name"].to_list(), "Realisation", realisation, colours, "0%", scale=(0, None)
    )


def lessons(deck: Deck, pack: Pack) -> None:
    cut = pack.cut
    title = "Lessons-learned health by department"
    if not pack.has("lessons"):
        slide = deck.slide(title, "Lessons are not returned by any department in view.", notes.lessons(cut))
        missing(slide, CONTENT, not_returned("lessons"))
        return
    health = data.lessons.health(pack.f).filter(pl.col("period") == pack.f.as_of)
    scored = health.filter(pl.col("score").is_not_null()).sort("department", "department_id")
    unscored = health.filter(pl.col("score").is_null())["department"].to_list()
    lede = (
        f"Scores 0-100 weigh six components; Green from {cut.lessons_health_green:g}, "
        f"Amber from {cut.lessons_health_amber:g}."
    )
    slide = deck.slide(title, lede, notes.lessons(cut))
    left, right = CONTENT.split(2, 3, gap=Inches(0.45))
    if scored.is_empty():
        missing(slide, CONTENT, "No department in view has a lesson or a closed project to measure yet.")
        return
    colours = [RAG_COLOURS[r] for r in scored["rag"]]
    charts.bars(
        slide,
        heading(slide, left, "Health score"),
        scored["department"].to_list(),
        "Health score",
        scored["score"].to_list(),
        colours,
        "0",
        scale=(0, 100),
    )
    room = heading(slide, right, "Weakest first: the components (stale drafts: lower is better)")
    weakest = scored.sort("score", "department").head(fits(room, 11) - 1)
    header = ["Department", "Score", "Cover.", "Timely", "Compl.", "Follow", "Stale", "Reuse"]
    rows = [
        [plain(r["department"], 40), rag_score(r["score"], r["rag"])]
        + [
            number(fmt.share(r[k]))
            for k in ("coverage", "timeliness", "completeness", "follow_through", "staleness", "reuse")
        ]
        for r in weakest.iter_rows(named=True)
    ]
    table(slide, room, header, rows, [3, 1.2, 1, 1, 1, 1, 1, 1], size=11, more=scored.height - weakest.height)
    if unscored:
        names = ", ".join(plain(n, 40) for n in unscored[:8]) + (
            f" and {len(unscored) - 8} more" if len(unscored) > 8 else ""
        )
        text(
            slide,
            Box(left.left, left.top + left.height - Inches(0.3), CONTENT.width, Inches(0.3)),
            f"Nothing to measure yet: {names}",
            size=10,
            colour=GREY,
        )


def rag_score(score: float, rating: str | None) -> Cell:
    """A lessons health score on its RAG's colour."""
    return Cell(f"{score:.0f}", rag(rating).fill, "center", True)
