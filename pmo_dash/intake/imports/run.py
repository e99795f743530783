"""An import from start to end: the mapping checked, every file found, read and laid out (any file that
cannot be used stops the import before anything is written), every record mapped or reported, the
projects linked across files, and the returns and the report written."""

from __future__ import annotations

import datetime as dt
import fnmatch
import time
from dataclasses import dataclass
from pathlib import Path

from pmo_dash.intake.imports import writer
from pmo_dash.intake.imports.assemble import assemble
from pmo_dash.intake.imports.ids import Linker
from pmo_dash.intake.imports.layouts import Table, find, letters
from pmo_dash.intake.imports.lines import locate
from pmo_dash.intake.imports.mapfile import MappingError, load
from pmo_dash.intake.imports.mapping import FileRule, Mapping
from pmo_dash.intake.imports.readers import READABLE, FileError, read_grid
from pmo_dash.intake.imports.report import FileCount, Line, lines
from pmo_dash.intake.imports.rows import AS_OF, DEPARTMENT, Row, RowReader
from pmo_dash.intake.imports.values import normal


class ImportFailed(Exception):
    """Nothing was written; the message says why, naming files, rows, columns and mapping lines."""


@dataclass
class Outcome:
    out: Path
    report: Path
    counts: list[FileCount]
    lines: list[Line]
    departments: int
    projects: int
    reports: int
    seconds: float

    @property
    def rows_in(self) -> int:
        return sum(c.rows_in for c in self.counts)

    @property
    def mapped(self) -> int:
        return sum(c.mapped for c in self.counts)


def run_import(mapping_path: Path, sources: list[Path], out: Path) -> Outcome:
    """Import `sources` under the mapping into returns in `out`; `ImportFailed` when nothing was written."""
    started = time.perf_counter()
    try:
        mapping = load(mapping_path)
        writer.check_out(out)
    except (MappingError, writer.OutputError) as err:
        raise ImportFailed(str(err)) from None
    text = mapping_path.read_text(encoding="utf-8")
    tables: list[tuple[Table, dt.date | None]] = []
    errors: list[str] = []
    for path, name in discover(sources, out):
        try:
            tables.append(_lay_out(path, name, mapping, text, mapping_path))
        except FileError as err:
            errors.append(f"{name}: {err}")
    if errors:
        raise ImportFailed("\n".join(errors))
    reader = RowReader(mapping)
    rows: list[Row] = []
    counts: list[FileCount] = []
    for order, (table, as_of) in enumerate(tables):
        count = FileCount(
            table.name, table.layout, table.encoding, as_of.isoformat() if as_of else "(column)"
        )
        for record in table.records:
            row = reader.read(table, record, as_of)
            row.order = order
            rows.append(row)
        count.rows_in = len(table.records)
        table.records = []  # read: let the text go
        counts.append(count)
    far = dt.date.max
    linker = Linker([(link.department, link.names) for link in mapping.projects.links])
    dates = sorted({row.as_of for row in rows if row.as_of is not None})
    before = dict(zip(dates[1:], dates, strict=False))
    for row in sorted(rows, key=lambda r: (r.as_of or far, r.order, r.position)):
        reader.link(row, linker, before.get(row.as_of))
    linker.assign_ids()
    returns = assemble(rows, mapping)
    mapped: dict[str, int] = {}
    for row in rows:
        assert row.mapped or row.problems  # every row not written says why
        mapped[row.table.name] = mapped.get(row.table.name, 0) + row.mapped
    for count in counts:
        count.mapped = mapped.get(count.file, 0)
    found = lines(p for row in rows for p in row.problems)
    try:
        report = writer.write(out, returns, counts, found)
    except OSError as err:
        raise ImportFailed(f"--out {out}: cannot be written ({err.strerror or err})") from None
    return Outcome(
        out,
        report,
        counts,
        found,
        len(returns.departments),
        sum(len(p) for p in returns.projects.values()),
        sum(len(r) for r in returns.reports.values()),
        time.perf_counter() - started,
    )


def discover(sources: list[Path], out: Path) -> list[tuple[Path, str]]:
    """Every CSV or XLSX file given, or found under a folder given (not under the output), by name."""
    found: list[tuple[Path, str]] = []
    out = out.resolve()
    for source in sources:
        if source.is_file():
            found.append((source, source.name))
        elif source.is_dir():
            for path in sorted(p for p in source.rglob("*") if p.is_file()):
                parts = path.relative_to(source).parts
                inside = path.resolve().is_relative_to(out)
                if (
                    path.suffix.lower() in READABLE
                    and not inside
                    and not any(p.startswith((".", "~$")) for p in parts)
                ):
                    found.append((path, "/".join(parts)))
        else:
            raise ImportFailed(f"--source {source}: no such file or folder")
    names = [name for _, name in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ImportFailed(f"two sources are both named {twice[0]}: give them apart (one folder each)")
    unreadable = [name for path, name in found if path.suffix.lower() not in READABLE]
    if unreadable:
        raise ImportFailed(
            f"{unreadable[0]}: not a CSV or XLSX file (readable: {', '.join(sorted(READABLE))})"
        )
    if not found:
        raise ImportFailed(f"no CSV or XLSX file in {', '.join(str(s) for s in sources)}")
    return found


def _rule(mapping: Mapping, name: str) -> FileRule:
    base = name.rsplit("/", 1)[-1]
    for rule in mapping.files:
        if fnmatch.fnmatchcase(name, rule.match) or fnmatch.fnmatchcase(base, rule.match):
            return rule
    return FileRule(match="*")


def _lay_out(path: Path, name: str, mapping: Mapping, text: str, mapping_path: Path):
    rule, source = _rule(mapping, name), mapping.source
    if rule.as_of is None and not mapping.as_of.column:
        raise FileError(
            f"has no as-of date: add a [[files]] entry whose match fits '{name}' with as_of = YYYY-MM-DD, "
            "or map [as_of] column"
        )
    encoding = rule.encoding or source.encoding
    grid = read_grid(path, name, encoding, rule.delimiter or source.delimiter, rule.sheet or source.sheet)
    layout = rule.layout or source.layout
    at = rule.header_row or rule.label_column
    if layout == "auto" and at is not None:
        layout = "rows" if rule.header_row else "transposed"
    spellings = {n: {normal(s) for s in c.from_} for n, c in mapping.columns.items()}
    required = {n for n, c in mapping.columns.items() if not c.optional}
    if mapping.department.column:
        spellings[DEPARTMENT] = {normal(s) for s in mapping.department.column}
        required.add(DEPARTMENT)
    if mapping.as_of.column:
        spellings[AS_OF] = {normal(s) for s in mapping.as_of.column}
        if rule.as_of is None:
            required.add(AS_OF)
    table = find(grid, spellings, required, layout, at)
    if table.missing:
        raise FileError(_missing(table, mapping, text, mapping_path))
    return table, rule.as_of


def _missing(table: Table, mapping: Mapping, text: str, mapping_path: Path) -> str:
    parts = []
    for name in table.missing:
        if name == DEPARTMENT:
            key, spellings = ("department", "column"), mapping.department.column
        elif name == AS_OF:
            key, spellings = ("as_of", "column"), mapping.as_of.column
        else:
            key, spellings = ("columns", name, "from"), mapping.columns[name].from_
        line = locate(text, key)
        shown = " or ".join(f"'{s}'" for s in spellings)
        where = f"{mapping_path} line {line}" if line else str(mapping_path)
        parts.append(f"no column is {'.'.join(key[:-1])}: {where} looks for {shown}")
    if table.layout == "rows":
        has = f"the file's columns (row {table.at}) are"
    else:
        has = f"the file's labels (column {letters(table.at)}) are"
        parts = [p.replace("no column is", "no label is", 1) for p in parts]
    return f"{'; '.join(parts)}; {has}: {', '.join(_quoted(s) for s in table.shown)}"


def _quoted(name: str, limit: int = 60) -> str:
    text = " ".join(name.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1]}…'"
