"""Tables on a slide: a header row, then rows of cells, each cell optionally coloured (a RAG, a heat-map
zone); fitted to a box, with the rows that do not fit said rather than dropped silently."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.slide import Slide
from pptx.util import Inches

from pmo_dash.boardpack.deck import Box, hex6, plain, text
from pmo_dash.ui.theme import ACCENT, GREY, INK, RAG_COLOURS

ROW = Inches(0.34)  # the height of one row at the body size
BAND = "#f3f5f8"  # every other body row


@dataclass(frozen=True)
class Cell:
    """One cell: its text, and optionally a fill (a hex colour) and where it sits."""

    text: str
    fill: str | None = None
    align: str = "left"  # or "right" (numbers) or "center"
    bold: bool = False


def rag(value: str | None) -> Cell:
    """A RAG (or a five-point rating) as a cell coloured like the app's chips."""
    shown = value or "Not reported"
    return Cell(shown, RAG_COLOURS.get(shown, RAG_COLOURS["Not reported"]), "center", True)


def number(value: str) -> Cell:
    return Cell(value, align="right")


def fits(box: Box, size: int = 11) -> int:
    """How many body rows fit in `box` under the header row, at a body font of `size` points."""
    row = int(ROW * size / 11)
    return max(1, (box.height - row) // row)


def table(
    slide: Slide,
    box: Box,
    header: list[str],
    rows: list[list[Cell | str]],
    widths: list[float],
    *,
    size: int = 11,
    more: int = 0,
    row_height: int | None = None,
) -> None:
    """A table across `box` (columns in proportion to `widths`), one row per row given; `more` rows left
    out are said under it. Rows are as tall as the font needs unless `row_height` says."""
    row_height = row_height or int(ROW * size / 11)
    shape = slide.shapes.add_table(len(rows) + 1, len(header), box.left, box.top, box.width, row_height)
    grid = shape.table
    grid.first_row, grid.horz_banding = True, False
    for column, share in zip(grid.columns, widths, strict=True):
        column.width = int(box.width * share / sum(widths))
    body = [[Cell(h, ACCENT, _aligned(rows, c), True) for c, h in enumerate(header)]]
    for r, cells in enumerate(rows, start=1):
        band = BAND if r % 2 == 0 else "#ffffff"
        body.append([_filled(c if isinstance(c, Cell) else Cell(c), band) for c in cells])
    # Written as XML, a row at a time: python-pptx's cell setters took seconds for 40 departments.
    element = grid._tbl
    for old, cells in zip(list(element.tr_lst), body, strict=True):
        element.replace(old, parse_xml(_row(cells, row_height, size)))
    if more:  # on the box's last line, which `fits` kept free
        below = Box(box.left, box.top + box.height - Inches(0.25), box.width, Inches(0.25))
        text(slide, below, f"… and {more:,} more", size=10, colour=GREY)


def _filled(cell: Cell, band: str) -> Cell:
    return cell if cell.fill else Cell(cell.text, band, cell.align, cell.bold)


def _aligned(rows: list[list[Cell | str]], column: int) -> str:
    """A heading sits as its column's cells do (numbers to the right)."""
    first = rows[0][column] if rows else None
    return first.align if isinstance(first, Cell) else "left"


def dark(colour: str) -> bool:
    """Whether white text reads better than ink on this fill (its luminance below a half)."""
    red, green, blue = (int(hex6(colour)[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5


ALIGN = {"left": "l", "right": "r", "center": "ctr"}
MARGIN_X, MARGIN_Y = Inches(0.06), Inches(0.02)


def _row(cells: list[Cell], height: int, size: int) -> str:
    """One table row as DrawingML: each cell's text (escaped, control characters gone), font, colours."""
    parts = [f'<a:tr {nsdecls("a")} h="{height}">']
    for cell in cells:
        ink = "FFFFFF" if dark(cell.fill or "#ffffff") else hex6(INK)
        bold = ' b="1"' if cell.bold else ""
        parts.append(
            "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>"
            f'<a:p><a:pPr algn="{ALIGN[cell.align]}"/><a:r><a:rPr lang="en-GB" sz="{size * 100}"{bold}>'
            f'<a:solidFill><a:srgbClr val="{ink}"/></a:solidFill></a:rPr>'
            f"<a:t>{escape(plain(cell.text))}</a:t></a:r></a:p></a:txBody>"
            f'<a:tcPr marL="{MARGIN_X}" marR="{MARGIN_X}" marT="{MARGIN_Y}" marB="{MARGIN_Y}" anchor="ctr">'
            f'<a:solidFill><a:srgbClr val="{hex6(cell.fill or "#ffffff")}"/></a:solidFill></a:tcPr></a:tc>'
        )
    parts.append("</a:tr>")
    return "".join(parts)
