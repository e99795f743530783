"""Benefits: what the portfolio promised against what it has realised, and what is behind or at risk."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import components, drill, fmt, header, shell
from pmo_dash.ui.benefits import charts

shell.guard()
f = shell.current()
if (found := drill.level(f, shell.user_scope(), "benefits")) is None:
    st.stop()
here, label, trail = found

st.title(f"Benefits · {fmt.plain(label)}")
header.caption(here, "Benefits realisation, measured to date")
components.breadcrumb([*trail, ("Benefits", shell.page("benefits"), {})])

rollup = data.benefits.rollup(here)
status = data.benefits.status(here)
components.benefit_cards(rollup, status)

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Cashable benefits: planned against realised")
    st.plotly_chart(charts.benefits_curve(data.benefits.curve(here)))
with right:
    st.subheader("Mix by kind")
    st.plotly_chart(charts.kinds(components.rolled(rollup, "kind")))

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Realisation by department")
    st.plotly_chart(charts.realisation_bars(components.rolled(rollup, "department")))
with right:
    st.subheader("Realisation by strategic objective")
    st.plotly_chart(charts.realisation_bars(components.rolled(rollup, "objective")))
st.caption(
    "Realisation is each benefit's actual against planned to date, averaged over the benefits measured "
    "so far (their units differ, so they are not summed)."
)

columns = components.benefit_columns()
components.titled_table("Furthest behind plan", data.benefits.behind(status), columns)
components.titled_table("At risk: on projects Red on evidence", data.benefits.at_risk(status), columns)
with st.expander(f"Every benefit, with its realisation to date ({status.height})"):
    components.titled_table("Benefits", status, columns, height=600)
