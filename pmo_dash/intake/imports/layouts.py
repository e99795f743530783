"""Where a grid's records are: one per row under a header row (which need not be the first), or one per
column beside a column of labels (a transposed sheet). Either way each record is read as its mapped
fields, and keeps the place a spreadsheet shows it at, so that every message can name it.

A label matches a spelling when the two are equal once case, white space and line breaks are set
aside, or when the label's first line is: "Project - Start Date\\n(Latest approved start date)"
answers to "Project - Start Date".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pmo_dash.intake.imports.readers import BAD, FileError, Grid
from pmo_dash.intake.imports.values import normal

SCAN = 30  # rows (or columns) searched for the header (or the labels)
LABELS = 500  # the most labels a transposed sheet is searched for (its fields: a few dozen at most)


@dataclass(slots=True)
class Record:
    position: int  # its row (rows layout) or its column (transposed), as a spreadsheet numbers them
    values: dict[str, str]  # field -> text (of the first non-empty cell when a field has several)
    clashes: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> two differing texts
    unreadable: list[str] = field(default_factory=list)  # fields whose cell holds a byte not in the encoding


@dataclass
class Table:
    name: str
    layout: str  # "rows" or "transposed"
    at: int  # the header's row, or the labels' column
    labels: dict[str, str]  # field -> the file's own name for it (its first line)
    cells: dict[str, list[int]]  # field -> the row (transposed: the column) numbers of its cells
    shown: list[str]  # every name the header (or label column) holds, for messages
    missing: list[str]  # required fields the file has no column for
    records: list[Record]
    encoding: str = ""  # the encoding the file was read in (CSV)
    hint: str = ""  # what to declare instead, when a declared encoding does not read it

    def where(self, position: int) -> str:
        return f"row {position}" if self.layout == "rows" else f"column {letters(position)}"

    def row(self, position: int, name: str) -> int:
        """The spreadsheet row of the cell for `name` of the record at `position` (the record's own row,
        unless the file is transposed: then the row of the field's label)."""
        if self.layout == "rows":
            return position
        return self.cells[name][0] if self.cells.get(name) else self.at


def letters(number: int) -> str:
    """A column's number as a spreadsheet labels it: 1 is A, 27 is AA."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


def find(
    grid: Grid, spellings: dict[str, set[str]], required: set[str], layout: str, at: int | None
) -> Table:
    """The grid's records; `spellings` are each field's normal() names, `layout` and `at` as declared."""
    index = Index(max((len(s) for names in spellings.values() for s in names), default=0))
    for name, names in spellings.items():
        for spelling in names:
            index.fields.setdefault(spelling, set()).add(name)
    rows = grid.rows
    width = max((len(r) for r in rows), default=0)
    column = _columns(rows, width)
    if layout == "auto" and at is None:
        by_row = _best(rows, index)
        by_column = _best([column(j)[:LABELS] for j in range(min(width, SCAN))], index)
        layout = "transposed" if by_column[1] > by_row[1] else "rows"
        at = (by_column if layout == "transposed" else by_row)[0]
        if max(by_row[1], by_column[1]) == 0:
            first = next((r for r in rows if any(c.strip() for c in r)), [])
            raise FileError(
                f"names none of the mapped columns in its first {SCAN} rows or columns "
                f"(its first row reads: {_list(first)})"
            )
    elif at is None:
        lines = rows if layout == "rows" else [column(j)[:LABELS] for j in range(min(width, SCAN))]
        at = _best(lines, index)[0]
    else:
        at -= 1
    header = rows[at] if layout == "rows" and at < len(rows) else column(at) if at < width else []
    if any(BAD in cell for cell in header):
        bad = next(i for i, cell in enumerate(header) if BAD in cell)
        place = f"row {at + 1}, column {letters(bad + 1)}" if layout == "rows" else f"row {bad + 1}"
        hint = f"; {grid.hint}" if grid.hint else ""
        label = _first_line(header[bad])
        raise FileError(f"{place} ('{label}'): holds a byte that is not {grid.encoding or 'text'}{hint}")
    cells: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    for position, cell in enumerate(header):
        for name in _names(cell, index):
            cells.setdefault(name, []).append(position)
            labels.setdefault(name, _first_line(cell))
    missing = sorted(required - set(cells))
    shown = [_first_line(c) for c in header if c.strip()]
    records = (_by_row if layout == "rows" else _by_column)(rows, width, at, cells)
    numbered = {name: [p + 1 for p in places] for name, places in cells.items()}
    return Table(
        grid.name, layout, at + 1, labels, numbered, shown, missing, records, grid.encoding, grid.hint
    )


def _columns(rows: list[list[str]], width: int):
    def column(j: int) -> list[str]:
        return [r[j] if j < len(r) else "" for r in rows]

    return column


@dataclass
class Index:
    """normal() spelling -> the fields it names; and the longest spelling's length."""

    longest: int
    fields: dict[str, set[str]] = field(default_factory=dict)


def _names(cell: str, index: Index) -> set[str]:
    """The fields a header cell names; a cell far longer than every spelling (a narrative) names none."""
    if not cell.strip() or len(cell.lstrip().split("\n", 1)[0]) > 2 * index.longest + 10:
        return set()
    found = index.fields.get(normal(_first_line(cell)), set())
    if len(cell) > 4 * index.longest + 10:
        return found
    return found | index.fields.get(normal(cell), set())


def _best(lines: list[list[str]], index: Index) -> tuple[int, int]:
    """The position among the first SCAN lines that names the most fields, and how many it names."""
    best, count = 0, 0
    for position, line in enumerate(lines[:SCAN]):
        named = len(set().union(*(_names(cell, index) for cell in line))) if line else 0
        if named > count:
            best, count = position, named
    return best, count


def _first_line(cell: str) -> str:
    lines = [line.strip() for line in cell.strip().splitlines()]
    return lines[0] if lines else ""


def _list(cells: list[str], limit: int = 12) -> str:
    shown = [f"'{_first_line(c)[:60]}'" for c in cells if c.strip()]
    more = f" and {len(shown) - limit} more" if len(shown) > limit else ""
    return ", ".join(shown[:limit]) + more if shown else "nothing"


def _record(position: int, cells: dict[str, list[int]], get) -> Record:
    record = Record(position, {})
    for name, places in cells.items():
        if len(places) == 1:  # the common case, kept quick
            text = get(places[0])
            record.values[name] = text if text.strip() else ""
            if BAD in text:
                record.unreadable.append(name)
            continue
        texts = [get(p) for p in places]
        filled = [t for t in texts if t.strip()]
        record.values[name] = filled[0] if filled else ""
        if len(filled) > 1 and len({normal(t) for t in filled}) > 1:
            record.clashes[name] = (filled[0], next(t for t in filled if normal(t) != normal(filled[0])))
        if any(BAD in t for t in filled):
            record.unreadable.append(name)
    return record


def _by_row(rows: list[list[str]], width: int, at: int, cells: dict[str, list[int]]) -> list[Record]:
    records = []
    for i in range(at + 1, len(rows)):
        row = rows[i]
        if not any(cell.strip() for cell in row):
            continue  # a blank line is not a record anyone wrote
        records.append(_record(i + 1, cells, lambda p, row=row: row[p] if p < len(row) else ""))
    return records


def _by_column(rows: list[list[str]], width: int, at: int, cells: dict[str, list[int]]) -> list[Record]:
    records = []
    for j in range(at + 1, width):
        if not any(j < len(r) and r[j].strip() for r in rows):
            continue
        records.append(_record(j + 1, cells, lambda p, j=j: rows[p][j] if j < len(rows[p]) else ""))
    return records
