"""Issue 14 on the server side: one money format, no "None" in text, link notices that stay until
dismissed, slip colours from the thresholds, and a home page titled by what its user sees."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import polars as pl
from streamlit.proto.Metric_pb2 import Metric

from pmo_dash import data
from pmo_dash.auth.roles import User
from pmo_dash.ui import fmt, header, tables, theme
from pmo_dash.ui.project import charts as project_charts
from tests.test_app import app


def test_one_money_format_for_cards_columns_and_axes(fixture_settings):
    assert [fmt.money(v) for v in (29.43e6, 1.2e9, 4530, -1.5e6)] == [
        "£29.4m",
        "£1.20bn",
        "£4.53k",
        "-£1.50m",
    ]
    assert [fmt.money(v, trim=True) for v in (1.5e6, 5e5, 0)] == ["£1.5m", "£500k", "£0"]
    assert fmt.money_column(29.43e6) == (1e6, "£%.2fm")
    assert fmt.money_column(107_000) == (1e3, "£%.1fk")
    assert fmt.money_column(None) == (1.0, "£%.0f")
    axis = theme.money_axis(np.array([-1.6e6, np.nan, 2e5]))
    assert axis["ticktext"] == ["-£2m", "-£1.5m", "-£1m", "-£500k", "£0", "£500k"]


def test_every_table_shows_its_amounts_in_the_money_format(fixture_settings):
    # A money column left unresolved would read "money" in every cell; a compact one "4.5K", no £.
    for page, query in (("enterprise", {}), ("department", {"department": "FIN"}), ("whatif", {})):
        at = app(page, **query)
        assert not at.exception
        configs = [json.loads(d.proto.columns) for d in at.dataframe]
        formats = [c.get("type_config", {}).get("format") for cs in configs for c in cs.values()]
        assert tables.MONEY not in formats
        assert "£%.2fk" not in formats and any(f and f.startswith("£") for f in formats), formats


def test_missing_text_reads_not_reported():
    assert fmt.plain(None) == "not reported"


def test_an_ignored_link_value_stays_until_dismissed(fixture_settings):
    at = app(objective="World peace")
    notice = "Ignored objective='World peace' from the link: not a strategic objective."
    assert [w.value for w in at.warning] == [notice]
    assert "objective" not in at.query_params  # the widget dropped it from the URL: the next run
    at.run()  # (a moment later in a browser) no longer sees it, yet the notice stays
    assert [w.value for w in at.warning] == [notice]
    at.button(key=[b.key for b in at.button if b.key and b.key.startswith("_dismiss_")][0]).click().run()
    assert [w.value for w in at.warning] == []


def test_a_short_slip_is_green_until_the_amber_threshold(fixture_settings):
    cut = data.intake.thresholds()
    days = [2, cut.slip_amber_days, cut.slip_amber_days + 1, cut.slip_red_days + 1]
    day = dt.date(2026, 1, 1)
    rows = pl.DataFrame(
        {
            "name": [f"M{d}" for d in days],
            "baseline_date": [day] * 4,
            "forecast_date": [day + dt.timedelta(days=d) for d in days],
            "actual_date": [None] * 4,
            "slip_days": days,
        },
        schema_overrides={"actual_date": pl.Date},
    )
    figure = project_charts.milestones(rows, cut)
    colours = [t.line.color for t in figure.data if t.mode == "lines"]
    assert colours == [theme.GREEN, theme.GREEN, theme.AMBER, theme.RED]


def test_the_home_page_is_titled_by_what_its_user_sees(fixture_settings):
    assert [t.value for t in app(user="fin_head").title] == ["Finance portfolio"]
    assert [t.value for t in app(user="exec").title] == ["Enterprise portfolio"]
    both = User("two", "Two", ("pmo_head",), ("FIN", "HR"))
    assert header.portfolio_title(both, data.portfolio.departments(("FIN", "HR"))) == (
        "Your departments' portfolio"
    )


def test_a_change_of_nothing_reads_no_change_without_an_arrow_or_colour(fixture_settings):
    assert [fmt.is_no_change(c) for c in ("+0", "-0.0", "+£0", "+0 pts", "+0.00", "-0.02", "+£80")] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]
    cards = {m.label: m.proto for m in app().metric}
    # October against September: 4 active projects and a £4.30k budget both times; EAC up £80 (test_app).
    for label in ("Active projects", "Budget", "Red (evidence)"):
        assert (cards[label].delta, cards[label].direction, cards[label].color) == (
            "no change",
            Metric.MetricDirection.NONE,
            Metric.MetricColor.GRAY,
        )
    assert (cards["EAC"].delta, cards["EAC"].direction) == ("+£80", Metric.MetricDirection.UP)
    assert cards["EAC"].color == Metric.MetricColor.RED  # a rising cost is bad news
