"""A real `streamlit run` on a free port, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-results"
RUNNING: dict[str, subprocess.Popen] = {}  # url -> the server process, for whoever measures it
# Without these, chromium reaches for the network at every start and this machine refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("PMO_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (PMO_REQUIRE_BROWSER=1) but not installed")
        pytest.skip("Debian's chromium is not installed (make browser)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
    ]
    # The server's output goes to a file, never to a pipe nobody reads while it runs: a full pipe
    # would block the server on its next log line, mid-request.
    with tempfile.TemporaryFile() as log:
        yield from _served(command, env, log)


def _served(command: list[str], env: dict[str, str], log) -> Iterator[str]:
    process = subprocess.Popen(command, cwd=ROOT, env=os.environ | env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{command[command.index('--server.port') + 1]}"
    RUNNING[url] = process
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    output = log.read().decode(errors="replace")
                    raise RuntimeError(f"streamlit did not start:\n{output}") from None
                time.sleep(0.3)
        yield url
    finally:
        RUNNING.pop(url, None)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


@contextmanager
def serving(settings) -> Iterator[str]:
    """A server over a test's own warehouse (its Settings: warehouse, returns and report)."""
    env = {
        "PMO_WAREHOUSE": str(settings.warehouse),
        "PMO_SOURCE_DIR": str(settings.source_dir),
        "PMO_REPORT": str(settings.report),
    }
    with streamlit_server(env) as url:
        yield url


@contextmanager
def chromium_page(width: int = 1600, height: int = 1800):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            yield page
        finally:
            browser.close()


def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# Drawn: the script has finished (the app's own marker: its status widget shows only after a delay, so
# a page half sent looked drawn), and every chart on the page has drawn its SVG (a chart element whose
# script is still loading has no plot yet): the Plotly charts, and every image decoded. (The KPI cards'
# trend lines are a style sheet's backgrounds, ui/sparkline.py: drawn with the page, not awaited.)
DRAWN = """() => document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(c => c.querySelector('.js-plotly-plot .main-svg'))
    && [...document.querySelectorAll('[data-testid="stImage"] img')].every(i => i.complete)"""


def submit_login(page, username: str, secret: str) -> None:
    """Fill and submit the login form, as a user would."""
    button = page.get_by_role("button", name="Log in")
    button.wait_for(timeout=30_000)
    settle(page)  # a form still being drawn would lose what is typed into it
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(secret)
    button.click()


def log_in(page, username: str = "exec", secret: str | None = None) -> None:
    """Log in (the fixture's passwords are `<username>-password`) and wait for the page behind the form
    to be drawn: the form has a chart of its own (ui/warmup.py), so a test looking for "a chart" right
    after submitting could find the form's, or click a page still being laid out."""
    submit_login(page, username, secret or f"{username}-password")
    page.get_by_role("button", name="Log in").wait_for(state="detached", timeout=60_000)
    settle(page)


def settle(page, timeout: int = 60_000) -> None:
    """Wait until the app has stopped running and every chart on the page is drawn."""
    page.wait_for_function(DRAWN, timeout=timeout)
    page.wait_for_timeout(300)
