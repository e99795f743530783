"""Which rows are one project, across files and years, and the stable id each project is given.

A project belongs to one department (its status reports are filed in its department's folder), so a
project is found within its department: by its number when the source has one, else by its normalised
name. A later file that brings a number links it to the earlier rows of the same department and
normalised name that had none, and a number never seen before whose department and normalised name
were in the file just before is that project re-numbered (`DH_0017_1112-Q1` became `DOH_0017_1112-Q1`);
explicit links in the mapping join names a project went by. The id is the department's, a hyphen, and
the first number, or the normalised name when there has never been one: `MOD-MOD_0106_1617-Q1`,
`DFT-crossrail`. The same input always gives the same ids.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

ID_LIMIT = 64  # the contract's limit for an id
_NOT_WORD = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """A project's name as compared across years: case, punctuation and `&`/`and` set aside."""
    return _NOT_WORD.sub(" ", name.casefold().replace("&", " and ")).strip()


@dataclass(slots=True)
class Project:
    department: str
    number: str | None = None  # the source's own id, when it has one
    keys: list[str] = field(default_factory=list)  # every name key it has gone by, first first
    last: object = None  # the as-of of the last file it was in
    project_id: str = ""


class Linker:
    """Hands out projects to rows, file after file in as-of order."""

    def __init__(self, links: list[tuple[str | None, list[str]]]) -> None:
        # (department or None for every department, name key) -> the name key it is linked to
        self._links: dict[tuple[str | None, str], str] = {}
        for department, names in links:
            keys = [name_key(n) for n in names]
            for key in keys[1:]:
                self._links[(department, key)] = keys[0]
        self._by_number: dict[tuple[str, str], Project] = {}
        self._by_name: dict[tuple[str, str], Project] = {}
        self.projects: list[Project] = []

    def canonical(self, department: str, name: str) -> str:
        key = name_key(name)
        return self._links.get((department, key)) or self._links.get((None, key)) or key

    def project(self, department: str, name: str, number: str, as_of=None, previous=None) -> Project:
        """The project of a row of the file at `as_of` (`previous`: the as-of of the file before it)."""
        key = self.canonical(department, name)
        number = " ".join(number.split())
        project = None
        if number:
            project = self._by_number.get((department, number.casefold()))
            if project is None:
                earlier = self._by_name.get((department, key))
                renumbered = earlier is not None and previous is not None and earlier.last == previous
                if earlier is not None and (earlier.number is None or renumbered):
                    project = earlier  # its first number, or a new number for the project of the year before
                    project.number = project.number or number
            if project is None:
                project = self._new(department, number)
            self._by_number.setdefault((department, number.casefold()), project)
        else:
            project = self._by_name.get((department, key)) or self._new(department, None)
        self._by_name[(department, key)] = project
        if key not in project.keys:
            project.keys.append(key)
        project.last = as_of
        return project

    def _new(self, department: str, number: str | None) -> Project:
        project = Project(department, number)
        self.projects.append(project)
        return project

    def assign_ids(self) -> None:
        """Every project's id; two that would share one (a number equal to another's name) are told
        apart by a suffix, in the order they were first met."""
        taken: set[str] = set()
        for project in self.projects:
            base = make_id(project.department, project.number or _slug(project.keys[0]))
            candidate, n = base, 1
            while candidate.casefold() in taken:
                n += 1
                candidate = make_id(project.department, f"{project.number or _slug(project.keys[0])}~{n}")
            taken.add(candidate.casefold())
            project.project_id = candidate


def _slug(key: str) -> str:
    return key.replace(" ", "-")


def make_id(department: str, key: str) -> str:
    """`<department>-<key>`, shortened to the contract's 64 characters with a hash of what was cut."""
    whole = f"{department}-{key}"
    if len(whole) <= ID_LIMIT:
        return whole
    digest = hashlib.sha1(whole.encode()).hexdigest()[:8]
    return f"{whole[: ID_LIMIT - 9]}~{digest}"
