"""The what-if page on the fixture, as AppTest runs it: the budget slider moves the funded set to the
hand-computed optimum, scenarios are saved, survive a fresh app, are compared and exported.

The fixture's candidates at Oct 2026 (all active, so all funded now), with the default weights
fit 3, benefit 3, health 2, risk 2 (sum 10), each component scaled to [0, 1]:

| project | fit | benefit /3000 | risk /16 | health | score | EAC |
|---|---|---|---|---|---|---|
| FIN-P1 | 1 | 1 | 12/16 | (0.75-0.7)/0.3 = 1/6 | (3 + 3 + 1/3 - 1.5)/10 = 0.4833 | 1000/0.9 = 1,111.1 |
| FIN-P2 (mandatory) | 0.75 | 0.8333 | 15/16 | 1 | (2.25 + 2.5 + 2 - 1.875)/10 = 0.4875 | 2,000 |
| HR-P3 | 0.5 | 0.2667 | 1 | 0.2 | (1.5 + 0.8 + 0.4 - 2)/10 = 0.07 | 500/0.76 = 657.9 |
| HR-P4 | 0.5 | 0.3 | 0 | 1 | (1.5 + 0.9 + 2)/10 = 0.44 | 760 |

The envelope's 100% is what today's portfolio is forecast to cost: 1,111.1 + 2,000 + 657.9 + 760 =
4,529.0 (EAC). FIN-P2 is always in (2,000), leaving:
- 100% (4,529.0): 2,529.0 -> everything fits.
- 90% (4,076.1): 2,076.1 -> FIN-P1 + HR-P4 (1,871.1, score 0.9233) beat FIN-P1 + HR-P3 (0.5533) and
  HR-P3 + HR-P4 (0.51); all three (2,529) do not fit. HR-P3 is cut.
- 80% (3,623.2): 1,623.2 -> HR-P3 + HR-P4 (1,417.9, 0.51) beat FIN-P1 alone (0.4833): the top-ranked
  project is cut because two smaller ones together are worth more.
- 60% (2,717.4): 717.4 -> only HR-P3 (657.9) still fits.
- 40% (1,811.6): FIN-P2 alone, 188.4 over the envelope (mandatory projects are always in).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import polars as pl
import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.testing.v1 import AppTest

from pmo_dash.settings import get_settings
from pmo_dash.ui.whatif import export, levers, scenarios, views
from tests.conftest import on_screen, ranking
from tests.test_app import app, metrics


def funded(at: AppTest) -> set[str]:
    ranked = ranking(at)
    return set(ranked.loc[ranked["funded"], "project_id"])


def budget(at: AppTest, percent: int) -> AppTest:
    return at.slider(key=levers.BUDGET_PCT).set_value(percent).run()


@pytest.fixture
def no_scenarios(fixture_settings):
    get_settings().scenarios.unlink(missing_ok=True)
    yield
    get_settings().scenarios.unlink(missing_ok=True)


def test_the_budget_slider_moves_the_funded_set_to_the_optimum(fixture_settings):
    at = app("whatif", whatif_tab="Ranking")
    assert not at.exception, [e.message for e in at.exception]
    assert funded(at) == {"FIN-P1", "FIN-P2", "HR-P3", "HR-P4"}
    assert metrics(at)["Funded projects"] == ("4", "no change")
    assert any(
        c.startswith("The best possible selection (proven) · 4 candidates (4 projects) · ")
        for c in at.caption.values
    )
    at = budget(at, 90)
    assert funded(at) == {"FIN-P1", "FIN-P2", "HR-P4"}
    assert metrics(at)["Cost (EAC)"] == ("£3.87k", "£205 left")  # 4,076.1 - 3,871.1
    at = budget(at, 80)
    assert funded(at) == {"FIN-P2", "HR-P3", "HR-P4"}
    assert metrics(at)["Funded projects"] == ("3", "-1 on now")
    at = budget(at, 60)
    assert funded(at) == {"FIN-P2", "HR-P3"}
    at = budget(at, 40)
    assert funded(at) == {"FIN-P2"}
    assert [w.value for w in at.warning] == [
        "Mandatory and pinned-in projects alone cost £2.00k, £188 over the envelope: nothing else is funded."
    ]
    at = budget(at, 150)
    assert funded(at) == {"FIN-P1", "FIN-P2", "HR-P3", "HR-P4"}


def test_a_slider_step_redraws_only_the_open_tab(fixture_settings):
    # What changes is open first: its two tables, no chart; each other tab draws its own when opened.
    at = budget(app("whatif"), 80)
    assert not at.get("plotly_chart") and not [d for d in at.dataframe if "rank" in d.value.columns]
    assert [t.label for t in at.tabs] == list(views.TABS)
    drawn, said = {}, {}
    for tab in views.TABS[2:]:
        opened = budget(app("whatif", whatif_tab=tab), 80)
        assert not opened.exception, [e.message for e in opened.exception]
        drawn[tab] = [
            [t["type"] for t in json.loads(c.proto.spec)["data"]] for c in opened.get("plotly_chart")
        ]
        said[tab] = opened.caption.values
    # The frontier, the star and today's circle; now against the scenario; benefits now and in it.
    assert drawn == {
        "Value against cost": [["scatter", "scatter", "scatter"]],
        "By department": [["bar", "bar"]],
        "Capacity": [],  # the fixture returns no capacity: said, not an empty chart
        "Benefits": [["scatter", "scatter"]],
    }
    assert "No department in view returned capacity for the months ahead." in said["Capacity"]


def test_ranks_and_reasons_follow_the_scores(fixture_settings):
    at = budget(app("whatif", whatif_tab="Ranking"), 80)
    ranked = ranking(at)
    assert list(ranked["project_id"]) == ["FIN-P2", "FIN-P1", "HR-P4", "HR-P3"]
    assert [round(s, 4) for s in ranked["score"]] == [0.4875, 0.4833, 0.44, 0.07]
    assert list(ranked["decision"]) == ["Mandatory", "Not funded", "Funded", "Funded"]
    assert (
        "Every project down to rank 1 is funded; the first one left out is ranked 2. Below it, 2 more are "
        "funded because they fit what is left" in " ".join(at.caption.values)
    )
    # The first tab, What changes, says why FIN-P1 is cut.
    changes = budget(app("whatif"), 80)
    assert [m.value for m in changes.markdown if m.value.startswith("**Newly")] == [
        "**Newly funded (0)**",
        "**Newly cut (1)**",
    ]
    [cut] = [d.value for d in changes.dataframe if "why" in d.value.columns]
    # FIN-P1: strong on fit and benefit, but 0.4833 for 1,111.1 is 435 per £m; health 1/6 is weak.
    assert cut.to_dict("records") == [
        {
            "project_id": "FIN-P1",
            "project": "General ledger migration",
            "department": "Finance",
            "score": pytest.approx(0.48333, abs=1e-4),
            "eac": pytest.approx(1.11111, abs=1e-5),  # in the column's unit, £k (tables.show)
            "per_million": pytest.approx(435.0, abs=0.1),
            "why": "weak health, high risk",
        }
    ]


def pickers(at: AppTest) -> dict[str, list[str]]:
    """The options each pin picker offers, by key."""
    return {key: list(at.multiselect(key=key).options) for key in (levers.PIN_IN, levers.PIN_OUT)}


def test_the_pin_pickers_list_the_projects_only_once_opened(fixture_settings):
    # Closed, a picker offers only what it holds (nothing yet): the page does not send every candidate
    # for pickers nobody opened.
    at = app("whatif", whatif_tab="Ranking")
    assert pickers(at) == {levers.PIN_IN: [], levers.PIN_OUT: []}
    at.session_state[levers.PINS] = True  # the user opens the expander
    at.run()
    every = [
        "FIN-P1 · General ledger migration",
        "FIN-P2 · Accounts payable automation",
        "HR-P3 · Payroll replacement",
        "HR-P4 · Recruitment portal",
    ]
    assert pickers(at) == {levers.PIN_IN: every, levers.PIN_OUT: every}
    at.multiselect(key=levers.PIN_OUT).set_value(["FIN-P1"]).run()
    # Closed again: the pin holds, and its picker offers it alone.
    at.session_state[levers.PINS] = False
    at.run()
    assert pickers(at) == {levers.PIN_IN: [], levers.PIN_OUT: ["FIN-P1 · General ledger migration"]}
    assert at.multiselect(key=levers.PIN_OUT).value == ["FIN-P1"]
    assert "FIN-P1" not in funded(at)
    # The closed section says that a pin is at work (it did not while it was open).
    note = "Pins at work: 1 pinned out · open the section above to see or change them"
    assert [c.value for c in at.caption if c.value.startswith("Pins at work")] == [note]
    at.session_state[levers.PINS] = True
    at.run()
    assert not [c for c in at.caption if c.value.startswith("Pins at work")]
    assert levers.pinned_note(2, 1) == (
        "Pins at work: 2 pinned in, 1 pinned out · open the section above to see or change them"
    )


def test_a_step_back_in_history_restores_that_visits_pins_with_the_section_closed(
    fixture_settings, monkeypatch
):
    # Back or Forward in the browser gives the URL's pins precedence over the session's (Streamlit's
    # history navigation). A closed picker that offered only the session's pins dropped the URL's,
    # and the view lost its pins: it offers both.
    at = app("whatif", whatif_tab="Ranking", wi_pin_out="FIN-P1 · General ledger migration")
    at.session_state[levers.PINS] = True
    at.run()
    at.multiselect(key=levers.PIN_OUT).set_value(["HR-P4"]).run()
    at.session_state[levers.PINS] = False
    at.run()
    assert at.multiselect(key=levers.PIN_OUT).value == ["HR-P4"]
    # Back to the first visit: its URL pins FIN-P1 out.
    at.query_params[levers.PIN_OUT] = "FIN-P1 · General ledger migration"
    drawn = levers._pin_picker

    def stepped_back(*args, **kwargs):
        get_script_run_ctx().is_history_navigation = True
        return drawn(*args, **kwargs)

    monkeypatch.setattr(levers, "_pin_picker", stepped_back)
    at.run()
    assert at.multiselect(key=levers.PIN_OUT).value == ["FIN-P1"]
    assert funded(at) == {"FIN-P2", "HR-P3", "HR-P4"}


def test_a_link_naming_no_candidate_pins_nothing(fixture_settings):
    at = app(
        "whatif", whatif_tab="Ranking", wi_pin_out=["Bogus", "FIN-P9 · Nothing", "HR-P4 · Recruitment portal"]
    )
    assert not at.exception
    assert at.multiselect(key=levers.PIN_OUT).value == ["HR-P4"]
    assert pickers(at)[levers.PIN_OUT] == ["HR-P4 · Recruitment portal"]


def test_pins_and_shocks(fixture_settings):
    at = app("whatif", whatif_tab="Ranking")
    at.session_state[levers.PINS] = True
    at.run()
    at.multiselect(key=levers.PIN_OUT).set_value(["FIN-P1", "FIN-P2"]).run()
    # FIN-P2 is mandatory, so stays in; FIN-P1 is out; the rest fit.
    assert funded(at) == {"FIN-P2", "HR-P3", "HR-P4"}
    at = app("whatif", whatif_tab="Ranking")
    at.slider(key=levers.OVERRUN).set_value(20).run()
    # +20% on every EAC, against today's 4,529.0: FIN-P2 2,400 leaves 2,129.0; FIN-P1 + HR-P3
    # (1,333.3 + 789.5 = 2,122.8, score 0.5533) beat HR-P3 + HR-P4 (0.51); FIN-P1 + HR-P4 (2,245.3) do not fit.
    assert funded(at) == {"FIN-P1", "FIN-P2", "HR-P3"}


def test_a_saved_scenario_survives_a_fresh_app_and_compares(fixture_settings, no_scenarios):
    save(app("whatif"), "Full budget")
    at = budget(app("whatif"), 80)
    save(at, "Board option B: 80%")
    fresh = app("whatif")
    listed = saved_table(fresh)
    assert list(listed["scenario"]) == ["Board option B: 80%", "Full budget"]
    assert list(listed["author"]) == ["Exec", "Exec"]
    fresh.multiselect(key="wi_compare").set_value(["Full budget", "Board option B: 80%"]).run()
    side = [d.value for d in fresh.dataframe if "Full budget" in d.value.columns and "" in d.value.columns][0]
    rows = {r[""]: (r["Full budget"], r["Board option B: 80%"]) for r in side.to_dict("records")}
    assert rows["Funded projects"] == ("4", "3")
    assert rows["Cost (EAC)"] == ("£4.53k", "£3.42k")
    assert rows["Envelope"] == ("£4.53k", "£3.62k")
    # Expected benefit: 3,000 + 2,500 + 800 + 900; without FIN-P1, 4,200.
    assert rows["Expected benefit"] == ("£7.20k", "£4.20k")
    # Strategic fit: (5 + 4 + 3 + 3) / 4; without FIN-P1, (4 + 3 + 3) / 3.
    assert rows["Strategic fit (mean of funded, 1-5)"] == ("3.75", "3.33")
    assert rows["Weights: fit, benefit, health, risk"] == ("3, 3, 2, 2", "3, 3, 2, 2")
    # The same weights: their scores compare (0.4833 + 0.4875 + 0.07 + 0.44; without FIN-P1).
    assert rows["Total score (same weights)"] == ("1.5", "1.0")
    assert any(
        c.value.endswith("Their weights are the same, so their total scores compare too.")
        for c in fresh.caption
    )
    differ = [
        d.value
        for d in fresh.dataframe
        if "project_id" in d.value.columns and "Full budget" in d.value.columns
    ][0]
    assert differ.to_dict("records") == [
        {
            "project_id": "FIN-P1",
            "project": "General ledger migration",
            "Full budget": True,
            "Board option B: 80%": False,
        },
    ]


def test_scenarios_of_different_weights_are_compared_without_their_scores(fixture_settings, no_scenarios):
    save(app("whatif"), "Balanced")
    at = app("whatif")
    at.slider(key="wi_fit").set_value(0).run()
    save(at, "No fit")
    at = app("whatif")
    at.multiselect(key="wi_compare").set_value(["Balanced", "No fit"]).run()
    side = [d.value for d in at.dataframe if "Balanced" in d.value.columns and "" in d.value.columns][0]
    rows = {r[""]: (r["Balanced"], r["No fit"]) for r in side.to_dict("records")}
    assert not [r for r in rows if "score" in r.lower()]
    assert rows["Weights: fit, benefit, health, risk"] == ("3, 3, 2, 2", "0, 3, 2, 2")
    # Without fit, HR-P3 scores (0.8 + 0.4 - 2) / 7 < 0: not worth funding. Fit (5 + 4 + 3) / 3.
    assert rows["Funded projects"] == ("4", "3")
    assert rows["Strategic fit (mean of funded, 1-5)"] == ("3.75", "4.00")
    assert any(
        c.value.endswith(
            "Total scores are left out: each is summed on its own scenario's weights, so they do not compare."
        )
        for c in at.caption
    )
    assert "score" not in " ".join(saved_table(at).columns)


def test_opening_a_scenario_restores_its_levers(fixture_settings, no_scenarios):
    save(budget(app("whatif"), 80), "Eighty")
    at = app("whatif", whatif_tab="Ranking")
    assert funded(at) == {"FIN-P1", "FIN-P2", "HR-P3", "HR-P4"}
    at.selectbox(key="wi_scenario").set_value("Eighty").run()
    at = at.button(key="wi_open").click().run()
    assert at.slider(key=levers.BUDGET_PCT).value == 80
    assert funded(at) == {"FIN-P2", "HR-P3", "HR-P4"}


def test_opening_a_scenario_restores_its_pins_with_the_section_closed(fixture_settings, no_scenarios):
    at = app("whatif")
    at.session_state[levers.PINS] = True
    at.run()
    save(at.multiselect(key=levers.PIN_OUT).set_value(["FIN-P1"]).run(), "Without the ledger")
    at = app("whatif", whatif_tab="Ranking")  # a fresh session: nothing pinned, the section closed
    assert funded(at) == {"FIN-P1", "FIN-P2", "HR-P3", "HR-P4"}
    at.selectbox(key="wi_scenario").set_value("Without the ledger").run()
    at = at.button(key="wi_open").click().run()
    assert at.multiselect(key=levers.PIN_OUT).value == ["FIN-P1"]
    assert funded(at) == {"FIN-P2", "HR-P3", "HR-P4"}
    assert [c.value for c in at.caption if c.value.startswith("Pins at work")] == [
        "Pins at work: 1 pinned out · open the section above to see or change them"
    ]


def test_scenarios_are_seen_only_within_scope_and_exported(fixture_settings, no_scenarios):
    save(app("whatif"), "Everything")
    assert saved_table(app("whatif", user="fin_head")) is None, "a PMO head does not see a portfolio-wide one"
    save(app("whatif", user="fin_head"), "Finance only")
    assert list(saved_table(app("whatif"))["scenario"]) == ["Finance only", "Everything"]
    scenario = scenarios.store().list(("FIN",))[0]
    frame = export.export_frame(scenario, app_candidates())
    # Finance alone: 100% is FIN's forecast cost, 3,111.1, so both its projects stay funded. Scaled
    # among FIN's two: FIN-P2 (2.25 + 2.5 + 2 - 2 x 15/15)/10 = 0.475, FIN-P1 (3 + 3 + 1/3 - 2 x 12/15)/10.
    shown = ["rank", "project_id", "decision", "score", "eac_in_scenario", "funded_in_scenario"]
    assert frame.select(shown).rows() == [
        (1, "FIN-P2", "Mandatory", 0.475, 2000.0, True),
        (2, "FIN-P1", "Funded", 0.4733, 1111.11, True),
    ]
    workbook = export.scenario_xlsx(scenario, app_candidates())
    decisions = pl.read_excel(io.BytesIO(workbook), sheet_name="decisions")
    assert decisions.select(shown).rows() == frame.select(shown).rows()
    about = pl.read_excel(io.BytesIO(workbook), sheet_name="scenario")
    assert dict(zip(about["item"], about["value"], strict=True))["scenario"] == "Finance only"


def test_a_pmo_head_may_use_a_name_saved_for_departments_they_cannot_see(fixture_settings, no_scenarios):
    # Before issue 10 the save was refused with "There is already a scenario called 'Everything'":
    # news of a scenario made for HR, which Finance's PMO head cannot see.
    save(app("whatif"), "Everything")
    at = save(app("whatif", user="fin_head"), "Everything")
    assert list(saved_table(at)["scenario"]) == ["Everything"]
    # Among what they see, a name is still theirs once: the same message as ever.
    at.text_input(key="wi_name").input("Everything")
    at = at.button(key="wi_save").click().run()
    assert [on_screen(e.value) for e in at.error] == [
        "There is already a scenario called 'Everything': choose another name."
    ]
    # The executive sees both, told apart by their departments, and can compare them.
    at = app("whatif")
    assert list(saved_table(at)["scenario"]) == ["Everything (FIN)", "Everything (FIN, HR)"]
    at.multiselect(key="wi_compare").set_value(["Everything (FIN)", "Everything (FIN, HR)"]).run()
    side = [d.value for d in at.dataframe if "Everything (FIN)" in d.value.columns][0]
    rows = {r[""]: (r["Everything (FIN)"], r["Everything (FIN, HR)"]) for r in side.to_dict("records")}
    assert rows["Funded projects"] == ("2", "4")


def test_scenario_exports_quote_formulas_and_keep_numbers(fixture_settings, no_scenarios):
    # A project name from a return and a scenario name typed in the app, each a formula (issue 10).
    save(app("whatif", user="fin_head"), "@SUM(A1)")
    at = app("whatif", user="fin_head")
    assert [b.label for b in at.download_button] == ["CSV", "XLSX"]
    [scenario] = scenarios.store().list(("FIN",))
    hostile = {"FIN-P1": '=HYPERLINK("http://evil.example","x")', "FIN-P2": "-2+3+cmd|' /C calc'!A0"}
    candidates = app_candidates().with_columns(
        pl.col("project_id").replace_strict(hostile, default=pl.col("project")).alias("project")
    )
    quoted = ["'-2+3+cmd|' /C calc'!A0", '\'=HYPERLINK("http://evil.example","x")']
    rows = list(csv.DictReader(io.StringIO(export.scenario_csv(scenario, candidates).decode(), newline="")))
    assert [(r["project_id"], r["project"], r["eac_in_scenario"]) for r in rows] == [
        ("FIN-P2", quoted[0], "2000.0"),
        ("FIN-P1", quoted[1], "1111.11"),
    ]
    workbook = export.scenario_xlsx(scenario, candidates)
    with zipfile.ZipFile(io.BytesIO(workbook)) as book:
        parts = {name: book.read(name).decode() for name in book.namelist()}
    assert not [
        n for n, text in parts.items() if n.startswith("xl/worksheets/") and re.search(r"<f[ >]", text)
    ]
    assert not [n for n, text in parts.items() if "<hyperlink" in text or "relationships/hyperlink" in text]
    decisions = pl.read_excel(io.BytesIO(workbook), sheet_name="decisions")
    assert decisions.select("project", "eac_in_scenario").rows() == [
        (quoted[0], 2000.0),
        (quoted[1], 1111.11),
    ]
    about = pl.read_excel(io.BytesIO(workbook), sheet_name="scenario")
    assert dict(zip(about["item"], about["value"], strict=True))["scenario"] == "'@SUM(A1)"


def test_a_viewer_may_look_but_not_save(fixture_settings):
    at = app("whatif", whatif_tab="Ranking", user="hr_viewer")
    assert not at.exception
    assert not [t for t in at.text_input if t.label == "Save this scenario as"]
    assert funded(at) == {"HR-P3", "HR-P4"}  # HR alone: 100% is HR's 1,417.9, which both fit
    # At 80% (1,134.3) only one fits; scaled among HR's projects, HR-P4 scores (1.5 + 3 + 2)/10 = 0.65
    # against HR-P3's (1.5 + 2.667 + 0.4 - 2)/10 = 0.2567.
    assert funded(budget(at, 80)) == {"HR-P4"}


def save(at: AppTest, name: str) -> AppTest:
    at.text_input(key="wi_name").input(name)
    at = at.button(key="wi_save").click().run()
    assert not at.error, [e.value for e in at.error]
    assert [on_screen(s.value) for s in at.success] == [f"Saved '{name}'."]
    return at


def saved_table(at: AppTest):
    tables = [d.value for d in at.dataframe if "scenario" in d.value.columns]
    return tables[0] if tables else None


def app_candidates() -> pl.DataFrame:
    from pmo_dash import data
    from pmo_dash.data import Filters

    periods = data.portfolio.periods(("FIN", "HR"))
    return data.whatif.candidates(Filters(scope=("FIN", "HR"), as_of=periods[0]))


def test_saved_scenarios_survive_a_rebuild_and_say_which_warehouse_they_came_from(
    fixture_settings, no_scenarios
):
    from pmo_dash.intake.build import build

    save(budget(app("whatif"), 80), "Before the rebuild")
    [before] = scenarios.store().list(("FIN", "HR"))
    build(fixture_settings)  # a new warehouse file, swapped in
    at = app("whatif")
    assert list(saved_table(at)["scenario"]) == ["Before the rebuild"]
    at.selectbox(key="wi_scenario").set_value("Before the rebuild").run()
    assert any(
        on_screen(c.value).startswith(f"Made on the warehouse {before.warehouse_version}") for c in at.caption
    ), "a scenario made on an earlier build says so"
    assert before.warehouse_version.startswith("built ")


def test_a_link_carries_the_pins_and_shocks(fixture_settings):
    # The view on the big screen is a link: pins and the shocked departments travel with it.
    # Streamlit writes a multiselect's labels to the URL.
    at = app(
        "whatif",
        whatif_tab="Ranking",
        wi_pin_out="FIN-P1 · General ledger migration",
        wi_shocked="Finance",
        wi_overrun="20",
    )
    assert at.multiselect(key=levers.PIN_OUT).value == ["FIN-P1"]
    assert pickers(at)[levers.PIN_OUT] == ["FIN-P1 · General ledger migration"]  # closed: the pin alone
    assert at.multiselect(key=levers.SHOCKED).value == ["FIN"]
    # FIN-P1 out; +20% on FIN only: FIN-P2 2,400 leaves 2,129.0 for HR-P3 + HR-P4 (1,417.9).
    assert funded(at) == {"FIN-P2", "HR-P3", "HR-P4"}
