"""`python -m pmo_dash users`: the users file it writes, the passwords it refuses, and `users check`."""

from __future__ import annotations

import stat
import time

import bcrypt
import pytest

from pmo_dash.__main__ import main
from pmo_dash.auth import config as auth_config
from pmo_dash.auth import users
from pmo_dash.auth.roles import User
from pmo_dash.settings import get_settings


@pytest.fixture
def users_file(tmp_path, monkeypatch):
    path = tmp_path / "conf" / "users.yaml"
    monkeypatch.setenv("PMO_USERS_FILE", str(path))
    monkeypatch.setenv("PMO_COOKIE_KEY", "k" * 40)
    monkeypatch.setenv("PMO_DEMO", "false")
    get_settings.cache_clear()
    yield path
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def typed(monkeypatch):
    """What the user types at the password prompts, in order; the prompts shown are recorded."""
    answers: list[str] = []
    prompts: list[str] = []

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr("getpass.getpass", getpass)
    monkeypatch.setattr("pmo_dash.cli.users._interactive", lambda: True)
    return answers, prompts


def test_add_list_passwd_remove(users_file, typed, capsys):
    answers, prompts = typed
    answers += ["correct horse", "correct horse"]
    assert (
        main(["users", "add", "ana", "--role", "pmo_head", "--department", "fin", "--name", "Ana Ruiz"]) == 0
    )
    assert prompts == ["New password for ana: ", "Repeat it: "]
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    text = users_file.read_text()
    assert "correct horse" not in text
    record = users.load(users_file)["ana"]
    assert bcrypt.checkpw(b"correct horse", record.password.encode())
    assert (record.name, record.roles, record.departments) == ("Ana Ruiz", ["pmo_head"], ["FIN"])

    capsys.readouterr()
    assert main(["users", "list"]) == 0
    listing = capsys.readouterr().out
    assert "ana" in listing and "Ana Ruiz" in listing and "FIN" in listing and "$2b$" not in listing

    answers += ["battery staple", "battery staple"]
    before = time.time()
    assert main(["users", "passwd", "ana"]) == 0
    changed = users.load(users_file)["ana"]
    assert bcrypt.checkpw(b"battery staple", changed.password.encode())
    assert changed.valid_after >= before, "logins from before the reset are ended"

    assert main(["users", "remove", "ana"]) == 0
    assert users.load(users_file) == {}


@pytest.mark.parametrize(
    ("typed_in", "error"),
    [
        (["x" * 73], "The password is 73 bytes long; bcrypt takes at most 72 bytes. Choose a shorter one."),
        (["short"], "The password must have at least 8 characters."),
        (["  padded password"], "The password must not start or end with spaces"),
        (["first-password", "second-password"], "The two passwords differ; nothing was changed."),
    ],
)
def test_a_password_that_cannot_be_used_is_refused_and_nothing_written(
    users_file, typed, capsys, typed_in, error
):
    typed[0].extend(typed_in)
    assert main(["users", "add", "cio", "--role", "executive"]) == 1
    assert error in capsys.readouterr().err
    assert not users_file.exists()


def test_a_scoped_role_needs_departments_and_a_user_is_added_once(users_file, typed, capsys):
    assert main(["users", "add", "vic", "--role", "viewer"]) == 1
    assert "a viewer sees only their departments: name them with --department" in capsys.readouterr().err
    typed[0].extend(["password-1", "password-1"])
    assert main(["users", "add", "vic", "--role", "viewer", "--department", "HR"]) == 0
    assert main(["users", "add", "vic", "--role", "executive"]) == 1
    assert "'vic' already exists" in capsys.readouterr().err
    assert main(["users", "passwd", "nobody"]) == 1
    assert "there is no user 'nobody'" in capsys.readouterr().err


def test_check_says_what_is_missing(users_file, monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("PMO_COOKIE_KEY")
    get_settings.cache_clear()
    no_secrets = tmp_path / "secrets.toml"
    monkeypatch.setattr(auth_config, "SECRETS", no_secrets)
    assert main(["users", "check"]) == 1
    err = capsys.readouterr().err
    assert "No cookie key: set PMO_COOKIE_KEY in the environment" in err
    assert f"No users file at {users_file}" in err
    # A key from the secrets file counts.
    no_secrets.write_text('cookie_key = "' + "s" * 32 + '"\n')
    users.save(users_file, {})
    assert main(["users", "check"]) == 1
    assert f"The users file {users_file} has no users" in capsys.readouterr().err
    record = users.UserRecord(
        name="C", password=users.hash_password("a-password", rounds=4), roles=["executive"]
    )
    users.save(users_file, {"cio": record})
    assert main(["users", "check"]) == 0
    assert f"login ready: users from {users_file}" in capsys.readouterr().out


def test_roles_decide_scope_and_pages():
    every = ("FIN", "HR", "OPS")
    head = User("ana", "Ana", ("pmo_head",), ("HR", "LEGAL"))
    assert head.scope(every) == ("HR",)
    assert "admin" not in head.pages
    admin_viewer = User("bo", "Bo", ("viewer", "admin"), ("FIN",))
    assert admin_viewer.scope(every) == every and admin_viewer.pages[-1] == "admin"
    assert User("ed", "Ed", ("executive",), ()).scope(every) == every


def test_without_a_terminal_no_password_is_read(users_file, capsys):
    assert main(["users", "add", "cio", "--role", "executive"]) == 1
    assert "Run this in a terminal" in capsys.readouterr().err
    assert not users_file.exists()


def test_demo_cookies_never_use_the_real_key(tmp_path):
    from pmo_dash.settings import Settings

    real = "r" * 40
    demo = auth_config.load(Settings(demo=True, cookie_key=real, users_file=tmp_path / "none.yaml"))
    assert demo.cookie_key != real and len(demo.cookie_key) >= 32
    assert demo.cookie_name == "pmo_dash_auth_demo"
    record = users.UserRecord(
        name="C", password=users.hash_password("a-password", rounds=4), roles=["executive"]
    )
    users.save(tmp_path / "users.yaml", {"cio": record})
    real_config = auth_config.load(Settings(demo=False, cookie_key=real, users_file=tmp_path / "users.yaml"))
    assert (real_config.cookie_key, real_config.cookie_name, real_config.problems) == (
        real,
        "pmo_dash_auth",
        (),
    )


def test_a_users_file_may_not_name_a_user_twice_or_hold_a_bad_hash(tmp_path):
    good = users.hash_password("a-good-password", rounds=4)
    twice = tmp_path / "twice.yaml"
    twice.write_text(
        f"users:\n  ana:\n    name: A\n    password: '{good}'\n    roles: [viewer]\n"
        f"  ana:\n    name: B\n    password: '{good}'\n    roles: [executive]\n"
    )
    with pytest.raises(users.UsersFileError, match="'ana' is given twice"):
        users.load(twice)
    cheap = tmp_path / "cheap.yaml"
    cheap.write_text(
        f"users:\n  ana:\n    name: A\n    password: '{good.replace('$04$', '$03$')}'\n    roles: [viewer]\n"
    )
    with pytest.raises(users.UsersFileError, match="is not a bcrypt hash"):
        users.load(cheap)
    lower = tmp_path / "lower.yaml"
    lower.write_text(
        f"users:\n  ana:\n    name: A\n    password: '{good}'\n    roles: [viewer]\n    departments: [fin]\n"
    )
    assert users.load(lower)["ana"].departments == ["FIN"]


def test_a_department_the_warehouse_does_not_know_is_pointed_out(fixture_settings, users_file, typed, capsys):
    typed[0].extend(["password-1", "password-1", "password-2", "password-2"])
    assert main(["users", "add", "ana", "--role", "pmo_head", "--department", "FNI"]) == 0
    assert "note: the warehouse has no department FNI (yet); check the spelling." in capsys.readouterr().out
    assert main(["users", "add", "bo", "--role", "pmo_head", "--department", "FIN"]) == 0
    assert "note:" not in capsys.readouterr().out
