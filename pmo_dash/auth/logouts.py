"""When each user last logged out, kept in a small SQLite store (PMO_SESSIONS) so that it outlives the
server: a login cookie issued before that moment stays refused after a restart.

Every call opens its own connection (a sqlite3 connection belongs to one thread), and a logout is one
upsert that keeps the later of two times, so server threads writing at once never lose one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

SCHEMA = """
create table if not exists logouts (
    realm text not null,        -- the cookie's name: demo and real logins never share a record
    username text not null,
    logged_out_at real not null,  -- epoch seconds
    primary key (realm, username)
)
"""


class LogoutStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=10)) as con:
            con.execute(SCHEMA)
            with con:  # one transaction, committed on leaving
                yield con

    def record(self, realm: str, username: str, at: float) -> None:
        """Note a logout; an earlier time never replaces a later one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute(
                "insert into logouts (realm, username, logged_out_at) values (?, ?, ?) "
                "on conflict (realm, username) do update "
                "set logged_out_at = max(logged_out_at, excluded.logged_out_at)",
                (realm, username, at),
            )

    def logged_out_at(self, realm: str, username: str) -> float:
        """The user's last logout (0 if none); reading never creates the store."""
        if not self.path.exists():
            return 0.0
        with self._connect() as con:
            row = con.execute(
                "select logged_out_at from logouts where realm = ? and username = ?", (realm, username)
            ).fetchone()
        return row[0] if row else 0.0
