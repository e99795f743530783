"""One fixture warehouse for the whole session, built from the hand-written returns in tests/fixtures."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import pytest

from pmo_dash.auth import users
from pmo_dash.intake.build import build
from pmo_dash.intake.submissions.store import MANIFEST, Manifest, SubmissionStore
from pmo_dash.settings import Settings, get_settings

FIXTURE = Path(__file__).parent / "fixtures" / "portfolio"
# Oversight-level returns (tests/fixtures/oversight/README.md), dated in two layouts.
OVERSIGHT = Path(__file__).parent / "fixtures" / "oversight"
OVERSIGHT_FORMATS = ["%d/%m/%Y", "%d.%m.%y"]
COOKIE_KEY = "test-cookie-key-of-at-least-32-characters"
# The fixture's users: username -> (roles, departments). Each password is `<username>-password`.
USERS = {
    "exec": (["executive"], []),
    "fin_head": (["pmo_head"], ["FIN"]),
    "hr_head": (["pmo_head"], ["HR"]),
    "hr_viewer": (["viewer"], ["HR"]),
    "admin": (["admin"], []),
    "stranger": (["viewer"], ["OPS"]),
}


def password(username: str) -> str:
    return f"{username}-password"


def write_users(path: Path) -> Path:
    """The fixture's users file, hashed with bcrypt's lowest cost so that tests stay quick."""
    records = {
        name: users.UserRecord(
            name=name.replace("_", " ").title(),
            password=bcrypt_hash(password(name)),
            roles=roles,
            departments=departments,
        )
        for name, (roles, departments) in USERS.items()
    }
    users.save(path, records)
    return path


def bcrypt_hash(secret: str) -> str:
    return users.hash_password(secret, rounds=4)


def on_screen(markdown: str) -> str:
    """Markdown as a reader sees it: escaped characters plain, the invisible word joiners gone."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def money_unit(element, column: str) -> float:
    """What a table's money column was divided by to read in one unit (tables.show): £%.2fm is 1e6."""
    from pmo_dash.ui import fmt

    printf = json.loads(element.proto.columns)[column]["type_config"]["format"]
    return dict((suffix, limit) for limit, suffix in fmt.UNITS).get(printf.rsplit("f", 1)[1], 1.0)


def stored(
    root: Path,
    department: str,
    period: str,
    user: str,
    at: str,
    content: bytes = b"x\n",
    table: str = "status_reports",
) -> Manifest:
    """A return kept in the repository at `root` as the app keeps it, then dated `at` (UTC, ISO 8601) as
    if submitted then."""
    manifest = SubmissionStore(root).save(
        department, period, user, [(f"{table}.csv", f"{table}.csv", content, [table])], {}
    )
    path = root / manifest.folder / MANIFEST
    path.write_text(json.dumps(json.loads(path.read_text()) | {"submitted_at": at}))
    return manifest


def golden_returns(target: Path) -> Path:
    """The golden returns as they are (CSV), to add to or take from before building a variant."""
    shutil.copytree(FIXTURE, target)
    (target / "README.md").unlink()
    return target


def copy_fixture(target: Path) -> Path:
    """The golden returns, with HR's converted to XLSX so both readers are exercised."""
    shutil.copytree(FIXTURE, target)
    (target / "README.md").unlink()
    for csv in (target / "HR").glob("*.csv"):
        pl.read_csv(csv, infer_schema=False).write_excel(csv.with_suffix(".xlsx"))
        csv.unlink()
    return target


@contextmanager
def app_on(source: Path, out: Path) -> Iterator[Settings]:
    """The app's settings pointed at a warehouse built from `source` (into `out`), then back."""
    env = {
        "PMO_SOURCE_DIR": str(source),
        "PMO_WAREHOUSE": str(out / "warehouse.duckdb"),
        "PMO_REPORT": str(out / "report.csv"),
        "PMO_SCENARIOS": str(out / "scenarios.sqlite"),
    }
    before = os.environ.get("PMO_WAREHOUSE")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        get_settings.cache_clear()
        build(get_settings())
        yield get_settings()
    get_settings.cache_clear()
    assert os.environ.get("PMO_WAREHOUSE") == before


@pytest.fixture(scope="session")
def fixture_source(tmp_path_factory) -> Path:
    return copy_fixture(tmp_path_factory.mktemp("returns") / "portfolio")


@pytest.fixture(scope="session")
def fixture_settings(fixture_source, tmp_path_factory) -> Settings:
    """Settings pointing at the fixture warehouse, also installed as the app's settings."""
    out = tmp_path_factory.mktemp("warehouse")
    os.environ["PMO_SOURCE_DIR"] = str(fixture_source)
    os.environ["PMO_WAREHOUSE"] = str(out / "warehouse.duckdb")
    os.environ["PMO_REPORT"] = str(out / "validation_report.csv")
    os.environ["PMO_USERS_FILE"] = str(write_users(out / "users.yaml"))
    os.environ["PMO_COOKIE_KEY"] = COOKIE_KEY
    os.environ["PMO_SCENARIOS"] = str(out / "scenarios.sqlite")
    os.environ["PMO_SESSIONS"] = str(out / "sessions.sqlite")
    get_settings.cache_clear()
    settings = get_settings()
    build(settings)
    return settings


@pytest.fixture(scope="session")
def fixture_warehouse(fixture_settings) -> Path:
    return fixture_settings.warehouse


@pytest.fixture(scope="session")
def oversight_source(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("oversight") / "returns"
    shutil.copytree(OVERSIGHT, source)
    (source / "README.md").unlink()
    return source


@pytest.fixture(scope="session")
def oversight_warehouse(oversight_source, tmp_path_factory) -> Path:
    """The oversight fixture's warehouse, built apart from the app's settings."""
    out = tmp_path_factory.mktemp("oversight_warehouse")
    settings = Settings(day_first_formats=OVERSIGHT_FORMATS, data_dir=out)
    build(settings, oversight_source, out / "warehouse.duckdb", out / "validation_report.csv")
    return out / "warehouse.duckdb"


def pytest_sessionfinish(session, exitstatus):
    # A run in which nothing passed proves nothing: CI must fail, not go green.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    passed = len(reporter.stats.get("passed", [])) if reporter else 0
    if exitstatus == 0 and passed == 0:
        session.exitstatus = 1


def every_view(links: dict[str, str]) -> list:
    """Every page as its user opens it (the admin page as admin, the rest as exec; a level page linked to
    `links`' entity), then each later tab of the pages that have tabs (home, department, Risks, Benefits, lessons and
    governance and their second rows, what-if): pytest parameters (page, user, query)."""
    from pmo_dash.ui import shell, tabs
    from pmo_dash.ui.benefits import views as benefits
    from pmo_dash.ui.governance import views as governance
    from pmo_dash.ui.lessons import views as lessons
    from pmo_dash.ui.portfolio import home
    from pmo_dash.ui.risks import views as risks
    from pmo_dash.ui.whatif import views as whatif

    tabbed = {
        "enterprise": home.TABS,
        "department": home.DEPARTMENT_TABS,
        "risks": risks.TABS,
        "benefits": benefits.TABS,
        "lessons": lessons.TABS,
        "governance": governance.TABS,
        "whatif": whatif.TABS,
    }

    pages = [
        pytest.param(
            page,
            "admin" if page == "admin" else "exec",
            {page: links[page]} if page in links else {},
            id=page,
        )
        for page in shell.PAGES
    ]
    later_tabs = [
        pytest.param(
            page,
            "exec",
            {**({page: links[page]} if page in links else {}), tabs.param(page): tab},
            id=f"{page}-{tab}",
        )
        for page, names in tabbed.items()
        for tab in names[1:]
    ]
    # The governance and benefits pages' other row of tabs, with its own link parameter.
    rows = [
        pytest.param("governance", "exec", {governance.MADE_KEY: tab}, id=f"governance-{tab}")
        for tab in governance.MADE[1:]
    ] + [
        pytest.param("benefits", "exec", {benefits.CHARTS_KEY: tab}, id=f"benefits-{tab}")
        for tab in benefits.CHARTS[1:]
    ]
    return pages + later_tabs + rows


def ranking(at):
    """The what-if's Ranking tab's table (open it with `whatif_tab="Ranking"`): every candidate, by score."""
    [ranked] = [d.value for d in at.dataframe if "rank" in d.value.columns]
    return ranked
