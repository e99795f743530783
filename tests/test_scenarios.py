"""The scenario store on its own: names, scope, deletion rights, and stores from before decisions and
before names were unique per departments."""

from __future__ import annotations

import sqlite3

import pytest

from pmo_dash.intake.scenarios import ScenarioError, ScenarioStore, labelled

LEVERS = {"levers": {"fit": 3}, "ui": {}}


def save(store: ScenarioStore, name: str, scope=("FIN",), author="ana", seen_by=None) -> int:
    return store.save(
        name,
        author,
        author.title(),
        "built X",
        scope,
        LEVERS,
        ["FIN-P1"],
        {"funded": 1},
        seen_by=seen_by or scope,
    )


def test_names_are_tidied_unique_and_required(tmp_path):
    store = ScenarioStore(tmp_path / "s.sqlite")
    save(store, "  Option   A ")
    assert [s.name for s in store.list(("FIN",))] == ["Option A"]
    with pytest.raises(ScenarioError, match="There is already a scenario called 'Option A'"):
        save(store, "Option A")
    with pytest.raises(ScenarioError, match="Give the scenario a name."):
        save(store, "   ")


def test_a_name_used_only_where_you_cannot_see_is_yours_to_use(tmp_path):
    # Refusing it would tell an HR PMO head that Finance has a scenario of that name (issue 10).
    store = ScenarioStore(tmp_path / "s.sqlite")
    save(store, "Option A", scope=("FIN",), author="ana")
    save(store, "Option A", scope=("HR",), author="hal")
    assert [(s.name, s.author) for s in store.list(("HR",))] == [("Option A", "hal")]
    assert [(s.name, s.author) for s in store.list(("FIN",))] == [("Option A", "ana")]
    # Someone who sees both may not add a third: the clash is among what they see.
    with pytest.raises(
        ScenarioError, match="^There is already a scenario called 'Option A': choose another name.$"
    ):
        save(store, "Option A", scope=("FIN",), author="cio", seen_by=("FIN", "HR"))
    with pytest.raises(
        ScenarioError, match="^There is already a scenario called 'Option A': choose another name.$"
    ):
        save(store, "Option A", scope=("FIN", "HR"), author="cio")
    assert [(s.name, s.scope) for s in store.list(("FIN", "HR"))] == [
        ("Option A", ("HR",)),
        ("Option A", ("FIN",)),
    ]


def test_a_scenario_is_saved_only_for_departments_its_author_sees(tmp_path):
    store = ScenarioStore(tmp_path / "s.sqlite")
    with pytest.raises(ScenarioError, match="^A scenario can be saved only for departments you can see.$"):
        save(store, "Sneaky", scope=("FIN", "HR"), seen_by=("FIN",))
    assert store.list(("FIN", "HR")) == []


def test_a_shared_name_is_labelled_with_its_departments(tmp_path):
    store = ScenarioStore(tmp_path / "s.sqlite")
    first = save(store, "Option A", scope=("FIN",))
    save(store, "Option A", scope=("HR",))
    save(store, "Plan")
    # A name typed to look like another's label: the older scenario gets its id as well, so that
    # every label is one scenario's.
    save(store, "Option A (FIN)", scope=("HR",))
    assert labelled(store.list(("FIN", "HR"))) == [
        "Option A (FIN)",
        "Plan",
        "Option A (HR)",
        f"Option A (FIN) #{first}",
    ]


def test_a_scenario_is_seen_within_its_scope_and_deleted_by_its_author_or_an_executive(tmp_path):
    store = ScenarioStore(tmp_path / "s.sqlite")
    both = save(store, "Both", scope=("FIN", "HR"), author="cio")
    assert [s.name for s in store.list(("FIN",))] == []
    with pytest.raises(ScenarioError, match="There is no scenario"):
        store.delete(both, ("FIN",), "ana", may_delete_any=False)
    with pytest.raises(ScenarioError, match="Only Cio, who saved 'Both', can delete it."):
        store.delete(both, ("FIN", "HR"), "ana", may_delete_any=False)
    store.delete(both, ("FIN", "HR"), "boss", may_delete_any=True)
    assert store.list(("FIN", "HR")) == []


def test_a_store_from_before_decisions_and_shared_names_still_opens(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as con:
        con.execute(
            "create table scenarios (scenario_id integer primary key, name text not null unique, author text"
            " not null, author_name text not null, created_at text not null, warehouse_version text not null,"
            " scope text not null, levers text not null, funded text not null, summary text not null)"
        )
        con.execute(
            "insert into scenarios values (1, 'Old', 'ana', 'Ana', '2026-11-01T10:00:00', 'built X', ?, '{}', ?, '{}')",
            ('["FIN"]', '["FIN-P1"]'),
        )
    store = ScenarioStore(path)
    [old] = store.list(("FIN",))
    assert (old.name, old.funded, old.decisions) == ("Old", ("FIN-P1",), ())
    save(store, "New")
    assert [s.name for s in store.list(("FIN",))] == ["New", "Old"]
    # Its names were unique across departments; now another department's may share one.
    save(store, "Old", scope=("HR",), author="hal")
    assert [(s.name, s.scope) for s in store.list(("FIN", "HR"))] == [
        ("Old", ("HR",)),
        ("New", ("FIN",)),
        ("Old", ("FIN",)),
    ]
