"""Demo mode publishes its passwords, so it is on only for the shipped demo returns, byte for byte:
decided by what the served warehouse was built from, never by where the files are."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pmo_dash import db
from pmo_dash.__main__ import main
from pmo_dash.auth import config as auth_config
from pmo_dash.auth import demo, users
from pmo_dash.intake.build import build
from pmo_dash.settings import ROOT, Settings, get_settings

SHIPPED = ROOT / "data" / "sample"


def digests(folder: Path) -> dict[str, str]:
    """Every file under the folder and its sha256, computed here independently of the code under test."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def built(source: Path, out: Path) -> Path:
    build(Settings(source_dir=source, warehouse=out / "warehouse.duckdb", report=out / "report.csv"))
    return out / "warehouse.duckdb"


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory) -> Path:
    """The shipped demo returns, copied elsewhere and built there: the demo by content, whatever the paths."""
    out = tmp_path_factory.mktemp("demo_copy")
    return built(shutil.copytree(SHIPPED, out / "returns"), out)


@pytest.fixture(scope="module")
def near_copy(tmp_path_factory) -> tuple[Path, Path]:
    """The demo returns with one byte more at the end of one file (a blank line, which the build ignores):
    other returns. Their folder, and the warehouse built from them."""
    out = tmp_path_factory.mktemp("near_copy")
    source = shutil.copytree(SHIPPED, out / "returns")
    with open(source / "FIN" / "lessons.csv", "ab") as lessons:
        lessons.write(b"\n")
    return source, built(source, out)


def decide(tmp_path: Path, **settings) -> tuple[bool, bool, str]:
    chosen = {"users_file": tmp_path / "no-users.yaml", "demo": None} | settings
    decision = demo.decide(Settings(**chosen))
    return decision.on, decision.demo_data, decision.reason


def test_the_manifest_lists_exactly_the_shipped_demo_returns():
    shipped = json.loads(demo.MANIFEST.read_text())
    # 8 departments x 21 tables (the 17 of before, and since issue 19 dependencies, proposals, their
    # demand and decisions), and the enterprise-wide strategic objectives.
    assert len(shipped) == 8 * 21 + 1
    assert shipped == digests(SHIPPED), "data/sample changed without its manifest: run `make sample`"


def test_make_sample_writes_the_manifest_it_ships_with(tmp_path, capsys):
    # What `make sample` runs: the same returns, and the same hashes, as shipped.
    out, manifest = tmp_path / "sample", tmp_path / "manifest.json"
    assert (
        main(["sample", "--tier", "demo", "--seed", "7", "--out", str(out), "--manifest", str(manifest)]) == 0
    )
    assert f"wrote the sha256 of 169 files to {manifest}" in capsys.readouterr().out
    assert manifest.read_text() == demo.MANIFEST.read_text()


def test_the_default_layout_serving_other_returns_is_not_the_demo(tmp_path, fixture_source, monkeypatch):
    # The review's case: `PMO_SOURCE_DIR=<elsewhere> python -m pmo_dash build` into the default warehouse,
    # then serve with the defaults (the shipped data/sample, the default warehouse, no users file).
    root = tmp_path / "project"
    shutil.copytree(SHIPPED, root / "data" / "sample")
    monkeypatch.setattr(auth_config, "ROOT", root)  # where a rule by paths would look for "the defaults"
    defaults = {
        "data_dir": root / "data",
        "source_dir": root / "data" / "sample",
        "warehouse": root / "data" / "warehouse.duckdb",
        "report": root / "data" / "validation_report.csv",
        "users_file": tmp_path / "no-users.yaml",
        "demo": None,
    }
    build(Settings(**defaults | {"source_dir": fixture_source}))
    served = Settings(**defaults)
    assert not auth_config.demo_mode(served)
    config = auth_config.load(served)
    assert (config.demo, config.demo_data, config.cookie_name) == (False, False, "pmo_dash_auth")
    # Every file differs: the demo's 169, and the fixture's 10 HR returns in XLSX (the demo's HR is CSV),
    # 179 in all: the first three by name, and 176 more.
    assert config.demo_reason == (
        f"the warehouse {root / 'data' / 'warehouse.duckdb'} was built from other returns than the shipped "
        "demo (differing: CLIN/benefit_measurements.xlsx, CLIN/benefits.xlsx, CLIN/capacity.xlsx and 176 more)"
    )


def test_the_shipped_returns_built_anywhere_are_the_demo_and_one_byte_more_is_not(
    tmp_path, demo_copy, near_copy
):
    assert decide(tmp_path, warehouse=demo_copy, source_dir=tmp_path / "nowhere") == (
        True,
        True,
        f"the warehouse {demo_copy} was built from the shipped demo returns",
    )
    _, near_warehouse = near_copy
    assert decide(tmp_path, warehouse=near_warehouse, source_dir=SHIPPED) == (
        False,
        False,
        f"the warehouse {near_warehouse} was built from other returns than the shipped demo "
        "(differing: FIN/lessons.csv)",
    )


def test_a_users_file_of_ones_own_turns_demo_mode_off(tmp_path, demo_copy):
    users.save(tmp_path / "users.yaml", {})
    assert decide(tmp_path, warehouse=demo_copy, users_file=tmp_path / "users.yaml") == (
        False,
        True,
        f"there is a users file at {tmp_path / 'users.yaml'} "
        f"(the warehouse {demo_copy} was built from the shipped demo returns)",
    )


def test_pmo_demo_decides_when_set_and_the_data_is_still_told_apart(tmp_path, demo_copy, fixture_warehouse):
    on, demo_data, reason = decide(tmp_path, warehouse=fixture_warehouse, demo=True)
    assert (on, demo_data) == (True, False)
    assert reason.startswith(
        f"PMO_DEMO switches it on (the warehouse {fixture_warehouse} was built from other returns than the "
        "shipped demo (differing: "
    )
    assert decide(tmp_path, warehouse=demo_copy, demo=False) == (
        False,
        True,
        f"PMO_DEMO switches it off (the warehouse {demo_copy} was built from the shipped demo returns)",
    )


def test_before_the_first_build_the_returns_it_would_build_from_decide(tmp_path, near_copy):
    # `make run` builds PMO_SOURCE_DIR into PMO_WAREHOUSE when there is none yet.
    missing = tmp_path / "not-yet.duckdb"
    assert decide(tmp_path, warehouse=missing, source_dir=SHIPPED) == (
        True,
        True,
        f"there is no warehouse yet, and {SHIPPED} holds the shipped demo returns",
    )
    near_source, _ = near_copy
    assert decide(tmp_path, warehouse=missing, source_dir=near_source) == (
        False,
        False,
        f"there is no warehouse yet, and {near_source} holds other returns than the shipped demo "
        "(differing: FIN/lessons.csv)",
    )
    assert decide(tmp_path, warehouse=missing, source_dir=tmp_path / "nowhere") == (
        False,
        False,
        f"there is no warehouse yet, and no returns at {tmp_path / 'nowhere'} to build one from",
    )


def test_the_warehouse_is_read_once_per_version(tmp_path, fixture_source, monkeypatch):
    reads = []
    query = db.query

    def counted(path, name, params=None, at_version=None):
        reads.append(name)
        return query(path, name, params, at_version)

    monkeypatch.setattr(db, "query", counted)
    out = tmp_path / "w"
    warehouse = built(SHIPPED, out)
    for _ in range(3):  # three reruns
        assert decide(tmp_path, warehouse=warehouse)[0]
    assert reads == ["intake/source_files"]
    built(fixture_source, out)  # rebuilt in place from other returns: a new file, a new version
    assert not decide(tmp_path, warehouse=warehouse)[0]
    assert reads == ["intake/source_files", "intake/source_files"]


@pytest.fixture
def served(monkeypatch, tmp_path):
    """Point the CLI's settings at a warehouse, with no users file and PMO_DEMO unset."""

    def serve(warehouse: Path) -> None:
        monkeypatch.setenv("PMO_WAREHOUSE", str(warehouse))
        monkeypatch.setenv("PMO_USERS_FILE", str(tmp_path / "no-users.yaml"))
        monkeypatch.delenv("PMO_DEMO", raising=False)
        get_settings.cache_clear()

    yield serve
    monkeypatch.undo()
    get_settings.cache_clear()


def test_users_check_says_whether_demo_mode_is_on_and_why(served, demo_copy, near_copy, capsys, tmp_path):
    served(demo_copy)
    assert main(["users", "check"]) == 0
    assert capsys.readouterr().out == (
        "login ready: demo mode (demo users)\n"
        f"demo mode is on: the warehouse {demo_copy} was built from the shipped demo returns\n"
    )
    _, near_warehouse = near_copy
    served(near_warehouse)
    assert main(["users", "check"]) == 1
    err = capsys.readouterr().err
    assert f"  - No users file at {tmp_path / 'no-users.yaml'}." in err
    assert err.endswith(
        f"demo mode is off: the warehouse {near_warehouse} was built from other returns than the shipped "
        "demo (differing: FIN/lessons.csv)\n"
    )
