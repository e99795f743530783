"""`python -m pmo_dash forecast-check` (`make forecast-check`): build the warehouse from the returns
(the shipped demo by default) apart from the app's, and write the forecasts' figures to docs/forecast.md:
how closed projects landed, the contingency to hold, and the early warning's backtest against the rule.
The same returns and settings always write the same file."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl

from pmo_dash import db
from pmo_dash.intake.build import build
from pmo_dash.settings import ROOT, Settings


def run_forecast_check(settings: Settings, source: Path, out: Path) -> int:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        built = settings.model_copy(update={"warehouse": here / "w.duckdb", "report": here / "r.csv"})
        build(built, source, built.warehouse, built.report)
        text = render(built.warehouse, source)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(f"wrote {out}")
    return 0


def render(warehouse: Path, source: Path) -> str:
    """docs/forecast.md of the warehouse: every figure read through the app's own queries."""
    scope = db.query(warehouse, "portfolio/all_department_ids", {})["department_id"].to_list()
    last = max(db.query(warehouse, "portfolio/periods", {"scope": scope})["period"])
    params = {"scope": scope, "as_of": last, "programme": None, "objective": None}
    classes = db.query(warehouse, "forecast/reference_summary", params)
    exposure = db.query(warehouse, "forecast/exposure", params)
    tested = {r["method"]: r for r in db.query(warehouse, "forecast/backtest", params).iter_rows(named=True)}
    cut = db.query(warehouse, "intake/thresholds", {}).row(0, named=True)
    lines = [
        "# Forecasts: how far to trust them",
        "",
        f"Written by `make forecast-check` from the returns in `{shown(source)}`, as of {last:%-d %B %Y}, "
        f"with `PMO_REFERENCE_CLASS_MIN` {cut['reference_class_min']} and `PMO_WARNING_THRESHOLD` "
        f"{cut['warning_threshold']}. How each figure is defined: README, Measures.",
        "",
        "## How closed projects landed (the reference classes)",
        "",
        "Cost outcome = final cost / budget at baseline; schedule outcome = actual duration / planned.",
        "",
        "| department | closed | cost P50 | cost P80 | cost max | schedule P50 | schedule P80 "
        "| schedule max |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {r['department']} | {r['closed']} | {r['cost_p50']:.2f} | {r['cost_p80']:.2f} | "
            f"{r['cost_max']:.2f} | {r['schedule_p50']:.2f} | {r['schedule_p80']:.2f} | "
            f"{r['schedule_max']:.2f} |"
            for r in classes.iter_rows(named=True)
        ),
        "",
        "## Contingency to hold",
        "",
        *contingency(exposure),
        "",
        "## The early warning's backtest",
        "",
        *backtest(tested, cut["warning_threshold"]),
        "",
    ]
    return "\n".join(lines)


def shown(source: Path) -> str:
    """The returns' folder as the repository names it (data/sample), else its own name."""
    try:
        return source.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return source.name


def contingency(exposure: pl.DataFrame) -> list[str]:
    sums = exposure.select(pl.col("forecast", "budget", "p50_cost", "p80_cost", "contingency").sum()).row(
        0, named=True
    )
    if not sums["forecast"]:
        return ["Not enough history: no active project could be forecast."]
    return [
        f"{sums['forecast']} active projects forecast: budget {sums['budget']:,.0f}, P50 final cost "
        f"{sums['p50_cost']:,.0f}, P80 {sums['p80_cost']:,.0f}; contingency to hold (P80 less budget) "
        f"{sums['contingency']:,.0f} ({sums['contingency'] / sums['budget']:.1%} of budget)."
    ]


def backtest(tested: dict[str, dict], threshold: float) -> list[str]:
    model, rule = tested.get("model"), tested.get("rule")
    if not model or not model["positives"]:
        return ["Not enough history: no project that turned Red has an outcome the model could be judged on."]

    def cell(value: float | None, form: str) -> str:
        return "–" if value is None else format(value, form)

    verdict = (
        "The model beats the rule (higher F1 of precision and recall): the pages flag by the model."
        if model["shown"]
        else "The model does not beat the rule: the pages flag by the rule, SPI(t) fell two periods in a row."
    )
    rows = [
        f"| {name} | {m['rows']} | {m['positives']} | {cell(m['base_rate'], '.1%')} | {m['flagged']} | "
        f"{cell(m['precision'], '.1%')} | {cell(m['recall'], '.1%')} | {cell(m['auc'], '.3f')} |"
        for name, m in (
            (f"model (chance ≥ {threshold:g})", model),
            ("rule: SPI(t) fell two periods in a row", rule),
        )
    ]
    return [
        "Each period's projects (active, Green or Amber on evidence) scored by the model fitted on what was",
        "known at that period; judged on those whose next three periods have passed (the outcome: Red on",
        "evidence within three periods).",
        "",
        "| method | project-periods | turned Red | base rate | flagged | precision | recall | ROC AUC |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        verdict,
    ]
