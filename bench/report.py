"""docs/benchmarks.md: every figure beside its target."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics

from bench import (
    BOARDPACK_TARGET_S,
    BUILD_RATIO_TARGET,
    COLD_TARGET_MS,
    LOGIN_TARGET_S,
    MEMORY_TARGET_MB,
    PREVIEW_TARGET_S,
    ROOT,
    SEED,
    SESSIONS,
    SLIDER_DRAWN_TARGET_S,
    SLIDER_TARGET_MS,
    STORM_BUILD_TARGET_MB,
    STRESS_BUILD_TARGET_MB,
    SWITCH_TARGET_S,
    TIER,
    WARM_TARGET_MS,
)
from bench.browser import HOVER_MS, ROUNDS, TRIES
from bench.build import FLOOR, TYPED
from bench.pages import SLIDER_STEPS


def write(
    source,
    files,
    size_mb,
    rows,
    builds,
    imported,
    previews,
    bare,
    typed,
    pages,
    sliders,
    pack,
    memory,
    build_memory,
    waits,
    machine,
) -> None:
    build_s, bare_s = min(builds), min(bare)
    ratio = build_s / bare_s
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {dt.date.today():%Y-%m-%d}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}.",
        "",
        _machine(*machine),
        "",
        f"Data: the {TIER} tier, seed {SEED}, all CSV so that DuckDB can read the same files: "
        f"{files} files, {size_mb:.0f} MB; " + ", ".join(f"{k} {v:,}" for k, v in rows.items()) + ".",
        "",
        "## Warehouse build",
        "",
        "| measure | target | result | |",
        "|---|---|---|---|",
        f"| `build` (read, normalise, validate, load, marts, swap); best of 3 | | {build_s:.2f} s | |",
        f"| DuckDB `read_csv({FLOOR})` of the same files, no validation (the floor); best of 3 "
        f"| | {bare_s:.2f} s | |",
        f"| DuckDB `read_csv({TYPED})`, for comparison; best of 3 | | {min(typed):.2f} s | |",
        f"| build / floor | ≤ {BUILD_RATIO_TARGET}x | {ratio:.2f}x | {_ok(ratio <= BUILD_RATIO_TARGET)} |",
        "",
        f"All runs (s): build {_seconds(builds)}; floor {_seconds(bare)}; typed {_seconds(typed)}.",
        "",
        "## Import of a foreign export (`python -m pmo_dash import`); best of 3",
        "",
        "| source | rows read | size | time | rows per second |",
        "|---|---|---|---|---|",
        *[
            f"| {label} | {read:,} | {mb:.1f} MB | {min(runs):.2f} s | {read / min(runs):,.0f} |"
            for label, (runs, read, mb) in imported.items()
        ],
        f"| for comparison, `build` of the tier's returns (every table) | {rows['all returns']:,} "
        f"| {size_mb:.0f} MB | {build_s:.2f} s | {rows['all returns'] / build_s:,.0f} |",
        "",
        "The generated export has as many rows as the tier's status returns, one project each: every row "
        "is read as text, its department found among spellings, its amounts and dates parsed, and the "
        "project linked across files, in Python; the build's rows go through DuckDB and polars in bulk.",
        "",
        "## Upload + validation preview (a department's monthly return; median of 5)",
        "",
        "| upload | projects | rows read | median | target | |",
        "|---|---|---|---|---|---|",
        *[
            f"| upload + validation preview: {label} | {projects:,} | {read:,} "
            f"| {statistics.median(runs):.2f} s | < {PREVIEW_TARGET_S:g} s "
            f"| {_ok(statistics.median(runs) < PREVIEW_TARGET_S)} |"
            for label, (runs, projects, read) in previews.items()
        ],
        "",
        "The preview validates the department's status reports and benefit measurements of its last period "
        "as the build would, against its projects and benefits as they stand "
        "(`pmo_dash.intake.submissions`).",
        "",
        "## Memory of a build (peak resident, `python -m pmo_dash build` in a process of its own)",
        "",
        "| returns | size | time | peak memory | per MB of returns | target | |",
        "|---|---|---|---|---|---|---|",
    ]
    targets = {"stress tier": STRESS_BUILD_TARGET_MB}
    targets |= {label: STORM_BUILD_TARGET_MB for label, *_ in build_memory if "8,000" in label}
    for label, size, seconds, peak in build_memory:
        target = targets.get(label)
        verdict = "" if target is None else _ok(peak < target)
        lines.append(
            f"| {label} | {size:,.1f} MB | {seconds:.1f} s | {peak:,.0f} MB | {peak / size:.1f} MB "
            f"| {'' if target is None else f'< {target:,} MB'} | {verdict} |"
        )
    lines += [
        "",
        "The build reads, validates and loads one table at a time, so its peak follows the largest table "
        "(at the stress tier, 5.8 million demand rows), not the whole portfolio. A key repeated 8,000 "
        "times is one line of the validation report.",
        "",
        "## Pages (server-side run, AppTest, median)",
        "",
        "| page | warm (20 runs) | target | | cold (5 runs, cache cleared) | target | |",
        "|---|---|---|---|---|---|---|",
    ]
    for page, (warm, cold) in pages.items():
        lines.append(
            f"| {page} | {warm:.0f} ms | < {WARM_TARGET_MS} ms | {_ok(warm < WARM_TARGET_MS)} "
            f"| {cold:.0f} ms | < {COLD_TARGET_MS} ms | {_ok(cold < COLD_TARGET_MS)} |"
        )
    lines += _pack(pack)
    lines += [
        "",
        "## What-if: moving the budget slider (server-side, AppTest, 10 positions each)",
        "",
        f"Positions {', '.join(map(str, SLIDER_STEPS))}% of what today's portfolio will cost, each a new "
        "scenario. AppTest reruns the whole page; in the browser only the what-if fragment does.",
        "",
        "| lever settings | median | slowest | target | |",
        "|---|---|---|---|---|",
    ]
    for label in ("budget only", "capacity respected"):
        times, solver = sliders[label], sliders[f"solver: {label}"]
        lines.append(
            f"| {label}: the whole answer | {statistics.median(times):.0f} ms | {max(times):.0f} ms "
            f"| < {SLIDER_TARGET_MS} ms | {_ok(statistics.median(times) < SLIDER_TARGET_MS)} |"
        )
        lines.append(
            f"| {label}: of which the optimiser | {statistics.median(solver):.0f} ms "
            f"| {max(solver):.0f} ms | | |"
        )
    lines += [
        "",
        "With capacity respected the selection must also fit one limit per department, role and month "
        "(a few thousand rows): the optimiser proves a bound, builds a greedy answer and gives HiGHS "
        "`PMO_WHATIF_TIME_LIMIT_SECONDS` to beat it, and the page shows the proven gap that is left.",
        "",
        "What the optimiser said at the last position:",
        "",
    ]
    lines += [f"- {label}: {sliders[f'status: {label}']}" for label in ("budget only", "capacity respected")]
    lines += [
        "",
        f"## In Chromium: what the user waits for (median of {ROUNDS * TRIES}: {ROUNDS} rounds of {TRIES} "
        "fresh browsers, after the server's first visitor)",
        "",
    ]
    if waits is None:
        lines.append("Not measured: Debian's chromium is not installed (`make browser`).")
    else:
        lines += [
            "From the click to the page drawn (nothing running, every chart drawn), on the page's own "
            "clock: from the pointer or key going down to the first frame drawn (timed from Python, it "
            "also counted Playwright's own work around each click, 0.1 to 0.25 s). A fresh browser logs "
            "in each time and lands on the home page's Departments tab; the switch goes to Risks and back "
            "from the menu; the tab is the home page's RAG by department, opened by a click; the drill "
            "clicks a department's bar in it, the pointer resting on it first as a person's does "
            f"({HOVER_MS} ms: moved and pressed in one instant, the press waited behind the bar's "
            "hover label); "
            "the slider steps the what-if's budget envelope down "
            "from the keyboard, twice per browser, until its answer is drawn (the cost card changed). "
            "A figure is judged on the median of all the rounds' browsers; each round's own median is "
            "shown beside it, because on this machine one round's median moves by as much as the margin.",
            "",
            "| tier | measure | median | each round's median | slowest | target | |",
            "|---|---|---|---|---|---|---|",
        ]
        targets = {
            "login": LOGIN_TARGET_S,
            "switch": SWITCH_TARGET_S,
            "tab": SWITCH_TARGET_S,
            "drill": SWITCH_TARGET_S,
            "slider": SLIDER_DRAWN_TARGET_S,
        }
        words = {
            "login": "log in to a drawn dashboard",
            "switch": "page switch",
            "tab": "open a tab (RAG by department)",
            "drill": "drill into a department",
            "slider": "what-if budget slider, one step",
        }
        for tier_name, found in waits.items():
            for key in words:
                values = found[key]
                if not values:
                    lines.append(f"| {tier_name} | {words[key]} | not measured | | | < {targets[key]} s | |")
                    continue
                middle = statistics.median(values)
                rounds = ", ".join("–" if m != m else f"{m:.2f}" for m in found["rounds"][key])  # nan: none
                lines.append(
                    f"| {tier_name} | {words[key]} | {middle:.2f} s | {rounds} | {max(values):.2f} s "
                    f"| < {targets[key]} s | {_ok(middle < targets[key])} |"
                )
        lines += _every_page(waits)
        from bench.browser import LOST, LOST_LOGINS

        if LOST:
            lines += [
                "",
                f"**{len(LOST)} click(s) never drew their page** and are left out of the figures above "
                "(the screenshots are in bench/out): " + "; ".join(LOST),
            ]
        if LOST_LOGINS:
            lines += [
                "",
                f"**{len(LOST_LOGINS)} login(s) did not land at the first try** (the form came back; the "
                "bench tried again): " + "; ".join(LOST_LOGINS),
            ]
    lines += ["", f"## Memory with {SESSIONS} sessions open", ""]
    if memory is None:
        lines.append("Not measured: Debian's chromium is not installed (`make browser`).")
    else:
        lines += [
            "| measure | result | target | |",
            "|---|---|---|---|",
            f"| server at start (resident) | {memory['idle']:.0f} MB | | |",
            f"| server with {SESSIONS} logged-in sessions, each having opened every page | "
            f"{memory['busy']:.0f} MB | < {MEMORY_TARGET_MB} MB | {_ok(memory['busy'] < MEMORY_TARGET_MB)} |",
        ]
    out = ROOT / "docs" / "benchmarks.md"
    out.write_text("\n".join(lines) + "\n")
    print(out.read_text())


def _pack(pack: dict) -> list[str]:
    """The steering committee pack of the whole tier (bench/boardpack.py)."""
    runs, middle = pack["runs"], statistics.median(pack["runs"])
    return [
        "",
        f"## Board pack: the whole tier ({pack['departments']} departments, {pack['slides']} slides, "
        f"{pack['mb']:.1f} MB, as of {pack['period']:%b %Y})",
        "",
        "| measure | median | best | slowest | target | |",
        "|---|---|---|---|---|---|",
        f"| build (reads and slides), cache cleared before each of {len(runs)} runs | {middle:.2f} s "
        f"| {min(runs):.2f} s | {max(runs):.2f} s | < {BOARDPACK_TARGET_S:g} s "
        f"| {_ok(middle < BOARDPACK_TARGET_S)} |",
        f"| `python -m pmo_dash boardpack`, start to finish (one run) | {pack['cli']:.2f} s | | | | |",
    ]


def _seconds(runs: list[float]) -> str:
    return ", ".join(f"{r:.2f}" for r in runs)


def _ok(passed: bool) -> str:
    return "met" if passed else "**missed**"


def _every_page(waits: dict) -> list[str]:
    """A switch to each page of the menu, in its order, per tier (the first round's browsers)."""
    tiers = list(waits)
    names = list(dict.fromkeys(name for found in waits.values() for name in found["pages"]))
    lines = ["", f"### A switch to each page (median of the first round's {TRIES} browsers)", ""]
    if not names:
        return [*lines, "Not measured: no switch to a page of the menu was drawn."]
    lines += [
        "Each browser, after the measures above, clicks every page in the menu in turn, from What-if; "
        "the wait ends at the first frame drawn with the page's own title. A page not measured on a tier "
        "is judged not measured, never met.",
        "",
        "| page | " + " | ".join(tiers) + " | target | |",
        "|---|" + "---|" * len(tiers) + "---|---|",
    ]
    for name in names:
        times = [waits[t]["pages"].get(name, []) for t in tiers]
        middles = [statistics.median(v) if v else None for v in times]
        cells = " | ".join("not measured" if m is None else f"{m:.2f} s" for m in middles)
        verdict = "not measured" if None in middles else _ok(all(m < SWITCH_TARGET_S for m in middles))
        lines.append(f"| {name} | {cells} | < {SWITCH_TARGET_S} s | {verdict} |")
    return lines


def _machine(speed: dict[str, float], before: dict[str, int], after: dict[str, int]) -> str:
    """What this machine did with two fixed pieces of work, and how often it read files again: figures
    from two runs are comparable only on machines alike in these."""
    read_again = after["refaults"] - before["refaults"]
    return (
        f"This machine: a password checked at bcrypt cost {speed['cost']:.0f} in {speed['bcrypt']:.2f} s "
        f"and a million squares summed in Python in {speed['python']:.3f} s (median of 3); "
        f"{read_again:,} file pages ({read_again * 4 / 1024:,.0f} MB) read again during the run after the "
        "kernel had dropped them; "
        f"page cache {after['cached_mb']:,} MB at the end. Compare runs with this line in mind: the same "
        "code has given figures up to twice as high on a machine whose bcrypt check took as long."
    )
