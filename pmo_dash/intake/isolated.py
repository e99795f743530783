"""A rebuild started from the app runs in a process of its own, with a memory limit and a time limit.

A return built to exhaust memory (or a portfolio larger than the machine) then stops that process, not
the server every user is on; the previous warehouse keeps serving either way.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from dataclasses import dataclass

from pmo_dash.settings import ROOT, Settings

# How running out of memory reads in the errors of Python, polars and DuckDB.
OUT_OF_MEMORY = ("memory", "can't start new thread", "bad_alloc", "cannot allocate")


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str  # what the admin reads: how the rebuild went, or why it failed


def rebuild(settings: Settings) -> Outcome:
    """Build the configured returns into a new warehouse in a child process; say how it went."""
    command = [
        sys.executable,
        "-m",
        "pmo_dash",
        "build",
        "--source",
        str(settings.source_dir),
        "--warehouse",
        str(settings.warehouse),
        "--report",
        str(settings.report),
        "--submissions",
        str(settings.submissions_dir),
        "--json",
        "--memory-limit-mb",
        str(settings.build_memory_mb),
    ]
    try:
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=settings.build_timeout_minutes * 60
        )
    except subprocess.TimeoutExpired:
        return Outcome(
            False, f"it ran longer than {settings.build_timeout_minutes:g} minutes and was stopped"
        )
    answer = _answer(done.stdout)
    if answer is not None and answer.get("ok"):
        return Outcome(
            True,
            f"rebuilt in {answer['seconds']:.1f} s: {answer['rows_read']:,} rows read, "
            f"{answer['accepted']:,} accepted, {answer['rejected']:,} rejected, "
            f"{answer['problems']:,} problem{'' if answer['problems'] == 1 else 's'} in the validation "
            "report",
        )
    if answer is not None:
        error = answer.get("error", "")
        if error == "out of memory":
            return Outcome(False, _out_of_memory(settings))
        return Outcome(False, error)
    # Killed by a signal, or an allocation failure before the build could answer: the memory limit.
    starved = any(words in done.stderr.lower() for words in OUT_OF_MEMORY)
    if done.returncode in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV) or starved:
        return Outcome(False, _out_of_memory(settings))
    last = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
    return Outcome(False, f"the build stopped unexpectedly ({last[0][:300]})")


def _answer(stdout: str) -> dict | None:
    for line in reversed(stdout.strip().splitlines()):
        try:
            answer = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(answer, dict):
            return answer
    return None


def _out_of_memory(settings: Settings) -> str:
    return (
        f"it needed more than its {settings.build_memory_mb:,} MB of memory (PMO_BUILD_MEMORY_MB); a return "
        "may be far larger than it should be: check the returns, or raise the limit"
    )
