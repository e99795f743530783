"""`python -m bench` (make bench)."""

from __future__ import annotations

from bench import OUT, TIER, boardpack, browser, build, imports, machine, pages, report, submissions, timed
from pmo_dash.intake.build import build as build_warehouse
from pmo_dash.settings import ROOT, Settings


def main() -> None:
    speed, before = machine.reference(), machine.memory()
    source = build.tier(TIER)
    # First, while this process is small: a child's peak memory counts its parent's at the fork.
    build_memory = build.build_memory(source)
    files = sorted(source.glob("*/*.csv"))
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    settings = Settings(
        source_dir=source, warehouse=OUT / "warehouse.duckdb", report=OUT / "validation_report.csv"
    )
    builds = [timed(lambda: build_warehouse(settings)) for _ in range(3)]
    # Two ways DuckDB loads these files bare; the faster one is the floor we are held to.
    bare = [timed(lambda: build.bare_load(source, OUT / "bare.duckdb", build.FLOOR)) for _ in range(3)]
    typed = [timed(lambda: build.bare_load(source, OUT / "bare.duckdb", build.TYPED)) for _ in range(3)]
    rows = build.rows(settings.warehouse)
    imported = imports.throughput(rows["raw_status_reports"])
    previews = submissions.preview(source)
    page_times = pages.pages(settings)
    sliders = pages.slider(settings)
    pack = boardpack.pack(settings)
    memory = waits = None
    if browser.available():
        memory = browser.sessions_memory(settings, OUT / "scenarios.sqlite")
        demo = Settings(
            source_dir=ROOT / "data" / "sample", warehouse=OUT / "demo.duckdb", report=OUT / "demo.csv"
        )
        build_warehouse(demo)
        waits = {
            "demo": browser.waits(demo, OUT / "scenarios.sqlite"),
            TIER: browser.waits(settings, OUT / "scenarios.sqlite"),
        }
    report.write(
        source,
        len(files),
        size_mb,
        rows,
        builds,
        imported,
        previews,
        bare,
        typed,
        page_times,
        sliders,
        pack,
        memory,
        build_memory,
        waits,
        (speed, before, machine.memory()),
    )


if __name__ == "__main__":
    main()
