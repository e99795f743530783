"""Portfolio views (enterprise, department, programme): KPI cards, watermelons, what changed, programmes."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from pmo_dash import periods
from pmo_dash.settings import Thresholds
from pmo_dash.ui import fmt, tables
from pmo_dash.ui.theme import MIXED

# What a chart would need, and which return would supply it, when no project in view reports it.
NO_VARIANCE = (
    "no project in view carries a forecast finish or earned value and actual cost "
    "(status_reports: forecast_finish, earned_value, actual_cost)."
)
NAMED = 5  # departments named in the attention line; the rest are counted
NO_SCATTER = (
    "no project in view reports both SPI and CPI (status_reports: planned_value, earned_value, actual_cost)."
)


def departments(rows: pl.DataFrame, cut: Thresholds, key: str) -> str | None:
    """One line per department in view, with its reporting compliance (judged against `cut`); returns
    the department a user clicked, if any."""
    if rows.is_empty():
        st.caption("No department has an active project in this period.")
        return None
    withheld = int(rows["withheld_budgets"].sum())
    st.caption(
        "Budgets exclude those withheld"
        + (f" ({withheld:,} in view)" if withheld else "")
        + ". Reported Red counts Amber/Red as Red. Reported on time: the share of active projects whose "
        "latest return falls within their department's cadence, the period itself (monthly), the quarter "
        f"or the year ending at it; Reporting is Red below {fmt.share(cut.compliance_amber)}, Amber below "
        f"{fmt.share(cut.compliance_green)}. Click a column to sort, a department to open it."
    )
    share = pl.col("reporting_compliance")
    reporting = (
        pl.when(share.is_null())
        .then(None)
        .when(share >= cut.compliance_green)
        .then(pl.lit("Green"))
        .when(share >= cut.compliance_amber)
        .then(pl.lit("Amber"))
        .otherwise(pl.lit("Red"))
        .alias("reporting_rag")
    )
    event = tables.show(
        rows.with_columns(reporting).with_columns(tables.rag_cell("reporting_rag")),
        {
            # Within 1440 px up to the budgets withheld; the ID, which the name already gives, after them.
            "department": st.column_config.TextColumn("Department", width=170),
            "active_projects": st.column_config.NumberColumn("Projects", format="%d", width=65),
            "evidence_red": st.column_config.NumberColumn("Red (evidence)", format="%d", width=100),
            "reported_red": st.column_config.NumberColumn("Reported Red", format="%d", width=90),
            "budget": tables.money("Budget", width=85),
            "reporting_rag": tables.rag_column("Reporting", help="Reported on time, against the thresholds"),
            "reporting_compliance": tables.share("Reported on time", width=115),
            "reported_projects": st.column_config.NumberColumn("Reported", format="%d", width=70),
            "cadence": st.column_config.TextColumn("Reports", width=80),
            "withheld_budgets": st.column_config.NumberColumn(
                "Withheld", format="%d", width=75, help="Budgets withheld: left out of the budget"
            ),
            "department_id": st.column_config.TextColumn("ID", width=60),
        },
        title="Departments",
        height=tables.fitted_height(rows.height, 420),
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    return tables.selected_row(event, rows, "department_id", key=key, opens="department")


def watermelons(rows: pl.DataFrame, key: str, *, judged: bool = True) -> str | None:
    """The projects reported Green but Red on evidence; returns the project a user clicked, if any.
    With no evidence in view (`judged` false) there is nothing to catch, and it says so, not all clear."""
    st.subheader(f"Watermelons: reported Green, Red on evidence ({rows.height})")
    if rows.is_empty() and not judged:
        st.caption(
            "Not judged: no return in view carries SPI, CPI or slip, so no project can be Red on evidence "
            "(status_reports: planned_value, earned_value, actual_cost, forecast_finish)."
        )
        return None
    if rows.is_empty():
        st.success("No project reports Green while its evidence is Red.")
        return None
    # What an executive needs to act on first, within 1280 px: which project, why, and how far off.
    event = tables.show(
        rows,
        {
            "project": st.column_config.TextColumn("Project", width=200),
            "department": st.column_config.TextColumn("Department", width=140),
            "evidence": st.column_config.TextColumn("Why it is Red", width=230),
            "spi": tables.ratio("SPI", width=55),
            "cpi": tables.ratio("CPI", width=55),
            "eac": tables.money("EAC", width=80),
            "budget": tables.money("Budget", width=80),
            "report_as_of": tables.date("Last return", width=100),
            "project_manager": st.column_config.TextColumn("Manager"),
            "project_id": st.column_config.TextColumn("ID"),
        },
        title="Watermelons",
        height=tables.fitted_height(rows.height, 400),
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    return tables.selected_row(event, rows, "project_id", key=key, opens="project")


def attention(
    watermelons: int,
    changed: pl.DataFrame | None,
    into_red: pl.DataFrame | None,
    compliance: pl.DataFrame,
    amber: float,
    since: dt.date | None,
) -> None:
    """What needs an executive's attention, in one line at the top: watermelons, projects newly Red and
    risks into the red zone since the previous period (`since`), departments reporting below `amber`."""
    counts = [(watermelons, "watermelon", "(reported Green, Red on evidence)")]
    if since is not None and changed is not None and into_red is not None:
        counts.append((int(changed["newly_red"].sum()), "project", f"newly Red since {periods.label(since)}"))
        counts.append((into_red.height, "risk", "into the red zone"))
    items = [f"**{n:,}** {noun}{'' if n == 1 else 's'} {what}" for n, noun, what in counts if n]
    late = compliance.filter(pl.col("reporting_compliance") < amber)["department"]
    if late.len():
        names = ", ".join(fmt.plain(n, 40) for n in late.head(NAMED))
        more = f" and {late.len() - NAMED:,} more" if late.len() > NAMED else ""
        items.append(f"reporting below {amber:.0%}: {names}{more}")
    # A bordered line, not an alert: the page's alerts are the link notices, which stay until dismissed.
    with st.container(border=True):
        if items:
            st.markdown(":orange-badge[Needs attention] " + " · ".join(items))
        else:
            st.markdown(
                ":green-badge[Nothing flagged] no watermelon, nothing newly Red, no risk into the red zone, "
                f"every department reporting at {amber:.0%} or more."
            )


def changed_since(changed: pl.DataFrame, into_red: pl.DataFrame, since: dt.date) -> None:
    """What moved since an earlier period: RAG changes, newly Red projects, risks into the red zone."""
    newly_red = changed.filter(pl.col("newly_red"))
    st.caption(
        f"Since {periods.label(since)}: {changed.height} projects changed RAG on evidence, "
        f"{newly_red.height} newly Red, {into_red.height} risks crossed into the red zone."
    )
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Projects whose evidence RAG changed** ({changed.height})")
        if changed.is_empty():
            st.caption(f"No project's evidence RAG changed since {periods.label(since)}.")
        else:
            shown = changed.with_columns(tables.rag_cell("rag_before"), tables.rag_cell("rag_now"))
            tables.show(
                shown,
                {
                    "project": st.column_config.TextColumn("Project", width=170),
                    "rag_before": tables.rag_column("Was"),
                    "rag_now": tables.rag_column("Now"),
                    "department": st.column_config.TextColumn("Department", width=130),
                    "evidence": st.column_config.TextColumn("Evidence now", width="medium"),
                    "project_id": st.column_config.TextColumn("ID"),
                },
                title=f"RAG changed since {since:%b %Y}",
                height=tables.fitted_height(shown.height, 300),
            )
    with right:
        st.markdown(f"**Risks into the red zone** ({into_red.height})")
        if into_red.is_empty():
            st.caption(f"No risk crossed into the red zone since {periods.label(since)}.")
        else:
            tables.show(
                into_red,
                {
                    "title": st.column_config.TextColumn("Risk", width=170),
                    "exposure_before": st.column_config.NumberColumn("Was", format="%d", width=50),
                    "exposure_now": st.column_config.NumberColumn("Now", format="%d", width=50),
                    "project": st.column_config.TextColumn("Project", width=140),
                    "owner": st.column_config.TextColumn("Owner"),
                    "risk_id": st.column_config.TextColumn("ID"),
                },
                title=f"Risks into red since {since:%b %Y}",
                height=tables.fitted_height(into_red.height, 300),
            )


def rating_note(mix: pl.DataFrame, basis: str) -> None:
    """What the RAG-by-department chart counts: evidence, or the ratings as reported (five-point where a
    return gave a delivery confidence, and how three-colour roll-ups read those)."""
    if basis == "Evidence":
        st.caption(
            "Judged on SPI, CPI, slip and open high risks, on the measures each return carries; "
            "Not reported where it carries none."
        )
    elif mix.filter(pl.col("basis") == basis)["rag"].is_in(MIXED).any():
        st.caption("As reported: five-point delivery confidence where a return gave one. " + tables.COLLAPSE)


def not_reported(rows: pl.DataFrame, columns: tuple[str, ...], what: str) -> bool:
    """True, saying so in place of a chart, when no row in view carries any of `columns`."""
    if rows.is_empty() or all(rows[c].is_null().all() for c in columns):
        st.caption(f"Not reported: {what}")
        return True
    return False


def programme_table(rows: pl.DataFrame, key: str) -> str | None:
    """Programmes rolled up; a click opens one."""
    st.caption("Each programme's active projects, counted by RAG on evidence · click a row to open it")
    if withheld := rows["withheld_budgets"].sum():
        st.caption(f"Budgets excluding {withheld} withheld.")
    event = tables.show(
        rows,
        {
            "programme": st.column_config.TextColumn("Programme", width="medium"),
            "active_projects": st.column_config.NumberColumn("Projects"),
            "red": st.column_config.NumberColumn("Red"),
            "amber": st.column_config.NumberColumn("Amber"),
            "green": st.column_config.NumberColumn("Green"),
            "watermelons": st.column_config.NumberColumn("Watermelons"),
            "spi": tables.ratio("SPI"),
            "cpi": tables.ratio("CPI"),
            "budget": tables.money("Budget"),
            "eac": tables.money("EAC"),
        },
        title="Programmes",
        key=key,
        on_select="rerun",
        selection_mode="single-row",
    )
    return tables.selected_row(event, rows, "programme_id", key=key, opens="programme")
