"""The what-if engine: scores, shocks, the optimiser against brute force, its invariants, and its effects."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import time

import numpy as np
import polars as pl
import pytest
from scipy.optimize import OptimizeResult

from pmo_dash.ui.whatif import views
from pmo_dash.whatif import effects, knapsack
from pmo_dash.whatif.levers import Levers, forced
from pmo_dash.whatif.optimise import frontier, optimise
from pmo_dash.whatif.score import score
from pmo_dash.whatif.shocks import apply_shocks

START = dt.date(2026, 1, 1)
TOL = 1e-9


def month(i: int) -> dt.date:
    return dt.date(START.year + i // 12, i % 12 + 1, 1)


def candidates_of(rows: list[dict]) -> pl.DataFrame:
    defaults = {
        "department_id": "A",
        "strategic_fit": 3,
        "expected_benefit": 0.0,
        "exposure": 0.0,
        "health": 1.0,
        "eac": 100.0,
        "finish": dt.date(2026, 6, 30),
        "mandatory": False,
        "funded_now": False,
    }
    return pl.DataFrame(
        [{**defaults, **row} for row in rows],
        schema={
            "project_id": pl.String,
            "department_id": pl.String,
            "strategic_fit": pl.Int64,
            "expected_benefit": pl.Float64,
            "exposure": pl.Float64,
            "health": pl.Float64,
            "eac": pl.Float64,
            "finish": pl.Date,
            "mandatory": pl.Boolean,
            "funded_now": pl.Boolean,
        },
    )


NO_DEMAND = pl.DataFrame(
    schema={"project_id": pl.String, "role": pl.String, "month": pl.Date, "demand_fte": pl.Float64}
)
NO_CAPACITY = pl.DataFrame(
    schema={"department_id": pl.String, "role": pl.String, "month": pl.Date, "capacity_fte": pl.Float64}
)
NO_BENEFITS = pl.DataFrame(schema={"project_id": pl.String, "month": pl.Date, "value": pl.Float64})


# --- random small instances and brute force ---------------------------------------------------------


def random_instance(rng: np.random.Generator, n: int, use_capacity: bool):
    """Up to 15 projects in 2 departments, 2 roles, 3 months, with random weights, pins and limits."""
    ids = [f"P{i:02d}" for i in range(n)]
    benefit = rng.uniform(0, 1000, n)
    health = rng.random(n)
    candidates = pl.DataFrame(
        {
            "project_id": ids,
            "department_id": rng.choice(["A", "B"], n),
            "strategic_fit": rng.integers(1, 6, n),
            "expected_benefit": [None if rng.random() < 0.15 else float(b) for b in benefit],
            "exposure": rng.choice([0.0, 4.0, 9.0, 16.0, 25.0], n) * rng.integers(0, 3, n),
            "health": [None if rng.random() < 0.15 else float(h) for h in health],
            "eac": np.where(rng.random(n) < 0.05, 0.0, rng.uniform(1, 100, n).round(2)),
            "finish": [month(int(m)) for m in rng.integers(0, 3, n)],
            "mandatory": rng.random(n) < 0.1,
            "funded_now": rng.random(n) < 0.5,
        },
        schema_overrides={"expected_benefit": pl.Float64, "health": pl.Float64},
    )
    rows = [
        (pid, role, month(m), float(rng.uniform(0.1, 1.5)))
        for pid in ids
        for role in ("dev", "test")
        for m in range(3)
        if rng.random() < 0.5
    ]
    demand = pl.DataFrame(rows, schema=NO_DEMAND.schema, orient="row")
    capacity = pl.DataFrame(
        [
            (dept, role, month(m), float(rng.uniform(0, 4)))
            for dept in ("A", "B")
            for role in ("dev", "test")
            for m in range(3)
            if rng.random() > 0.15  # some cells have no capacity row: unconstrained
        ],
        schema=NO_CAPACITY.schema,
        orient="row",
    )
    weights = rng.choice([0.0, 0.5, 1.0, 2.0, 3.0], 4)
    levers = Levers(
        fit=weights[0],
        benefit=weights[1],
        risk=weights[2],
        health=weights[3],
        budget=float(candidates["eac"].sum() * rng.uniform(0.1, 0.9)),
        use_capacity=use_capacity,
        pinned_in=frozenset(rng.choice(ids, rng.integers(0, 3))),
        pinned_out=frozenset(rng.choice(ids, rng.integers(0, 3))),
        time_limit=5.0,
    )
    return candidates, demand, capacity, levers


def expected_scores(candidates: pl.DataFrame, levers: Levers) -> np.ndarray:
    """The score formula written out again, independently of the engine."""
    fit = (candidates["strategic_fit"].to_numpy() - 1) / 4
    benefit = candidates["expected_benefit"].fill_null(0).to_numpy()
    benefit = benefit / benefit.max() if benefit.max() > 0 else benefit * 0
    risk = candidates["exposure"].to_numpy()
    risk = risk / risk.max() if risk.max() > 0 else risk * 0
    health = candidates["health"].fill_null(0.5).to_numpy()
    total = levers.fit + levers.benefit + levers.risk + levers.health
    if total == 0:
        return np.zeros(len(candidates))
    return (levers.fit * fit + levers.benefit * benefit + levers.health * health - levers.risk * risk) / total


def forced_sets(candidates: pl.DataFrame, levers: Levers) -> tuple[np.ndarray, np.ndarray]:
    """Mandatory beats pinned out beats pinned in, written out again."""
    force_in, force_out = [], []
    for pid, mandatory in zip(candidates["project_id"], candidates["mandatory"], strict=True):
        out = not mandatory and pid in levers.pinned_out
        force_out.append(out)
        force_in.append(mandatory or (pid in levers.pinned_in and not out))
    return np.array(force_in), np.array(force_out)


def cell_matrix(candidates: pl.DataFrame, demand: pl.DataFrame, capacity: pl.DataFrame):
    """(cells x projects demand, capacity per cell) for cells with a capacity row."""
    cells = capacity.select("department_id", "role", "month", "capacity_fte").rows()
    column = {pid: j for j, pid in enumerate(candidates["project_id"])}
    department = dict(zip(candidates["project_id"], candidates["department_id"], strict=True))
    matrix = np.zeros((len(cells), len(candidates)))
    for pid, role, when, fte in demand.rows():
        for i, (dept, cell_role, cell_month, _) in enumerate(cells):
            if (department[pid], role, when) == (dept, cell_role, cell_month):
                matrix[i, column[pid]] += fte
    return matrix, np.array([c[3] for c in cells])


def brute_force(candidates, demand, capacity, levers) -> float:
    """The best total score over all 2^n selections that respect the rules."""
    n = len(candidates)
    values = expected_scores(candidates, levers)
    costs = candidates["eac"].to_numpy()
    force_in, force_out = forced_sets(candidates, levers)
    subsets = np.array(list(itertools.product([False, True], repeat=n)), dtype=bool)
    ok = np.all(subsets[:, force_in], axis=1) & ~np.any(subsets[:, force_out], axis=1)
    free = subsets & ~force_in
    budget_left = max(0.0, levers.budget - costs[force_in].sum())
    ok &= free @ costs <= budget_left + TOL * max(1, budget_left)
    if levers.use_capacity:
        matrix, cap = cell_matrix(candidates, demand, capacity)
        room = np.maximum(0.0, cap - matrix @ force_in)
        ok &= np.all(free.astype(float) @ matrix.T <= room + TOL * np.maximum(1, room), axis=1)
    return float((subsets[ok].astype(float) @ values).max())


@pytest.fixture
def milp_calls(monkeypatch):
    """Counts the calls that reach HiGHS, to show the exact solver (not just the bound) did the work."""
    calls = []
    real = knapsack.milp

    def counting(*args, **kwargs):
        calls.append(kwargs.get("c"))
        return real(*args, **kwargs)

    monkeypatch.setattr(knapsack, "milp", counting)
    return calls


@pytest.mark.parametrize("fixing", [True, False], ids=["with-fixing", "milp-alone"])
def test_optimiser_matches_brute_force_on_200_random_instances(milp_calls, monkeypatch, fixing):
    """200 random instances each way. Without a greedy answer nothing can be fixed by the bound, so
    the second run puts every instance's whole free set through HiGHS."""
    if not fixing:
        monkeypatch.setattr(
            knapsack, "greedy", lambda problem, uses: np.zeros(len(problem.values), dtype=bool)
        )
    rng = np.random.default_rng(20260101)
    solved_by_milp = 0
    for case in range(200):
        n = int(rng.integers(1, 16))
        use_capacity = case % 2 == 1
        candidates, demand, capacity, levers = random_instance(rng, n, use_capacity)
        before = len(milp_calls)
        selection = optimise(candidates, demand, capacity, levers)
        solved_by_milp += len(milp_calls) > before
        best = brute_force(candidates, demand, capacity, levers)
        context = f"case {case}: n={n}, capacity={use_capacity}, {levers}"
        assert selection.status == "optimal", context
        assert selection.method == "milp", context
        assert selection.objective == pytest.approx(best, abs=1e-9), context
        np.testing.assert_allclose(
            selection.scores["score"].to_numpy(), expected_scores(candidates, levers), atol=1e-12
        )
    # The bound settles many instances alone; without it, HiGHS sees every one with a free project that could help.
    assert solved_by_milp > (50 if fixing else 100)


def check_invariants(candidates, demand, capacity, levers, selection):
    chosen = selection.selected
    force_in, force_out = forced_sets(candidates, levers)
    values = expected_scores(candidates, levers)
    costs = candidates["eac"].to_numpy()
    assert np.all(chosen[force_in]), "forced projects are in"
    assert not np.any(chosen[force_out]), "pinned out (not mandatory) projects are out"
    assert np.all(chosen[candidates["mandatory"].to_numpy()]), "mandatory projects are in"
    assert not np.any(chosen & ~force_in & (values <= 0)), "a free project with score <= 0 was chosen"
    assert selection.chosen == set(candidates.filter(pl.Series(chosen))["project_id"])
    assert selection.objective == pytest.approx(values[chosen].sum())
    assert selection.total_cost == pytest.approx(costs[chosen].sum())
    assert selection.over_budget == pytest.approx(max(0.0, costs[chosen].sum() - levers.budget))
    free_cost = costs[chosen & ~force_in].sum()
    assert free_cost <= max(0.0, levers.budget - costs[force_in].sum()) + 1e-6
    if costs[force_in].sum() <= levers.budget:
        assert selection.total_cost <= levers.budget * (1 + 1e-9) + 1e-9
    if levers.use_capacity:
        matrix, cap = cell_matrix(candidates, demand, capacity)
        forced_load = matrix @ force_in
        load = matrix @ chosen
        assert np.all(load - forced_load <= np.maximum(0.0, cap - forced_load) + 1e-6)
        within = forced_load <= cap
        assert np.all(load[within] <= cap[within] + 1e-6), "a cell the forced projects left room in is over"
        assert len(selection.over_allocated) == int(np.sum(load > cap + 1e-6))
    else:
        assert selection.over_allocated.is_empty()


def test_invariants_hold_on_larger_random_instances():
    rng = np.random.default_rng(7)
    for case in range(40):
        n = int(rng.integers(20, 60))
        candidates, demand, capacity, levers = random_instance(rng, n, use_capacity=case % 2 == 0)
        # Make the forced projects overflow the limits now and then.
        if case % 5 == 0:
            candidates = candidates.with_columns(mandatory=pl.Series(rng.random(n) < 0.5))
        selection = optimise(candidates, demand, capacity, levers)
        check_invariants(candidates, demand, capacity, levers, selection)


def test_forced_projects_beyond_the_budget_stay_in_and_the_excess_is_reported():
    candidates = candidates_of(
        [
            {"project_id": "M1", "mandatory": True, "eac": 80.0},
            {"project_id": "M2", "mandatory": True, "eac": 50.0},
            {"project_id": "F1", "strategic_fit": 5, "eac": 10.0},
            {"project_id": "F0", "strategic_fit": 5, "eac": 0.0},
        ]
    )
    selection = optimise(candidates, NO_DEMAND, NO_CAPACITY, Levers(budget=100.0))
    assert selection.chosen == {"M1", "M2", "F0"}, "nothing with a cost fits once the forced ones overflow"
    assert selection.over_budget == pytest.approx(30.0)
    assert selection.status == "optimal"


def test_forced_projects_beyond_capacity_are_reported_cell_by_cell():
    candidates = candidates_of(
        [
            {"project_id": "M", "mandatory": True},
            {"project_id": "F", "strategic_fit": 5},
            {"project_id": "G", "strategic_fit": 5},
        ]
    )
    demand = pl.DataFrame(
        [("M", "dev", month(0), 3.0), ("F", "dev", month(0), 1.0), ("G", "dev", month(1), 1.0)],
        schema=NO_DEMAND.schema,
        orient="row",
    )
    capacity = pl.DataFrame(
        [("A", "dev", month(0), 2.0), ("A", "dev", month(1), 1.0)], schema=NO_CAPACITY.schema, orient="row"
    )
    selection = optimise(candidates, demand, capacity, Levers(use_capacity=True))
    assert selection.chosen == {"M", "G"}
    assert selection.over_allocated.to_dicts() == [
        {
            "department_id": "A",
            "role": "dev",
            "month": month(0),
            "demand_fte": 3.0,
            "capacity_fte": 2.0,
            "excess": 1.0,
        }
    ]
    # A cell with no capacity row is unconstrained.
    selection = optimise(
        candidates, demand, capacity.filter(pl.col("month") != month(0)), Levers(use_capacity=True)
    )
    assert selection.chosen == {"M", "F", "G"}
    assert selection.over_allocated.is_empty()


def test_pins_mandatory_beats_pinned_out_beats_pinned_in():
    candidates = candidates_of(
        [
            {"project_id": "MAND", "mandatory": True, "strategic_fit": 1, "eac": 1000.0},
            {"project_id": "BOTH", "strategic_fit": 5},
            {"project_id": "IN", "strategic_fit": 1, "health": 0.0, "exposure": 10.0},
            {"project_id": "OUT", "strategic_fit": 5},
            {"project_id": "FREE", "strategic_fit": 5},
        ]
    )
    levers = Levers(pinned_in={"BOTH", "IN"}, pinned_out=["MAND", "BOTH", "OUT"], budget=150.0)
    assert levers.pinned_out == frozenset({"MAND", "BOTH", "OUT"}) and hash(levers)
    force_in, force_out = forced(candidates, levers)
    assert force_in.tolist() == [True, False, True, False, False]
    assert force_out.tolist() == [False, True, False, True, False]
    selection = optimise(candidates, NO_DEMAND, NO_CAPACITY, levers)
    # IN scores below 0 and still goes in; FREE would fit the budget but the forced ones used it up.
    assert selection.chosen == {"MAND", "IN"}
    assert selection.over_budget == pytest.approx(950.0)


def test_a_project_that_adds_nothing_is_never_chosen():
    candidates = candidates_of(
        [
            {"project_id": "GOOD", "strategic_fit": 5, "eac": 1.0},
            {"project_id": "ZERO", "strategic_fit": 1, "eac": 0.0},
        ]
    )
    selection = optimise(
        candidates, NO_DEMAND, NO_CAPACITY, Levers(fit=1, benefit=0, risk=0, health=0, budget=100)
    )
    assert selection.chosen == {"GOOD"}


# --- greedy fallback -------------------------------------------------------------------------------

GREEDY_TRAP = candidates_of(
    [
        # Benefit is the only criterion: scores 1, 0.75, 0.75. Value per cost favours A, but B + C is best.
        {"project_id": "A", "expected_benefit": 600.0, "eac": 6.0},
        {"project_id": "B", "expected_benefit": 450.0, "eac": 5.0},
        {"project_id": "C", "expected_benefit": 450.0, "eac": 5.0},
    ]
)
BENEFIT_ONLY = Levers(fit=0, benefit=1, risk=0, health=0, budget=10.0)


def test_the_solver_beats_the_greedy_trap():
    selection = optimise(GREEDY_TRAP, NO_DEMAND, NO_CAPACITY, BENEFIT_ONLY)
    assert (selection.chosen, selection.objective, selection.status) == ({"B", "C"}, 1.5, "optimal")


def test_without_a_solver_answer_the_greedy_is_used_and_says_so(monkeypatch):
    calls = []

    def failing(**kwargs):
        calls.append(kwargs)
        return OptimizeResult(
            x=None,
            fun=None,
            status=1,
            success=False,
            message="Time limit reached. (forced failure)",
            mip_gap=None,
            mip_dual_bound=None,
            mip_node_count=0,
        )

    monkeypatch.setattr(knapsack, "milp", failing)
    selection = optimise(GREEDY_TRAP, NO_DEMAND, NO_CAPACITY, BENEFIT_ONLY)
    assert calls, "the solver was asked"
    assert selection.method == "greedy"
    assert selection.status.startswith("greedy: ")
    assert "forced failure" in selection.status and "forced failure" in selection.message
    assert selection.chosen == {"A"} and selection.objective == 1.0
    # Honest about how far it may be: the budget bound is 1.6, so within 60%.
    assert selection.mip_gap == pytest.approx(0.6)
    assert "within 60.00% of the optimum" in selection.status


def test_a_core_too_large_to_begin_in_time_is_not_handed_to_the_solver(milp_calls, monkeypatch):
    # As if HiGHS needed a second per nonzero to begin: the trap's core (3 projects, 3 nonzeros) would
    # take 3 s, far past the time limit, so the greedy's selection is the answer, with its proven gap.
    monkeypatch.setattr(knapsack, "HIGHS_START_SECONDS_PER_NONZERO", 1.0)
    selection = optimise(GREEDY_TRAP, NO_DEMAND, NO_CAPACITY, BENEFIT_ONLY)
    assert milp_calls == []
    assert (selection.method, selection.chosen, selection.objective) == ("greedy", {"A"}, 1.0)
    assert selection.mip_gap == pytest.approx(0.6)  # the budget bound is 1.6
    assert selection.status.startswith("greedy: the exact search was not started: a core of 3 projects")
    assert "within 60.00% of the optimum" in selection.status
    assert views.answer(selection) == (
        "A quick selection (too many projects in play to begin the exact search in time), "
        "at most 60.00% below the best possible"
    )
    # At the real rate the same core begins at once, and the solver finds the optimum.
    monkeypatch.undo()
    assert optimise(GREEDY_TRAP, NO_DEMAND, NO_CAPACITY, BENEFIT_ONLY).status == "optimal"


def test_the_time_limit_label_rounds_the_gap_up(monkeypatch):
    def halfway(**kwargs):
        x = np.zeros(len(kwargs["c"]))
        x[[1, 2]] = 1.0  # B and C: the optimum, not yet proven
        return OptimizeResult(
            x=x, fun=-1.5, status=1, message="Time limit reached.", mip_gap=0.01, mip_dual_bound=-1.51234
        )

    monkeypatch.setattr(knapsack, "milp", halfway)
    selection = optimise(GREEDY_TRAP, NO_DEMAND, NO_CAPACITY, BENEFIT_ONLY)
    assert selection.method == "milp"
    assert selection.status == "time limit: best found, within 0.83% of the optimum"
    assert selection.mip_gap == pytest.approx(0.01234 / 1.5)


# --- scores and shocks ------------------------------------------------------------------------------


def test_scores_by_hand():
    candidates = candidates_of(
        [
            {
                "project_id": "P1",
                "strategic_fit": 1,
                "expected_benefit": 100.0,
                "exposure": 0.0,
                "health": 0.8,
            },
            {
                "project_id": "P2",
                "strategic_fit": 3,
                "expected_benefit": None,
                "exposure": 10.0,
                "health": None,
            },
            {
                "project_id": "P3",
                "strategic_fit": 5,
                "expected_benefit": 400.0,
                "exposure": 20.0,
                "health": 0.2,
            },
        ]
    )
    scored = score(candidates, Levers(fit=2, benefit=1, risk=1, health=1))
    assert scored["fit"].to_list() == [0.0, 0.5, 1.0]
    assert scored["benefit"].to_list() == [0.25, 0.0, 1.0]
    assert scored["risk"].to_list() == [0.0, 0.5, 1.0]
    assert scored["health"].to_list() == [0.8, 0.5, 0.2]
    # (2 fit + benefit + health - risk) / 5
    assert scored["score"].to_list() == pytest.approx([0.21, 0.2, 0.44])
    assert score(candidates, Levers(fit=0, benefit=0, risk=0, health=0))["score"].to_list() == [0.0, 0.0, 0.0]
    no_benefit = candidates.with_columns(expected_benefit=pl.lit(None, pl.Float64), exposure=pl.lit(0.0))
    assert score(no_benefit, Levers())["benefit"].to_list() == [0.0, 0.0, 0.0]
    assert score(no_benefit, Levers())["risk"].to_list() == [0.0, 0.0, 0.0]


def test_levers_reject_nonsense():
    with pytest.raises(ValueError, match="weight"):
        Levers(risk=-1)
    with pytest.raises(ValueError, match="delay"):
        Levers(delay_months=-1)
    with pytest.raises(ValueError, match="overrun"):
        Levers(overrun_pct=-100)


def test_shocks_by_hand():
    candidates = candidates_of(
        [
            {"project_id": "A1", "department_id": "A", "eac": 100.0, "finish": dt.date(2026, 11, 30)},
            {"project_id": "B1", "department_id": "B", "eac": 100.0, "finish": dt.date(2026, 5, 15)},
        ]
    )
    demand = pl.DataFrame(
        [("A1", "dev", month(10), 1.0), ("A1", "dev", month(11), 2.0), ("B1", "dev", month(10), 1.0)],
        schema=NO_DEMAND.schema,
        orient="row",
    )
    benefits = pl.DataFrame(
        [("A1", month(11), 50.0), ("B1", month(11), 70.0)], schema=NO_BENEFITS.schema, orient="row"
    )
    shocked = apply_shocks(
        candidates, demand, benefits, Levers(overrun_pct=10, delay_months=2, shocked_departments=("A",))
    )
    assert shocked.shocked_ids == {"A1"}
    assert shocked.candidates["eac"].to_list() == pytest.approx([110.0, 100.0])
    assert shocked.candidates["finish"].to_list() == [dt.date(2027, 1, 30), dt.date(2026, 5, 15)]
    assert shocked.demand.rows() == [
        ("A1", "dev", dt.date(2027, 1, 1), 1.0),
        ("A1", "dev", dt.date(2027, 2, 1), 2.0),
        ("B1", "dev", dt.date(2026, 11, 1), 1.0),
    ]
    assert shocked.benefits.rows() == [("A1", dt.date(2027, 2, 1), 50.0), ("B1", dt.date(2026, 12, 1), 70.0)]
    # The inputs are untouched.
    assert candidates["eac"].to_list() == [100.0, 100.0] and demand["month"][0] == month(10)
    # No departments named: the whole portfolio.
    everyone = apply_shocks(candidates, demand, benefits, Levers(overrun_pct=-20))
    assert everyone.shocked_ids == {"A1", "B1"}
    assert everyone.candidates["eac"].to_list() == pytest.approx([80.0, 80.0])
    assert everyone.demand.equals(demand) and everyone.benefits.equals(benefits)


def test_a_shocked_scenario_optimises_on_the_shocked_costs():
    candidates = candidates_of(
        [
            {"project_id": "A1", "department_id": "A", "strategic_fit": 5},
            {"project_id": "B1", "department_id": "B", "strategic_fit": 4},
        ]
    )
    levers = Levers(budget=205.0, overrun_pct=10, shocked_departments=("A",))
    assert optimise(candidates, NO_DEMAND, NO_CAPACITY, levers).chosen == {"A1", "B1"}
    shocked = apply_shocks(candidates, NO_DEMAND, NO_BENEFITS, levers)
    selection = optimise(shocked.candidates, shocked.demand, NO_CAPACITY, levers)
    assert selection.chosen == {"A1"} and selection.total_cost == pytest.approx(110.0)


# --- frontier ----------------------------------------------------------------------------------------


def test_frontier_is_an_upper_bound_on_what_each_budget_buys():
    rng = np.random.default_rng(3)
    candidates, demand, capacity, levers = random_instance(rng, 14, use_capacity=False)
    curve = frontier(candidates, levers)
    cost, value = curve["cost"].to_numpy(), curve["value"].to_numpy()
    force_in, _ = forced_sets(candidates, levers)
    assert cost[0] == pytest.approx(candidates["eac"].to_numpy()[force_in].sum())
    assert np.all(np.diff(cost) >= 0) and np.all(np.diff(value) >= -1e-12)
    for budget in np.linspace(cost[0], cost[-1], 7):
        best = optimise(candidates, demand, capacity, dataclasses.replace(levers, budget=float(budget)))
        assert best.objective <= np.interp(budget, cost, value) + 1e-9


def test_frontier_is_sampled_down_keeping_both_ends():
    n = 1000
    rng = np.random.default_rng(5)
    candidates = candidates_of(
        [
            {
                "project_id": f"P{i}",
                "strategic_fit": int(rng.integers(2, 6)),
                "eac": float(rng.uniform(1, 10)),
            }
            for i in range(n)
        ]
    )
    curve = frontier(candidates, Levers())
    assert len(curve) <= 200
    assert curve["cost"][-1] == pytest.approx(candidates["eac"].sum())
    assert curve["cost"][0] == 0.0


# --- effects -------------------------------------------------------------------------------------------


def test_effects_by_hand():
    candidates = candidates_of(
        [
            {"project_id": "A1", "department_id": "A", "eac": 10.0, "funded_now": True, "strategic_fit": 5},
            {"project_id": "A2", "department_id": "A", "eac": 20.0, "funded_now": True, "strategic_fit": 2},
            {"project_id": "B1", "department_id": "B", "eac": 30.0, "funded_now": False, "strategic_fit": 4},
        ]
    )
    demand = pl.DataFrame(
        [
            ("A1", "dev", month(0), 2.0),
            ("A2", "dev", month(0), 5.0),
            ("B1", "dev", month(0), 1.0),
            ("B1", "qa", month(1), 1.0),
        ],
        schema=NO_DEMAND.schema,
        orient="row",
    )
    capacity = pl.DataFrame(
        [("A", "dev", month(0), 1.5), ("B", "dev", month(0), 4.0), ("B", "dev", month(1), 2.0)],
        schema=NO_CAPACITY.schema,
        orient="row",
    )
    benefits = pl.DataFrame(
        [("A1", month(1), 5.0), ("A2", month(1), 7.0), ("B1", month(1), 11.0), ("B1", month(0), 1.0)],
        schema=NO_BENEFITS.schema,
        orient="row",
    )
    selection = {"A1", "B1"}
    use = effects.capacity_use(selection, candidates, demand, capacity)
    assert use.rows() == [
        ("A", "dev", month(0), 2.0, 1.5, 2.0 / 1.5, True),
        ("B", "dev", month(0), 1.0, 4.0, 0.25, False),
        ("B", "dev", month(1), 0.0, 2.0, 0.0, False),
        ("B", "qa", month(1), 1.0, None, None, False),  # no capacity row: unconstrained, never over
    ]
    rolled = effects.capacity_by_role(use)
    assert rolled.rows() == [
        ("dev", month(0), 3.0, 5.5, True, 1),
        ("dev", month(1), 0.0, 2.0, False, 0),
        ("qa", month(1), 1.0, None, False, 0),  # no department returned qa capacity: not known, not 0
    ]
    assert effects.benefits_by_month(np.array([True, False, True]), candidates, benefits).rows() == [
        (month(0), 1.0),
        (month(1), 16.0),
    ]
    assert effects.by_department(selection, candidates).rows() == [
        ("A", 2, 1, 10.0, 2, 30.0),
        ("B", 1, 1, 30.0, 0, 0.0),
    ]


def test_changes_say_why_by_value_for_money():
    decided = pl.DataFrame(
        {
            "project_id": ["A", "B", "C", "D", "E"],
            "funded": [True, True, False, False, True],
            "funded_now": [False, False, True, True, True],
            "decision": ["Funded", "Pinned in", "Not funded", "Pinned out", "Funded"],
            "score": [0.6, 0.2, 0.5, 0.3, 0.9],
            "eac": [2e6, 1e6, 10e6, 1e6, 1e6],
            "fit_part": [1.0, 0.5, 0.2, 0.5, 1.0],
            "benefit_part": [0.5, 0.5, 0.9, 0.5, 1.0],
            "health_part": [0.5, 0.5, 0.5, 0.5, 1.0],
            "risk_part": [0.0, 0.0, 0.8, 0.0, 0.0],
        }
    )
    from pmo_dash.whatif.outcome import changes

    # E is funded both now and in the scenario: no change. Funded best value first (A 0.3/£m before
    # B 0.2/£m), then cuts worst value first (C 0.05/£m before D 0.3/£m).
    assert changes(decided).select("project_id", "change", "per_million", "why").rows() == [
        ("A", "funded", pytest.approx(0.3), "strong fit"),
        ("B", "funded", pytest.approx(0.2), "pinned in"),
        ("C", "cut", pytest.approx(0.05), "weak fit, high risk"),
        ("D", "cut", pytest.approx(0.3), "pinned out"),
    ]


# --- speed ----------------------------------------------------------------------------------------------


def large_instance(seed: int = 11, n: int = 10_000, departments: int = 40, roles: int = 4, horizon: int = 36):
    """10,000 projects in 40 departments; each demands 2 of 4 roles over 12 of 36 months; capacity is
    a random 25-75% of what the department's projects would want in each cell, so it binds."""
    rng = np.random.default_rng(seed)
    months = pl.Series([month(i) for i in range(horizon)])
    dept = rng.integers(0, departments, n)
    ids = pl.Series([f"P{i:05d}" for i in range(n)])
    candidates = pl.DataFrame(
        {
            "project_id": ids,
            "department_id": [f"D{d:02d}" for d in dept],
            "strategic_fit": rng.integers(1, 6, n),
            "expected_benefit": rng.uniform(0, 1e6, n),
            "exposure": rng.uniform(0, 60, n),
            "health": rng.random(n),
            "eac": rng.uniform(1e4, 1e6, n).round(2),
            "finish": months.gather(rng.integers(0, horizon, n)),
            "mandatory": rng.random(n) < 0.02,
            "funded_now": rng.random(n) < 0.5,
        }
    )
    span, per_project = 12, 2
    chosen_roles = np.argsort(rng.random((n, roles)), axis=1)[:, :per_project]
    first = rng.integers(0, horizon - span + 1, n)
    project = np.repeat(np.arange(n), per_project * span)
    role = np.repeat(chosen_roles.ravel(), span)
    when = np.repeat(first, per_project * span) + np.tile(np.arange(span), n * per_project)
    fte = rng.uniform(0.1, 2.0, len(project)).round(2)
    demand = pl.DataFrame(
        {
            "project_id": ids.gather(project),
            "role": [f"R{r}" for r in role],
            "month": months.gather(when),
            "demand_fte": fte,
        }
    )
    wanted = np.zeros((departments, roles, horizon))
    np.add.at(wanted, (dept[project], role, when), fte)
    d, r, m = (
        a.ravel()
        for a in np.meshgrid(np.arange(departments), np.arange(roles), np.arange(horizon), indexing="ij")
    )
    capacity = pl.DataFrame(
        {
            "department_id": [f"D{x:02d}" for x in d],
            "role": [f"R{x}" for x in r],
            "month": months.gather(m),
            "capacity_fte": (wanted.ravel() * rng.uniform(0.25, 0.75, len(d))).round(2),
        }
    )
    return candidates, demand, capacity


def test_ten_thousand_projects_solve_quickly_and_feasibly():
    candidates, demand, capacity = large_instance()
    budget = float(candidates["eac"].sum() * 0.4)
    for use_capacity in (False, True):
        levers = Levers(budget=budget, use_capacity=use_capacity)
        start = time.perf_counter()
        selection = optimise(candidates, demand, capacity, levers)
        elapsed = time.perf_counter() - start
        print(
            f"\n10,000 projects, capacity {'on' if use_capacity else 'off'}: {elapsed:.3f} s "
            f"({selection.method}; {selection.status}; {len(selection.chosen)} chosen)"
        )
        mandatory = candidates["mandatory"].to_numpy()
        costs = candidates["eac"].to_numpy()
        assert selection.selected[mandatory].all()
        assert costs[mandatory].sum() <= budget and selection.total_cost <= budget * (1 + 1e-9)
        assert np.isfinite(selection.mip_gap)
        if use_capacity:
            use = effects.capacity_use(selection.selected, candidates, demand, capacity)
            forced_use = effects.capacity_use(mandatory, candidates, demand, capacity)
            over = use.join(forced_use, on=["department_id", "role", "month"], suffix="_forced")
            # Only cells the mandatory projects overfill on their own may be over.
            assert over.filter(pl.col("over") & ~pl.col("over_forced")).is_empty()


def test_the_capacity_matrix_is_reused_only_for_the_same_inputs():
    from pmo_dash.whatif import optimise as module

    rng = np.random.default_rng(11)
    candidates, demand, capacity, levers = random_instance(rng, 12, use_capacity=True)
    first = module._cells_cached(candidates, demand, capacity)
    assert module._cells_cached(candidates.clone(), demand.clone(), capacity.clone()) is first
    more = demand.with_columns(pl.col("demand_fte") * 2)
    doubled = module._cells_cached(candidates, more, capacity)
    assert doubled is not first
    np.testing.assert_allclose(doubled.load.toarray(), 2 * first.load.toarray())
    # And the answers with a reused matrix are the brute-force optimum, budget move after budget move.
    for share in (0.3, 0.5, 0.7):
        moved = dataclasses.replace(levers, budget=float(candidates["eac"].sum()) * share)
        selection = optimise(candidates, more, capacity, moved)
        assert selection.objective == pytest.approx(brute_force(candidates, more, capacity, moved), abs=1e-9)


def test_with_capacity_a_cut_may_be_for_want_of_people():
    from pmo_dash.whatif.outcome import changes

    decided = pl.DataFrame(
        {
            "project_id": ["C"],
            "funded": [False],
            "funded_now": [True],
            "decision": ["Not funded"],
            "score": [0.5],
            "eac": [1e6],
            **{f"{c}_part": [0.5] for c in ("fit", "benefit", "health")},
            "risk_part": [0.2],
        }
    )
    assert changes(decided)["why"].to_list() == ["poor value for its cost"]
    assert changes(decided, use_capacity=True)["why"].to_list() == [
        "poor value for its cost or the people it needs"
    ]
