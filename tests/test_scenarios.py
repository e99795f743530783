"""The scenario store on its own: names, scope, deletion rights, and a store from before decisions."""

from __future__ import annotations

import sqlite3

import pytest

from pmo_dash.whatif.scenarios import ScenarioError, ScenarioStore

LEVERS = {"levers": {"fit": 3}, "ui": {}}


def save(store: ScenarioStore, name: str, scope=("FIN",), author="ana") -> int:
    return store.save(name, author, author.title(), "built X", scope, LEVERS, ["FIN-P1"], {"funded": 1})


def test_names_are_tidied_unique_and_required(tmp_path):
    store = ScenarioStore(tmp_path / "s.sqlite")
    save(store, "  Option   A ")
    assert [s.name for s in store.list(("FIN",))] == ["Option A"]
    with pytest.raises(ScenarioError, match="There is already a scenario called 'Option A'"):
        save(store, "Option A")
    with pytest.raises(ScenarioError, match="Give the scenario a name."):
        save(store, "   ")


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


def test_a_store_from_before_decisions_were_kept_still_opens(tmp_path):
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
