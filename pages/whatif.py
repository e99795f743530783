"""What-if: the board moves the levers and the portfolio answers; scenarios are saved and compared."""

from functools import partial

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import fmt, header, shell, tabs
from pmo_dash.ui.whatif import levers, scenarios, views

shell.guard()
f, user, user_scope = shell.current(), shell.user(), shell.user_scope()
st.title("What-if: portfolio review")
header.caption(f, "Active and on-hold projects · nothing here changes the returns")
candidates = data.whatif.candidates(f)
views.left_out(data.whatif.uncosted(f))
if candidates.is_empty():
    st.info("No active or on-hold project in view to fund or cut.")
    st.stop()
departments = fmt.unique_labels(data.portfolio.departments(f.scope), "department_id")


@shell.fragment
def live() -> None:
    """Only this part reruns when a lever moves."""
    result = data.whatif.outcome(f, levers.draw(candidates, departments))
    views.headline(result)
    views.same_scores(result.candidates)  # whichever tab is open
    # The rest of the answer in tabs, only the open one drawn: each step of a slider redraws what is open.
    draws = (
        views.changes,
        views.ranked,
        views.value_against_cost,
        partial(views.funding_by_department, departments=departments),
        views.capacity,
        views.benefits,
    )
    tabs.lazy(views.TABS, [partial(draw, result) for draw in draws])
    st.subheader("Scenarios")
    if user.read_only:
        st.caption(f"{fmt.plain(user.name)} may open and compare scenarios; saving them is for other roles.")
    else:
        scenarios.save_form(result, user, f, user_scope)
    scenarios.saved(user, user_scope, candidates)


live()
