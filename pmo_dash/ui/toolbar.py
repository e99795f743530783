"""A page's downloads, in a row under its heading: the steering committee pack of the view (on the
enterprise, department and programme pages) and every table the page shows, as one workbook.

The row is reserved where it shows and filled when the page has drawn its tables, so the workbook holds
every one of them; both files are made only when their button is clicked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from pmo_dash import exports
from pmo_dash.auth.roles import User
from pmo_dash.ui import sheets

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOARD_PACK = "Board pack"


@dataclass(frozen=True)
class Toolbar:
    row: Any  # the container the buttons go into
    shown: list[sheets.Shown | sheets.Slot]  # the tables the page draws, as it draws them


def reserve() -> Toolbar:
    """The row for the page's downloads, here; from now on the tables the page draws are collected."""
    return Toolbar(st.container(horizontal=True, gap="small"), sheets.collect())


def offer(bar: Toolbar, name: str, pack: tuple[Callable[[], bytes], str] | None = None) -> None:
    """Fill the reserved row: the Board pack (how to make it, and its file name) and, when the page
    showed any table, all of them as `<name>.xlsx`."""
    sheets.stop()
    shown = bar.shown  # as it is when the button is clicked: a tab opened since puts its tables in it
    with bar.row:
        if pack is not None:
            make, file_name = pack
            st.download_button(
                BOARD_PACK,
                make,
                file_name,
                PPTX,
                key="board_pack",
                icon=":material/slideshow:",
                on_click="ignore",
                help="This view as an editable PowerPoint for the steering committee: native charts, "
                "speaker notes defining each measure",
            )
        if sheets.tables(shown):
            st.download_button(
                sheets.DOWNLOAD,
                lambda: sheets.workbook(shown),
                f"{exports.file_stem(name)}.xlsx",
                XLSX,
                key="page_tables",
                icon=":material/table_view:",
                on_click="ignore",
                help="Every table on this page, as it is when clicked, in one workbook, a sheet each",
            )


def author(user: User) -> str:
    """Who a pack says generated it."""
    return f"{user.name} ({user.username})"
