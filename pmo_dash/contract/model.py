"""The contract's building blocks: columns, tables, the orders dates must keep, and the common columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["id", "text", "int", "float", "date", "bool", "enum", "list"]


# Default length limits by kind (characters). Narratives set their own, longer, limit.
LIMITS = {"id": 64, "text": 300, "list": 2000}
NARRATIVE = 5000


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True
    description: str = ""
    values: tuple[str, ...] = ()  # canonical enum values
    aliases: dict[str, str] = field(default_factory=dict)  # lower-case spelling -> canonical
    min: float | None = None
    max: float | None = None
    references: str | None = None  # "table.column"
    not_future: bool = False  # a date that records what happened: it cannot lie after this month
    max_length: int | None = None  # characters; None takes the kind's default (LIMITS)
    # Delivery detail: required of a Delivery department, optional (empty = not reported) of an
    # Oversight department (see `departments.profile`).
    detail: bool = False
    unless: str | None = None  # required only when this other column is empty
    default: str | None = None  # what an empty value means (staging reads it so)
    money: bool = False  # an amount: also read with a unit suffix (`£26.19m`, `1.2bn`, `1.5k`)

    @property
    def limit(self) -> int | None:
        """The most characters a value may have: more is a paste gone wrong, and would stall every page."""
        return self.max_length or LIMITS.get(self.kind)

    def lookup(self) -> dict[str, str]:
        """Every accepted lower-case spelling of an enum value mapped to its canonical form."""
        accepted = {v.lower(): v for v in self.values}
        accepted.update(self.aliases)
        return accepted


@dataclass(frozen=True)
class DateOrder:
    """`later` may not fall before `earlier` (both optional: checked only when both set)."""

    earlier: str
    later: str


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    date_order: tuple[DateOrder, ...] = ()
    enterprise: bool = False  # submitted once by the IPMO, not by each department
    monthly: str | None = None  # key date column that names a month: two rows in one month are duplicates

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def enum(
    name: str,
    values: tuple[str, ...],
    *,
    required: bool = True,
    aliases=None,
    doc="",
    detail: bool = False,
    unless: str | None = None,
    default: str | None = None,
):
    return Column(
        name,
        "enum",
        required,
        doc,
        values=values,
        aliases=dict(aliases or {}),
        detail=detail,
        unless=unless,
        default=default,
    )


# Mixed colours collapse to the worse one: an IPMO never reads Amber/Green as Green.
RAG = ("Red", "Amber", "Green")
RAG_ALIASES = {
    "r": "Red",
    "a": "Amber",
    "g": "Green",
    "amber/green": "Amber",
    "green/amber": "Amber",
    "amber/red": "Red",
    "red/amber": "Red",
}


def rag(
    name: str, *, required: bool = True, doc: str = "", detail: bool = False, unless: str | None = None
) -> Column:
    return enum(name, RAG, required=required, aliases=RAG_ALIASES, doc=doc, detail=detail, unless=unless)


def score(name: str, *, required: bool = True, doc: str = "", detail: bool = False) -> Column:
    return Column(name, "int", required, doc, min=1, max=5, detail=detail)


def money(
    name: str, *, required: bool = True, doc: str = "", detail: bool = False, signed: bool = False
) -> Column:
    return Column(name, "float", required, doc, min=None if signed else 0, detail=detail, money=True)


# The five-point delivery confidence scale, kept as reported beside the three-colour RAG.
FIVE_POINT = ("Green", "Amber/Green", "Amber", "Amber/Red", "Red")
_MIXED = {("amber", "green"): "Amber/Green", ("amber", "red"): "Amber/Red"}
_JOINS = ("/", " / ", "-", " - ", " ", "\u2013")  # en dash: what word processors make of a hyphen


def _five_point_aliases() -> dict[str, str]:
    """Every spelling of a mixed rating people write: `amber / green`, `Amber-Green`, `green/amber`."""
    aliases = {"g": "Green", "a": "Amber", "r": "Red", "ag": "Amber/Green", "ar": "Amber/Red"}
    for (first, second), value in _MIXED.items():
        for one, other in ((first, second), (second, first)):
            aliases.update({f"{one}{join}{other}": value for join in _JOINS})
    aliases.pop("amber/green")  # the canonical spellings, matched as values
    aliases.pop("amber/red")
    return aliases


FIVE_POINT_ALIASES = _five_point_aliases()


def project_ref() -> Column:
    return Column("project_id", "id", True, "the project", references="projects.project_id")
