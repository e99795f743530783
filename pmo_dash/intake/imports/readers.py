"""A foreign file as a grid of text cells: its encoding found or declared, its delimiter found or
declared, CSV or XLSX. Nothing in a cell is interpreted here (a formula is text, as typed).

A byte the encoding does not have becomes U+FFFD in its cell, so that the cell can be named; a cell
that holds one and is mapped is reported (see layouts). Rows keep the numbers a spreadsheet shows.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

READABLE = {".csv", ".txt", ".tsv", ".xlsx"}
BAD = "\ufffd"  # a byte that is not a character of the file's encoding
SAMPLE_ROWS = 50
DELIMITERS = (",", ";", "\t", "|")
FIELD_LIMIT = 1_000_000  # characters in one cell; a longer one is not a table's cell


class FileError(Exception):
    """The file as a whole cannot be read; the message says why, in the file's own terms."""


@dataclass
class Grid:
    name: str  # as every message names the file
    rows: list[list[str]]  # rows[i][j] is the cell in spreadsheet row i + 1, column j + 1
    encoding: str = ""  # for CSV: the encoding read
    detected: bool = False  # the encoding was found, not declared
    hint: str = ""  # when a declared encoding does not read the file: the one that does


def read_grid(path: Path, name: str, encoding: str, delimiter: str, sheet: str | None) -> Grid:
    """The file's cells; a `FileError` when it cannot be read as a table at all."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FileError(f"cannot be read: {err.strerror or err}") from None
    if not data.strip():
        raise FileError("is empty")
    if path.suffix.lower() == ".xlsx":
        return Grid(name, _xlsx(data, sheet))
    text, used, detected = decode(data, encoding)
    hint = ""
    if not detected and BAD in text:
        found = decode(data, "auto")[1]
        hint = f'the file reads as {found}: declare encoding = "{found}"' if found != used else ""
    return Grid(name, _csv(text, delimiter), used, detected, hint)


def decode(data: bytes, encoding: str) -> tuple[str, str, bool]:
    """The text, the encoding it was read in, and whether that was detected rather than declared."""
    if encoding != "auto":
        codec = "utf-8-sig" if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8) else encoding
        return data.decode(codec, errors="replace"), encoding, False
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", True
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and 0 not in data[0:4:2]:
        return data.decode("utf-16-le", errors="replace"), "utf-16-le", True
    if len(data) >= 4 and data[0:4:2] == b"\x00\x00" and 0 not in data[1:4:2]:
        return data.decode("utf-16-be", errors="replace"), "utf-16-be", True
    try:
        return data.decode("utf-8"), "utf-8", True
    except UnicodeDecodeError:
        # Not UTF-8: Windows' own "ANSI" (cp1252) is what a spreadsheet saved as CSV most often is.
        return data.decode("cp1252", errors="replace"), "cp1252", True


def _csv(text: str, delimiter: str) -> list[list[str]]:
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FileError(f"holds a NUL byte on line {line}: it is not a text table (declare its encoding?)")
    chosen = delimiter if delimiter != "auto" else sniff(text)
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=chosen)
    try:
        return list(reader)
    except csv.Error as err:
        raise FileError(f"cannot be read as CSV at row {reader.line_num}: {err}") from None


def sniff(text: str) -> str:
    """The delimiter under which the first rows split most consistently into more than one field."""
    sample = text[:200_000]
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        widths = Counter()
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=candidate)
        try:
            for number, row in enumerate(reader):
                if number >= SAMPLE_ROWS:
                    break
                if any(cell.strip() for cell in row):
                    widths[len(row)] += 1
        except csv.Error:
            pass  # the sample may end inside a quoted cell: judge by the rows read before it
        if not widths:
            continue
        width, rows = max(widths.items(), key=lambda item: (item[1], item[0]))
        score = (rows, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _xlsx(data: bytes, sheet: str | None) -> list[list[str]]:
    import fastexcel  # only when a workbook is imported

    try:
        book = fastexcel.read_excel(data)
        if sheet is not None and sheet not in book.sheet_names:
            raise FileError(f"has no sheet '{sheet}' (its sheets: {', '.join(book.sheet_names)})")
        frame = book.load_sheet(
            sheet if sheet is not None else 0, header_row=None, skip_rows=0, dtypes="string"
        ).to_polars()
    except FileError:
        raise
    except Exception as err:  # the reader's own words are the best description of a broken workbook
        raise FileError(f"cannot be read as XLSX: {err}") from None
    return [["" if cell is None else cell for cell in row] for row in frame.iter_rows()]
