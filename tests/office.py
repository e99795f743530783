"""Reading the Office files the app writes (a board pack, a workbook) as a test must: every XML part,
embedded workbooks included; and LibreOffice, headless, to convert a pack to PDF."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

SOFFICE = "soffice"
# What would be live in an Office file: a cell's formula (in a worksheet; a chart's <c:f> is only where
# its numbers sit), a hyperlink (a relationship, a click action, a worksheet's link).
FORMULA = re.compile(r"<f[ >]")
LINK = re.compile(r"relationships/hyperlink|hlinkClick|<hyperlink\b")


def parts(blob: bytes) -> dict[str, str]:
    """Every XML part of an Office file, by name; an embedded workbook's parts as `<its name>/<part>`."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(blob)) as book:
        for name in book.namelist():
            data = book.read(name)
            if name.endswith((".xlsx", ".xlsm")):
                found |= {f"{name}/{inner}": text for inner, text in parts(data).items()}
            elif name.endswith((".xml", ".rels")):
                found[name] = data.decode()
    return found


def live(blob: bytes) -> list[str]:
    """The parts of an Office file holding something that would run or open: a formula or a link."""
    return [
        name
        for name, text in parts(blob).items()
        if LINK.search(text) or ("worksheets/" in name and FORMULA.search(text))
    ]


def require_soffice() -> None:
    if not shutil.which(SOFFICE):
        if os.environ.get("PMO_REQUIRE_BROWSER"):
            pytest.fail("LibreOffice is required (PMO_REQUIRE_BROWSER=1) but not installed (make impress)")
        pytest.skip("LibreOffice Impress is not installed (make impress, as root)")


def to_pdf(pptx: Path, profile: Path) -> Path:
    """The pack converted by LibreOffice Impress, headless, with a profile of its own; fails on any error."""
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pptx.parent),
            str(pptx),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = pptx.with_suffix(".pdf")
    assert done.returncode == 0 and pdf.exists(), (done.returncode, done.stdout, done.stderr)
    return pdf


def pdf_pages(pdf: Path) -> int:
    """Pages in a PDF, counted from its page objects (no PDF library needed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
