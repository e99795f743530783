"""A mapping file read (tomllib) and checked (the model, then its consistency), or a `MappingError`
that names the mapping's path, the line and the key of every mistake."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from pmo_dash.intake.imports.consistency import mistakes
from pmo_dash.intake.imports.lines import locate
from pmo_dash.intake.imports.mapping import Mapping


class MappingError(Exception):
    """The mapping cannot be used; the message names the file, the line and the key."""


def load(path: Path) -> Mapping:
    """The mapping at `path`, checked; a `MappingError` names the line and key of the first mistake."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise MappingError(f"{path}: cannot be read as UTF-8 text ({err})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise MappingError(f"{path}: not valid TOML: {err}") from None
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as err:
        raise MappingError("\n".join(_explain(path, text, e) for e in err.errors())) from None
    found = mistakes(mapping)
    if found:
        raise MappingError("\n".join(_say(path, text, loc, message) for loc, message in found))
    return mapping


def _explain(path: Path, text: str, error) -> str:
    loc = ["from" if part == "from_" else str(part) for part in error["loc"]]
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = f"'{loc[-1]}' is not a key here (see docs/import-mapping.md)"
    elif error["type"] == "missing":
        message = f"'{loc[-1]}' is required"
    given = error.get("input")
    if error["type"] in ("literal_error", "date_from_datetime_parsing", "date_parsing", "int_parsing"):
        message = f"{message}, not {given!r}"
    return _say(path, text, tuple(error["loc"]), message)


def _say(path: Path, text: str, loc: tuple, message: str) -> str:
    """A mistake as the user reads it: the mapping's path, the line, the key, what is wrong."""
    parts = [
        "from" if part == "from_" else str(part) for part in loc if not str(part).startswith("function-")
    ]
    line = locate(text, loc)
    where = f"{path} line {line}" if line else str(path)
    return f"{where} ({'.'.join(parts) or 'top level'}): {message}"
