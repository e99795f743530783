"""`python -m pmo_dash sample`: write a sample portfolio and say what was written."""

from __future__ import annotations

import time
from pathlib import Path


def run_sample(
    tier: str, seed: int, out: Path, *, xlsx: bool, errors: bool, manifest: Path | None = None
) -> int:
    from pmo_dash.sample import generate

    started = time.perf_counter()
    written = generate(tier, seed, out, xlsx=xlsx, inject_errors=errors)
    for table, rows in written.items():
        print(f"{table:<22}{rows:>10,}")
    print(f"wrote the {tier} tier (seed {seed}) to {out} in {time.perf_counter() - started:.1f} s")
    if manifest is not None:
        # Demo mode is on only for a warehouse built from exactly these files (pmo_dash/auth/demo.py).
        from pmo_dash.auth.demo import write_manifest

        print(f"wrote the sha256 of {write_manifest(out, manifest)} files to {manifest}")
    return 0
