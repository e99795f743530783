"""The pages as AppTest runs them, on the fixture warehouse: no exceptions, and the right numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).parent.parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def run(script: str) -> AppTest:
    return AppTest.from_file(str(ROOT / script), default_timeout=30).run()


@pytest.mark.parametrize("script", ["app.py", *PAGES])
def test_every_page_runs_without_an_exception(fixture_settings, script):
    at = run(script)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title, f"{script} shows no title"


def test_overview_shows_the_hand_computed_kpis(fixture_settings):
    at = run("app.py")
    metrics = {m.label: (m.value, m.delta or None) for m in at.metric}
    assert metrics == {
        "Active projects": ("4", None),
        "Budget (BAC)": ("£4.3k", None),
        # EAC = 1000/0.9 + 2000 + 500/0.76 + 800/(400/380) = 4,529.0
        "Forecast cost (EAC)": ("£4.5k", "+5.3% vs budget"),
        # SPI = 2040 / 2200, CPI = 2040 / 2130
        "Schedule (SPI)": ("0.93", None),
        "Cost (CPI)": ("0.96", None),
        "Red on evidence": ("50%", None),
    }


def test_overview_lists_the_watermelon_with_its_evidence(fixture_settings):
    at = run("app.py")
    assert "Watermelons: reported Green, Red on evidence (1)" in [s.value for s in at.subheader]
    table = at.dataframe[0].value
    assert table["project_id"].tolist() == ["FIN-P1"]
    assert table["evidence"].tolist() == ["SPI 0.75 < 0.85"]


def test_rag_mix_can_switch_to_reported(fixture_settings):
    at = run("app.py")
    at.segmented_control(key="rag_basis").set_value("Reported").run()
    assert not at.exception
    assert at.segmented_control(key="rag_basis").value == "Reported"
