"""Where a key of a TOML file is written: its line, so that every message about a mapping can name it.

tomllib gives values without positions; this reads the text once more, table header by table header.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*="""
)


def _parts(dotted: str) -> list[str]:
    found = re.findall(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""", dotted)
    return [a or b or c for a, b, c in found]


def locate(text: str, loc: tuple, value: str | None = None) -> int | None:
    """The line (1-based) that best defines `loc` (pydantic's path: keys and list positions); with
    `value`, the line within that definition where the quoted value itself is written."""
    wanted = ["from" if part == "from_" else part for part in loc if not str(part).startswith("function-")]
    counts: dict[str, int] = {}
    table: list = []
    best, best_depth, best_table = None, -1, None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = _parts(header[2])
            if header[1] == "[[":
                key = ".".join(names)
                counts[key] = counts.get(key, -1) + 1
                table = [*names, counts[key]]
            else:
                table = names
            path = table
        else:
            key = _KEY.match(line)
            if not key:
                continue
            path = [*table, *_parts(key[1])]
        depth = _common(path, wanted)
        if depth == len(path) and depth > best_depth:
            best, best_depth, best_table = number, depth, list(table)
    if best is None or value is None:
        return best
    return _value_line(text, best, best_table, value)


def _common(path: list, wanted: list) -> int:
    depth = 0
    for have, want in zip(path, wanted, strict=False):
        if have != want:
            break
        depth += 1
    return depth


def _value_line(text: str, start: int, table: list | None, value: str) -> int:
    """The first line from `start`, within the same table, where `value` is written as a TOML string."""
    quoted = (f'"{value}"', f"'{value}'", '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')
    for number, line in enumerate(text.splitlines()[start - 1 :], start=start):
        if number > start and _HEADER.match(line):
            break
        if any(q in line for q in quoted):
            return number
    return start
