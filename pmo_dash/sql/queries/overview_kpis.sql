-- overview_kpis: one row, the portfolio's headline measures for the period, over the
-- projects active then in the user's scope. SPI and CPI are earned-value ratios of the
-- summed values (a weighted portfolio ratio), never an average of project ratios.
select
    count(*) as active_projects,
    coalesce(sum(budget), 0) as budget,
    coalesce(sum(eac), 0) as eac,
    spi(sum(earned_value), sum(planned_value)) as spi,
    cpi(sum(earned_value), sum(actual_cost)) as cpi,
    count(*) filter (where evidence_rag = 'Red') as red_projects,
    count(*) filter (where evidence_rag is not null) as rated_projects,
    count(*) filter (where evidence_rag = 'Red') / nullif(count(*) filter (where evidence_rag is not null), 0)
        as share_red,
    count(*) filter (where is_watermelon) as watermelons
from project_periods
where period = $as_of
    and is_active
    and list_contains($scope, department_id);
