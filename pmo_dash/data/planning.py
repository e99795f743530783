"""Planning reads: the roadmap, the dependencies between projects and the knock-on slip of late ones."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash.data.cache import Filters, Scope, run


def dependencies_broken(f: Filters) -> pl.DataFrame:
    """Open dependencies of projects in view whose predecessor (with its knock-on delay) is late."""
    return run("planning/dependencies_broken", f.params())


def slip_origins(f: Filters) -> pl.DataFrame:
    """The ten projects in view whose own lateness delays the most others down their chains."""
    return run("planning/slip_origins", f.params())


def dependency_network(f: Filters) -> pl.DataFrame:
    """Every open dependency of the projects in view: both ends, broken or not."""
    return run("planning/dependency_network", f.params())


def waits_for(scope: Scope, project_id: str, as_of: dt.date) -> pl.DataFrame:
    """What one project waits for."""
    return run("planning/project_waits_for", {"scope": scope, "project": project_id, "as_of": as_of})


def waited_by(scope: Scope, project_id: str, as_of: dt.date) -> pl.DataFrame:
    """Who waits for one project."""
    return run("planning/project_waited_by", {"scope": scope, "project": project_id, "as_of": as_of})


GROUPS = {"department": "Department", "programme": "Programme", "objective": "Strategic objective"}


def roadmap_groups(f: Filters, group_by: str) -> pl.DataFrame:
    """One row per department, programme or objective in view: its span and its projects by RAG."""
    return run("planning/roadmap_groups", f.params(group_by=_known(group_by)))


def roadmap_projects(f: Filters, group_by: str, group: str | None = None) -> pl.DataFrame:
    """The projects in view (of one group, when given), the earliest start first, with their bars."""
    return run("planning/roadmap_projects", f.params(group_by=_known(group_by), group=group))


def roadmap_markers(scope: Scope, as_of: dt.date, projects: tuple[str, ...]) -> pl.DataFrame:
    """The milestones and stage gates of the projects listed, dated as the roadmap marks them."""
    return run("planning/roadmap_markers", {"scope": scope, "as_of": as_of, "projects": projects})


def _known(group_by: str) -> str:
    if group_by not in GROUPS:
        raise ValueError(f"unknown roadmap grouping {group_by!r}")
    return group_by


def proposals(f: Filters) -> pl.DataFrame:
    """The proposed initiatives in view, ranked by benefit/cost ratio, with the board's latest decision."""
    return run("planning/proposals_ranked", f.params())


def proposal_decisions(f: Filters) -> pl.DataFrame:
    """The portfolio board's decisions on proposals in the 13 months to the period, the latest first."""
    return run("planning/proposal_decisions", f.params())


def proposal_demand(f: Filters) -> pl.DataFrame:
    """The people the proposals in view ask for by role in the next 12 months, all and approved."""
    return run("planning/proposal_demand_by_role", f.params())
