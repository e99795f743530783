"""Department PMOs submit their returns: an upload is checked (`files`), validated without being stored
(`preview`), stored append-only (`store`), and a rebuild queued (`queue`) that reads the base returns
overlaid with the latest submissions (`assemble`).

Who may submit is decided here, on the server, whatever the page showed: `User.may_submit`.
"""

from __future__ import annotations

from pmo_dash.auth.roles import User
from pmo_dash.intake import SubmissionRefused
from pmo_dash.intake.submissions import files, queue
from pmo_dash.intake.submissions.preview import Preview, preview
from pmo_dash.intake.submissions.store import Manifest, SubmissionStore, check_key
from pmo_dash.settings import Settings

__all__ = ["Manifest", "Preview", "check", "submit"]


def check(
    settings: Settings, user: User, department_id: str, period: str, uploads: list[tuple[str, bytes]]
) -> Preview:
    """What a submission of these files would give, table by table and problem by problem; stores nothing."""
    _allowed(user, department_id, period)
    return preview(settings, department_id, period, files.inspect_all(uploads, settings.upload_limit_mb))


def submit(
    settings: Settings, user: User, department_id: str, period: str, uploads: list[tuple[str, bytes]]
) -> Manifest:
    """Validate, store as the next version of the department's returns for the period, queue a rebuild."""
    _allowed(user, department_id, period)
    checked = files.inspect_all(uploads, settings.upload_limit_mb)
    found = preview(settings, department_id, period, checked)
    manifest = SubmissionStore(settings.submissions_dir).save(
        department_id,
        period,
        user.username,
        [(u.name, u.stored_as, u.data, list(u.tables)) for u in checked],
        found.counts,
    )
    queue.request(settings)
    return manifest


def _allowed(user: User, department_id: str, period: str) -> None:
    check_key(department_id, period)
    if not user.may_submit(department_id):
        raise SubmissionRefused(f"{user.username} may not submit returns for {department_id}")
