"""Native PowerPoint charts (python-pptx `add_chart`): the numbers live in the chart's own embedded
workbook, so the PMO can restyle a chart or correct a number in PowerPoint. Never a picture.

The embedded workbook is written with the same xlsxwriter options as every other workbook the project
writes (`exports.WORKBOOK_OPTIONS`): a department or project named `=HYPERLINK(...)` is a text cell
there, never a formula or a link, and reads in the chart exactly as typed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import contextmanager
from functools import cached_property

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_TICK_LABEL_POSITION,
)
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.slide import Slide
from pptx.util import Pt
from xlsxwriter import Workbook

from pmo_dash.boardpack.deck import NAME_LIMIT, Box, plain, rgb
from pmo_dash.exports import WORKBOOK_OPTIONS
from pmo_dash.settings import get_settings
from pmo_dash.ui import fmt
from pmo_dash.ui.theme import GRID, INK

Values = Sequence[float | None]
CATEGORY_LIMIT = 40  # characters of a name beside a bar: more squeezes the bars of a third of a slide


class _TextOnlyWriter(CategoryWorkbookWriter):
    """python-pptx's writer of a chart's workbook, with formulas, links and numbers-from-text off."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO):
        workbook = Workbook(xlsx_file, {"in_memory": True, **WORKBOOK_OPTIONS})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class ChartData(CategoryChartData):
    """Category chart data whose embedded workbook holds text as text."""

    @cached_property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextOnlyWriter(self)


def data(categories: Sequence[object], series: dict[str, Values], number_format: str) -> ChartData:
    """Categories (names from the returns, clipped; control characters dropped) and named series."""
    chart_data = ChartData(number_format=number_format)
    chart_data.categories = [plain(c, CATEGORY_LIMIT) for c in categories]
    for name, values in series.items():
        chart_data.add_series(plain(name, NAME_LIMIT), [_number(v) for v in values])
    return chart_data


def stacked_bars(
    slide: Slide, box: Box, categories, series: dict[str, Values], colours: dict[str, str]
) -> Chart:
    """Horizontal stacked bars, one per category (first at the top), one colour per series."""
    chart = _add(slide, XL_CHART_TYPE.BAR_STACKED, box, data(categories, series, "0"), len(categories))
    chart.plots[0].gap_width, chart.plots[0].overlap = 40, 100
    _first_at_top(chart)
    _colour_series(chart, colours)
    _legend(chart)
    return chart


def bars(
    slide: Slide,
    box: Box,
    categories,
    name: str,
    values: Values,
    colours: Sequence[str],
    number_format: str,
    *,
    labels: bool = True,
    scale: tuple[float | None, float | None] = (None, None),
) -> Chart:
    """Horizontal bars, one per category (first at the top), each its own colour; with labels (up to 20
    bars); `scale` fixes the value axis's ends (a share or a score starts at 0, never where the data do)."""
    chart = _add(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        box,
        data(categories, {name: values}, number_format),
        len(categories),
    )
    chart.plots[0].gap_width = 50
    _first_at_top(chart)
    # Labels of negative bars sit on the far side of the axis: keep the names at the low end.
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = scale
    for point, colour in zip(chart.plots[0].series[0].points, colours, strict=False):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colour)
    if labels and len(categories) <= 20:
        _labels(chart, number_format)
    chart.has_legend = False
    return chart


def lines(
    slide: Slide, box: Box, categories, series: dict[str, Values], colours: dict[str, str], number_format: str
) -> Chart:
    """Lines over periods, one per series, with markers; a missing value is a gap."""
    chart = _add(
        slide, XL_CHART_TYPE.LINE_MARKERS, box, data(categories, series, number_format), len(categories)
    )
    for plotted in chart.plots[0].series:
        plotted.smooth = False
        plotted.format.line.width = Pt(2.25)
        colour = colours.get(plotted.name)
        if colour:
            plotted.format.line.color.rgb = rgb(colour)
            plotted.marker.format.fill.solid()
            plotted.marker.format.fill.fore_color.rgb = rgb(colour)
            plotted.marker.format.line.color.rgb = rgb(colour)
    _legend(chart)
    return chart


def columns(
    slide: Slide, box: Box, categories, series: dict[str, Values], colours: dict[str, str], number_format: str
) -> Chart:
    """Clustered columns over periods, one colour per series."""
    chart = _add(
        slide, XL_CHART_TYPE.COLUMN_CLUSTERED, box, data(categories, series, number_format), len(categories)
    )
    chart.plots[0].gap_width, chart.plots[0].overlap = 60, 0
    _colour_series(chart, colours)
    _legend(chart)
    return chart


def doughnut(slide: Slide, box: Box, categories, values: Values, colours: Sequence[str]) -> Chart:
    """A ring of the categories' shares, each its own colour, labelled with its count."""
    chart = _add(slide, XL_CHART_TYPE.DOUGHNUT, box, data(categories, {"projects": values}, "0"), 0)
    for point, colour in zip(chart.plots[0].series[0].points, colours, strict=False):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colour)
    _labels(chart, "0", position=XL_LABEL_POSITION.CENTER)
    chart.plots[0].data_labels.font.bold = True
    _legend(chart, XL_LEGEND_POSITION.BOTTOM)
    return chart


def money_format(largest: float | None) -> str:
    """An Excel number format that reads amounts as `fmt.money` writes them (£1.2m, -£450k), in the unit
    of the largest: the values stay whole amounts, the format only scales what shows."""
    symbol = get_settings().currency_symbol
    for power, (limit, suffix) in zip((3, 2, 1), fmt.UNITS, strict=True):
        if largest is not None and largest >= limit:
            places = ".0" if largest < 10 * limit else ""  # £2.5m, but £25m
            shown = f'"{symbol}"#,##0{places}{"," * power}"{suffix}"'
            return f"{shown};-{shown}"
    return f'"{symbol}"#,##0;-"{symbol}"#,##0'


def _add(slide: Slide, kind, box: Box, chart_data: ChartData, categories: int) -> Chart:
    chart = slide.shapes.add_chart(kind, box.left, box.top, box.width, box.height, chart_data).chart
    chart.has_title = False  # the slide says what the chart is
    chart.font.size = Pt(12 if categories <= 12 else 10 if categories <= 24 else 7)
    chart.font.color.rgb = rgb(INK)
    if kind != XL_CHART_TYPE.DOUGHNUT:
        _name_every_category(chart)
        chart.value_axis.has_major_gridlines = True
        chart.value_axis.major_gridlines.format.line.color.rgb = rgb(GRID)
        chart.value_axis.format.line.fill.background()
        chart.value_axis.tick_labels.number_format = chart_data.number_format
        chart.value_axis.tick_labels.number_format_is_linked = False
    return chart


def _name_every_category(chart: Chart) -> None:
    """Every category named, however many: Impress would otherwise name only every other one."""
    skip = OxmlElement("c:tickLblSkip")
    skip.set("val", "1")
    chart.category_axis._element.insert_element_before(skip, "c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst")


def _colour_series(chart: Chart, colours: dict[str, str]) -> None:
    for plotted in chart.plots[0].series:
        if colour := colours.get(plotted.name):
            plotted.format.fill.solid()
            plotted.format.fill.fore_color.rgb = rgb(colour)


def _first_at_top(chart: Chart) -> None:
    """A bar chart reads top down: the first category at the top, the value axis still at the bottom."""
    chart.category_axis.reverse_order = True
    # "The value axis crosses at the maximum category", stated on the value axis (python-pptx only
    # sets the other direction).
    chart.value_axis._element.find(qn("c:crosses")).set("val", "max")


def _labels(chart: Chart, number_format: str, position=XL_LABEL_POSITION.OUTSIDE_END) -> None:
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = number_format, False
    labels.show_value = True
    labels.font.size = Pt(10)
    labels.position = position


def _legend(chart: Chart, where=XL_LEGEND_POSITION.TOP) -> None:
    chart.has_legend = True
    chart.legend.position = where
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(11)


def _number(value: float | None) -> float | None:
    """A value as the workbook holds it: a float, or None (a gap, never 0)."""
    return None if value is None or value != value else float(value)
