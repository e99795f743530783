"""The decisions slide: what the steering committee must decide, as the Governance page counts and
lists it (data.governance: gates overdue or due, escalations, projects outside tolerance, changes
pending), its agenda on one slide."""

from __future__ import annotations

from pmo_dash import data
from pmo_dash.boardpack.deck import CONTENT, Deck, missing, plain
from pmo_dash.boardpack.pack import Pack
from pmo_dash.boardpack.tables import fits, table
from pmo_dash.settings import Thresholds

TITLE = "Decisions needed"


def notes(cut: Thresholds) -> str:
    return (
        f"Gates: stage gates of active projects not passed by the period's end (and not stopped), overdue "
        f"when planned before it, due when planned within {cut.gate_horizon_days} days after. Escalations: "
        f"critical and high issues open more than {cut.escalation_days} days, and risks with exposure "
        f"{cut.high_risk_exposure} or more whose action is overdue. Outside tolerance: active projects whose "
        f"EAC exceeds budget by more than {cut.tolerance_cost:.0%}, or whose forecast finish slips more than "
        f"{cut.tolerance_schedule_days} days. Changes: change requests raised and not decided by the "
        "period's end. The full agenda downloads from the Governance page."
    )


def decisions(deck: Deck, pack: Pack) -> None:
    f = pack.f
    gates = data.governance.gates_due(f)
    changes = data.governance.changes_pending(f)
    escalations = data.governance.escalations(f)
    tolerance = data.governance.outside_tolerance(f)
    overdue = int(gates["overdue"].sum() or 0) if gates.height else 0
    lede = (
        f"{overdue} gate{'' if overdue == 1 else 's'} overdue and {gates.height - overdue} due; "
        f"{escalations.height} escalation{'' if escalations.height == 1 else 's'}; "
        f"{tolerance.height} outside tolerance; {changes.height} change{'' if changes.height == 1 else 's'} "
        "pending."
    )
    slide = deck.slide(TITLE, lede, notes(pack.cut))
    agenda = data.governance.agenda(gates, changes, escalations, tolerance)
    if agenda.is_empty():
        missing(slide, CONTENT, "Nothing for the steering committee to decide in the period.")
        return
    shown = agenda.head(fits(CONTENT, 11))
    rows = [
        [
            plain(r["item"], 30),
            plain(r["project"], 50),
            plain(r["department"], 30),
            plain(r["what"], 70),
            "" if r["since"] is None else f"{r['since']:%-d %b %Y}",
            plain(r["detail"] or "", 70),
        ]
        for r in shown.iter_rows(named=True)
    ]
    header = ["Item", "Project", "Department", "What", "Since", "Detail"]
    table(
        slide, CONTENT, header, rows, [1.6, 2.4, 1.6, 3, 1.2, 2.6], size=11, more=agenda.height - shown.height
    )
