"""A pack of a portfolio whose returns lack most of what a pack shows: the UK GMPP as published (projects,
whole-life budgets and one delivery confidence rating a year; no earned value, no risks, no benefits, no
lessons). Each slide says what is missing and which return would supply it, never empty axes; the one
chart there is to draw holds the ratings as published (counted from the raw file, not by the import)."""

from __future__ import annotations

import datetime as dt

import pytest
from pptx import Presentation

from pmo_dash import boardpack, data
from pmo_dash.data import Filters
from pmo_dash.intake.imports import run_import
from tests import office
from tests.conftest import app_on
from tests.test_boardpack import PORTFOLIO_SLIDES, charts, series, texts, titled
from tests.test_import_uk import FIVE, MAPPING, RAW
from tests.test_import_uk_app import published

MARCH_2023 = dt.date(2023, 3, 31)


@pytest.fixture(scope="module")
def uk(fixture_settings, tmp_path_factory):
    out = tmp_path_factory.mktemp("boardpack_uk")
    run_import(MAPPING, [RAW], out / "returns")
    with app_on(out / "returns", out):
        every = data.portfolio.all_departments()
        request = boardpack.request(Filters(every, MARCH_2023), "Enterprise portfolio", "Ada Byron (exec)")
        path = out / request.file_name
        path.write_bytes(boardpack.build(request))
        yield path, every


def test_every_slide_is_there_and_says_what_is_missing(uk):
    path, every = uk
    deck = Presentation(str(path))
    # The mapping's 31 departments, each with a slide of its own.
    assert len(every) == 31 and len(deck.slides) == PORTFOLIO_SLIDES + 31
    slide = {title: texts(s) for title, s in titled(deck).items()}
    assert (
        "Not judged: no return in view carries SPI, CPI or slip"
        in slide["Watermelons and projects Red on evidence"]
    )
    assert "No earned value in view: not returned." in slide["Schedule and cost performance"]
    assert "No slip in view: not returned." in slide["Schedule and cost performance"]
    assert "No risks in view: not returned. A department's risks return" in slide["Risks"]
    assert "No benefits in view: not returned." in slide["Benefits: planned against realised"]
    assert "No lessons in view: not returned." in slide["Lessons-learned health by department"]
    kpis = slide["KPI summary"]
    assert "244 active projects in Mar 2023" in kpis
    for measure in ("EAC", "SPI", "CPI", "Red on evidence", "Watermelons", "Open high risks"):
        assert f"{measure}\nnot reported" in kpis, measure
    assert "Budget excludes 51 withheld budgets" in kpis
    cabinet = slide["Cabinet Office (CO)"]
    assert "not judged on evidence" in cabinet and "No risks for this department: not returned." in cabinet


def test_no_chart_is_empty_and_the_ratings_are_as_published(uk):
    path, _ = uk
    deck = Presentation(str(path))
    drawn = [chart for s in deck.slides for chart in charts(s)]
    assert drawn, "control: the ratings are drawn"
    for chart in drawn:
        assert any(v for s in chart.plots[0].series for v in s.values), "a chart with nothing to draw"
    # No return carries evidence: the ratings as reported, counted per rating over the departments.
    [rag] = charts(titled(deck)["RAG by department"])
    want = published(2023)
    totals = {name: sum(values) for name, values in series(rag).items()}
    assert totals == {name: want[name].sum() for name in [*FIVE.values(), "Not reported"] if want[name].sum()}
    assert totals == {"Red": 23, "Amber": 183, "Green": 26, "Not reported": 12}  # the 2023 file used three


def test_the_pack_converts_to_pdf_with_a_page_per_slide(uk, tmp_path):
    office.require_soffice()
    path, every = uk
    assert office.pdf_pages(office.to_pdf(path, tmp_path / "profile")) == PORTFOLIO_SLIDES + len(every)
    assert office.live(path.read_bytes()) == []
