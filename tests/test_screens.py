"""Issue 14 on the server side: one money format, and no "None" in text."""

from __future__ import annotations

import json

import numpy as np

from pmo_dash.ui import fmt, tables, theme
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
