"""The shape of the code, kept by a test: layers import downwards only, the read side never reaches the
write side, the pure parts never import Streamlit, every query is used, and marts are read only
through the scoped macros. (DESIGN.md section 8.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from pmo_dash import sql

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "pmo_dash"
# The floors of the read side, lowest first: a module may import its own floor and those below. The
# board pack draws what the pages draw, in PowerPoint: it reads pmo_dash.data and takes the pure parts
# of pmo_dash.ui (numbers, colours); a page hands it to the ui's download button.
FLOORS = ["pmo_dash.sql", "pmo_dash.db", "pmo_dash.data", "pmo_dash.ui", "pmo_dash.boardpack", "pages"]
# Modules that answer to nobody's floor: shared definitions every layer may use.
SHARED = ("pmo_dash.settings", "pmo_dash.contract", "pmo_dash.periods", "pmo_dash.exports")
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    found = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    found |= {module_name(p): p for p in (ROOT / "pages").glob("*.py")}
    return found


def imports(path: Path) -> set[str]:
    """Every module this file imports (the full dotted name, `from a import b` as `a.b` when b is one)."""
    known = modules()
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known}
    return found


def floor(name: str) -> int | None:
    for level, prefix in enumerate(FLOORS):
        if name == prefix or name.startswith(prefix + "."):
            return level
    return None


def test_every_layer_imports_only_downwards():
    upward = []
    for name, path in modules().items():
        mine = floor(name)
        if mine is None:
            continue
        for imported in imports(path):
            theirs = floor(imported)
            if theirs is not None and theirs > mine:
                upward.append(f"{name} imports {imported}")
    assert upward == []


def test_the_read_side_never_imports_the_write_side():
    # The app reaches the write side only through pmo_dash.intake's own small API; the reads and the
    # chart builders never at all. The command line (pmo_dash.cli) is the write side's own front door.
    wrong = []
    for name, path in modules().items():
        if name.startswith(("pmo_dash.intake", "pmo_dash.cli")):
            continue
        for imported in imports(path):
            if imported.startswith("pmo_dash.intake."):
                wrong.append(f"{name} imports {imported} (use pmo_dash.intake)")
            elif imported == "pmo_dash.intake" and name.startswith(
                ("pmo_dash.data", "pmo_dash.db", "pmo_dash.sql")
            ):
                wrong.append(f"{name} imports the write side")
    assert wrong == []


def test_the_pure_parts_never_import_streamlit():
    pure = [
        name
        for name in modules()
        if name.startswith(
            (
                "pmo_dash.whatif",
                "pmo_dash.forecast",
                "pmo_dash.intake",
                "pmo_dash.sql",
                "pmo_dash.db",
                "pmo_dash.boardpack",
            )
        )
        or name.endswith(".charts")
        or name
        in ("pmo_dash.ui.theme", "pmo_dash.ui.room", "pmo_dash.ui.ticks", "pmo_dash.ui.automargin", *SHARED)
    ]
    assert pure, "control: there are pure modules"
    assert [n for n in pure if any(i.startswith("streamlit") for i in imports(modules()[n]))] == []


def test_every_chart_is_drawn_through_ui_plot():
    """`ui.plot.show` gives a chart margins that fit its labels (`ui.room`), so the browser draws it
    once; a chart drawn with st.plotly_chart directly would be drawn twice. (The warm-up's blank chart
    has no labels.)"""
    direct = {
        name
        for name, path in modules().items()
        if "plotly_chart" in path.read_text() and name not in ("pmo_dash.ui.plot", "pmo_dash.ui.warmup")
    }
    assert "st.plotly_chart(" in (PACKAGE / "ui" / "plot.py").read_text(), "control: plot.show draws"
    assert direct == set()


def test_there_are_no_import_cycles():
    graph = {name: {i for i in imports(path) if i in modules()} for name, path in modules().items()}
    # A package's __init__ importing its own submodules is how a package is assembled, not a cycle.
    graph = {n: {i for i in deps if i != n and not i.startswith(n + ".")} for n, deps in graph.items()}
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_every_query_is_read_by_a_data_function():
    data = "\n".join(p.read_text() for p in (PACKAGE / "data").glob("*.py"))
    used = set(re.findall(r'"(\w+/\w+)"', data))
    from pmo_dash.data.project import PROJECT_PARTS

    used |= {f"project/project_{part}" for part in PROJECT_PARTS}
    assert sorted(set(sql.query_names()) - used) == []
    assert sorted(u for u in used if u not in sql.query_names() and "/" in u) == []


def test_queries_read_the_marts_only_through_the_scoped_macros():
    direct = [n for n in sql.query_names() if re.search(r"\b(project_periods|risk_periods)\b", sql.load(n))]
    assert direct == []


def test_no_product_module_is_longer_than_a_sitting():
    long = {
        name: n for name, path in modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_cut_off_is_a_literal_in_the_ui():
    # Cut-offs come from the build's recorded thresholds (data.intake.thresholds), never a number
    # written in a chart or a view: a comparison with a literal other than 0 or 1 is one.
    # (The formatters in ui.fmt compare with 100 or 1e9 to choose digits and units: not cut-offs.)
    literals = []
    for name, path in modules().items():
        if not name.startswith("pmo_dash.ui") or name == "pmo_dash.ui.fmt":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            if any(isinstance(x, ast.Call) and getattr(x.func, "id", "") == "len" for x in sides):
                continue  # a count (`len(names) >= 2`), not a cut-off
            for side in [node.left, *node.comparators]:
                number = isinstance(side, ast.Constant) and type(side.value) in (int, float)
                if number and side.value not in (0, 1):
                    literals.append(f"{name}:{node.lineno} compares with {side.value}")
    assert literals == []


def test_pages_hold_no_data_logic():
    """A page reads like the screen: it calls pmo_dash.data for rows and pmo_dash.ui to draw them; it
    neither imports polars or duckdb nor reshapes a frame (that belongs in a view or a query)."""
    shaping = re.compile(
        r"^\s*(import (polars|duckdb)|from (polars|duckdb)\b)|\.(with_columns|filter|group_by|join)\(", re.M
    )
    found = {
        p.name: m.group(0).strip()
        for p in sorted((ROOT / "pages").glob("*.py"))
        if (m := shaping.search(p.read_text()))
    }
    assert found == {}
