"""Rebuilds asked for by submissions: one build at a time, in the background, in a process of its own
(`isolated.rebuild`), while the app keeps serving the previous warehouse.

A request sets a flag in `<submissions_dir>/.rebuild/status.json`; whoever holds `build.lock` runs
builds while the flag is set, clearing it as each starts, so requests that arrive during a build are
served by one more build. The lock is a file lock, so two server processes sharing the folder never
build at once; the one building serves the other's requests. A failed build keeps the submissions (they
are stored before the request) and the old warehouse (the builder swaps only a finished one in).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pmo_dash.settings import Settings

_local = threading.Lock()
_workers: dict[Path, threading.Thread] = {}


@dataclass(frozen=True)
class RebuildStatus:
    state: str  # idle, queued, running, done or failed
    message: str  # how the last build went, or why it failed
    requested_at: str | None = None  # UTC, ISO 8601
    started_at: str | None = None
    finished_at: str | None = None
    pending: bool = False  # a request is waiting: one more build will run


def request(settings: Settings) -> RebuildStatus:
    """Ask for a rebuild; it runs in the background, after any build already running."""
    with _state(settings) as state:
        state.update(pending=True, requested_at=_now())
        if state.get("state") != "running":
            state.update(state="queued", message="")
    _start(settings)
    return status(settings)


def status(settings: Settings) -> RebuildStatus:
    """Where the rebuilds stand, for the page to show."""
    with _state(settings) as state:
        found = dict(state)
    if found.get("state") == "running" and not _held(_folder(settings) / "build.lock"):
        found.update(state="failed", message="the build was interrupted (the server stopped?)")
    known = RebuildStatus.__dataclass_fields__
    return RebuildStatus(**{"state": "idle", "message": "", **{k: v for k, v in found.items() if k in known}})


def wait(settings: Settings, timeout: float) -> RebuildStatus:
    """Block until no build is queued or running here (tests, the command line), or the timeout passes."""
    with _local:
        worker = _workers.get(_folder(settings))
    if worker is not None:
        worker.join(timeout)
    return status(settings)


def _start(settings: Settings) -> None:
    folder = _folder(settings)
    with _local:
        worker = _workers.get(folder)
        if worker is not None and worker.is_alive():
            return
        worker = threading.Thread(target=_work, args=(settings,), name="pmo-dash-rebuild", daemon=True)
        _workers[folder] = worker
        worker.start()


def _work(settings: Settings) -> None:
    from pmo_dash.intake import isolated

    folder = _folder(settings)
    while True:
        with open(folder / "build.lock", "a") as lock:
            if not _acquire(lock):  # another process is building: it serves our request after its build
                break
            while _take(settings):
                outcome = isolated.rebuild(settings)
                with _state(settings) as state:
                    state.update(
                        state="done" if outcome.ok else "failed", message=outcome.message, finished_at=_now()
                    )
        # The lock is let go: a request made meanwhile is ours to serve; otherwise this worker ends.
        with _local:
            if not status(settings).pending:
                _workers.pop(folder, None)
                return
    with _local:
        _workers.pop(folder, None)


def _acquire(lock, tries: int = 40) -> bool:
    """The build lock, waiting a moment for a status check's brief hold; False when a build holds it."""
    for _ in range(tries):
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            time.sleep(0.025)
    return False


def _take(settings: Settings) -> bool:
    """Clear a waiting request and mark its build running; False when none waits."""
    with _state(settings) as state:
        if not state.get("pending"):
            return False
        state.update(pending=False, state="running", started_at=_now(), message="")
    return True


@contextmanager
def _state(settings: Settings) -> Iterator[dict]:
    """The status file, read and (when changed) written under a lock of its own."""
    folder = _folder(settings)
    path = folder / "status.json"
    with open(folder / "status.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        state = json.loads(path.read_text()) if path.exists() else {}
        before = dict(state)
        yield state
        if state != before:
            partial = path.with_name(f".status.{os.getpid()}.{threading.get_ident()}.part")
            partial.write_text(json.dumps(state))
            os.replace(partial, path)


def _folder(settings: Settings) -> Path:
    folder = Path(settings.submissions_dir) / ".rebuild"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _held(path: Path) -> bool:
    return not _free(path)


def _free(path: Path) -> bool:
    """Whether nobody holds the lock (tried, and let go at once)."""
    with open(path, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(lock, fcntl.LOCK_UN)
        return True


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
