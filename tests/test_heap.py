"""The server's long-lived objects are frozen out of the collector's full walk after each run, during
a process's first runs only (pmo_dash/ui/heap.py)."""

import gc

from pmo_dash.ui import heap


def test_the_first_runs_freeze_what_exists_and_later_runs_do_not(monkeypatch):
    monkeypatch.setattr(heap, "_runs", 0)
    gc.unfreeze()
    try:
        held = [[n] for n in range(1_000)]  # container objects: the kind the collector walks
        assert heap.settle() == 1
        frozen = gc.get_freeze_count()
        assert frozen >= len(held)
        for _ in range(heap.WARM_RUNS - 1):
            heap.settle()
        assert heap.settle() == heap.WARM_RUNS  # past the warm runs: counted no further
        later = [[n] for n in range(1_000)]
        heap.settle()
        assert gc.get_freeze_count() < frozen + len(later)  # what later runs make is still collected
    finally:
        gc.unfreeze()
