"""An uploaded file's safety: its size, its type judged by content as well as name, and which contract
table(s) it holds. A file's name is text to show, never a path: it is stored under its table's name."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from pmo_dash.contract import BY_NAME
from pmo_dash.intake import SubmissionRefused
from pmo_dash.intake.ingest.read import normalise_header

MB = 1024 * 1024
KINDS = ("csv", "xlsx", "parquet")
UNPACKED_RATIO = 50  # a workbook unpacking to more than this many times the upload limit is a zip bomb
# Leading bytes of what people send by mistake, and what each is.
SIGNATURES = {
    b"PK\x03\x04": "a zip archive",
    b"\xd0\xcf\x11\xe0": "an Excel 97-2003 workbook (.xls) or another Office binary",
    b"PAR1": "a Parquet file",
    b"%PDF": "a PDF document",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
}


@dataclass(frozen=True)
class Upload:
    name: str  # as uploaded, reduced to text: shown in every message, never used as a path
    data: bytes = field(repr=False)
    kind: str  # csv, xlsx or parquet
    tables: tuple[str, ...]
    sheets: dict[str, str] = field(default_factory=dict)  # table -> its sheet, in a workbook of returns
    ignored_sheets: tuple[str, ...] = ()  # sheets of a workbook of returns that are no table

    @property
    def stored_as(self) -> str:
        """The file's name in the repository: its table's, or `workbook.xlsx` for a workbook of several."""
        return "workbook.xlsx" if len(self.tables) > 1 else f"{self.tables[0]}.{self.kind}"

    def shown(self, table: str) -> str:
        """How a message names the file holding `table`: the sheet too, in a workbook of returns."""
        return f"{self.name} (sheet {self.sheets[table]})" if table in self.sheets else self.name


def plain_name(name: str) -> str:
    """The last part of whatever path a browser sent, without control characters, at most 120 long."""
    last = re.split(r"[\\/]", str(name))[-1]
    text = re.sub(r"[\x00-\x1f\x7f]", "", last).strip()
    return (text or "(unnamed file)")[:120]


def inspect(name: str, data: bytes, limit_mb: float) -> Upload:
    """The upload, checked; SubmissionRefused with the reason when it cannot be taken."""
    name = plain_name(name)
    if len(data) > limit_mb * MB:
        raise SubmissionRefused(
            f"{name} is {len(data) / MB:.1f} MB; the limit is {limit_mb:g} MB (PMO_UPLOAD_LIMIT_MB)"
        )
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in ("xlsm", "xltm", "xlam"):
        raise SubmissionRefused(
            f"{name} is a macro-enabled workbook (.{suffix}): save it as an Excel Workbook (.xlsx) "
            "and upload that"
        )
    if suffix not in KINDS:
        raise SubmissionRefused(f"{name} is not a .csv, .xlsx or .parquet file: only those are accepted")
    if not data.strip():
        raise SubmissionRefused(f"{name} is empty")
    if suffix == "xlsx":
        sheets = _workbook_sheets(name, data, limit_mb)
        return _tables(name, data, suffix, sheets)
    if suffix == "parquet" and not (data[:4] == b"PAR1" and data[-4:] == b"PAR1"):
        raise SubmissionRefused(f"{name} is not a Parquet file: {_what(data, 'its content is not Parquet')}")
    if suffix == "csv":
        _check_text(name, data)
    return _tables(name, data, suffix, [])


def inspect_all(files: list[tuple[str, bytes]], limit_mb: float) -> list[Upload]:
    """Every upload of one submission, checked; one table in two files is refused (which to use?)."""
    if not files:
        raise SubmissionRefused("no file was uploaded")
    uploads = [inspect(name, data, limit_mb) for name, data in files]
    holders: dict[str, str] = {}
    for upload in uploads:
        for table in upload.tables:
            if table in holders:
                raise SubmissionRefused(
                    f"{table} is in both {holders[table]} and {upload.name}: upload it once"
                )
            holders[table] = upload.name
    stored = [u.stored_as for u in uploads]
    if len(set(stored)) < len(stored):
        raise SubmissionRefused("only one workbook of several returns may be uploaded at a time")
    return uploads


def _what(data: bytes, otherwise: str) -> str:
    found = next((what for magic, what in SIGNATURES.items() if data.startswith(magic)), None)
    return f"it is {found}" if found else otherwise


def _check_text(name: str, data: bytes) -> None:
    """A CSV is text (UTF-8, or UTF-16 with its byte-order mark, as Excel's "Unicode Text" is)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    head = data[:8192]
    if any(head.startswith(magic) for magic in SIGNATURES) or b"\x00" in head:
        raise SubmissionRefused(f"{name} is not a CSV text file: {_what(head, 'it holds binary data')}")


def _workbook_sheets(name: str, data: bytes, limit_mb: float) -> list[str]:
    """An .xlsx is a zip holding a workbook and no macros; its sheets' names."""
    if not data.startswith(b"PK\x03\x04"):
        raise SubmissionRefused(f"{name} is not an Excel workbook: {_what(data, 'its content is not .xlsx')}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {m.filename.lower(): m for m in archive.infolist()}
            unpacked = sum(m.file_size for m in members.values())
            types = archive.read("[Content_Types].xml") if "[content_types].xml" in members else b""
    except zipfile.BadZipFile as err:
        raise SubmissionRefused(f"{name} is not an Excel workbook: the file is damaged ({err})") from None
    if "xl/workbook.xml" not in members:
        raise SubmissionRefused(f"{name} is a zip archive, not an Excel workbook")
    if any(m.endswith("vbaproject.bin") for m in members) or b"macroEnabled" in types:
        raise SubmissionRefused(
            f"{name} contains macros (a VBA project): save it as an Excel Workbook (.xlsx) without macros"
        )
    if unpacked > UNPACKED_RATIO * limit_mb * MB:
        raise SubmissionRefused(
            f"{name} unpacks to {unpacked / MB:,.0f} MB, far more than a return holds: it was refused"
        )
    import fastexcel

    try:
        return fastexcel.read_excel(data).sheet_names
    except Exception as err:  # the reader's own words describe a broken workbook best
        raise SubmissionRefused(f"{name} could not be read as an Excel workbook: {err}") from None


def _tables(name: str, data: bytes, kind: str, sheets: list[str]) -> Upload:
    """The tables a file holds: its sheets' names in a workbook of returns, else its own name's stem."""
    by_sheet = {normalise_header(s): s for s in sheets if normalise_header(s) in BY_NAME}
    if by_sheet:
        tables = tuple(t for t in BY_NAME if t in by_sheet)
        ignored = tuple(s for s in sheets if normalise_header(s) not in BY_NAME)
        found = Upload(name, data, kind, tables, {t: by_sheet[t] for t in tables}, ignored)
    else:
        stem = normalise_header(name.rsplit(".", 1)[0])
        if stem not in BY_NAME:
            names = ", ".join(t.name for t in BY_NAME.values() if not t.enterprise)
            where = "its file name, or a sheet's name," if kind == "xlsx" else "its file name"
            raise SubmissionRefused(
                f"{name} is not a standard return: {where} must be the table it holds, one of {names}"
            )
        found = Upload(name, data, kind, (stem,))
    central = [t for t in found.tables if BY_NAME[t].enterprise]
    if central:
        raise SubmissionRefused(
            f"{name} holds {', '.join(central)}, which the IPMO keeps for every department: "
            "a department does not submit it"
        )
    return found
