"""Saved what-if scenarios: a small SQLite store of their own, beside (never inside) the warehouse, so
they survive rebuilds and restarts. Each records who made it, when, on which warehouse build, for
which departments, with which levers, and what it funded.

A scenario is visible only to users whose scope covers every department it was made for: its funded
set names those departments' projects. So a name need only differ from the names its author can see
(refusing one that someone unseen had used would tell the author it exists): two scenarios may share a
name when they were made for different departments.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
create table if not exists scenarios (
    scenario_id integer primary key,
    name text not null,
    author text not null,
    author_name text not null,
    created_at text not null,
    warehouse_version text not null,
    scope text not null,        -- JSON list of department ids
    levers text not null,       -- JSON object
    funded text not null,       -- JSON list of project ids
    summary text not null,      -- JSON object: value, cost, count, ...
    decisions text not null default '[]',  -- JSON list: each candidate's rank, score, cost, decision
    unique (name, scope)
)
"""
COLUMNS = (
    "scenario_id, name, author, author_name, created_at, warehouse_version, scope, levers, funded, summary,"
    " decisions"
)


class ScenarioError(ValueError):
    """A scenario that cannot be saved, found or deleted; the message says why."""


@dataclass(frozen=True)
class Scenario:
    scenario_id: int
    name: str
    author: str
    author_name: str
    created_at: dt.datetime
    warehouse_version: str
    scope: tuple[str, ...]
    levers: dict[str, Any]
    funded: tuple[str, ...]
    summary: dict[str, Any]
    decisions: tuple[dict[str, Any], ...] = ()


class ScenarioStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=10)) as con:
            con.execute(SCHEMA)
            columns = {row[1] for row in con.execute("pragma table_info(scenarios)")}
            if "decisions" not in columns:  # a store from before decisions were kept
                con.execute("alter table scenarios add column decisions text not null default '[]'")
            if _names_unique_alone(con):
                _rebuild(con)
            with con:  # one transaction
                yield con

    def save(
        self,
        name: str,
        author: str,
        author_name: str,
        warehouse_version: str,
        scope: tuple[str, ...],
        levers: dict[str, Any],
        funded: list[str] | tuple[str, ...],
        summary: dict[str, Any],
        decisions: list[dict[str, Any]] | None = None,
        *,
        seen_by: tuple[str, ...],
    ) -> int:
        """Save a scenario made for `scope` by a user who sees `seen_by`; its id."""
        name = " ".join(name.split())
        if not name:
            raise ScenarioError("Give the scenario a name.")
        if len(name) > 80:
            raise ScenarioError("A scenario name has at most 80 characters.")
        if not set(scope) <= set(seen_by):
            raise ScenarioError("A scenario can be saved only for departments you can see.")
        row = (
            name,
            author,
            author_name,
            dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
            warehouse_version,
            json.dumps(sorted(scope)),
            json.dumps(levers, sort_keys=True, default=str),
            json.dumps(sorted(funded)),
            json.dumps(summary, sort_keys=True, default=str),
            json.dumps(decisions or [], default=str),
        )
        taken = f"There is already a scenario called '{name}': choose another name."
        with self._connect() as con:
            # The check and the insert in one write transaction: nobody takes the name in between.
            con.execute("begin immediate")
            if any(s.name == name for s in _visible(con, seen_by)):
                raise ScenarioError(taken)
            try:
                cursor = con.execute(
                    "insert into scenarios (name, author, author_name, created_at, warehouse_version, scope,"
                    " levers, funded, summary, decisions) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
            except sqlite3.IntegrityError:  # the same name and departments: a scenario the author sees
                raise ScenarioError(taken) from None
            return int(cursor.lastrowid)

    def list(self, scope: tuple[str, ...]) -> list[Scenario]:
        """The scenarios this scope may see, newest first."""
        if not self.path.exists():
            return []
        with self._connect() as con:
            return _visible(con, scope)

    def get(self, scenario_id: int, scope: tuple[str, ...]) -> Scenario:
        for scenario in self.list(scope):
            if scenario.scenario_id == scenario_id:
                return scenario
        raise ScenarioError(f"There is no scenario {scenario_id} that you can see.")

    def delete(self, scenario_id: int, scope: tuple[str, ...], username: str, may_delete_any: bool) -> None:
        scenario = self.get(scenario_id, scope)
        if scenario.author != username and not may_delete_any:
            raise ScenarioError(f"Only {scenario.author_name}, who saved '{scenario.name}', can delete it.")
        with self._connect() as con:
            con.execute("delete from scenarios where scenario_id = ?", (scenario_id,))


def labelled(scenarios: list[Scenario]) -> list[str]:
    """A distinct label for each scenario: its name, and where the name is shared, its departments too."""
    shared = Counter(s.name for s in scenarios)
    labels: list[str] = []
    for s in scenarios:
        label = s.name if shared[s.name] == 1 else f"{s.name} ({', '.join(s.scope)})"
        while label in labels:  # only a name typed to look like another's label
            label = f"{label} #{s.scenario_id}"
        labels.append(label)
    return labels


def _visible(con: sqlite3.Connection, scope: tuple[str, ...]) -> list[Scenario]:
    """The scenarios whose departments `scope` covers, newest first."""
    rows = con.execute(
        f"select {COLUMNS} from scenarios order by created_at desc, scenario_id desc"
    ).fetchall()
    allowed = set(scope)
    return [s for s in map(_scenario, rows) if set(s.scope) <= allowed]


def _names_unique_alone(con: sqlite3.Connection) -> bool:
    """Whether the store is from before names were unique per departments, when they were unique alone."""
    for (index,) in con.execute("select name from pragma_index_list('scenarios') where \"unique\""):
        columns = [c for (c,) in con.execute("select name from pragma_index_info(?)", (index,))]
        if columns == ["name"]:
            return True
    return False


def _rebuild(con: sqlite3.Connection) -> None:
    """Copy an older store into today's table (SQLite cannot drop a constraint in place)."""
    with con:
        con.execute("begin immediate")
        if _names_unique_alone(con):  # not rebuilt meanwhile by another process
            con.execute("alter table scenarios rename to scenarios_before")
            con.execute(SCHEMA)
            con.execute(f"insert into scenarios ({COLUMNS}) select {COLUMNS} from scenarios_before")
            con.execute("drop table scenarios_before")


def _scenario(row: tuple) -> Scenario:
    sid, name, author, author_name, created, version, scope, levers, funded, summary, decisions = row
    return Scenario(
        sid,
        name,
        author,
        author_name,
        dt.datetime.fromisoformat(created),
        version,
        tuple(json.loads(scope)),
        json.loads(levers),
        tuple(json.loads(funded)),
        json.loads(summary),
        tuple(json.loads(decisions)),
    )
