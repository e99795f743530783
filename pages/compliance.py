"""Compliance: the GDPR, HIPAA, SOX, ISO 27001 (and any other framework the returns name) controls of
the projects on the portfolio, by framework and department; the controls that need attention; projects
tagged with a framework but without its controls; and the mandatory (regulatory) projects."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, missing, plot, shell
from pmo_dash.ui.governance import charts, compliance, views

shell.guard()
here = drill.insight_page(
    "compliance", shell.current(), shell.user_scope(), "Regulatory controls of the projects on the portfolio"
)
cut = data.intake.thresholds()
missing.page_needs("compliance controls", ("compliance_controls",), here.scope)
latest = data.portfolio.periods(here.scope)[0]
if here.as_of < latest:
    st.info(
        "The returns hold each control's state as it is today, not as it was: these are today's states of "
        f"the projects that were on the portfolio in {here.as_of:%b %Y}.",
        icon=":material/history:",
    )

st.subheader("Controls by framework and department")
matrix = data.governance.compliance_matrix(here)
if not missing.nothing(matrix, "compliance controls", "compliance_controls"):
    st.caption(
        "Each cell: controls compliant of all. Red where any is non-compliant, amber where any is in "
        "progress or not assessed, green where all are compliant."
    )
    plot.show(charts.compliance_map(matrix), key="compliance_map")

st.subheader("Controls that need attention")
st.caption(
    "Non-compliant; overdue (due before the period's end and not compliant); compliant without evidence, or "
    f"on evidence older than {cut.evidence_max_age_days} days. Click a row to open the project."
)
compliance.controls_attention(data.governance.controls_attention(here))

left, right = st.columns(2, gap="large")
with left:
    st.markdown("**Tagged with a framework, without its controls**")
    views.clickable(
        data.governance.uncontrolled_tags(here),
        {"framework": st.column_config.TextColumn("Framework", width=90), **views.PROJECT},
        "uncontrolled_tags",
        "Every project tagged with a framework returns controls for it.",
    )
with right:
    st.markdown("**Mandatory (regulatory) projects**")
    compliance.mandatory(data.governance.mandatory_projects(here))
