-- projects_table: one row per project within the filters active in the period, with its SPI
-- over the last 12 periods for a sparkline.
with now as (
    select *
    from scoped_projects($scope, $programme, $objective)
    where period = $as_of
        and is_active
),

trend as (
    select project_id, list(spi order by period) filter (where spi is not null) as spi_trend
    from scoped_projects($scope, $programme, $objective)
    where period <= $as_of
        and period > $as_of - interval 12 month
        and project_id in (select project_id from now)
    group by project_id
)

select
    n.project_id,
    n.name as project,
    coalesce(g.name, '') as programme,
    n.project_manager,
    n.stage,
    n.reported_rag,
    n.delivery_confidence,
    n.evidence_rag,
    n.is_watermelon,
    n.percent_complete,
    n.spi,
    n.cpi,
    t.spi_trend,
    n.slip_days,
    n.budget,
    n.budget_withheld,
    n.eac,
    0 - n.vac as eac_over_budget,  -- not -vac: no "-0" for a project on budget
    n.reported_this_period,
    n.evidence
from now as n
left join trend as t on n.project_id = t.project_id
left join stg_programmes as g on n.programme_id = g.programme_id
order by
    case n.evidence_rag when 'Red' then 0 when 'Amber' then 1 when 'Green' then 2 else 3 end,
    n.spi nulls last,
    n.project_id;
