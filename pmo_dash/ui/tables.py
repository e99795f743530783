"""How tables read: one column configuration for each kind (money, ratios, shares, dates, RAG chips), and
`show`, the one way a table is drawn (its columns in the order given, amounts in one format, no "None")."""

from __future__ import annotations

from typing import Any

import polars as pl
import pyarrow as pa
import streamlit as st

from pmo_dash.ui import fmt, picks, sheets
from pmo_dash.ui.theme import RAG_COLOURS, RAG_ORDER, RATING_ORDER

DATE = {"format": "D MMM YYYY"}
MISSING = "–"  # what a table shows for a value the returns did not carry (never "None")
# How a three-colour roll-up reads a five-point rating.
COLLAPSE = (
    "A five-point delivery confidence counts as the worse colour: Amber/Green as Amber, Amber/Red as Red."
)


MONEY = "money"  # a money column's format until `show` knows the column's unit
# Rows a table draws at most, when the page's workbook (Tables, XLSX) holds every row: past this, a table
# is a download, not a screen; drawn whole, the enterprise tier's change-control log alone sent the
# browser 1 MB on every visit to Governance.
SHOWN = 1_000


def money(label: str, **more: Any) -> st.column_config.Column:
    """An amount as `fmt.money` writes it (£29.43m), in the unit of the column's largest (see `show`)."""
    return st.column_config.NumberColumn(label, format=MONEY, **more)


def quantity(label: str, **more: Any) -> st.column_config.Column:
    """A number in its own unit (a benefit's hours, records, or GBP), compact: 2.4K."""
    return st.column_config.NumberColumn(label, format="compact", **more)


def ratio(label: str, **more: Any) -> st.column_config.Column:
    """An index such as SPI or CPI, to two places."""
    return st.column_config.NumberColumn(label, format="%.2f", **more)


def share(label: str, **more: Any) -> st.column_config.Column:
    """A share from 0 to 1 as a bar with its percentage."""
    return st.column_config.ProgressColumn(label, format="percent", min_value=0, max_value=1, **more)


def percent(label: str, *, bar: bool = False, **more: Any) -> st.column_config.Column:
    """A percentage held as 0 to 100, as a number or as a bar."""
    if bar:
        return st.column_config.ProgressColumn(label, format="%.0f%%", min_value=0, max_value=100, **more)
    return st.column_config.NumberColumn(label, format="%.0f%%", **more)


def date(label: str, **more: Any) -> st.column_config.Column:
    return st.column_config.DateColumn(label, **DATE, **more)


def rag_cell(column: str) -> pl.Expr:
    """A RAG column as a table shows it: a one-chip list, coloured by `rag_column`."""
    return pl.concat_list([pl.col(column)]).list.drop_nulls().alias(column)


def rag_column(label: str, **more: Any) -> st.column_config.Column:
    """A table column that shows a RAG as a coloured chip."""
    return st.column_config.MultiselectColumn(
        label, options=RAG_ORDER[:3], color=[RAG_COLOURS[r] for r in RAG_ORDER[:3]], width="small", **more
    )


def rating_column(label: str, **more: Any) -> st.column_config.Column:
    """A table column that shows a five-point rating (Green to Red) as a coloured chip."""
    ratings = RATING_ORDER[:5]
    return st.column_config.MultiselectColumn(
        label, options=ratings, color=[RAG_COLOURS[r] for r in ratings], width="small", **more
    )


def fitted_height(rows: int, limit: int) -> int:
    """Tall enough for the heading and `rows` rows, up to `limit` pixels."""
    return min(35 * (rows + 1) + 2, limit)


def selected_row(event, rows: pl.DataFrame, column: str, *, key: str, opens: str) -> str | None:
    """`column` of the row a user selected in the table drawn with `key`, if any; a click on a row opens
    a `opens` (department, programme, project), and is followed before the page runs again (`picks`)."""
    ids = rows[column]  # the column as it is: no copy made on every run
    picks.remember(key, opens, ids)
    return picks.row_pick(event, ids) if event else None


def show(rows: pl.DataFrame, columns: dict[str, Any], *, title: str | None = None, **more: Any):
    """A table of `columns` (in that order, configured as given): amounts scaled to one unit per
    column with the currency, a missing value as MISSING. Returns st.dataframe's answer. The page's
    workbook of tables (`sheets`) gets it too, as a sheet named `title`; when it does, a table longer
    than SHOWN rows draws its first SHOWN, in the order given, and says so."""
    if sheets.record(title, rows, columns) and rows.height > SHOWN:
        st.caption(
            f"The first {SHOWN:,} of {rows.height:,}, in this order; sorting a column sorts these. "
            f"Every one is in {sheets.DOWNLOAD} at the top of the page."
        )
        rows = rows.head(SHOWN)
    config, scaled = dict(columns), []
    for name, column in columns.items():
        kind = column.get("type_config", {}) if isinstance(column, dict) else {}
        if kind.get("format") == MONEY:
            largest = rows[name].abs().max() if rows.height else None
            divisor, printf = fmt.money_column(largest)
            scaled.append(pl.col(name) / divisor)
            config[name] = column | {"type_config": kind | {"format": printf}}
    more = {"hide_index": True, "width": "stretch", "placeholder": MISSING} | more
    return st.dataframe(arrow(rows.select(list(columns)).with_columns(scaled)), column_config=config, **more)


def arrow(frame: pl.DataFrame) -> pa.Table:
    """`frame` as the Arrow table Streamlit sends: handed anything else, Streamlit converts it through
    pandas, five times the time (1.2 ms against 0.2 ms for 50 rows; six tables on a project page).
    Text and lists in Arrow's plain types, as the browser's table reads them."""
    table = frame.to_arrow(compat_level=pl.CompatLevel.oldest())
    plain = [field.with_type(_plain(field.type)) for field in table.schema]
    return table.cast(pa.schema(plain)) if plain != list(table.schema) else table


def _plain(kind: pa.DataType) -> pa.DataType:
    if pa.types.is_large_string(kind):
        return pa.string()
    if pa.types.is_large_list(kind):
        return pa.list_(_plain(kind.value_type))
    return kind


def titled_table(
    title: str,
    rows: pl.DataFrame,
    columns: dict[str, Any],
    height: int = 320,
    empty: str = "Nothing to list.",
) -> None:
    """A short list under a bold title with its count; `columns` names and configures what shows;
    `empty` says what an empty list means (nothing of the kind, or nothing returned)."""
    st.markdown(f"**{title}** ({rows.height})")
    if rows.is_empty():
        st.caption(empty)
        return
    show(rows, columns, title=title, height=fitted_height(rows.height, height))
