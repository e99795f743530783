"""The early warning (issue 17, part 3): its measures hand-computed on small frames, its model trained
only on what was known at each period, and its features built from nothing dated after the period they
predict from (the same fixture built whole and cut at September must give September the same features)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
import pytest
from conftest import golden_returns

from pmo_dash import db
from pmo_dash.forecast import model, warning
from pmo_dash.intake.build import build
from pmo_dash.settings import Settings

SEP = dt.date(2026, 9, 30)


def test_roc_auc_counts_the_pairs_a_positive_wins():
    # Positives 0.9 and 0.4, negatives 0.8, 0.3, 0.2: 0.9 beats all three, 0.4 beats two -> 5 of 6 pairs.
    scores = np.array([0.9, 0.8, 0.4, 0.3, 0.2])
    assert model.roc_auc(scores, np.array([True, False, True, False, False])) == pytest.approx(5 / 6)
    # A tie counts half; a flag (0 or 1) as a score: (1 + TPR - FPR) / 2 = (1 + 1/2 - 1/3) / 2.
    assert model.roc_auc(np.array([0.5, 0.5]), np.array([True, False])) == pytest.approx(0.5)
    flag = np.array([1.0, 0.0, 0.0, 1.0, 0.0])
    assert model.roc_auc(flag, np.array([True, True, False, False, False])) == pytest.approx(7 / 12)
    assert model.roc_auc(scores, np.zeros(5, dtype=bool)) is None  # nothing to rank against


def test_the_fit_keeps_the_base_rate_and_orders_by_the_evidence():
    # Unpenalised intercept: the mean fitted probability is the base rate (3 of 8), whatever the ridge.
    x = np.array([[0.0], [0.0], [0.0], [0.0], [1.0], [1.0], [1.0], [1.0]])
    y = np.array([0, 0, 0, 1, 1, 1, 0, 0], dtype=float)
    fitted = model.fit(x, y)
    p = fitted.probability(x)
    assert p.mean() == pytest.approx(3 / 8)
    assert p[4] > p[0]  # x = 1 turned Red twice in four, x = 0 once in four
    # A feature that says nothing (the same rate either way) gets no weight; a missing value is the mean.
    flat = model.fit(np.array([[0.0], [0.0], [1.0], [1.0]]), np.array([1.0, 0.0, 1.0, 0.0]))
    assert flat.weights == pytest.approx([0.0, 0.0], abs=1e-9)
    assert flat.probability(np.array([[np.nan]])) == pytest.approx([0.5])


def test_precision_recall_and_the_rule_on_the_same_rows():
    # Six rows scored, two turned Red. Model at 0.5 flags a (Red), b, c (Red): precision 2/3, recall 2/2.
    # The rule flags b and d: precision 0, recall 0.
    scored = pl.DataFrame(
        {
            "project_id": list("abcdef"),
            "period": [SEP] * 6,
            "turned_red": [True, False, True, False, False, None],
            "probability": [0.9, 0.6, 0.5, 0.2, 0.1, 0.95],
            "model_flag": [True, True, True, False, False, True],
            "rule_flag": [False, True, False, True, False, True],
        }
    )
    tested = warning.backtest(scored, 0.5).rows_by_key("method", named=True, unique=True)
    m, r = tested["model"], tested["rule"]
    assert (m["rows"], m["positives"], m["base_rate"]) == (5, 2, pytest.approx(0.4))  # f: not yet known
    assert (m["precision"], m["recall"], m["f1"]) == (pytest.approx(2 / 3), 1.0, pytest.approx(0.8))
    assert m["auc"] == pytest.approx(5 / 6)  # 0.9 above 0.6, 0.2, 0.1; 0.5 above 0.2 and 0.1 only
    assert (r["precision"], r["recall"], r["f1"]) == (0.0, 0.0, 0.0)
    assert (m["chosen"], r["chosen"]) == (True, False)


def synthetic(periods: int = 8, projects: int = 20, seed: int = 3) -> pl.DataFrame:
    """Feature rows for `projects` projects over month ends from January 2026, Red later when SPI(t) is low."""
    rng = np.random.default_rng(seed)
    ends = [dt.date(2026, m + 2, 1) - dt.timedelta(days=1) for m in range(periods)]
    rows = pl.DataFrame(
        {
            "project_id": [f"P{i}" for _ in ends for i in range(projects)],
            "period": [e for e in ends for _ in range(projects)],
        }
    )
    n = rows.height
    spi = rng.normal(0.95, 0.08, n)
    frame = rows.with_columns(
        pl.Series("spi_t", spi),
        *(pl.lit(0.0).alias(c) for c in warning.FEATURES if c not in ("spi_t", "spi_t_fell_twice")),
        pl.Series("spi_t_fell_twice", rng.random(n) < 0.2),
        pl.Series("turned_red", rng.random(n) < 1 / (1 + np.exp(25 * (spi - 0.85)))),
    )
    last_known = ends[-1 - warning.HORIZON_MONTHS]
    return frame.with_columns(
        pl.when(pl.col("period") <= last_known).then(pl.col("turned_red")).alias("turned_red")
    )


def test_each_period_is_scored_by_a_model_of_what_was_known_then():
    features = synthetic()
    scored = warning.score(features, 0.3)
    trained = dict(scored.group_by("period").agg(pl.col("trained_on").first()).iter_rows())
    # January's outcome (Red in February, March or April) is known at the end of April: April's model
    # learns from January's 20 rows; May and June use it; July's (refitted every three periods) learns from
    # January to April's 80. Before April, no model.
    assert trained[dt.date(2026, 3, 31)] == 0 and trained[dt.date(2026, 4, 30)] == 20
    assert (trained[dt.date(2026, 6, 30)], trained[dt.date(2026, 7, 31)]) == (20, 80)
    assert scored.filter(pl.col("period") < dt.date(2026, 4, 30))["probability"].null_count() == 60
    # Changing what happened from March on changes nothing May's model said.
    may = dt.date(2026, 5, 31)
    altered = features.with_columns(
        pl.when(pl.col("period") > dt.date(2026, 2, 28))
        .then(~pl.col("turned_red"))
        .otherwise(pl.col("turned_red"))
        .alias("turned_red")
    )
    before = scored.filter(pl.col("period") == may)["probability"]
    after = warning.score(altered, 0.3).filter(pl.col("period") == may)["probability"]
    assert before.to_list() == pytest.approx(after.to_list())
    july = dt.date(2026, 7, 31)
    assert scored.filter(pl.col("period") == july)["probability"].to_list() != pytest.approx(
        warning.score(altered, 0.3).filter(pl.col("period") == july)["probability"].to_list()
    )  # control: July's model did learn from March and April


def test_flagged_rows_give_their_reasons_with_values():
    scored = warning.score(synthetic(), 0.3)
    flagged = scored.filter(pl.col("model_flag"))
    assert flagged.height > 0
    assert flagged["reasons"].str.starts_with("SPI(t) 0.").all()


# The golden fixture with a change request pending from August to its decision in October, another raised
# in October, and risks and returns that move between September and October: cut at September, every
# September feature must be what the whole build says.
CHANGES = (
    "change_id,project_id,raised_on,title,cost_impact,schedule_impact_days,decision,decided_on,decided_by\n"
    "FIN-C1,FIN-P2,2026-08-10,More scope,50,10,Approved,2026-10-05,CCB\n"
    "FIN-C2,FIN-P2,2026-10-12,Even more scope,20,5,Pending,,\n"
)


def cut_at(source, day: dt.date) -> None:
    """Remove from the returns everything dated after `day`."""
    dated = {
        "status_reports": "as_of",
        "risks": "raised_on",
        "risk_reviews": "reviewed_on",
        "change_requests": "raised_on",
        "issues": "raised_on",
        "benefit_measurements": "as_of",
        "lessons": "logged_on",
    }
    for path in source.glob("*/*.csv"):
        if (column := dated.get(path.stem)) is None:
            continue
        rows = pl.read_csv(path, infer_schema=False)
        kept = rows.filter(pl.col(column).str.to_date() <= day)
        if path.stem == "change_requests":  # a decision after the cut was not known at it
            late = pl.col("decided_on").str.to_date() > day
            kept = kept.with_columns(
                pl.when(late).then(pl.lit("Pending")).otherwise(pl.col("decision")).alias("decision"),
                pl.when(late).then(None).otherwise(pl.col("decided_on")).alias("decided_on"),
            )
        kept.write_csv(path)


def features_at(tmp_path, name: str, cut: dt.date | None) -> pl.DataFrame:
    source = golden_returns(tmp_path / name)
    (source / "FIN" / "change_requests.csv").write_text(CHANGES)
    if cut:
        cut_at(source, cut)
    out = tmp_path / f"{name}-out"
    out.mkdir()
    settings = Settings(data_dir=out, warehouse=out / "w.duckdb", report=out / "r.csv")
    build(settings, source, settings.warehouse, settings.report)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.sql("from warning_features order by project_id, period").pl()


def test_no_feature_uses_data_after_the_period_it_predicts_from(tmp_path):
    whole = features_at(tmp_path, "whole", None)
    cut = features_at(tmp_path, "cut", SEP)
    columns = ["project_id", "period", *warning.FEATURES]
    september = whole.filter(pl.col("period") <= SEP).select(columns)
    assert september.height >= 4  # FIN-P1, FIN-P2, HR-P3 and HR-P4 in August and September
    assert september.equals(cut.select(columns))
    # Control: what October brought shows in the whole build's October rows (else the test proves nothing).
    # FIN-P2: one change pending in each month (a different one), FIN-R2 reviewed up from 2 x 3 to 5 x 3.
    p2 = whole.filter(pl.col("project_id") == "FIN-P2").rows_by_key("period", named=True, unique=True)
    october = p2[dt.date(2026, 10, 31)]
    assert (p2[SEP]["pending_changes"], october["pending_changes"]) == (1, 1)
    assert (p2[SEP]["risk_exposure"], october["risk_exposure"], october["risk_exposure_change"]) == (6, 15, 9)
    # The outcome is the one column that looks ahead: unknown until three periods have passed.
    assert whole["turned_red"].null_count() == whole.height


def test_docs_forecast_md_is_what_make_forecast_check_writes(tmp_path):
    from pmo_dash.cli.forecast import render

    root = Path(__file__).parent.parent
    settings = Settings(data_dir=tmp_path, warehouse=tmp_path / "w.duckdb", report=tmp_path / "r.csv")
    build(settings, root / "data" / "sample", settings.warehouse, settings.report)
    written = (root / "docs" / "forecast.md").read_text()
    assert written == render(settings.warehouse, root / "data" / "sample"), "run `make forecast-check`"
    # The demo's figures, as docs/forecast.md states them: the model beats the rule.
    assert "The model beats the rule" in written
    # The pages' backtest (SQL, over the projects in view) is the build's (numpy), to the last digit.
    scope = ["CLIN", "DATA", "DIGI", "FIN", "HR", "INFRA", "SEC", "SUPP"]
    params = {"scope": scope, "as_of": dt.date(2026, 10, 31), "programme": None, "objective": None}
    shown = db.query(settings.warehouse, "forecast/backtest", params).rows_by_key("method", named=True)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        built = con.sql("from warning_backtest").pl().rows_by_key("method", named=True)
    for method in ("model", "rule"):
        (page,), (build_,) = shown[method], built[method]
        assert (page["rows"], page["positives"], page["flagged"]) == (
            build_["rows"],
            build_["positives"],
            build_["flagged"],
        )
        assert (page["precision"], page["recall"], page["auc"]) == pytest.approx(
            (build_["precision"], build_["recall"], build_["auc"])
        )
    # As of April 2026 the backtest holds only the outcomes known by then: fewer project-periods.
    april = db.query(settings.warehouse, "forecast/backtest", params | {"as_of": dt.date(2026, 4, 30)})
    assert 0 < april["rows"][0] < shown["model"][0]["rows"]
