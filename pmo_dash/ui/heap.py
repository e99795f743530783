"""The server's long-lived objects, kept out of the garbage collector's way.

After every script run Streamlit calls a full `gc.collect()` (`runner.postScriptGC`), and a full
collection walks every object the process holds: the modules of streamlit, plotly, polars, pandas,
pyarrow, scipy and ours, and plotly's validators made on the first chart of each kind. Measured with
py-spy on the demo server, that walk was about 300 ms of every page switch, holding the lock the
server needs to send the page's last messages: the user waited for it.

So the first runs of a process freeze what exists when they start (`gc.freeze`): those objects live
as long as the server and are no longer walked. What runs make later (session state, answers) is
still collected after every run. A run starts just after the previous run's collection, so little
garbage is frozen, and only during the first `WARM_RUNS` runs of a process.
"""

from __future__ import annotations

import gc
import threading

WARM_RUNS = 40  # enough for a first visitor to open every page once, login included

_lock = threading.Lock()
_runs = 0


def settle() -> int:
    """Called as each run starts: during the process's first WARM_RUNS runs, freeze what the process
    holds. Returns how many runs have frozen so far."""
    global _runs
    with _lock:
        if _runs < WARM_RUNS:
            _runs += 1
            gc.freeze()
        return _runs
