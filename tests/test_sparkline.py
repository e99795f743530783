"""The KPI cards' trend lines: drawn in the page as SVG (`ui.sparkline`), not as Vega charts, painted by
one style sheet as each card's background, not as eight image elements."""

from __future__ import annotations

import base64
import math
import re

import pytest

from pmo_dash.ui import sparkline
from tests.test_app import app
from tests.test_minimal_portfolio import minimal_app  # noqa: F401 (a fixture)


def test_each_period_sits_in_the_box_left_to_right_the_highest_at_the_top():
    # Four periods across a 200-wide box: x 0, 66.7, 133.3, 200. Three known values: y from the top,
    # within a 4-pixel margin of a 44-high box: 3 (the highest) at 4, 1 (the lowest) at 40, 2 halfway
    # at 22. The unknown second period is a gap, not squeezed out.
    assert sparkline.points([1, None, 3, 2]) == [(0, 40), None, (133.3, 4), (200, 22)]
    # A flat series runs through the middle; fewer than two known values draw no line.
    assert sparkline.points([5, 5]) == [(0, 22), (200, 22)]
    assert sparkline.points([7, None, math.nan]) == [] and sparkline.svg([7]) is None
    # Values at the ends of the float range stay in the box (their range would overflow).
    assert sparkline.points([1e308, -1e308]) == [(0, 4), (200, 40)]


def test_the_line_breaks_where_a_period_is_unknown_and_is_numbers_only():
    # The first period stands alone (a dot: a zero-length stroke with round ends), then a line.
    # A style sheet's image needs its namespace; it is stretched to the card's width, not scaled whole.
    assert sparkline.svg([1, None, 3, 2]) == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 44" width="200" height="44" '
        'preserveAspectRatio="none"><path d="M0,40h0 M133.3,4 L200,22" '
        'fill="none" stroke="#6B7280" stroke-width="2" vector-effect="non-scaling-stroke" '
        'stroke-linejoin="round" stroke-linecap="round"/></svg>'
    )


RULE = re.compile(
    r"\.st-key-kpi_card_([a-z0-9_]+) \{background-image: url\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)"
)


def lines(at) -> dict[str, list[tuple[float, float]]]:
    """Each card's label and the points of its trend line, read back from the one style sheet sent with
    the cards (a rule per card, keyed by the card's label in lower case, words joined by _)."""
    sheets = [h.proto.body for h in at.get("html") if "st-key-kpi_card_" in h.proto.body]
    assert len(sheets) == 1, sheets  # one style sheet for all the cards, not one element each
    labels = {re.sub(r"[^a-z0-9]+", "_", m.label.lower()).strip("_"): m.label for m in at.metric}
    found = {}
    for key, encoded in RULE.findall(sheets[0]):
        svg = base64.b64decode(encoded).decode()
        path = re.search(r'd="([^"]+)"', svg).group(1)
        found[labels[key]] = [(float(x), float(y)) for x, y in re.findall(r"([\d.]+),([\d.]+)", path)]
    assert not at.get("image"), "a card's line is no image element"
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
    # Every period of the fixture's history is known for the counts: the line ends at the right edge.
    assert drawn["Active projects"][-1][0] == 200 and drawn["High risks"][-1][0] == 200
    # High risks: one in September, two in October (FIN-R2 reached 15 on 15 October): the line ends
    # higher (nearer the top) than the period before. SPI: 0.952 in September, 0.927 in October: lower.
    assert drawn["High risks"][-1][1] < drawn["High risks"][-2][1]
    assert drawn["SPI"][-1][1] > drawn["SPI"][-2][1]
    # No Vega card line is sent any more.
    assert all(not m.proto.chart_data for m in at.metric)


def test_the_governance_seed_kpis_have_their_lines(fixture_settings):
    # Three cards, each with a line over the fixture's periods, from one style sheet.
    at = app("governance", user="exec", made="Satisfaction and seed KPIs")
    drawn = lines(at)
    assert set(drawn) == {"Schedule variance", "Budget adherence", "Stakeholder satisfaction"}
    assert all(len(points) >= 2 and points[-1][0] == 200 for points in drawn.values()), drawn


@pytest.mark.usefixtures("minimal_app")
def test_without_risks_the_other_cards_keep_their_lines():
    # No risks returned: High risks says "not reported" and has no line; the seven others keep theirs.
    at = app("department", user="exec", department="FIN")
    drawn = lines(at)
    assert "High risks" not in drawn and len(drawn) == 7, set(drawn)
    assert {m.label: m.value for m in at.metric}["High risks"] == "not reported"
