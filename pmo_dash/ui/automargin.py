"""Plotly's rule for a chart's margins from what pushes them (`Plots.doAutoMargin` in plotly.js),
ported: `room` works out the pushes from a figure's labels, this the margins they lead to.

No Streamlit, no Plotly: numbers in, numbers out."""

from __future__ import annotations

MOST_PAD = 12  # Plotly pads each push by the smallest margin, at most this
SPARE = 3  # px to spare on every side pushed

# What pushes the margins: for each side pushed, its size in px (before the pad) and where on the paper
# it is measured from (0 the plot's left or bottom edge, 1 its right or top).
Push = dict[str, tuple[float, float]]


def solve(given: dict[str, float], pushes: list[Push], height: float, paper: float) -> dict[str, float]:
    """Plotly's margins for these pushes, never below `given`. Each push is padded as Plotly pads it
    (by the smallest margin set, at most 12 px), and what was measured gets SPARE too; the pad follows
    the margins, so twice."""
    found = dict(given)
    for _ in range(2):
        pad = min(MOST_PAD, *found.values())
        padded = [
            {side: (size + pad + SPARE * (size > 0), at) for side, (size, at) in push.items()}
            for push in pushes
        ]
        base = {side: (given[side], 0.0 if side in "lb" else 1.0) for side in "lrtb"}
        found = pairwise([base, *padded], given, height, paper)
    return found


def pairwise(pushes: list[Push], given: dict[str, float], height: float, paper: float) -> dict[str, float]:
    """`Plots.doAutoMargin`'s rule: for each push on the left (bottom) paired with each on the right
    (top), the margins that keep both in view; the pair needing most wins."""
    left, right = _widest_pair(pushes, "l", "r", paper, (given["l"], given["r"]))
    bottom, top = _widest_pair(pushes, "b", "t", height, (given["b"], given["t"]))
    return {"l": left, "r": right, "t": top, "b": bottom}


def _widest_pair(pushes: list[Push], low: str, high: str, extent: float, given: tuple[float, float]):
    """Across one dimension (left-right over the paper's width, bottom-top over its height): the two
    margins that keep a push at `low` and one at `high` both in view, for the pair needing most."""
    near, far = given
    for a in pushes:
        for b in pushes:
            if low in a and high in b and b[high][1] > a[low][1]:
                (size_a, at_a), (size_b, at_b) = a[low], b[high]
                one = (size_a * at_b + (size_b - extent) * at_a) / (at_b - at_a)
                other = (size_b * (1 - at_a) + (size_a - extent) * (1 - at_b)) / (at_b - at_a)
                if one + other > near + far:
                    near, far = one, other
    return max(near, given[0]), max(far, given[1])
