"""Saved what-if scenarios: a small SQLite store of their own, beside (never inside) the warehouse, so
they survive rebuilds and restarts. Each records who made it, when, on which warehouse build, for
which departments, with which levers, and what it funded.

A scenario is visible only to users whose scope covers every department it was made for: its funded
set names those departments' projects.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
create table if not exists scenarios (
    scenario_id integer primary key,
    name text not null unique,
    author text not null,
    author_name text not null,
    created_at text not null,
    warehouse_version text not null,
    scope text not null,        -- JSON list of department ids
    levers text not null,       -- JSON object
    funded text not null,       -- JSON list of project ids
    summary text not null,      -- JSON object: value, cost, count, ...
    decisions text not null default '[]'  -- JSON list: each candidate's rank, score, cost, decision
)
"""


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
    ) -> int:
        name = " ".join(name.split())
        if not name:
            raise ScenarioError("Give the scenario a name.")
        if len(name) > 80:
            raise ScenarioError("A scenario name has at most 80 characters.")
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
        with self._connect() as con:
            try:
                cursor = con.execute(
                    "insert into scenarios (name, author, author_name, created_at, warehouse_version, scope,"
                    " levers, funded, summary, decisions) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
            except sqlite3.IntegrityError:
                raise ScenarioError(
                    f"There is already a scenario called '{name}': choose another name."
                ) from None
            return int(cursor.lastrowid)

    def list(self, scope: tuple[str, ...]) -> list[Scenario]:
        """The scenarios this scope may see, newest first."""
        if not self.path.exists():
            return []
        with self._connect() as con:
            rows = con.execute(
                "select * from scenarios order by created_at desc, scenario_id desc"
            ).fetchall()
        allowed = set(scope)
        return [s for s in map(_scenario, rows) if set(s.scope) <= allowed]

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
