"""How fast this machine is, and whether it kept files in memory: the same code gave figures up to twice
as slow from one machine to the next (issue 14, run 10), so the report says what it ran on."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import bcrypt

from pmo_dash.auth import users

LOOP = 10**6  # squares summed by the Python reference


def reference() -> dict[str, float]:
    """Seconds (median of 3) for two fixed pieces of work: checking a password hashed as the app hashes
    its users' (`users.hash_password`, its bcrypt cost), and summing a million squares in Python; and
    that cost."""
    hashed = users.hash_password("reference").encode()
    return {
        "cost": int(hashed.split(b"$")[2]),
        "bcrypt": _median(lambda: bcrypt.checkpw(b"reference", hashed)),
        "python": _median(lambda: sum(i * i for i in range(LOOP))),
    }


def _median(work) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def memory() -> dict[str, int]:
    """File pages read again after the kernel had dropped them (since boot), and the page cache now (MB):
    a machine that drops the files a program runs from reads them again and again."""
    counts = dict(line.split() for line in Path("/proc/vmstat").read_text().splitlines())
    cached = next(
        int(line.split()[1]) // 1024
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("Cached:")
    )
    return {"refaults": int(counts.get("workingset_refault_file", 0)), "cached_mb": cached}
