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
    left, right, bottom, top = given["l"], given["r"], given["b"], given["t"]
    for a in pushes:
        for b in pushes:
            if "l" in a and "r" in b and b["r"][1] > a["l"][1]:
                (n, m), (g, w) = a["l"], b["r"]
                k = (n * w + (g - paper) * m) / (w - m)
                q = (g * (1 - m) + (n - paper) * (1 - w)) / (w - m)
                if k + q > left + right:
                    left, right = k, q
            if "b" in a and "t" in b and b["t"][1] > a["b"][1]:
                (f, p), (y, j) = a["b"], b["t"]
                x = (f * j + (y - height) * p) / (j - p)
                e = (y * (1 - p) + (f - height) * (1 - j)) / (j - p)
                if x + e > bottom + top:
                    bottom, top = x, e
    return {
        "l": max(left, given["l"]),
        "r": max(right, given["r"]),
        "t": max(top, given["t"]),
        "b": max(bottom, given["b"]),
    }
