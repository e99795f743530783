"""Benefits: what the portfolio promised against what it has realised (cashable benefits, realisation by
department and objective), and what is behind or at risk; each in tabs, only the open one drawn."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, missing, plot, shell, tables, tabs, toolbar
from pmo_dash.ui.benefits import charts, views

shell.guard()
here = drill.insight_page(
    "benefits", shell.current(), shell.user_scope(), "Benefits realisation, measured to date"
)
downloads = toolbar.reserve()  # every table below, offered once they are drawn

missing.page_needs("benefits", ("benefits", "benefit_measurements"), here.scope)
rollup = data.benefits.rollup(here)
status = data.benefits.status(here)
if missing.nothing(status, "benefits", "benefits", alert=True):
    st.stop()
views.benefit_cards(rollup, status)


def cashable() -> None:
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Cashable benefits: planned against realised")
        missing.chart(
            charts.benefits_curve, data.benefits.curve(here), "No cashable benefit is planned yet.", half=True
        )
    with right:
        st.subheader("Mix by kind")
        plot.show(charts.kinds(data.benefits.rolled(rollup, "kind")), half=True)


def realisation() -> None:
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Realisation by department")
        plot.show(
            charts.realisation_bars(data.benefits.rolled(rollup, "department"), data.intake.thresholds()),
            half=True,
        )
    with right:
        st.subheader("Realisation by strategic objective")
        plot.show(
            charts.realisation_bars(data.benefits.rolled(rollup, "objective"), data.intake.thresholds()),
            half=True,
        )
    st.caption(
        "Realisation is each benefit's actual against planned to date, averaged over the benefits measured "
        "so far (their units differ, so they are not summed)."
    )


# The charts, then the lists, each a row of tabs of which only the open one is drawn (`ui.tabs`).
tabs.lazy(views.CHARTS, (cashable, realisation), key=views.CHARTS_KEY)

columns = views.benefit_columns()


def behind() -> None:
    tables.titled_table("Furthest behind plan", data.benefits.behind(status), columns)


def at_risk() -> None:
    tables.titled_table("At risk: on projects Red on evidence", data.benefits.at_risk(status), columns)


def every() -> None:
    tables.titled_table("Every benefit", status, columns, height=600)


# Every benefit is a tab of its own: at the enterprise tier, tens of thousands of rows.
tabs.lazy(views.TABS, (behind, at_risk, every))

toolbar.offer(downloads, f"benefits-{here.as_of:%Y-%m}")
