"""The roles of DESIGN.md §7, and what each lets a user open and see.

streamlit-authenticator only stores a user's roles; enforcing them is ours, here. A user may hold
several roles: they get the union of what those roles allow.
"""

from __future__ import annotations

from dataclasses import dataclass

# The pages every signed-in user may open: the drill path and the insight pages.
DATA_PAGES = (
    "enterprise",
    "department",
    "programme",
    "project",
    "risks",
    "benefits",
    "lessons",
    "roadmap",
    "proposals",
    "governance",
    "compliance",
    "resources",
    "whatif",
)


@dataclass(frozen=True)
class Role:
    name: str
    summary: str
    sees_every_department: bool
    pages: tuple[str, ...]


ROLES = {
    role.name: role
    for role in (
        Role("executive", "sees every department", True, DATA_PAGES),
        Role("pmo_head", "sees and submits for their own departments", False, (*DATA_PAGES, "submit")),
        Role("viewer", "read-only, for the departments assigned", False, DATA_PAGES),
        Role(
            "admin",
            "manages users and rebuilds; sees every department",
            True,
            (*DATA_PAGES, "submit", "admin"),
        ),
    )
}


@dataclass(frozen=True)
class User:
    """A signed-in user, as the users file describes them."""

    username: str
    name: str
    roles: tuple[str, ...]
    departments: tuple[str, ...]

    @property
    def sees_every_department(self) -> bool:
        return any(ROLES[r].sees_every_department for r in self.roles)

    @property
    def read_only(self) -> bool:
        """Viewers look; they do not save scenarios or submit returns."""
        return all(r == "viewer" for r in self.roles)

    def may_submit(self, department_id: str) -> bool:
        """Admins submit for any department, PMO heads for their own; executives and viewers for none."""
        if "admin" in self.roles:
            return True
        return "pmo_head" in self.roles and department_id in self.departments

    @property
    def pages(self) -> tuple[str, ...]:
        """The pages this user may open, in navigation order."""
        allowed = {page for r in self.roles for page in ROLES[r].pages}
        order = [page for r in ROLES.values() for page in r.pages]
        return tuple(dict.fromkeys(p for p in order if p in allowed))

    def scope(self, every_department: tuple[str, ...]) -> tuple[str, ...]:
        """The departments this user may see, of those in the warehouse."""
        if self.sees_every_department:
            return every_department
        return tuple(d for d in every_department if d in self.departments)
