"""Checking a submitted username and password, so that neither the answer nor its time tells whether
the username exists.

Every attempt does exactly one bcrypt check: against the user's hash, or, for a name not in the users
file or one that is locked out, against a decoy hash of the users' own cost. Unknown names are counted
and locked out exactly as known ones, with the same words.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from functools import lru_cache

import bcrypt

from pmo_dash.auth.attempts import LoginAttempts
from pmo_dash.auth.users import UserRecord

REFUSED = "Unknown username or wrong password."
DEFAULT_COST = 12  # what `python -m pmo_dash users` hashes with


def locked(until: float) -> str:
    """The refusal while a username is locked out (said of unknown names too)."""
    at = dt.datetime.fromtimestamp(until, dt.UTC)
    return (
        f"Too many failed logins: this username is locked until {at:%H:%M} UTC. "
        "An admin can unlock it sooner."
    )


def cost(records: dict[str, UserRecord]) -> int:
    """The bcrypt cost most of the users' hashes have: the decoy must take as long as they do."""
    costs = Counter(int(r.password[4:6]) for r in records.values())
    return costs.most_common(1)[0][0] if costs else DEFAULT_COST


@lru_cache(maxsize=4)
def decoy(rounds: int) -> bytes:
    return bcrypt.hashpw(b"no such user", bcrypt.gensalt(rounds))


def check(
    username: str,
    password: str,
    records: dict[str, UserRecord],
    attempts: LoginAttempts,
    max_attempts: int,
    lockout_minutes: float,
) -> str | None:
    """None when the password is the user's; otherwise why the login is refused."""
    lockout = lockout_minutes * 60
    record = records.get(username)
    until = attempts.begin(username, record is not None, max_attempts, lockout, time.time())
    typed = password.encode()
    if record is None or until is not None:
        bcrypt.checkpw(typed, decoy(cost(records)))  # the same work as a real check, for nothing
        accepted = False
    else:
        accepted = bcrypt.checkpw(typed, record.password.encode())
    if accepted:
        attempts.succeeded(username)
        return None
    if until is None:
        until = attempts.failed(username, record is not None, max_attempts, lockout, time.time())
    return REFUSED if until is None else locked(until)
