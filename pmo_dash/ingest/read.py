"""Find department returns on disk and read each into an all-text frame, row numbers as the user sees them."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pmo_dash.contract import BY_NAME

READABLE = {".csv", ".xlsx", ".parquet"}
ROW = "_row"  # row number as shown in the user's spreadsheet (header is row 1)
FILE = "_file"  # path relative to the source folder
FOLDER = "_folder"  # the department folder the file was submitted in


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
    frame: pl.DataFrame | None = None  # all columns text, plus _file, _row, _folder
    reject_all: bool = False  # rows were read but the file as a whole is unusable
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return 0 if self.frame is None else self.frame.height


def discover(source: Path) -> list[SourceFile]:
    """Every file in a department folder; files that are not a known table are listed too, to be reported."""
    found = []
    for folder in sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))):
            stem = path.stem.strip().lower()
            table = stem if stem in BY_NAME and path.suffix.lower() in READABLE else None
            found.append(SourceFile(path, f"{folder.name}/{path.name}", table, folder.name))
    return found


def normalise_header(name: str) -> str:
    """`Project ID ` and `project-id` both mean project_id."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def read(source: SourceFile) -> SourceFile:
    """Fill `frame` (or `problems`, when the file cannot be read as a table)."""
    data = source.path.read_bytes()
    source.sha256 = hashlib.sha256(data).hexdigest()
    source.size = len(data)
    source.modified_at = dt.datetime.fromtimestamp(source.path.stat().st_mtime, dt.UTC).replace(tzinfo=None)
    suffix = source.path.suffix.lower()
    try:
        if suffix == ".csv":
            frame, first_row = _read_csv(source, data), 2
        elif suffix == ".xlsx":
            frame, first_row = _read_excel(data), 2
        else:
            frame, first_row = pl.read_parquet(io.BytesIO(data)).cast(pl.String), 1
    except Exception as err:  # a reader's own words are the best description of a broken file
        source.problems.append(FileProblem("unreadable", f"could not be read as {suffix[1:].upper()}: {err}"))
        return source
    if frame is None:
        return source
    frame = frame.rename({c: normalise_header(c) for c in frame.columns})
    frame = frame.with_columns(pl.all().str.strip_chars())
    frame = frame.with_row_index(ROW, offset=first_row).with_columns(pl.col(ROW).cast(pl.Int64))
    data_columns = [c for c in frame.columns if c != ROW]
    # A wholly blank line in a spreadsheet is not a row anyone submitted.
    frame = frame.filter(~pl.all_horizontal(pl.col(data_columns).is_null() | (pl.col(data_columns) == "")))
    source.frame = frame.with_columns(pl.lit(source.name).alias(FILE), pl.lit(source.folder).alias(FOLDER))
    return source


def _read_csv(source: SourceFile, data: bytes) -> pl.DataFrame | None:
    if not data.strip():
        source.problems.append(FileProblem("empty_file", "the file is empty: expected a header row and data"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
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
        return pl.read_csv(io.BytesIO(data), infer_schema=False, encoding="utf8-lossy")
    header = data.split(b"\n", 1)[0]
    separator = ";" if header.count(b";") > header.count(b",") else ","
    return pl.read_csv(io.BytesIO(data), infer_schema=False, separator=separator)


def _read_excel(data: bytes) -> pl.DataFrame:
    return pl.read_excel(io.BytesIO(data), infer_schema_length=0)
