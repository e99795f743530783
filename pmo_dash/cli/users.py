"""`python -m pmo_dash users add|passwd|remove|list|check`: the users file; passwords are never echoed."""

from __future__ import annotations

import getpass
import sys
import time

from pmo_dash.auth import config as auth_config
from pmo_dash.auth import users
from pmo_dash.auth.roles import ROLES
from pmo_dash.settings import Settings


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _existing(settings: Settings) -> dict[str, users.UserRecord]:
    return users.load(settings.users_file) if settings.users_file.exists() else {}


def _interactive() -> bool:
    return sys.stdin.isatty()


def _new_password(username: str) -> str:
    """Prompt twice, without echo; raise PasswordError when it cannot be used."""
    if not _interactive():
        # getpass falls back to echoing the password when there is no terminal: refuse instead.
        raise users.PasswordError(
            "Run this in a terminal: passwords are typed at a prompt that does not echo."
        )
    first = getpass.getpass(f"New password for {username}: ")
    users.check_new_password(first)
    if getpass.getpass("Repeat it: ") != first:
        raise users.PasswordError("The two passwords differ; nothing was changed.")
    return first


def run_users(settings: Settings, command: str, username: str | None = None, **options) -> int:
    try:
        if command == "check":
            return _check(settings)
        if command == "list":
            return _list(settings)
        existing = _existing(settings)
        if username is None or not users.USERNAME.match(username):
            return _fail(
                f"'{username}' is not a valid username (lower-case letters, digits, '.', '_' or '-')."
            )
        if command == "add":
            return _add(settings, existing, username, **options)
        if username not in existing:
            return _fail(f"there is no user '{username}' in {settings.users_file}.")
        if command == "passwd":
            existing[username] = existing[username].model_copy(
                update={"password": users.hash_password(_new_password(username)), "valid_after": time.time()}
            )
            users.save(settings.users_file, existing)
            print(
                f"changed the password of '{username}': its earlier logins are ended and any lock-out lifted"
            )
            return 0
        del existing[username]
        users.save(settings.users_file, existing)
        print(f"removed '{username}' from {settings.users_file}")
        return 0
    except (users.UsersFileError, users.PasswordError) as err:
        return _fail(str(err))
    except OSError as err:
        return _fail(f"cannot write {settings.users_file}: {err}")
    except (KeyboardInterrupt, EOFError):
        return _fail("cancelled; nothing was changed.")


def _add(
    settings: Settings,
    existing: dict[str, users.UserRecord],
    username: str,
    roles: list[str],
    departments: list[str],
    name: str | None,
    email: str | None,
) -> int:
    if username in existing:
        return _fail(f"'{username}' already exists; use `users passwd {username}` to change the password.")
    scoped = [r for r in roles if not ROLES[r].sees_every_department]
    if scoped and not departments and len(scoped) == len(roles):
        return _fail(f"a {scoped[0]} sees only their departments: name them with --department (e.g. FIN).")
    password = _new_password(username)
    existing[username] = users.UserRecord(
        name=name or username,
        email=email,
        password=users.hash_password(password),
        roles=roles,
        departments=[d.upper() for d in departments],
    )
    users.save(settings.users_file, existing)
    print(f"added '{username}' ({', '.join(roles)}) to {settings.users_file}")
    known = _warehouse_departments(settings)
    unknown = sorted(set(existing[username].departments) - known)
    if known and unknown:
        print(f"note: the warehouse has no department {', '.join(unknown)} (yet); check the spelling.")
    if auth_config.demo_mode(settings):
        print("note: demo mode is on, so the app logs in demo users; set PMO_DEMO=false to use this file.")
    return 0


def _warehouse_departments(settings: Settings) -> set[str]:
    if not settings.warehouse.exists():
        return set()
    import duckdb

    try:
        with duckdb.connect(str(settings.warehouse), read_only=True) as con:
            return {row[0] for row in con.sql("select department_id from stg_departments").fetchall()}
    except duckdb.Error:
        return set()


def _list(settings: Settings) -> int:
    existing = users.load(settings.users_file)
    print(f"{'username':<20}{'name':<30}{'roles':<22}departments")
    for username, r in sorted(existing.items()):
        print(f"{username:<20}{r.name:<30}{', '.join(r.roles):<22}{', '.join(r.departments) or '-'}")
    return 0


def _check(settings: Settings) -> int:
    config = auth_config.load(settings)
    demo = f"demo mode is {'on' if config.demo else 'off'}: {config.demo_reason}"
    if config.problems:
        print("PMO Dash cannot start:", file=sys.stderr)
        for problem in config.problems:
            print(f"  - {problem.detail}", file=sys.stderr)
        print(demo, file=sys.stderr)
        return 1
    mode = "demo mode (demo users)" if config.demo else f"users from {config.users_file}"
    print(f"login ready: {mode}")
    print(demo)
    return 0
