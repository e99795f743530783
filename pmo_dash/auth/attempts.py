"""Failed logins per attempted username, whether or not it exists, so that a lock-out says nothing
about which usernames are real.

Each attempt is counted before its password is checked, so parallel guesses cannot all slip under
the limit. Usernames in the users file are always tracked; any other name is tracked by a 16-byte
digest in a least-recently-used table of at most `max_unknown`, so no input grows memory without bound.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

MAX_UNKNOWN = 10_000


@dataclass
class _Count:
    failures: int = 0
    locked_at: float | None = None


class LoginAttempts:
    """Thread-safe: one server's sessions share it (per users-file version)."""

    def __init__(self, max_unknown: int = MAX_UNKNOWN) -> None:
        self.max_unknown = max_unknown
        self._lock = threading.Lock()
        self._known: dict[str, _Count] = {}
        self._unknown: OrderedDict[bytes, _Count] = OrderedDict()

    def _count(self, username: str, known: bool) -> _Count:
        if known:
            return self._known.setdefault(username, _Count())
        key = hashlib.blake2b(username.encode(), digest_size=16).digest()
        count = self._unknown.pop(key, None) or _Count()
        self._unknown[key] = count  # most recently used last
        if len(self._unknown) > self.max_unknown:
            self._unknown.popitem(last=False)
        return count

    def begin(
        self, username: str, known: bool, max_attempts: int, lockout: float, now: float
    ) -> float | None:
        """Count an attempt about to be checked; or, when the username is locked, when the lock ends."""
        with self._lock:
            count = self._count(username, known)
            if count.locked_at is not None and count.locked_at + lockout < now:
                count.failures, count.locked_at = 0, None
            if count.locked_at is None and count.failures >= max_attempts:
                count.locked_at = now  # attempts still being checked used up the last tries
            if count.locked_at is not None:
                return count.locked_at + lockout
            count.failures += 1
            return None

    def failed(
        self, username: str, known: bool, max_attempts: int, lockout: float, now: float
    ) -> float | None:
        """The attempt was refused; when the lock-out it brought on ends, if it did."""
        with self._lock:
            count = self._count(username, known)
            if count.failures < max_attempts:
                return None
            if count.locked_at is None:
                count.locked_at = now
            return count.locked_at + lockout

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._known.pop(username, None)

    def status(self, username: str, lockout: float, now: float) -> tuple[int, float | None]:
        """A known username's failures in a row, and when its lock-out ends (None: not locked)."""
        with self._lock:
            count = self._known.get(username, _Count())
            if count.locked_at is None or count.locked_at + lockout < now:
                return (0, None) if count.locked_at is not None else (count.failures, None)
            return count.failures, count.locked_at + lockout

    def tracked_unknown(self) -> int:
        """How many names not in the users file are being counted (at most `max_unknown`)."""
        with self._lock:
            return len(self._unknown)
