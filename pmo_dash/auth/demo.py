"""Is this the shipped demo? Decided by content, never by paths: demo mode publishes its passwords.

The demo returns' sha256 are shipped with the code (`demo_manifest.json`, written by `make sample`).
The warehouse records every file it was built from and its sha256 (`ingest_runs`), so the served
warehouse is the demo only when that list is the manifest exactly. Before the first build, the
returns `make run` would build from (PMO_SOURCE_DIR) are compared instead.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb

from pmo_dash import db, intake
from pmo_dash.data import intake as data_intake
from pmo_dash.settings import Settings

MANIFEST = Path(__file__).resolve().parent.parent / "sample" / "demo_manifest.json"


@dataclass(frozen=True)
class DemoDecision:
    on: bool  # demo users with published passwords
    demo_data: bool  # the warehouse served is (or will be built from) the shipped demo returns
    reason: str  # why, for `users check` and the server's log (it names server paths)


def source_hashes(folder: Path) -> dict[str, str]:
    """Every file the build finds in the folder (as `ingest_runs` names them), with its sha256."""
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in intake.source_files(folder)}


def write_manifest(folder: Path, path: Path = MANIFEST) -> int:
    """Record the folder's files as the shipped demo; the number of files recorded."""
    hashes = source_hashes(folder)
    path.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return len(hashes)


@lru_cache(maxsize=4)
def _manifest(path: Path, version: int) -> frozenset[tuple[str, str]]:
    return frozenset(json.loads(path.read_text(encoding="utf-8")).items())


def manifest(path: Path = MANIFEST) -> frozenset[tuple[str, str]]:
    """The shipped demo's files and their sha256."""
    return _manifest(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _built_from(warehouse: Path, version: str) -> frozenset[tuple[str, str]]:
    """What this version of the warehouse file was built from: read once, not on every rerun."""
    return data_intake.built_from(warehouse, version)


@lru_cache(maxsize=8)
def _source(folder: Path, listing: tuple[tuple[str, int, int], ...]) -> frozenset[tuple[str, str]]:
    return frozenset(source_hashes(folder).items())


def _listing(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Each file's name, size and mtime: hashing again only when one of them changes."""
    return tuple(
        (name, (s := path.stat()).st_size, s.st_mtime_ns) for name, path in intake.source_files(folder)
    )


def _differs(files: frozenset[tuple[str, str]], shipped: frozenset[tuple[str, str]]) -> str:
    """The files added, removed or changed, by name (the first three)."""
    changed = sorted({name for name, _ in files ^ shipped})
    more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
    return f"differing: {', '.join(changed[:3])}{more}"


def _data(settings: Settings) -> tuple[bool, str]:
    """Is what is served (or about to be built and served) the shipped demo, and why."""
    shipped = manifest()
    warehouse = settings.warehouse
    if warehouse.exists():
        try:
            files = _built_from(warehouse, db.version(warehouse))
        except (duckdb.Error, OSError) as err:
            return False, f"which returns the warehouse {warehouse} was built from cannot be read ({err})"
        if files == shipped:
            return True, f"the warehouse {warehouse} was built from the shipped demo returns"
        return False, (
            f"the warehouse {warehouse} was built from other returns than the shipped demo "
            f"({_differs(files, shipped)})"
        )
    source = settings.source_dir
    if not source.is_dir():
        return False, f"there is no warehouse yet, and no returns at {source} to build one from"
    try:
        files = _source(source, _listing(source))
    except OSError as err:
        return False, f"there is no warehouse yet, and the returns at {source} cannot be read ({err})"
    if files == shipped:
        return True, f"there is no warehouse yet, and {source} holds the shipped demo returns"
    return False, (
        f"there is no warehouse yet, and {source} holds other returns than the shipped demo "
        f"({_differs(files, shipped)})"
    )


def decide(settings: Settings) -> DemoDecision:
    """PMO_DEMO when set; otherwise on only for the untouched demo: a warehouse built from the shipped
    demo returns byte for byte, and no users file of one's own (making one means real use)."""
    demo_data, why = _data(settings)
    if settings.demo is not None:
        state = "on" if settings.demo else "off"
        return DemoDecision(settings.demo, demo_data, f"PMO_DEMO switches it {state} ({why})")
    if not demo_data:
        return DemoDecision(False, False, why)
    if settings.users_file.exists():
        return DemoDecision(False, True, f"there is a users file at {settings.users_file} ({why})")
    return DemoDecision(True, True, why)
