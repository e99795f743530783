"""Streamlit building blocks shared by the pages: they draw, the data layer decides."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import periods
from pmo_dash.settings import get_settings
from pmo_dash.ui import download, fmt
from pmo_dash.ui.filters import IN_LINK

COMPARE = "compare"  # URL key of the KPI comparison
BASELINES = ["previous period", "previous quarter-end"]


def kpi_cards(trend: pl.DataFrame, as_of: dt.date) -> None:
    """The headline numbers with their change since the chosen earlier period and a 12-period sparkline."""
    choice = st.segmented_control("Change since", BASELINES, default=BASELINES[0], key=COMPARE, **IN_LINK)
    now = trend.filter(pl.col("period") == as_of)
    if now.is_empty():
        st.info("Nothing to show for this period.")
        return
    current = now.row(0, named=True)
    since = _baseline(trend["period"].to_list(), as_of, choice or BASELINES[0])
    before = trend.filter(pl.col("period") == since).row(0, named=True) if since in trend["period"] else None
    history = trend.tail(12)
    st.caption(
        f"Changes against {periods.label(since)}; sparklines over the last 12 periods."
        if before is not None
        else "No earlier period to compare with."
    )

    def card(column, label, key, shown, *, delta_fmt, good_up: bool | None = True, help=None):
        change = None
        if before is not None and current[key] is not None and before[key] is not None:
            change = delta_fmt(current[key] - before[key])
        column.metric(
            label,
            shown(current[key]),
            delta=change,
            delta_color="off" if good_up is None else "normal" if good_up else "inverse",
            border=True,
            help=help,
            chart_data=[v for v in history[key].to_list() if v is not None] or None,
        )

    cols = st.columns(7)
    card(
        cols[0],
        "Active projects",
        "active_projects",
        lambda v: f"{v:,}",
        delta_fmt=lambda d: f"{d:+,}",
        good_up=None,
    )
    card(
        cols[1],
        "Budget",
        "budget",
        fmt.money,
        delta_fmt=lambda d: _signed(fmt.money(d)),
        good_up=None,
        help="Budget at completion (BAC) of the active projects",
    )
    card(
        cols[2],
        "EAC",
        "eac",
        fmt.money,
        delta_fmt=lambda d: _signed(fmt.money(d)),
        good_up=False,
        help=_overrun(current),
    )
    card(
        cols[3],
        "SPI",
        "spi",
        fmt.ratio,
        delta_fmt=lambda d: f"{round(d, 2) + 0.0:+.2f}",
        help="Earned value / planned value",
    )
    card(
        cols[4],
        "CPI",
        "cpi",
        fmt.ratio,
        delta_fmt=lambda d: f"{round(d, 2) + 0.0:+.2f}",
        help="Earned value / actual cost",
    )
    card(
        cols[5],
        "Red (evidence)",
        "share_red",
        fmt.share,
        delta_fmt=lambda d: f"{d * 100:+.0f} pts",
        good_up=False,
        help=f"{current['red_projects']} of {current['rated_projects']} reporting projects are Red on "
        "SPI, CPI, slip or open high risks, whatever they reported",
    )
    card(
        cols[6],
        "High risks",
        "open_high_risks",
        lambda v: f"{v:,}",
        delta_fmt=lambda d: f"{d:+,}",
        good_up=False,
        help=f"Open risks with likelihood × impact ≥ {get_settings().high_risk_exposure}",
    )


def _baseline(known: list[dt.date], as_of: dt.date, choice: str) -> dt.date | None:
    if choice == BASELINES[1]:
        return periods.previous_quarter_end(as_of)
    return periods.previous(known, as_of)


def _signed(text: str) -> str:
    return text if text.startswith("-") else f"+{text}"


def _overrun(kpis: dict[str, Any]) -> str:
    if not kpis["budget"]:
        return "Estimate at completion"
    return f"Estimate at completion: {kpis['eac'] / kpis['budget'] - 1:+.1%} against the budget"


def watermelons(rows: pl.DataFrame, key: str) -> str | None:
    """The projects reported Green but Red on evidence; returns the project a user clicked, if any."""
    st.subheader(f"Watermelons: reported Green, Red on evidence ({rows.height})")
    if rows.is_empty():
        st.success("No project reports Green while its evidence is Red.")
        return None
    symbol = get_settings().currency_symbol
    event = st.dataframe(
        rows.select(
            "project_id",
            "project",
            "department",
            "project_manager",
            "evidence",
            "spi",
            "cpi",
            "budget",
            "eac",
            "report_as_of",
        ),
        hide_index=True,
        width="stretch",
        height=min(35 * (rows.height + 1) + 2, 400),
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        column_config={
            "project_id": st.column_config.TextColumn("ID"),
            "project": st.column_config.TextColumn("Project"),
            "department": st.column_config.TextColumn("Department"),
            "project_manager": st.column_config.TextColumn("Manager"),
            "evidence": st.column_config.TextColumn("Why it is Red", width="large"),
            "spi": st.column_config.NumberColumn("SPI", format="%.2f"),
            "cpi": st.column_config.NumberColumn("CPI", format="%.2f"),
            "budget": st.column_config.NumberColumn(f"Budget ({symbol})", format="compact"),
            "eac": st.column_config.NumberColumn(f"EAC ({symbol})", format="compact"),
            "report_as_of": st.column_config.DateColumn("Last return", format="D MMM YYYY"),
        },
    )
    return _selected_row(event, rows, "project_id")


def _selected_row(event, rows: pl.DataFrame, column: str) -> str | None:
    # Read as a mapping: a selection state is one, whether Streamlit or a test produced it.
    chosen = event["selection"]["rows"] if event else []
    return rows[column][chosen[0]] if chosen and chosen[0] < rows.height else None


def chart_pick(event) -> str | None:
    """The customdata of the point or bar a user clicked in a plotly chart, if any."""
    # The event comes back from the browser, so it is read as untrusted: any other shape is no pick.
    try:
        point = event["selection"]["points"][0]
        custom = point.get("customdata")
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    return custom if isinstance(custom, str) and custom else None


CRUMB_LIMIT = 40  # characters of a name in the breadcrumb: the page's title has the whole of it


def breadcrumb(trail: list[tuple[str, str, dict[str, str]]]) -> None:
    """Enterprise › Department › Programme › Project: each level a link back out, the last one plain."""
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    for position, (text, page, params) in enumerate(trail):
        if position:
            row.markdown("›")
        if position == len(trail) - 1:
            row.markdown(f"**{fmt.plain(text, CRUMB_LIMIT)}**")
        else:
            row.page_link(page, label=fmt.plain(text, CRUMB_LIMIT), query_params=params)


def changed_since(changed: pl.DataFrame, into_red: pl.DataFrame, since: dt.date) -> None:
    """What moved since an earlier period: RAG changes, newly Red projects, risks into the red zone."""
    newly_red = changed.filter(pl.col("newly_red"))
    st.caption(
        f"Since {periods.label(since)}: {changed.height} projects changed RAG on evidence, "
        f"{newly_red.height} newly Red, {into_red.height} risks crossed into the red zone."
    )
    left, right = st.columns(2)
    with left:
        shown = changed.with_columns(fmt.rag_cell("rag_before"), fmt.rag_cell("rag_now")).select(
            "project_id", "rag_before", "rag_now", "project", "department", "evidence"
        )
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            height=300,
            column_config={
                "project_id": "ID",
                "project": "Project",
                "department": "Department",
                "rag_before": fmt.rag_column("Was"),
                "rag_now": fmt.rag_column("Now"),
                "evidence": "Evidence now",
            },
        )
    with right:
        st.dataframe(
            into_red.select("risk_id", "exposure_before", "exposure_now", "title", "project", "owner"),
            hide_index=True,
            width="stretch",
            height=300,
            column_config={
                "risk_id": "Risk",
                "title": "Risk title",
                "project": "Project",
                "exposure_before": st.column_config.NumberColumn("Was", format="%d"),
                "exposure_now": st.column_config.NumberColumn("Now", format="%d"),
                "owner": "Owner",
            },
        )


def projects_table(rows: pl.DataFrame, key: str, file_name: str = "projects") -> str | None:
    """Every project: RAG badges, progress, SPI trend, slip and EAC; sortable, filterable, clickable,
    and the rows found downloadable as CSV."""
    left, middle, right = st.columns([2, 2, 1])
    needle = left.text_input("Find a project", key=f"{key}_find", placeholder="name, ID or manager")
    rags = middle.multiselect("Evidence RAG", ["Red", "Amber", "Green"], key=f"{key}_rag", placeholder="any")
    late_only = right.toggle("Late only", key=f"{key}_late")
    shown = rows
    if needle:
        text = pl.concat_str(["project_id", "project", "project_manager"], separator=" ", ignore_nulls=True)
        shown = shown.filter(text.str.to_lowercase().str.contains(needle.lower(), literal=True))
    if rags:
        shown = shown.filter(pl.col("evidence_rag").is_in(rags))
    if late_only:
        shown = shown.filter(pl.col("slip_days") > 0)
    symbol = get_settings().currency_symbol
    table = shown.with_columns(fmt.rag_cell("evidence_rag"), fmt.rag_cell("reported_rag")).select(
        "project_id",
        "project",
        "programme",
        "evidence_rag",
        "reported_rag",
        "percent_complete",
        "spi_trend",
        "spi",
        "cpi",
        "slip_days",
        "budget",
        "eac",
        "eac_over_budget",
        "project_manager",
    )
    st.caption(f"{shown.height} of {rows.height} projects · click a row to open the project")
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(35 * (table.height + 1) + 2, 560),
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "project_id": st.column_config.TextColumn("ID"),
            "project": st.column_config.TextColumn("Project", width="medium"),
            "programme": st.column_config.TextColumn("Programme"),
            "evidence_rag": fmt.rag_column("Evidence"),
            "reported_rag": fmt.rag_column("Reported"),
            "percent_complete": st.column_config.ProgressColumn(
                "Complete", format="%.0f%%", min_value=0, max_value=100
            ),
            "spi_trend": st.column_config.LineChartColumn("SPI, 12 periods"),
            "spi": st.column_config.NumberColumn("SPI", format="%.2f"),
            "cpi": st.column_config.NumberColumn("CPI", format="%.2f"),
            "slip_days": st.column_config.NumberColumn("Slip (days)", format="%d"),
            "budget": st.column_config.NumberColumn(f"Budget ({symbol})", format="compact"),
            "eac": st.column_config.NumberColumn(f"EAC ({symbol})", format="compact"),
            "eac_over_budget": st.column_config.NumberColumn("EAC − budget", format="compact"),
            "project_manager": st.column_config.TextColumn("Manager"),
        },
    )
    if not shown.is_empty():
        download.csv_button(projects_export(shown), file_name, key=f"{key}_csv")
    return _selected_row(event, shown, "project_id")


def projects_export(rows: pl.DataFrame) -> pl.DataFrame:
    """The projects table as a file: its columns under their headings, but the SPI sparkline."""
    symbol = get_settings().currency_symbol
    headings = {
        "project_id": "ID",
        "project": "Project",
        "programme": "Programme",
        "evidence_rag": "Evidence RAG",
        "reported_rag": "Reported RAG",
        "percent_complete": "Complete (%)",
        "spi": "SPI",
        "cpi": "CPI",
        "slip_days": "Slip (days)",
        "budget": f"Budget ({symbol})",
        "eac": f"EAC ({symbol})",
        "eac_over_budget": f"EAC − budget ({symbol})",
        "project_manager": "Manager",
    }
    return rows.select(list(headings)).rename(headings)


def programme_table(rows: pl.DataFrame, key: str) -> str | None:
    """Programmes rolled up; a click opens one."""
    symbol = get_settings().currency_symbol
    event = st.dataframe(
        rows.select(
            "programme",
            "active_projects",
            "red",
            "amber",
            "green",
            "watermelons",
            "spi",
            "cpi",
            "budget",
            "eac",
        ),
        hide_index=True,
        width="stretch",
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "programme": st.column_config.TextColumn("Programme", width="medium"),
            "active_projects": st.column_config.NumberColumn("Projects"),
            "red": st.column_config.NumberColumn("Red"),
            "amber": st.column_config.NumberColumn("Amber"),
            "green": st.column_config.NumberColumn("Green"),
            "watermelons": st.column_config.NumberColumn("Watermelons"),
            "spi": st.column_config.NumberColumn("SPI", format="%.2f"),
            "cpi": st.column_config.NumberColumn("CPI", format="%.2f"),
            "budget": st.column_config.NumberColumn(f"Budget ({symbol})", format="compact"),
            "eac": st.column_config.NumberColumn(f"EAC ({symbol})", format="compact"),
        },
    )
    return _selected_row(event, rows, "programme_id")


def since_picker(known: list[dt.date], as_of: dt.date) -> dt.date | None:
    """An earlier period to compare with, the previous one by default."""
    earlier = [p for p in known if p < as_of]
    if not earlier:
        st.caption("No earlier period to compare with.")
        return None
    return st.selectbox("Compared with", earlier, format_func=periods.label, key="since", width=200)


def titled_table(title: str, rows: pl.DataFrame, columns: dict[str, Any], height: int = 320) -> None:
    """A short list under a bold title with its count; `columns` names and configures what shows."""
    st.markdown(f"**{title}** ({rows.height})")
    if rows.is_empty():
        st.caption("None recorded.")
        return
    st.dataframe(
        rows.select(list(columns)),
        hide_index=True,
        width="stretch",
        column_config=columns,
        height=min(35 * (rows.height + 1) + 2, height),
    )


def heat_cell(event) -> tuple[int, int] | None:
    """The (likelihood, impact) of the heat-map cell a user clicked, if any."""
    picked = chart_pick(event)
    # The selection comes back from the browser: anything but a cell of the 5 x 5 grid is no cell.
    cell = re.fullmatch(r"([1-5])-([1-5])", picked) if isinstance(picked, str) else None
    if cell is None:
        return None
    return int(cell.group(1)), int(cell.group(2))


DATE = {"format": "D MMM YYYY"}


def risk_columns(*extra: str) -> dict[str, Any]:
    """How a list of risks reads, whichever list it is."""
    columns = {
        "risk_id": st.column_config.TextColumn("Risk"),
        "title": st.column_config.TextColumn("Title", width="medium"),
        "project": st.column_config.TextColumn("Project"),
        "department": st.column_config.TextColumn("Department"),
        "likelihood": st.column_config.NumberColumn("L"),
        "impact": st.column_config.NumberColumn("I"),
        "exposure": st.column_config.NumberColumn("L × I"),
        "was": st.column_config.TextColumn("Was"),
        "now": st.column_config.TextColumn("Now"),
        "rise": st.column_config.NumberColumn("Rise"),
        "owner": st.column_config.TextColumn("Owner"),
        "response": st.column_config.TextColumn("Response"),
        "action_due": st.column_config.DateColumn("Action due", **DATE),
        "days_overdue": st.column_config.NumberColumn("Days overdue"),
        "action_overdue": st.column_config.CheckboxColumn("Overdue"),
    }
    return {k: columns[k] for k in extra}


def rolled(rollup: pl.DataFrame, dimension: str) -> pl.DataFrame:
    """One dimension (department, objective or kind) of the benefits roll-up."""
    return rollup.filter(pl.col("dimension") == dimension)


def benefit_cards(rollup: pl.DataFrame, status: pl.DataFrame) -> None:
    """Benefits in view: how many, how far realised, cashable money, and how many at risk."""
    kinds = rolled(rollup, "kind")
    measured = status.filter(pl.col("realisation").is_not_null())
    cashable_planned = kinds["cashable_planned"].sum()
    cashable_actual = kinds["cashable_actual"].sum()
    cards = st.columns(5)
    cards[0].metric(
        "Benefits", f"{status.height:,}", border=True, help=f"{measured.height:,} measured so far"
    )
    cards[1].metric(
        "Realisation",
        fmt.share(measured["realisation"].mean() if measured.height else None),
        border=True,
        help="Mean of each measured benefit's actual / planned to date",
    )
    cards[2].metric("Cashable planned to date", fmt.money(cashable_planned), border=True)
    cards[3].metric(
        "Cashable realised",
        fmt.money(cashable_actual),
        delta=fmt.share(cashable_actual / cashable_planned) + " of plan" if cashable_planned else None,
        delta_color="off",
        border=True,
    )
    cards[4].metric(
        "At risk",
        f"{status['at_risk'].sum():,}",
        border=True,
        help="Benefits of projects Red on evidence in the period",
    )


def benefit_columns() -> dict[str, Any]:
    """How a list of benefits reads."""
    return {
        "benefit_id": st.column_config.TextColumn("Benefit"),
        "benefit": st.column_config.TextColumn("Name", width="medium"),
        "project": st.column_config.TextColumn("Project"),
        "department": st.column_config.TextColumn("Department"),
        "kind": st.column_config.TextColumn("Kind"),
        "unit": st.column_config.TextColumn("Unit"),
        "planned_value": st.column_config.NumberColumn("Planned to date", format="compact"),
        "actual_value": st.column_config.NumberColumn("Realised", format="compact"),
        "realisation": st.column_config.ProgressColumn(
            "Realised / planned", format="percent", min_value=0, max_value=1
        ),
        "owner": st.column_config.TextColumn("Owner"),
    }


HEALTH_PARTS = {
    "coverage": ("Coverage", "lessons_weight_coverage", "Closed projects with at least one lesson"),
    "timeliness": ("Timeliness", "lessons_weight_timeliness", "First lesson logged soon after closure"),
    "completeness": ("Completeness", "lessons_weight_completeness", "Root cause and recommendation given"),
    "follow_through": ("Follow-through", "lessons_weight_follow_through", "Actions done of those due"),
    "staleness": ("Stale drafts", "lessons_weight_staleness", "Drafts left too long (lower is better)"),
    "reuse": ("Reuse", "lessons_weight_reuse", "Lessons applied to other projects"),
}


def health_table(health: pl.DataFrame, as_of: dt.date) -> None:
    """Each department's score, RAG and six components in the period, with the weights shown."""
    settings = get_settings()
    now = health.filter(pl.col("period") == as_of).with_columns(
        fmt.rag_cell("rag"), *(pl.col(k) * 100 for k in HEALTH_PARTS)
    )
    weights = " · ".join(
        f"{label} {getattr(settings, weight):g}" for label, weight, _ in HEALTH_PARTS.values()
    )
    st.caption(
        f"Score 0-100 weighs the components: {weights}. A component with nothing to measure drops out. "
        f"Green from {settings.lessons_health_green:g}, Amber from {settings.lessons_health_amber:g}."
    )
    columns: dict[str, Any] = {
        "department": st.column_config.TextColumn("Department"),
        "score": st.column_config.ProgressColumn("Score", format="%.0f", min_value=0, max_value=100),
        "rag": fmt.rag_column("RAG"),
    }
    for key, (label, weight, help) in HEALTH_PARTS.items():
        columns[key] = st.column_config.NumberColumn(
            f"{label} ({getattr(settings, weight):g})", format="%.0f%%", help=help
        )
    columns["median_days_to_lesson"] = st.column_config.NumberColumn("Days to first lesson", format="%.0f")
    columns["closed_projects"] = st.column_config.NumberColumn("Closed projects")
    columns["lessons"] = st.column_config.NumberColumn("Lessons")
    st.dataframe(now.select(list(columns)), hide_index=True, width="stretch", column_config=columns)


def themes(rows: pl.DataFrame) -> None:
    """Categories and keywords that lessons from several departments share."""
    minimum = get_settings().recurring_theme_departments
    if rows.is_empty():
        st.caption(f"No category or keyword recurs in lessons from {minimum} or more departments.")
        return
    st.caption(f"Shared by lessons from {minimum} or more departments.")
    left, right = st.columns(2)
    for column, kind, title in ((left, "category", "Category"), (right, "keyword", "Keyword")):
        column.dataframe(
            rows.filter(pl.col("kind") == kind).head(12).select("theme", "departments", "lessons"),
            hide_index=True,
            width="stretch",
            column_config={"theme": title, "departments": "Departments", "lessons": "Lessons"},
        )


def library_search(
    departments: pl.DataFrame, known_categories: list[str]
) -> tuple[list[str], list[str], list[str], tuple[str, ...]]:
    """The library's search box and filters: words, categories, effects, departments."""
    text, category, effect, department = st.columns([3, 2, 1, 2])
    words = text.text_input(
        "Search", key="lesson_search", placeholder="words in the title, story, cause or advice"
    )
    categories = category.multiselect(
        "Category", known_categories, key="lesson_categories", placeholder="any"
    )
    effects = effect.multiselect("Effect", ["Positive", "Negative"], key="lesson_effects", placeholder="any")
    names = dict(zip(departments["department_id"], departments["name"], strict=True))
    chosen = department.multiselect(
        "Department", list(names), format_func=names.get, key="lesson_departments", placeholder="any"
    )
    return words.split(), categories, effects, tuple(chosen)


LIBRARY = {
    "lesson_id": "Lesson",
    "department": "Department",
    "project": "Project",
    "logged_on": "Logged",
    "category": "Category",
    "effect": "Effect",
    "title": "Title",
    "what_happened": "What happened",
    "root_cause": "Root cause",
    "recommendation": "Recommendation",
}


def library(rows: pl.DataFrame) -> None:
    """The lessons found, as a table and as a CSV download."""
    st.caption(f"{rows.height} lessons")
    columns: dict[str, Any] = dict(LIBRARY)
    columns["logged_on"] = st.column_config.DateColumn(LIBRARY["logged_on"], **DATE)
    for wide in ("title", "what_happened", "root_cause", "recommendation"):
        columns[wide] = st.column_config.TextColumn(LIBRARY[wide], width="medium")
    st.dataframe(
        rows.select(list(LIBRARY)),
        hide_index=True,
        width="stretch",
        height=min(35 * (rows.height + 1) + 2, 460),
        column_config=columns,
    )
    if not rows.is_empty():
        download.csv_button(library_export(rows), "lessons", key="lessons_csv")


def library_export(rows: pl.DataFrame) -> pl.DataFrame:
    """The lessons found as a file: the library's columns under its headings."""
    return rows.select(list(LIBRARY)).rename(LIBRARY)


def project_risk_grid(risks: pl.DataFrame) -> pl.DataFrame:
    """A project's open risks counted per heat-map cell, as the risk grid wants them."""
    return risks.group_by("likelihood", "impact").agg(pl.len().alias("risks"), pl.col("exposure").sum())
