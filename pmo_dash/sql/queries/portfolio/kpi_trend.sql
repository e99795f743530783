-- kpi_trend: one row per period, the portfolio's headline measures over the projects active in
-- that period within the filters, for the 13 periods up to $as_of (enough for a 12-period trend
-- and the previous quarter-end). SPI and CPI are ratios of summed values, never averages of ratios.
-- The IPMO's seed KPIs beside them: schedule variance (sum of EV - PV over sum of PV), budget
-- adherence (the share of projects with an EAC whose EAC is within tolerance_cost of budget) and
-- stakeholder satisfaction (the mean score, 1-5, of the returns in force that give one).
-- A total leaves out what was not reported or was withheld (it is null when nothing was reported,
-- never 0), and says how many budgets it leaves out as withheld.
with projects as (
    select *
    from scoped_projects($scope, $programme, $objective)
    where period <= $as_of
        and period > $as_of - interval 13 month
        and is_active
),

measures as (
    select
        period,
        count(*) as active_projects,
        sum(budget) as budget,
        count(*) filter (where budget_withheld) as withheld_budgets,
        sum(eac) as eac,
        sum(budget) filter (where eac is not null) as budget_with_eac,
        spi(sum(earned_value), sum(planned_value)) as spi,
        cpi(sum(earned_value), sum(actual_cost)) as cpi,
        count(*) filter (where evidence_rag = 'Red') as red_projects,
        count(*) filter (where evidence_rag is not null) as rated_projects,
        count(*) filter (where is_watermelon) as watermelons,
        count(*) filter (where reported_this_period) as reported_projects,
        reporting_compliance(reported_this_period) as reporting_compliance,
        sum(open_high_risks) as open_high_risks,
        (sum(earned_value) - sum(planned_value)) / nullif(sum(planned_value), 0) as schedule_variance,
        count(*) filter (where eac is not null and budget > 0) as costed_projects,
        count(*) filter (
            where eac is not null and budget > 0
                and (eac - budget) / budget <= (select tolerance_cost from build_settings)
        ) as within_budget,
        avg(stakeholder_satisfaction) as satisfaction,
        count(stakeholder_satisfaction) as satisfaction_scores
    from projects
    group by period
),

final as (
    select
        pe.period,
        coalesce(m.active_projects, 0) as active_projects,
        case when m.active_projects is null then 0 else m.budget end as budget,
        coalesce(m.withheld_budgets, 0) as withheld_budgets,
        case when m.active_projects is null then 0 else m.eac end as eac,
        coalesce(m.budget_with_eac, 0) as budget_with_eac,
        m.spi,
        m.cpi,
        coalesce(m.red_projects, 0) as red_projects,
        coalesce(m.rated_projects, 0) as rated_projects,
        m.red_projects / nullif(m.rated_projects, 0) as share_red,
        coalesce(m.watermelons, 0) as watermelons,
        coalesce(m.open_high_risks, 0) as open_high_risks,
        m.reporting_compliance,
        m.schedule_variance,
        m.within_budget / nullif(m.costed_projects, 0) as budget_adherence,
        coalesce(m.costed_projects, 0) as costed_projects,
        m.satisfaction,
        coalesce(m.satisfaction_scores, 0) as satisfaction_scores
    from periods as pe
    left join measures as m on pe.period = m.period
    where pe.period <= $as_of
        and pe.period > $as_of - interval 13 month
)

select * from final
order by period;
