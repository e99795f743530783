"""Where the users and the cookie key come from, and what is missing before the app may start.

Demo mode (the default on the shipped demo returns, see `pmo_dash.auth.demo`) uses the demo users
shipped with the code, whose passwords are in the README. Anywhere else the app needs a users file
and a cookie key of its own.
"""

from __future__ import annotations

import secrets
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pmo_dash.auth import demo as shipped_demo
from pmo_dash.auth import users
from pmo_dash.settings import ROOT, Settings

DEMO_USERS = Path(__file__).parent / "demo_users.yaml"
SECRETS = ROOT / ".streamlit" / "secrets.toml"
MIN_COOKIE_KEY_CHARS = 32
# Demo mode without a configured key: a fresh key per server start, so no key ever sits in the repo.
_DEMO_COOKIE_KEY = secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Problem:
    """Something to fix before anyone can log in."""

    public: str  # what anyone opening the app may read: what is missing, no server paths or values
    detail: str  # what to do, with paths: for the server's log and `users check`


@dataclass(frozen=True)
class AuthConfig:
    demo: bool
    users_file: Path
    cookie_name: str
    cookie_key: str
    problems: tuple[Problem, ...]
    demo_data: bool = False  # the data served is the shipped demo (demo mode may be forced on without it)
    demo_reason: str = ""  # why demo mode is on or off; names server paths, so never shown to visitors


def _version(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


@lru_cache(maxsize=8)
def _users_problem(path: str, version: int) -> Problem | None:
    """What is wrong with the users file, if anything: checked once per version of the file, not on
    every rerun of every session."""
    try:
        if not users.load(Path(path)):
            return Problem(
                "The users file has no users.",
                f"The users file {path} has no users: add one with `python -m pmo_dash users add`.",
            )
    except users.UsersFileError as err:
        missing = not Path(path).exists()
        return Problem("No users file." if missing else "The users file cannot be used.", str(err))
    return None


def demo_mode(settings: Settings) -> bool:
    """Whether the demo users log in (see `pmo_dash.auth.demo.decide` for when and why)."""
    return shipped_demo.decide(settings).on


def cookie_key(settings: Settings, secrets_file: Path | None = None) -> tuple[str, str]:
    """The key and where it came from ('' when there is none)."""
    secrets_file = secrets_file or SECRETS
    if settings.cookie_key is not None:
        return settings.cookie_key.get_secret_value(), "PMO_COOKIE_KEY"
    if secrets_file.is_file():
        try:
            value = tomllib.loads(secrets_file.read_text(encoding="utf-8")).get("cookie_key")
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
            value = None
        if isinstance(value, str):
            return value, str(secrets_file)
    return "", ""


def load(settings: Settings, secrets_file: Path | None = None) -> AuthConfig:
    """The login configuration, with every problem that must be fixed before anyone can log in."""
    secrets_file = secrets_file or SECRETS
    decision = shipped_demo.decide(settings)
    users_file = DEMO_USERS if decision.on else settings.users_file
    problems = []
    key, source = cookie_key(settings, secrets_file)
    if decision.on:
        # Never the real key: a cookie made with a published demo password must not open production.
        key = _DEMO_COOKIE_KEY
    elif not key:
        problems.append(
            Problem(
                "No cookie key.",
                'No cookie key: set PMO_COOKIE_KEY in the environment, or `cookie_key = "..."` in '
                f"{secrets_file}. Make one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`.",
            )
        )
    elif len(key) < MIN_COOKIE_KEY_CHARS:
        problems.append(
            Problem(
                "The cookie key is too short.",
                f"The cookie key from {source} has {len(key)} characters; "
                f"it needs at least {MIN_COOKIE_KEY_CHARS}.",
            )
        )
    if problem := _users_problem(str(users_file), _version(users_file)):
        problems.append(problem)
    cookie_name = f"{settings.cookie_name}_demo" if decision.on else settings.cookie_name
    return AuthConfig(
        decision.on, users_file, cookie_name, key, tuple(problems), decision.demo_data, decision.reason
    )
