"""The steering committee pack: an editable PowerPoint of what a user sees (their scope, the filters,
the period), whose charts are native PowerPoint charts with their numbers inside.

It reads the app's own queries (pmo_dash.data), so every measure keeps its one definition, and writes
text from the returns as text. `python -m pmo_dash boardpack` and the pages' Board pack button use it.
"""

from pmo_dash.boardpack.build import build, on_demand, slide_count
from pmo_dash.boardpack.request import Request, request

__all__ = ["Request", "build", "on_demand", "request", "slide_count"]
