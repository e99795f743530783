"""Charts drawn once (ui/room.py, ui/ticks.py): margins worked out from the labels' text fit what Plotly
measures in Chromium, so it does not widen them and draw the chart again. Hand-checked figures; the
browser's side is in tests/test_screens_browser.py."""

from __future__ import annotations

import plotly.graph_objects as go

from pmo_dash.ui import room, theme, ticks


def margins(fig: go.Figure) -> dict[str, int]:
    return {side: getattr(fig.layout.margin, side) for side in "lrtb"}


def test_a_label_measures_what_chromium_draws():
    # Chromium 156 drew "Infrastructure & Operations" in the chart font at 12 px 136.19 px wide; an
    # escaped entity counts as the character it draws.
    assert abs(ticks.text_width("Infrastructure &amp; Operations") - 136.19) < 1
    assert ticks.text_width("Finance") == 39.36  # F 49 i 25 n 55 a 50 n 55 c 44 e 50, at 12 / 100
    assert ticks.text_width("a<br>Finance") == 39.36, "the longest line"


def test_a_bar_chart_gets_room_for_its_names_and_numbers():
    fig = go.Figure(
        [go.Bar(y=["People", "Finance"], x=[3, 7], orientation="h")], theme.layout(200)
    )  # margins given: l 10, r 10, t 30, b 10
    # Left: "Finance" 39.36 + the labels' gap 9 + Plotly's pad 12 (the smallest margin once set,
    # at most 12) + 3 spare = 63.36. Bottom: a line of labels 16 + gap 9 + 12 + 3 = 40. Right: half
    # the last number's width, 3, + 12 + 3 = 18. Top: the 30 given (the top name reaches 8 + 15).
    assert margins(room.fit(fig)) == {"l": 64, "r": 18, "t": 30, "b": 40}


def test_an_axis_title_adds_its_line():
    fig = go.Figure(
        [go.Bar(y=["People", "Finance"], x=[3, 7], orientation="h")],
        theme.layout(200, yaxis=theme.axis(title="department"), xaxis=theme.axis(title="projects")),
    )
    # As above, with the y title's 34 px and the x title's 30.
    assert margins(room.fit(fig)) == {"l": 98, "r": 18, "t": 30, "b": 70}


def test_margins_are_never_narrowed():
    fig = go.Figure([go.Bar(y=["A"], x=[1], orientation="h")], theme.layout(200, margin={"l": 200, "r": 40}))
    assert margins(room.fit(fig))["l"] == 200 and margins(room.fit(fig))["r"] == 40


def test_a_pie_has_no_axes_and_its_legend_below_follows_plotlys_rule():
    fig = go.Figure([go.Pie(labels=["Cashable", "Non-cashable"], values=[3, 2])], theme.layout(300))
    # The legend (one row, 19 + 10, padded 10 + 3) hangs 15% of the plot's height below it: Plotly's
    # rule gives b = (42 + 0.15 (300 - 30)) / 1.15 = 71.7. Without the 3 spare it gives 69.1, the 69
    # Plotly itself settled on for this chart in Chromium before margins were worked out here.
    assert margins(room.fit(fig)) == {"l": 10, "r": 10, "t": 30, "b": 72}


def test_a_legend_wraps_sooner_at_half_width():
    wide = "W" * 30  # 284.4 px at 12 px; an entry 324.4 with its symbol
    traces = [go.Scatter(x=[1, 2], y=[1, 2], name=f"{wide}{n}") for n in range(3)]

    def top(width: float) -> int:
        fig = go.Figure(traces, theme.layout(300, legend=theme.LEGEND_ABOVE))
        return margins(room.fit(fig, width))["t"]

    # Two entries a row at full width, one a row at half: a row (19 px) more, over Plotly's 1.02.
    assert top(room.HALF_WIDTH) - top(room.PLOT_WIDTH) in (18, 19, 20)


def test_numbers_are_written_as_plotly_writes_ticks():
    assert ticks.number(45_000, 5_000) == "45k"
    assert ticks.number(2_500_000, 500_000) == "2.5M"
    assert ticks.number(1500, 500) == "1500"
    assert ticks.number(-1.5, 0.5) == "−1.5"
    assert ticks.number(0.95, 0.05) == "0.95"
    assert ticks.number(1.0, 0.1, ".0%") == "100%"
    assert ticks.numbers(0, 7, {})[-1] == "7"
    assert ticks.numbers(0, 1, {"tickprefix": "£", "tickformat": ".1f"})[-1] == "£1.0"
