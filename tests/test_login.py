"""The login's parts without Streamlit: lock-out counts for any name, the time a refusal takes, and the
store that keeps logouts across restarts."""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import bcrypt

from pmo_dash.auth import gate, users
from pmo_dash.auth.attempts import LoginAttempts
from pmo_dash.auth.logouts import LogoutStore
from tests.conftest import password, write_users

MAX, MINUTES = 5, 15


def refusals(username: str, secret: str, records, attempts: LoginAttempts, times: int) -> list[str | None]:
    return [gate.check(username, secret, records, attempts, MAX, MINUTES) for _ in range(times)]


def test_a_refusal_takes_as_long_for_a_locked_username_as_for_an_unknown_one(tmp_path):
    # The review measured a locked username refused in 240 ms and an unknown one in 860 ms: the lock-out
    # skipped bcrypt. Medians of several tries, and a generous ratio, hold on a loaded machine: at cost 4
    # a check takes 1-4 ms, and once a machine busy reading its files again gave 1.6 against 3.7 ms (0.43).
    # A lock-out that skipped bcrypt took 0.03 ms against 1.5 ms (bcrypt stubbed out): a ratio near 0.02.
    records = users.load(write_users(tmp_path / "users.yaml"))  # bcrypt cost 4, as the decoy's
    attempts = LoginAttempts()
    assert refusals("hr_viewer", "wrong-password", records, attempts, MAX)[-1].startswith("Too many")

    def median_seconds(username: str, secret: str) -> float:
        took = []
        for i in range(15):
            name = username.format(i)
            started = time.perf_counter()
            said = gate.check(name, secret, records, attempts, MAX, MINUTES)
            took.append(time.perf_counter() - started)
            assert said is not None
        return statistics.median(took)

    gate.decoy(gate.cost(records))  # made once per server, before any attempt is timed
    locked = median_seconds("hr_viewer", password("hr_viewer"))
    unknown = median_seconds("no-such-user-{}", "whatever-it-is")  # a new name each time: never locked
    assert 0.25 < locked / unknown < 4, (locked, unknown)


def test_unknown_names_lock_out_like_known_ones_and_the_right_password_then_opens(tmp_path):
    records = users.load(write_users(tmp_path / "users.yaml"))
    attempts = LoginAttempts()
    for name in ("exec", "nobody"):
        said = refusals(name, "wrong-password", records, attempts, MAX + 1)
        assert said[: MAX - 1] == [gate.REFUSED] * (MAX - 1)
        assert said[MAX - 1] == said[MAX] and said[MAX].startswith("Too many failed logins")
    assert refusals("fin_head", password("fin_head"), records, attempts, 1) == [None]
    # Three wrong then the right one: a success clears the count.
    refusals("admin", "wrong-password", records, attempts, 3)
    assert refusals("admin", password("admin"), records, attempts, 1) == [None]
    assert attempts.status("admin", MINUTES * 60, time.time()) == (0, None)


def test_any_number_of_names_tried_keeps_a_bounded_count_and_known_lock_outs(tmp_path):
    records = users.load(write_users(tmp_path / "users.yaml"))
    attempts = LoginAttempts(max_unknown=100)
    refusals("exec", "wrong-password", records, attempts, MAX)
    now = time.time()
    for i in range(1000):  # a flood of made-up names, one very long
        attempts.begin(f"guess-{i}" + "x" * (10_000 if i == 0 else 0), False, MAX, MINUTES * 60, now)
    assert attempts.tracked_unknown() == 100
    failures, until = attempts.status("exec", MINUTES * 60, time.time())
    assert failures == MAX and until is not None, "a flood of unknown names does not lift a lock-out"


def test_parallel_guesses_cannot_race_past_the_limit(tmp_path, monkeypatch):
    records = users.load(write_users(tmp_path / "users.yaml"))
    attempts = LoginAttempts()
    checked = []
    check = bcrypt.checkpw

    def counted(secret: bytes, hashed: bytes) -> bool:
        checked.append(hashed == records["exec"].password.encode())
        return check(secret, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", counted)
    with ThreadPoolExecutor(8) as pool:
        said = list(
            pool.map(lambda _: gate.check("exec", "wrong", records, attempts, MAX, MINUTES), range(40))
        )
    # Only five guesses were checked against the real hash; every other was refused as locked.
    assert checked.count(True) == MAX and len(checked) == 40
    assert said.count(gate.REFUSED) <= MAX - 1 and sum(m.startswith("Too many") for m in said) >= 40 - MAX + 1


def test_logouts_outlive_the_store_object_and_keep_the_latest(tmp_path):
    path = tmp_path / "state" / "sessions.sqlite"
    store = LogoutStore(path)
    assert store.logged_out_at("pmo_dash_auth", "exec") == 0.0 and not path.exists(), (
        "reading creates nothing"
    )
    store.record("pmo_dash_auth", "exec", 1000.5)
    store.record("pmo_dash_auth", "exec", 900.0)  # an older logout, written late, does not win
    restarted = LogoutStore(path)
    assert restarted.logged_out_at("pmo_dash_auth", "exec") == 1000.5
    assert restarted.logged_out_at("pmo_dash_auth_demo", "exec") == 0.0, (
        "demo logins are a realm of their own"
    )


def test_logouts_written_by_many_threads_at_once_are_all_kept(tmp_path):
    store = LogoutStore(tmp_path / "sessions.sqlite")
    start = threading.Barrier(8)

    def log_out(thread: int) -> None:
        start.wait()
        for i in range(25):
            store.record("pmo_dash_auth", f"user{thread}", 1000.0 + i)
            store.record("pmo_dash_auth", "shared", 1000.0 + thread * 100 + i)
            store.logged_out_at("pmo_dash_auth", "shared")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(log_out, range(8)))
    assert [store.logged_out_at("pmo_dash_auth", f"user{t}") for t in range(8)] == [1024.0] * 8
    assert store.logged_out_at("pmo_dash_auth", "shared") == 1000.0 + 7 * 100 + 24
