"""Lessons views: each department's health, the recurring themes, and the library with its search."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.settings import get_settings
from pmo_dash.ui import download, tables

# The page's tabs below the health table, one drawn at a time.
TABS = ("Health over 13 periods", "Categories and effects", "Recurring themes", "Library")
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
    cut = data.intake.thresholds()
    now = health.filter(pl.col("period") == as_of).with_columns(
        tables.rag_cell("rag"), *(pl.col(k) * 100 for k in HEALTH_PARTS)
    )
    weights = " · ".join(f"{label} {getattr(cut, weight):g}" for label, weight, _ in HEALTH_PARTS.values())
    st.caption(
        f"Score 0-100 weighs the components: {weights}. A component with nothing to measure drops out. "
        f"Green from {cut.lessons_health_green:g}, Amber from {cut.lessons_health_amber:g}."
    )
    columns: dict[str, Any] = {
        "department": st.column_config.TextColumn("Department", width=150),
        "score": st.column_config.ProgressColumn(
            "Score", format="%.0f", min_value=0, max_value=100, width=100
        ),
        "rag": tables.rag_column("RAG"),
    }
    for key, (label, weight, help) in HEALTH_PARTS.items():
        columns[key] = tables.percent(f"{label} ({getattr(cut, weight):g})", help=help, width=95)
    columns["median_days_to_lesson"] = st.column_config.NumberColumn(
        "Days to lesson", format="%.0f", help="Median days from closure to first lesson", width=70
    )
    columns["closed_projects"] = st.column_config.NumberColumn("Closed", help="Closed projects", width=60)
    columns["lessons"] = st.column_config.NumberColumn("Lessons", width=65)
    tables.show(now, columns, title="Health by department")


def themes(rows: pl.DataFrame) -> None:
    """Categories and terms (keywords and two-word phrases) that lessons from several departments share."""
    minimum = get_settings().recurring_theme_departments
    if rows.is_empty():
        st.caption(f"No category or term recurs in lessons from {minimum} or more departments.")
        return
    st.caption(
        f"Shared by lessons from {minimum} or more departments. Terms are the words and two-word phrases "
        "of a lesson's title and story, in the singular, without filler (stop words, past tenses, adverbs); "
        "a word shows only where no phrase holding it says the same."
    )
    left, right = st.columns(2)
    for column, kind, title in ((left, "category", "Category"), (right, "term", "Term")):
        shown = rows.filter(pl.col("kind") == kind).head(12)
        with column:
            tables.show(
                shown,
                {"theme": title, "departments": "Departments", "lessons": "Lessons"},
                height=tables.fitted_height(shown.height, 460),
                title=f"Recurring themes by {kind}",
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


# The library's file: every column, the ID first, under its heading.
EXPORT = {
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
# The library on screen: what a reader scans first (the lesson, its advice) leading.
LIBRARY = {
    "title": "Lesson",
    "recommendation": "Recommendation",
    "department": "Department",
    "category": "Category",
    "effect": "Effect",
    "what_happened": "What happened",
    "root_cause": "Root cause",
    "project": "Project",
    "logged_on": "Logged",
    "lesson_id": "ID",
}


def library(rows: pl.DataFrame) -> None:
    """The lessons found, as a table and as a CSV download."""
    st.caption(f"{rows.height} lessons")
    columns: dict[str, Any] = dict(LIBRARY)
    columns["logged_on"] = tables.date(LIBRARY["logged_on"])
    for wide in ("title", "what_happened", "root_cause", "recommendation"):
        columns[wide] = st.column_config.TextColumn(LIBRARY[wide], width=240)
    for narrow, width in (("department", 140), ("category", 110), ("effect", 75)):
        columns[narrow] = st.column_config.TextColumn(LIBRARY[narrow], width=width)
    tables.show(rows, columns, title="Library", height=tables.fitted_height(rows.height, 460))
    if not rows.is_empty():
        download.csv_button(library_export(rows), "lessons", key="lessons_csv")


def library_export(rows: pl.DataFrame) -> pl.DataFrame:
    """The lessons found as a file: the library's columns under its headings."""
    return rows.select(list(EXPORT)).rename(EXPORT)
