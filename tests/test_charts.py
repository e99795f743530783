"""Issue 14 item 5: charts that read at half the width of a 1440 px screen and with the enterprise
tier's 40 departments. Pure chart builders on small hand-made frames."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash.periods import month_end
from pmo_dash.ui import theme
from pmo_dash.ui.lessons import charts as lesson_charts
from pmo_dash.ui.portfolio import charts as portfolio_charts
from pmo_dash.ui.risks import charts as risk_charts
from pmo_dash.ui.whatif import charts as whatif_charts
from pmo_dash.whatif import effects

PERIODS = [
    month_end(dt.date(2025 + (10 + m) // 12, (10 + m) % 12 + 1, 1)) for m in range(12)
]  # Nov 25 - Oct 26


def test_a_period_axis_shows_at_most_six_months_level_the_latest_among_them():
    names = theme.period_names(PERIODS)
    axis = theme.period_axis(names)
    assert list(axis["tickvals"]) == ["Dec 25", "Feb 26", "Apr 26", "Jun 26", "Aug 26", "Oct 26"]
    assert axis["tickangle"] == 0
    assert list(theme.period_axis(names[:5])["tickvals"]) == list(names[:5])


def test_the_trends_stack_their_two_charts_so_titles_and_months_fit_at_half_width():
    trend = pl.DataFrame(
        {
            "period": PERIODS,
            "spi": [0.9] * 12,
            "cpi": [0.95] * 12,
            "share_red": [0.2] * 12,
            "reporting_compliance": [0.9] * 12,
        }
    )
    layout = portfolio_charts.trends(trend).layout
    # One above the other, each the whole width (side by side, each title and month ran into the other's).
    assert layout.yaxis.domain[0] > layout.yaxis2.domain[1]
    assert [a.text for a in layout.annotations] == [
        "Schedule and cost performance (SPI, CPI)",
        "Red on evidence, and reporting",
    ]
    assert layout.xaxis2.tickangle == 0 and len(layout.xaxis2.tickvals) == 6
    assert layout.legend.y > 1  # above the plots, never over the months


def health(departments: int) -> pl.DataFrame:
    rows = [
        {"department": f"Department {d:02}", "period": p, "score": float(d + i)}
        for d in range(departments)
        for i, p in enumerate(PERIODS)
    ]
    return pl.DataFrame(rows)


def test_lessons_health_draws_a_line_each_for_few_departments_and_their_spread_for_many():
    few = lesson_charts.health_trend(health(3))
    assert [t.name for t in few.data] == ["Department 00", "Department 01", "Department 02"]
    many = lesson_charts.health_trend(health(40))
    # Range and median of 40, and the three lowest in October (00, 01, 02: scores 11, 12, 13).
    assert [t.name for t in many.data if t.showlegend is not False] == [
        "Range of 40 departments",
        "Median",
        "Department 00 (lowest now)",
        "Department 01 (lowest now)",
        "Department 02 (lowest now)",
    ]
    median = next(t for t in many.data if t.name == "Median")
    assert median.y[-1] == 11 + 19.5  # October: scores 11 to 50, median 30.5
    assert many.layout.legend.y > 1


def test_risk_concentration_puts_forty_departments_down_the_side():
    rows = pl.DataFrame(
        {
            "category": ["Supplier", "Technical"] * 40,
            "department": [f"Department {d:02}" for d in range(40) for _ in range(2)],
            "exposure": [10, 20] * 40,
        }
    )
    figure = risk_charts.concentration(rows)
    [cells] = figure.data
    assert list(cells.x) == ["Supplier", "Technical"] and len(cells.y) == 40
    assert figure.layout.height >= 26 * 40  # a row each, readable


def test_the_capacity_heat_map_spans_only_the_months_someone_returned_capacity_for():
    # Demand runs into 2027-01, but capacity was returned for Nov and Dec 2026 only: January is not
    # a column of blank cells (nor a "0 capacity" one), it is left out.
    months = [dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2027, 1, 1)]
    use = pl.DataFrame(
        {
            "department_id": ["A", "A", "A"],
            "role": ["dev"] * 3,
            "month": months,
            "demand_fte": [2.0, 1.0, 1.0],
            "capacity_fte": [4.0, 1.0, None],
            "over": [False, False, False],
        }
    )
    rolled = effects.capacity_by_role(use)
    assert rolled["capacity_fte"].to_list() == [4.0, 1.0, None]
    [heat, _] = whatif_charts.capacity(rolled).data
    assert list(heat.x) == ["Nov 26", "Dec 26"]
    assert heat.text.tolist() == [["50%", "100%"]]
