"""Submit: a PMO head uploads a department's returns for a period, sees what the build would make of
them, then submits or discards; the submissions so far, and the rebuild they queued."""

import datetime as dt

import streamlit as st

from pmo_dash import data, intake
from pmo_dash.settings import get_settings
from pmo_dash.ui import shell
from pmo_dash.ui.intake import calendar, history, views
from pmo_dash.ui.quality import views as quality

shell.guard()
settings = get_settings()
user = shell.user()

st.title("Submit returns")
st.caption(
    "Upload your department's returns for a month. Nothing is stored until you submit; each submission is "
    "kept as a new version, and the warehouse is rebuilt from the latest ones."
)
views.notice()
departments = data.portfolio.departments(shell.user_scope())
if chosen := views.choose(user, departments, dt.date.today()):
    department, period = chosen
    views.templates(settings, department, period)
    files = views.uploads(settings.upload_limit_mb)
    if files and views.preview(settings, user, department, period, files) is not None:
        views.decide(settings, user, department, period, files)
    history.rebuild_status(settings)
    history.submissions(intake.submission_history(settings, user))
    calendar.show(
        settings,
        views.allowed_departments(user, departments),
        dt.date.today(),
        data.intake.reported_months(shell.user_scope()),
    )
    if latest := data.portfolio.periods(shell.user_scope()):
        f = data.Filters(scope=shell.user_scope(), as_of=latest[0]).within((department,))
        names = dict(departments.select("department_id", "name").iter_rows())
        quality.own(data.quality.scorecard(f), department, names.get(department, department), latest[0])
        quality.rows_to_fix(f, department)
