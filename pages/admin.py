"""Admin: the warehouse's last build and a rebuild; who may log in, as what, for which departments."""

import streamlit as st

from pmo_dash import data
from pmo_dash.settings import get_settings
from pmo_dash.ui import admin, shell
from pmo_dash.ui.quality import views as quality

shell.guard()
settings = get_settings()

st.title("Admin")
st.subheader("Warehouse")
st.button(
    "Rebuild the warehouse now",
    icon=":material/refresh:",
    key="rebuild",
    on_click=admin.rebuild,
    args=(settings,),
)
admin.notice()
admin.build_summary(data.intake.build_info(shell.user_scope()), settings)

st.subheader("Users")
admin.users_table(shell.auth(), settings)

st.subheader("Data quality")
periods = data.portfolio.periods(shell.user_scope())
if periods:
    scorecard = data.quality.scorecard(data.Filters(scope=shell.user_scope(), as_of=periods[0]))
    quality.scorecard_table(scorecard, periods[0])
    quality.score_over_time(scorecard)
else:
    st.caption("No reporting period yet: nothing to score.")
