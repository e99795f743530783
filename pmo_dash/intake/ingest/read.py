"""Find department returns on disk and read each into an all-text frame, row numbers as the user sees them.

The first row of every CSV and spreadsheet is its header, so data row i is row i + 2 in the
user's file; reading never drops, merges or renumbers a row. A monthly return for one period only is
named `<table>@<YYYY-MM>.<ext>` (how the build's source holds a submission's month beside the rest).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl

from pmo_dash.contract import BY_NAME
from pmo_dash.intake.templates.guidance import is_guidance

READABLE = {".csv", ".xlsx", ".parquet"}
IMPORT_REPORT = "import_report.csv"  # what `python -m pmo_dash import` writes beside its returns
INSTRUCTIONS = "instructions"  # the first sheet of a template (pmo_dash/intake/templates): never data
ROW = "__row"  # row number as shown in the user's spreadsheet (header is row 1)
FILE = "__file"  # path relative to the source folder
FOLDER = "__folder"  # the department folder the file was submitted in
META = (FILE, ROW, FOLDER)


@dataclass
class FileProblem:
    rule: str
    message: str
    row: int | None = None
    column: str = ""
    value: str = ""


@dataclass
class SourceFile:
    path: Path
    name: str  # relative to the source folder, as shown in every message
    table: str | None
    folder: str
    sha256: str = ""
    size: int = 0
    modified_at: dt.datetime | None = None  # the file's own time, UTC: which version of a return was read
    frame: pl.DataFrame | None = None  # all columns text, plus __file, __row, __folder
    rows: int = 0  # rows read (kept when `frame` is let go)
    reject_all: bool = False  # rows were read but the file as a whole is unusable
    broken_rows: dict[int, str] = field(default_factory=dict)  # row -> why it could not be read as a row
    problems: list[FileProblem] = field(default_factory=list)
    period: str | None = None  # "YYYY-MM": a monthly return for this period only
    superseded: frozenset[str] = frozenset()  # periods whose rows a return for that period replaces
    sheet: str | None = None  # the workbook sheet to read (default: the table's own, else the first)

    @property
    def rows_read(self) -> int:
        return self.rows if self.frame is None else self.frame.height


def discover(source: Path) -> list[SourceFile]:
    """Every file under the source folder; those not in a department folder or not a table are reported."""
    found = []
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        parts = path.relative_to(source).parts
        if any(part.startswith((".", "~$")) for part in parts):
            continue
        name = "/".join(parts)
        if parts == (IMPORT_REPORT,):  # the import's account of the returns beside it: not a return
            continue
        if len(parts) != 2:
            misplaced = SourceFile(path, name, None, parts[0] if len(parts) > 1 else "")
            misplaced.problems.append(
                FileProblem(
                    "misplaced_file",
                    "returns must sit directly in a department folder (e.g. FIN/projects.csv); ignored",
                )
            )
            found.append(misplaced)
            continue
        found.append(source_file(path, name, parts[0]))
    return found


def source_file(path: Path, name: str, folder: str) -> SourceFile:
    """A file of a department folder: its table from its name (`risks.csv`, `status_reports@2026-10.csv`)."""
    # From the name it goes by (a submitted workbook is stored once and placed under each table's name).
    named = Path(name)
    stem, _, period = named.stem.strip().lower().partition("@")
    monthly = stem in BY_NAME and BY_NAME[stem].monthly is not None
    known = stem in BY_NAME and named.suffix.lower() in READABLE
    if period and not (monthly and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period)):
        known = False
    return SourceFile(path, name, stem if known else None, folder, period=period or None)


def normalise_header(name: str) -> str:
    """`Project ID ` and `project-id` both mean project_id."""
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def read(source: SourceFile) -> SourceFile:
    """Fill `frame` (or `problems`, when the file cannot be read as a table). Never raises."""
    try:
        data = source.path.read_bytes()
        source.sha256 = hashlib.sha256(data).hexdigest()
        source.size = len(data)
        source.modified_at = dt.datetime.fromtimestamp(source.path.stat().st_mtime, dt.UTC).replace(
            tzinfo=None
        )
        suffix = source.path.suffix.lower()
        if suffix == ".parquet":
            frame = pl.read_parquet(io.BytesIO(data)).cast(pl.String)
            body = frame.rename({c: normalise_header(c) for c in frame.columns})
            first_row = 1
        else:
            grid = _read_csv(source, data) if suffix == ".csv" else _read_excel(source, data)
            if grid is None:
                return source
            body = _with_header(source, grid)
            first_row = 2
        body = body.with_columns(pl.all().str.strip_chars())
        body = body.with_row_index(ROW, offset=first_row).with_columns(pl.col(ROW).cast(pl.Int64))
        body = _without_guidance(source, body)
        values = [c for c in body.columns if c != ROW]
        # A wholly blank line in a spreadsheet is not a row anyone submitted.
        if values:
            body = body.filter(~pl.all_horizontal(pl.col(values).is_null() | (pl.col(values) == "")))
        source.frame = body.with_columns(pl.lit(source.name).alias(FILE), pl.lit(source.folder).alias(FOLDER))
        source.rows = source.frame.height
    except Exception as err:  # a reader's own words are the best description of a broken file
        source.frame, source.reject_all = None, False
        kind = source.path.suffix[1:].upper() or "a table"
        source.problems.append(FileProblem("unreadable", f"could not be read as {kind}: {err}"))
    return source


def _with_header(source: SourceFile, grid: pl.DataFrame) -> pl.DataFrame:
    """The first row names the columns; a name used twice makes the whole file ambiguous."""
    header = ["" if v is None else str(v) for v in grid.row(0)] if grid.height else []
    if not any(h.strip() for h in header):
        source.problems.append(
            FileProblem("header_row", "row 1 is empty: the column names must be on the first row", 1)
        )
        source.reject_all = True
    names, seen = [], {}
    for position, raw in enumerate(header, start=1):
        name = normalise_header(raw)
        if not name:
            name = f"(column {position})"
        elif name in META or name in seen:
            if name in seen:
                source.problems.append(
                    FileProblem(
                        "duplicate_column",
                        f"column '{raw.strip()}' appears twice (columns {seen[name]} and {position}); "
                        "no row could be accepted",
                        1,
                        name,
                    )
                )
                source.reject_all = True
            name = f"{name} (column {position})"
        seen.setdefault(name, position)
        names.append(name)
    return grid.slice(1).rename(dict(zip(grid.columns, names, strict=True)))


def _without_guidance(source: SourceFile, body: pl.DataFrame) -> pl.DataFrame:
    """A template's guidance row (row 2, exactly as the template wrote it) is not a row anyone submitted."""
    if source.table is None or body.is_empty() or body[ROW][0] != 2:
        return body
    if not is_guidance(BY_NAME[source.table], body.drop(ROW).row(0, named=True)):
        return body
    return body.slice(1)


def _read_csv(source: SourceFile, data: bytes) -> pl.DataFrame | None:
    if not data.strip():
        source.problems.append(FileProblem("empty_file", "the file is empty: expected a header row and data"))
        return None
    data = _utf8(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    encoding = "utf8"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        source.problems.append(
            FileProblem(
                "not_utf8",
                f"the file is not UTF-8 text (first bad byte 0x{data[err.start]:02x} on line {line}); "
                "save it as 'CSV UTF-8' and submit it again",
                row=line,
            )
        )
        # Read the rows all the same, so that every one is counted and reported as rejected, none lost.
        source.reject_all = True
        encoding = "utf8-lossy"
    separator = _separator(data.split(b"\n", 1)[0])
    try:
        return pl.read_csv(
            io.BytesIO(data),
            has_header=False,
            infer_schema=False,
            separator=separator,
            encoding=encoding,
        )
    except pl.exceptions.ComputeError:
        return _read_ragged_csv(source, data.decode("utf-8", errors="replace"), separator)


def _utf8(data: bytes) -> bytes:
    """Excel's "Unicode Text" is UTF-16 (with a byte-order mark): the same table, re-encoded as UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2].count(0) == 0:
        encoding = "utf-16-le"  # no byte-order mark, but ASCII with a zero after every byte
    elif len(data) >= 4 and data[0:4:2] == b"\x00\x00" and data[1:4:2].count(0) == 0:
        encoding = "utf-16-be"
    else:
        return data
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError:
        return data  # not UTF-16 after all: the UTF-8 check explains it


def _separator(header: bytes) -> str:
    """Commas, or semicolons (Excel in comma-decimal locales), or tabs (Excel's "Text" and "Unicode Text")."""
    counts = {sep: header.count(sep.encode()) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_ragged_csv(source: SourceFile, text: str, separator: str) -> pl.DataFrame:
    """Rows with more fields than the header (an unquoted comma?) are kept, counted and rejected."""
    records = list(csv.reader(io.StringIO(text), delimiter=separator))
    width = len(records[0])
    for index, record in enumerate(records[1:], start=2):
        if len(record) > width:
            source.broken_rows[index] = (
                f"row has {len(record)} fields but the header has {width} (a value with an unquoted "
                f"'{separator}'?)"
            )
    rows = [(r + [None] * width)[:width] for r in records]
    return pl.DataFrame(rows, schema=[f"column_{i}" for i in range(width)], orient="row")


def _read_excel(source: SourceFile, data: bytes) -> pl.DataFrame:
    """The sheet asked for, else the one named after the table (a workbook of several returns), else the
    first. Formula cells are read as the values Excel last computed and saved, never evaluated."""
    workbook = fastexcel.read_excel(data)
    sheets = workbook.sheet_names
    own = [s for s in sheets if normalise_header(s) == source.table]
    if source.sheet is not None and source.sheet not in sheets:
        raise ValueError(f"the workbook has no sheet '{source.sheet}' (it has {', '.join(sheets)})")
    chosen = source.sheet or (own[0] if own else sheets[0])
    if source.sheet is None:
        which = "the first sheet" if chosen == sheets[0] else f"sheet '{chosen}'"
        for ignored in sheets:
            # Other returns' sheets, and a template's own instructions, are no surprise.
            if ignored != chosen and normalise_header(ignored) not in (*BY_NAME, INSTRUCTIONS):
                source.problems.append(
                    FileProblem("extra_sheet", f"only {which} is read; sheet '{ignored}' ignored")
                )
    # Leading and blank rows are kept, so that every row keeps the number Excel shows for it.
    sheet = workbook.load_sheet(chosen, header_row=None, skip_rows=0, dtypes="string")
    return sheet.to_polars()
