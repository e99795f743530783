"""The pack opens in LibreOffice Impress (headless) without an error and prints a page per slide, its
charts drawn and its footer's slide number filled in; a couple of pages are kept as PNG in test-results/
for a person to look at (`pdftoppm`, from poppler-utils, which `make impress` installs)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from PIL import Image

from pmo_dash import boardpack
from pmo_dash.data import Filters
from pmo_dash.ui.theme import RAG_COLOURS
from tests import office
from tests.browser import SHOTS

OCT = dt.date(2026, 10, 31)


@pytest.fixture(scope="module")
def pdf(fixture_settings, tmp_path_factory):
    office.require_soffice()
    out = tmp_path_factory.mktemp("boardpack_pdf")
    request = boardpack.request(Filters(("FIN", "HR"), OCT), "Enterprise portfolio", "Ada Byron (exec)")
    pptx = out / request.file_name
    pptx.write_bytes(boardpack.build(request))
    return office.to_pdf(pptx, out / "profile")


def test_a_page_per_slide(pdf):
    assert office.pdf_pages(pdf) == 11


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (make impress)")
def test_each_page_shows_its_footer_and_number(pdf):
    for page in (1, 3, 10):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Steering committee pack · Enterprise portfolio · as of Oct 2026" in text
        assert f"Page {page}" in text  # the slide-number field, as Impress fills it in


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils is not installed (make impress)")
def test_the_charts_are_drawn(pdf):
    SHOTS.mkdir(exist_ok=True)
    for page, name in ((1, "title"), (5, "rag-by-department"), (6, "performance"), (10, "finance")):
        prefix = SHOTS / f"boardpack-{name}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf),
                str(prefix),
            ],
            check=True,
        )
    # RAG by department: bars in the app's Red and Amber, drawn, not an empty frame.
    image = Image.open(SHOTS / "boardpack-rag-by-department.png").convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    for rag in ("Red", "Amber"):
        want = tuple(int(RAG_COLOURS[rag][i : i + 2], 16) for i in (1, 3, 5))
        painted = sum(n for n, c in colours if all(abs(a - b) <= 12 for a, b in zip(c, want, strict=True)))
        assert painted > 1000, (rag, painted)
