"""The repository of submitted returns: append-only, one folder per department, period and version.

`<root>/<department_id>/<YYYY-MM>/v0001/` holds the files, each named by the table it holds, and
`manifest.json`. A version is written in a temporary folder beside it and renamed into place; the rename
fails when the number is taken (a version folder is never empty), so two submissions at once land as two
versions and nothing is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from pmo_dash.intake import SubmissionRefused

DEPARTMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
VERSION = re.compile(r"v(\d{4,})")
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class StoredFile:
    name: str  # as uploaded (text only)
    stored_as: str  # its name in the version folder: the table's, or workbook.xlsx
    bytes: int
    sha256: str
    tables: list[str]


@dataclass(frozen=True)
class Manifest:
    department_id: str
    period: str
    version: int
    user: str
    submitted_at: str  # UTC, ISO 8601
    files: list[StoredFile]
    counts: dict[str, dict[str, int]]  # table -> read, accepted, rejected

    @property
    def folder(self) -> str:
        """Where the version lives, relative to the repository."""
        return f"{self.department_id}/{self.period}/v{self.version:04d}"

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(**{**data, "files": [StoredFile(**f) for f in data["files"]]})


def check_key(department_id: str, period: str) -> None:
    """A department id and a period from a request, checked before either becomes part of a path."""
    if not isinstance(department_id, str) or not DEPARTMENT.fullmatch(department_id):
        raise SubmissionRefused(f"'{str(department_id)[:70]}' is not a department id")
    if not isinstance(period, str) or not PERIOD.fullmatch(period):
        raise SubmissionRefused(f"'{str(period)[:70]}' is not a period (YYYY-MM)")


class SubmissionStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def save(
        self,
        department_id: str,
        period: str,
        user: str,
        files: list[tuple[str, str, bytes, list[str]]],  # name as uploaded, stored_as, content, tables
        counts: dict[str, dict[str, int]],
    ) -> Manifest:
        """Store a new version of a department's returns for a period; never touches an earlier one."""
        check_key(department_id, period)
        folder = self.root / department_id / period
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".incoming-{uuid.uuid4().hex}"
        temporary.mkdir()
        stored = []
        for name, stored_as, data, tables in files:
            _write(temporary / stored_as, data)
            stored.append(StoredFile(name, stored_as, len(data), hashlib.sha256(data).hexdigest(), tables))
        submitted_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        version = self._next(folder)
        while True:
            manifest = Manifest(department_id, period, version, user, submitted_at, stored, counts)
            (temporary / MANIFEST).unlink(missing_ok=True)  # our own folder's, from a number taken
            _write(temporary / MANIFEST, manifest.to_json().encode())
            try:
                os.rename(temporary, folder / f"v{version:04d}")
                return manifest
            except OSError:  # taken by a submission at the same moment: take the next number
                if not (folder / f"v{version:04d}").is_dir():
                    raise
                version += 1

    def _next(self, folder: Path) -> int:
        numbers = [int(m[1]) for p in _dirs(folder) if (m := VERSION.fullmatch(p.name))]
        return max(numbers, default=0) + 1

    def versions(self, department_id: str, period: str) -> list[Manifest]:
        """Every version of a department's returns for a period, oldest first."""
        check_key(department_id, period)
        folder = self.root / department_id / period
        numbers = sorted(int(m[1]) for p in _dirs(folder) if (m := VERSION.fullmatch(p.name)))
        return [self.manifest(department_id, period, n) for n in numbers]

    def manifest(self, department_id: str, period: str, version: int) -> Manifest:
        check_key(department_id, period)
        path = self.root / department_id / period / f"v{version:04d}" / MANIFEST
        return Manifest.from_json(path.read_text())

    def latest(self, department_id: str, period: str) -> Manifest | None:
        found = self.versions(department_id, period)
        return found[-1] if found else None

    def periods(self, department_id: str) -> list[str]:
        """The periods a department has submitted for, in order."""
        check_key(department_id, "2000-01")
        return sorted(p.name for p in _dirs(self.root / department_id) if PERIOD.fullmatch(p.name))

    def departments(self) -> list[str]:
        return sorted(p.name for p in _dirs(self.root) if DEPARTMENT.fullmatch(p.name))

    def listing(self, department_id: str | None = None) -> list[Manifest]:
        """Every version of every period (of one department, or all), newest first."""
        departments = [department_id] if department_id else self.departments()
        found = [m for d in departments for p in self.periods(d) for m in self.versions(d, p)]
        return sorted(
            found, key=lambda m: (m.submitted_at, m.department_id, m.period, m.version), reverse=True
        )

    def file(self, manifest: Manifest, stored_as: str) -> Path:
        """A stored file of a version, by the name the manifest gives it."""
        if stored_as not in {f.stored_as for f in manifest.files}:
            raise KeyError(stored_as)
        return self.root / manifest.folder / stored_as


def _dirs(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []


def _write(path: Path, data: bytes) -> None:
    with open(path, "xb") as out:  # never replaces a file
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
