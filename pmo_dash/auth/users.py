"""The users file: YAML, one entry per user, passwords as bcrypt hashes only.

    users:
      fin_head:
        name: Finance PMO head
        email: fin.pmo@example.org      # optional
        password: $2b$12$...            # bcrypt hash, written by `python -m pmo_dash users`
        roles: [pmo_head]
        departments: [FIN]              # for pmo_head and viewer; ignored for the others

Every problem with the file is a `UsersFileError` whose message names the file and the entry, so the
app and the CLI can show it as it is.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import bcrypt
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pmo_dash.auth.roles import ROLES, User

BCRYPT_MAX_BYTES = 72  # bcrypt refuses (or, in old versions, silently cuts) anything longer
MIN_PASSWORD_CHARS = 8
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
BCRYPT_HASH = re.compile(r"^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$")
HEADER = "# PMO Dash users. Passwords are bcrypt hashes: manage them with `python -m pmo_dash users`.\n"


class _UniqueKeys(yaml.SafeLoader):
    """A safe loader that refuses a key given twice (YAML would silently keep the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"'{key}' is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class UsersFileError(Exception):
    """The users file is missing, unreadable or malformed; the message says where and how to fix it."""


class PasswordError(ValueError):
    """A new password that cannot be used; the message says why."""


class UserRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    email: str | None = None
    password: str
    roles: list[str] = Field(min_length=1)
    departments: list[str] = []
    # Logins (cookies, sessions) from before this moment (epoch seconds) no longer count: set by
    # `users passwd`, so that a reset password also shuts out whoever had the old one.
    valid_after: float = 0.0

    @field_validator("password")
    @classmethod
    def _is_a_hash(cls, value: str) -> str:
        if not BCRYPT_HASH.match(value):
            raise ValueError("is not a bcrypt hash: set it with `python -m pmo_dash users passwd`")
        return value

    @field_validator("departments")
    @classmethod
    def _upper(cls, value: list[str]) -> list[str]:
        return [d.strip().upper() for d in value]

    @field_validator("roles")
    @classmethod
    def _known_roles(cls, value: list[str]) -> list[str]:
        unknown = [r for r in value if r not in ROLES]
        if unknown:
            raise ValueError(f"{', '.join(map(repr, unknown))} is not a role (roles: {', '.join(ROLES)})")
        return value


def check_new_password(password: str) -> None:
    size = len(password.encode())
    if size > BCRYPT_MAX_BYTES:
        raise PasswordError(
            f"The password is {size} bytes long; bcrypt takes at most {BCRYPT_MAX_BYTES} bytes. "
            "Choose a shorter one."
        )
    if password != password.strip():
        # streamlit-authenticator strips what is typed at login, so such a password could never be entered.
        raise PasswordError("The password must not start or end with spaces.")
    if len(password) < MIN_PASSWORD_CHARS:
        raise PasswordError(f"The password must have at least {MIN_PASSWORD_CHARS} characters.")


def hash_password(password: str, rounds: int = 12) -> str:
    check_new_password(password)
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()


def load(path: Path) -> dict[str, UserRecord]:
    """The users in the file, by username."""
    if not path.is_file():
        raise UsersFileError(
            f"No users file at {path}. Create it with "
            "`python -m pmo_dash users add <username> --role executive`, or point PMO_USERS_FILE at yours."
        )
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys)
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        problem = getattr(err, "problem", None) or err
        raise UsersFileError(f"Users file {path} is not valid YAML{at}: {problem}.") from None
    except (OSError, UnicodeDecodeError) as err:
        raise UsersFileError(f"Users file {path} cannot be read: {err}.") from None
    if not isinstance(document, dict) or not isinstance(document.get("users"), dict):
        raise UsersFileError(f"Users file {path} must have a `users:` mapping of username to user.")
    users = {}
    for username, entry in document["users"].items():
        if not isinstance(username, str) or not USERNAME.match(username):
            raise UsersFileError(
                f"Users file {path}: '{username}' is not a valid username "
                "(lower-case letters, digits, '.', '_' or '-', starting with a letter or digit)."
            )
        try:
            users[username] = UserRecord.model_validate(entry)
        except ValidationError as err:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg'].removeprefix('Value error, ')}"
                for e in err.errors()
            )
            raise UsersFileError(f"Users file {path}, user '{username}': {problems}.") from None
    return users


def save(path: Path, users: dict[str, UserRecord]) -> None:
    """Write the file atomically, readable by its owner only: it holds password hashes."""
    entries = {name: record.model_dump(exclude_defaults=True) for name, record in sorted(users.items())}
    document = {"users": entries}
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".users-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(HEADER)
            yaml.safe_dump(document, out, sort_keys=False, allow_unicode=True)
            out.flush()
            os.fsync(out.fileno())  # on disk before it replaces the old file
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def user(username: str, record: UserRecord) -> User:
    return User(username, record.name, tuple(record.roles), tuple(record.departments))


def credentials(users: dict[str, UserRecord]) -> dict:
    """The credentials dict streamlit-authenticator takes (it keeps failed attempts in it)."""
    return {
        "usernames": {
            name: {"name": r.name, "email": r.email, "password": r.password, "roles": list(r.roles)}
            for name, r in users.items()
        }
    }
