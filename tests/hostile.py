"""The golden fixture's returns turned hostile: every text a formula, HTML, a link, an icon or a storm.

Each hostile text contains the word "evil", so a test can find where it went; each keeps the value
it replaced after it, so that names stay distinct and the portfolio stays the same portfolio.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polars as pl

from tests.conftest import FIXTURE

# Each starts like a spreadsheet formula, and holds HTML, a link, an icon and markdown, so that every
# place a text can go is tried with every kind of harm.
_ALL_KINDS = (
    "<a href='https://evil.example'>evil</a><img src=x> :material/warning: :red[evil] :smile: "
    "https://evil\u3002example [evil](https://evil.example) www.evil.example a@evil.example "
    "http://10.0.0.1/evil"
)
HOSTILE = (
    f'=HYPERLINK("http://evil.example","Click") {_ALL_KINDS}',
    f"+cmd|' /C calc'!A0 {_ALL_KINDS}",
    f"-2+3+cmd|' /C calc'!A0 {_ALL_KINDS}",
    f"@SUM(1+1)*cmd|' /C calc'!A0 {_ALL_KINDS}",
)
# Text columns that reach a screen, by table.
TEXT = {
    "departments": ("name", "division", "pmo_head"),
    "programmes": ("name", "sponsor"),
    "projects": ("name", "sponsor", "project_manager"),
    "status_reports": ("summary",),
    "risks": ("title", "category", "owner"),
    "issues": ("title",),
    "benefits": ("name", "measure", "unit", "owner"),
    "lessons": ("category", "title", "what_happened", "root_cause", "recommendation", "owner"),
    "proposals": ("title", "sponsor"),
    "proposal_decisions": ("decided_by", "note"),
}
# The planning returns (issue 19: dependencies, proposals and decisions), laid over the fixture first.
PLANNING = FIXTURE.parent / "planning"
LONG_NAME = "Long name " * 29  # 289 characters once trimmed: accepted, and shown clipped where space is short
STORM = 8_000
# What would be live in markdown: a link, an e-mail address, an icon, an emoji, a coloured span, a
# tag or a markdown link. Escaped, each is broken by a word joiner or a backslash.
LIVE_IN_MARKDOWN = re.compile(
    r"://|(?i:www\.)|@evil|:material/|:red\[|:smile:|(?<!\\)<(?:a|img)\b|(?<!\\)\]\("
)
# What would be live in a chart: plotly draws <a>, <b>, <img>... as markup; escaped, they are &lt;a.
LIVE_IN_CHART = re.compile(r"<(?:a|img|b)\b")


def hostile_copy(target: Path) -> Path:
    """The fixture with hostile text everywhere, a 290- and a 100,000-character project name, and one
    status report repeated 8,000 times."""
    shutil.copytree(FIXTURE, target)
    (target / "README.md").unlink()
    for planned in PLANNING.glob("*/*.csv"):
        shutil.copy(planned, target / planned.parent.name / planned.name)
    turn = 0  # every value takes the next hostile text, so each kind reaches every kind of place
    for csv in sorted(target.glob("*/*.csv")):
        columns = TEXT.get(csv.stem, ())
        frame = pl.read_csv(csv, infer_schema=False)
        changed = []
        for column in (c for c in columns if c in frame.columns):
            prefix = pl.Series([HOSTILE[(turn + i) % len(HOSTILE)] for i in range(frame.height)])
            turn += frame.height + 1
            changed.append(
                pl.when(pl.col(column).is_null())
                .then(None)
                .otherwise(pl.lit(prefix) + " " + pl.col(column))
                .alias(column)
            )
        frame.with_columns(changed).write_csv(csv)
    _add_rows(target / "FIN" / "projects.csv", _projects)
    _add_rows(target / "HR" / "status_reports.csv", _storm)
    _add_rows(target / "FIN" / "lessons.csv", _bad_lesson)
    return target


def _add_rows(csv: Path, rows) -> None:
    frame = pl.read_csv(csv, infer_schema=False)
    pl.concat([frame, rows(frame)], how="diagonal").write_csv(csv)


def _projects(frame: pl.DataFrame) -> pl.DataFrame:
    base = frame.row(0, named=True) | {"state": "Active", "programme_id": "FIN-PG1"}
    return pl.DataFrame(
        [
            base | {"project_id": "FIN-P8", "name": LONG_NAME.strip()},
            base | {"project_id": "FIN-P9", "name": ("Endless " * 12_500).strip()},
        ],
        schema={c: pl.String for c in frame.columns},
    )


def _storm(frame: pl.DataFrame) -> pl.DataFrame:
    row = frame.row(0, named=True) | {"as_of": "2026-07-31"}
    return pl.DataFrame([row] * STORM, schema={c: pl.String for c in frame.columns})


def _bad_lesson(frame: pl.DataFrame) -> pl.DataFrame:
    """A lesson whose effect is a formula: rejected, and quoted in the validation report."""
    row = frame.row(0, named=True) | {"lesson_id": "FIN-L9", "effect": HOSTILE[0]}
    return pl.DataFrame([row], schema={c: pl.String for c in frame.columns})
