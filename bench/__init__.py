"""`make bench`: the build and every page against DESIGN.md's targets, server-side and in Chromium.

Tooling, not product: it lives beside the tests and shares their browser harness (tests/browser.py).
Writes docs/benchmarks.md; its data and warehouses go to bench/out/ (git-ignored).
"""

from __future__ import annotations

import time
from pathlib import Path

from pmo_dash.auth.roles import DATA_PAGES

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
TIER, SEED = "enterprise", 7
PAGES = list(DATA_PAGES)  # every page each signed-in user may open
BUILD_RATIO_TARGET = 1.5
WARM_TARGET_MS, COLD_TARGET_MS = 150, 1500
SLIDER_TARGET_MS = 250
MEMORY_TARGET_MB, SESSIONS = 1024, 10
STRESS_BUILD_TARGET_MB, STORM_BUILD_TARGET_MB, STORM_COPIES = 2048, 1024, 8_000
LOGIN_TARGET_S, SWITCH_TARGET_S = 1.5, 0.6
SLIDER_DRAWN_TARGET_S = 0.5  # a what-if slider move to its answer drawn, in Chromium (issue 14)
PREVIEW_TARGET_S = 2.0
BOARDPACK_TARGET_S = 5.0  # the whole tier's steering committee pack (issue 16)


def timed(action) -> float:
    """Seconds an action takes."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
