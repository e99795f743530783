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
from pmo_dash.data import Filters
from pmo_dash.ui import fmt, header, tables, theme
from pmo_dash.ui.project import charts as project_charts
from pmo_dash.ui.risks import charts as risk_charts
from tests.test_app import app, select_point

AUG, SEP, OCT = dt.date(2026, 8, 31), dt.date(2026, 9, 30), dt.date(2026, 10, 31)
BOTH = ("FIN", "HR")


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
    for page, query in (
        ("enterprise", {}),
        ("department", {"department": "FIN"}),
        ("department", {"department": "FIN", "department_tab": "Projects"}),
        ("whatif", {"whatif_tab": "Ranking"}),
    ):
        at = app(page, **query)
        assert not at.exception
        configs = [json.loads(d.proto.columns) for d in at.dataframe]
        formats = [c.get("type_config", {}).get("format") for cs in configs for c in cs.values()]
        assert tables.MONEY not in formats
        assert "£%.2fk" not in formats and any(f and f.startswith("£") for f in formats), formats


def test_a_table_reaches_streamlit_as_arrow_in_the_types_the_browser_reads():
    import pyarrow as pa

    frame = pl.DataFrame(
        {
            "name": ["Payroll", None],
            "tags": [["gdpr", "sox"], []],
            "due": [dt.date(2026, 1, 31), None],
            "bac": [1.5, None],
            "projects": [3, 0],
        }
    )
    table = tables.arrow(frame)
    assert table.schema.types == [pa.string(), pa.list_(pa.string()), pa.date32(), pa.float64(), pa.int64()]
    assert table.to_pylist() == frame.to_dicts()


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


def test_the_risks_that_moved_into_or_out_of_a_cell(fixture_settings):
    def moves(since, likelihood, impact):
        rows = data.risks.cell_moves(Filters(scope=BOTH, as_of=OCT), since, likelihood, impact)
        return rows.select("risk_id", "moved", "was", "now").rows()

    # FIN-R2 went from 2 x 3 to 5 x 3 between September and October (fixture README).
    assert moves(SEP, 5, 3) == [("FIN-R2", "in", "2 x 3", "5 x 3")]
    assert moves(SEP, 2, 3) == [("FIN-R2", "out", "2 x 3", "5 x 3")]
    # Since August: FIN-R2 was raised (10 September) into 5 x 3; FIN-R3 closed (15 September) out of 4 x 4.
    assert moves(AUG, 5, 3) == [("FIN-R2", "in", "new", "5 x 3")]
    assert moves(AUG, 4, 4) == [("FIN-R3", "out", "4 x 4", "closed")]
    assert moves(SEP, 1, 1) == []


def grid_labels(figure) -> dict[tuple[int, int], str]:
    points = next(t for t in figure.data if t.type == "scatter")
    return {(int(y), int(x)): text for x, y, text in zip(points.x, points.y, points.text, strict=True)}


def test_the_movement_heat_map_says_in_and_out_in_words_and_no_cell_is_blank(fixture_settings):
    f = Filters(scope=BOTH, as_of=OCT)
    cut = data.intake.thresholds()
    figure = risk_charts.risk_grid(data.risks.heatmap(f), "risks", cut, data.risks.movement(f, SEP), (5, 3))
    labels = grid_labels(figure)
    assert len(labels) == 25 and all(labels.values())
    assert (labels[(5, 3)], labels[(2, 3)], labels[(5, 5)]) == ("1 in", "1 out", "–")
    [outline] = figure.layout.shapes  # the chosen cell, framed
    assert (outline.x0, outline.x1, outline.y0, outline.y1) == (2.5, 3.5, 4.5, 5.5)
    counts = grid_labels(risk_charts.risk_grid(data.risks.heatmap(f), "risks", cut))
    assert (counts[(5, 3)], counts[(4, 4)], counts[(1, 1)]) == ("1", "1", "0")


def test_a_movement_cell_lists_its_moves_and_the_way_back(fixture_settings):
    at = app("risks")
    at.segmented_control(key="heat_mode").set_value("Movement").run()
    assert any("how many risks moved into it and out of it since Sep 2026" in c.value for c in at.caption)
    at = select_point(at, "heatmap", "5-3")
    assert "**Moved into or out of likelihood 5 × impact 3 since Sep 2026** (1)" in [
        m.value for m in at.markdown
    ]
    assert at.dataframe[0].value[["risk_id", "moved", "was", "now"]].values.tolist() == [
        ["FIN-R2", "in", "2 x 3", "5 x 3"]
    ]
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [s["type"] for s in chart["layout"]["shapes"]] == ["rect"]
    at.button(key="heat_back").click().run()
    assert "**Top 10 risks by exposure** (3)" in [m.value for m in at.markdown]
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert not chart["layout"].get("shapes")


def test_the_home_page_opens_on_what_needs_attention_and_draws_only_the_open_tab(fixture_settings):
    at = app()
    # October against September: FIN-P1 a watermelon; nothing newly Red (FIN-P1 and HR-P3 were Red in
    # September too); FIN-R2 into the red zone (2 x 3 to 5 x 3); People reports 1 of 2 projects (50%).
    assert [m.value for m in at.markdown if "Needs attention" in m.value] == [
        ":orange-badge[Needs attention] **1** watermelon (reported Green, Red on evidence) · **1** risk into "
        "the red zone · reporting below 80%: People"
    ]
    # The first tab, Departments, is drawn: its table and no chart; the others run only when opened (and
    # are links of their own).
    assert "department_table" in [d.key for d in at.dataframe]
    assert at.get("plotly_chart") == []
    rag = app(tab="RAG by department")
    assert [c.proto.id.split("-")[-1] for c in rag.get("plotly_chart")] == ["rag_mix"]
    assert "department_table" not in [d.key for d in rag.dataframe]
    changed = app(tab="What changed")
    assert "**Risks into the red zone** (1)" in [m.value for m in changed.markdown]
    assert "No project's evidence RAG changed since Sep 2026." not in [c.value for c in changed.caption]
    quiet = app(tab="What changed", as_of="Sep 2026")
    assert any(c.value.startswith("No risk crossed into the red zone since Aug 2026") for c in quiet.caption)
