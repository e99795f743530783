"""The KPI cards' trend lines: drawn in the page as SVG (`ui.sparkline`), not as Vega charts."""

from __future__ import annotations

import base64
import math
import re

from pmo_dash.ui import sparkline
from tests.test_app import app


def test_each_value_sits_in_the_box_left_to_right_the_highest_at_the_top():
    # Three known values of four: 1, 3, 2 at x 0, 100, 200 (a 200-wide box); y from the top, within a
    # 4-pixel margin of a 44-high box: 3 (the highest) at 4, 1 (the lowest) at 40, 2 halfway at 22.
    assert sparkline.points([1, None, 3, 2]) == [(0, 40), (100, 4), (200, 22)]
    # A flat series runs through the middle; fewer than two known values draw no line.
    assert sparkline.points([5, 5]) == [(0, 22), (200, 22)]
    assert sparkline.points([7, None, math.nan]) == [] and sparkline.svg([7]) is None


def test_the_line_is_numbers_only():
    drawn = sparkline.svg([1, 3, 2])
    assert drawn == (
        '<svg viewBox="0 0 200 44" width="200" height="44"><polyline points="0,40 100,4 200,22" '
        'fill="none" stroke="#6B7280" stroke-width="2" vector-effect="non-scaling-stroke" '
        'stroke-linejoin="round" stroke-linecap="round"/></svg>'
    )


def lines(at) -> dict[str, list[tuple[float, float]]]:
    """Each card's label and the points of its trend line, read back from the image sent with it."""
    found = {}

    def walk(node) -> None:
        children = list(getattr(node, "children", {}).values())
        metrics = [c for c in children if getattr(c, "type", None) == "metric"]
        images = [c for c in children if getattr(c, "type", None) == "image"]
        if metrics and images:
            url = images[0].proto.imgs[0].url
            svg = base64.b64decode(url.removeprefix("data:image/svg+xml;base64,")).decode()
            xy = re.search(r'points="([^"]+)"', svg).group(1)
            found[metrics[0].label] = [tuple(float(n) for n in p.split(",")) for p in xy.split()]
        for child in children:
            walk(child)

    walk(at._tree)
    return found


def test_every_enterprise_card_has_its_12_period_line(fixture_settings):
    at = app()
    drawn = lines(at)
    assert set(drawn) == {
        "Active projects",
        "Budget",
        "EAC",
        "SPI",
        "CPI",
        "Red (evidence)",
        "High risks",
        "Satisfaction",
    }
    # High risks: one in September, two in October (FIN-R2 reached 15 on 15 October): the line ends
    # higher (nearer the top) than the period before. SPI: 0.952 in September, 0.927 in October: lower.
    assert drawn["High risks"][-1][1] < drawn["High risks"][-2][1]
    assert drawn["SPI"][-1][1] > drawn["SPI"][-2][1]
    # No Vega card line is sent any more.
    assert all(not m.proto.chart_data for m in at.metric)
