"""The speaker notes: how each slide's measures are defined (README "Measures"), with the cut-offs the
warehouse was built with, so that whoever presents the pack can answer "what does this number mean"."""

from __future__ import annotations

from pmo_dash.settings import Thresholds

SOURCE = (
    "Every number is read from the warehouse the title slide names, within the pack's scope and filters, "
    "as the app shows it; a measure a return does not carry is 'not reported', never 0."
)


def title(_: Thresholds) -> str:
    return (
        "The steering committee pack of PMO Dash: the view the title names, as of its period. "
        + SOURCE
        + " Charts are native PowerPoint charts: right-click > Edit Data opens the numbers behind them."
    )


def kpis(cut: Thresholds) -> str:
    return (
        "Active projects: projects active in the period; each stands on its latest return, carried "
        f"forward for its department's cadence and {cut.carry_forward_periods} periods more. "
        "Budget (BAC): the budgets at completion of the active projects (withheld budgets left out). "
        "EAC = BAC / CPI (BAC before any cost is booked). SPI = EV / PV and CPI = EV / AC, over the summed "
        "values of the projects (never an average of ratios). "
        f"Red on evidence: the share of projects judged on evidence that are Red: SPI or CPI below "
        f"{cut.spi_red:g} / {cut.cpi_red:g}, slip over {cut.slip_red_days} days, or {cut.high_risks_red} "
        "or more open high risks. Watermelons: reported Green, Red on evidence. "
        f"Open high risks: likelihood x impact of {cut.high_risk_exposure} or more, as last reviewed. "
        "Reporting compliance: the share of active projects whose latest return falls within their "
        "department's cadence window. Changes are against the previous period; a rise is tinted green when "
        "it is good news and red when it is bad."
    )


def tolerance(cut: Thresholds) -> str:
    return (
        "Red on evidence: SPI below "
        f"{cut.spi_red:g}, CPI below {cut.cpi_red:g}, forecast slip over {cut.slip_red_days} days, or "
        f"{cut.high_risks_red} or more open high risks (likelihood x impact of {cut.high_risk_exposure} or "
        "more). 'Why' names the rule that fired, judged on the measures the return carries. A watermelon is "
        "reported Green (a five-point Amber/Green counts as Amber) while Red on evidence: listed first. "
        "Slip is the forecast finish against the current baseline finish, in days."
    )


def rag(cut: Thresholds) -> str:
    return (
        "Projects active in the period per department, by RAG. On evidence: Red when SPI or CPI is below "
        f"{cut.spi_red:g} / {cut.cpi_red:g}, slip exceeds {cut.slip_red_days} days or "
        f"{cut.high_risks_red}+ open high risks; Amber below {cut.spi_amber:g} / {cut.cpi_amber:g}, "
        f"over {cut.slip_amber_days} days or {cut.high_risks_amber}+ open high risks; otherwise Green. "
        "'Not reported' where no return carries SPI, CPI or slip. When no return in view carries any, "
        "the chart shows the ratings as reported (five-point delivery confidence where given)."
    )


def performance(cut: Thresholds) -> str:
    return (
        "SPI = EV / PV and CPI = EV / AC over the summed values of the active projects, per period; 1.0 is "
        "on plan, below it behind schedule or over cost. Median slip per department: the median of its "
        "projects' forecast finish less current baseline finish, in days (so one outlier cannot speak for "
        f"all); bars Red past {cut.slip_red_days} days, Amber past {cut.slip_amber_days}. Cost variance "
        "per department: the sum of EV - AC; negative is over cost."
    )


def risks(cut: Thresholds) -> str:
    return (
        "Open risks in the period as last reviewed on or before it. Exposure = likelihood x impact (1-25). "
        f"Red zone from {cut.high_risk_exposure}, amber from {cut.medium_risk_exposure}. Each cell counts "
        "the risks at that likelihood and impact. Top risks: highest exposure first, then cost exposure; "
        "an action due before the period end and not done is overdue."
    )


def benefits(cut: Thresholds) -> str:
    return (
        "Cashable benefits, planned against realised, cumulative: each benefit at its latest measurement on "
        "or before the period. Realisation = actual / planned to date per benefit; a department's is the "
        "mean over its benefits measured so far (their units differ, so they are not summed). Bars Green "
        f"from {cut.realisation_green:.0%} of plan, Amber from {cut.realisation_amber:.0%}. A benefit is at "
        "risk when its project is Red on evidence in the period."
    )


def lessons(cut: Thresholds) -> str:
    return (
        "Lessons-learned health per department, 0-100: coverage (closed projects with a lesson, weight "
        f"{cut.lessons_weight_coverage:g}), timeliness (first lesson within {cut.lessons_timely_days} "
        f"days of closure, {cut.lessons_weight_timeliness:g}), completeness (root cause and "
        f"recommendation given, {cut.lessons_weight_completeness:g}), follow-through (actioned of those due, "
        f"{cut.lessons_weight_follow_through:g}), stale drafts (older than {cut.lessons_stale_days} "
        f"days, lower is better, {cut.lessons_weight_staleness:g}), reuse (applied to another project, "
        f"{cut.lessons_weight_reuse:g}). A component with nothing to measure drops out and the weights "
        f"re-normalise. Green from {cut.lessons_health_green:g}, Amber from {cut.lessons_health_amber:g}."
    )


def department(cut: Thresholds) -> str:
    return (
        "One department within the pack's filters. Its measures are defined as on the KPI summary: "
        "SPI = EV / PV, CPI = EV / AC over summed values; Red on evidence on SPI, CPI, slip and open "
        f"high risks; open high risks from exposure {cut.high_risk_exposure}. The ring counts its active "
        "projects by RAG on evidence (or as reported, when none is judged). Top risks: its open risks, "
        "highest exposure first."
    )
