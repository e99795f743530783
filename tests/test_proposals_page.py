"""The Proposals page, the what-if with approved proposals and the board's decisions on the governance
view, as AppTest runs them on the planning fixture (tests/fixtures/planning, discount rate 3.5%)."""

from __future__ import annotations

from test_app import app
from test_planning import planned_app  # noqa: F401  (the app on the planning fixture)


def test_no_proposals_returned_says_so(fixture_settings):
    at = app("proposals")
    assert not at.exception
    assert any("`proposals` return" in i.value for i in at.info)


def test_proposals_ranked_with_their_decisions(planned_app):  # noqa: F811  (the fixture, imported)
    at = app("proposals")
    assert not at.exception, [e.message for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Proposals"] == "3" and metrics["Awaiting decision"] == "1"
    assert metrics["Approved to start"] == "1"
    ranked = at.dataframe[0].value
    # At 3.5%: HR-X1 250 x 4.515052 = 1128.76 / 500 = 2.2575; FIN-X1 400 x 3.673079 = 1469.23 / 1000 =
    # 1.4692; FIN-X2 200 x 2.801637 = 560.33 / 900 = 0.6226.
    assert ranked["proposal_id"].to_list() == ["HR-X1", "FIN-X1", "FIN-X2"]
    assert [round(v, 4) for v in ranked["benefit_cost_ratio"]] == [2.2575, 1.4692, 0.6226]
    # A title that is a formula is shown as text, never as a link.
    assert '=HYPERLINK("http://evil.example")' in ranked["title"].to_list()
    spec = at.get("plotly_chart")[0].proto.spec
    assert "<a" not in spec


def test_ranked_by_risk_puts_the_lowest_first(planned_app):  # noqa: F811  (the fixture, imported)
    at = app("proposals")
    at.segmented_control(key="rank_by").set_value("risk").run()
    assert at.dataframe[0].value["risk_rating"].to_list() == ["Low", "Medium", "High"]


def test_the_what_if_ranks_an_approved_proposal_beside_the_projects(planned_app):  # noqa: F811  (the fixture, imported)
    at = app("whatif", whatif_tab="Ranking")
    assert not at.exception, [e.message for e in at.exception]
    ranked = [d.value for d in at.dataframe if "is_proposal" in d.value.columns][0]
    assert ranked[ranked["is_proposal"]]["project_id"].to_list() == ["FIN-X1"]
    # The answer's line counts the candidates, proposals apart: the five active projects and FIN-X1.
    assert sorted(ranked["project_id"]) == ["FIN-P1", "FIN-P2", "FIN-P7", "FIN-X1", "HR-P3", "HR-P4"]
    assert any(" · 6 candidates (5 projects, 1 approved proposal) · " in c for c in at.caption.values), [
        c for c in at.caption.values if "candidates" in c
    ]


def test_the_governance_view_shows_the_boards_decisions(planned_app):  # noqa: F811  (the fixture, imported)
    at = app("governance", made="Proposals")
    assert not at.exception
    decisions = [d.value for d in at.dataframe if "decided_on" in d.value.columns][0]
    assert decisions["decision"].to_list() == ["Approved", "Rejected", "Deferred"]
