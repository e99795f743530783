"""Read and edit an XLSX file's XML directly (the standard library only): what a sheet's cells, styles
and drop-downs are, and a cell changed as a user changes it in a spreadsheet."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
BUILTIN_FORMATS = {0: "General", 14: "m/d/yyyy"}


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist()}


def sheet_path(data: bytes, sheet: str) -> str:
    files = parts(data)
    workbook = ElementTree.fromstring(files["xl/workbook.xml"])
    rels = ElementTree.fromstring(files["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    for found in workbook.findall("m:sheets/m:sheet", NS):
        if found.get("name") == sheet:
            return "xl/" + targets[found.get(f"{{{NS['r']}}}id")]
    raise KeyError(sheet)


def sheet_xml(data: bytes, sheet: str) -> ElementTree.Element:
    return ElementTree.fromstring(parts(data)[sheet_path(data, sheet)])


def cell(data: bytes, sheet: str, ref: str) -> ElementTree.Element:
    found = sheet_xml(data, sheet).find(f".//m:c[@r='{ref}']", NS)
    assert found is not None, f"{sheet}!{ref} is empty"
    return found


def shared_strings(data: bytes) -> list[str]:
    root = ElementTree.fromstring(parts(data)["xl/sharedStrings.xml"])
    return ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root.findall("m:si", NS)]


def text(data: bytes, sheet: str, ref: str) -> str:
    found = cell(data, sheet, ref)
    assert found.get("t") == "s", f"{sheet}!{ref} is not a string cell"
    return shared_strings(data)[int(found.find("m:v", NS).text)]


def style(data: bytes, index: int) -> dict[str, str]:
    """A cell style's attributes, with its number format's code as `format`."""
    root = ElementTree.fromstring(parts(data)["xl/styles.xml"])
    codes = {int(f.get("numFmtId")): f.get("formatCode") for f in root.findall("m:numFmts/m:numFmt", NS)}
    xf = root.findall("m:cellXfs/m:xf", NS)[index]
    number = int(xf.get("numFmtId", "0"))
    return dict(xf.attrib) | {"format": codes.get(number, BUILTIN_FORMATS.get(number, str(number)))}


def cell_style(data: bytes, sheet: str, ref: str) -> dict[str, str]:
    return style(data, int(cell(data, sheet, ref).get("s", "0")))


def validations(data: bytes, sheet: str) -> dict[str, tuple[str, str, str]]:
    """Each data validation by its first column's letter: type, first formula, and the cells it covers."""
    found = {}
    for rule in sheet_xml(data, sheet).findall("m:dataValidations/m:dataValidation", NS):
        formula = rule.find("m:formula1", NS)
        sqref = rule.get("sqref")
        found[re.match(r"[A-Z]+", sqref).group()] = (rule.get("type"), formula.text, sqref)
    return found


def with_text(data: bytes, sheet: str, ref: str, value: str) -> bytes:
    """The workbook with one cell's value replaced by text, as a spreadsheet saves a typed-over cell."""
    files = parts(data)
    path = sheet_path(data, sheet)
    xml = files[path].decode()
    pattern = rf'<c r="{ref}"([^>]*?)(?: t="\w+")?(?:/>|>.*?</c>)'
    assert re.search(pattern, xml, re.DOTALL), f"{sheet}!{ref} not found"
    escaped = value.replace("&", "&amp;").replace("<", "&lt;")
    xml = re.sub(
        pattern, rf'<c r="{ref}"\1 t="inlineStr"><is><t>{escaped}</t></is></c>', xml, count=1, flags=re.DOTALL
    )
    files[path] = xml.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in files.items():
            book.writestr(name, content)
    return out.getvalue()


def column_letter(position: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
