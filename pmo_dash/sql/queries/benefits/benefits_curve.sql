-- benefits_curve: one row per period up to $as_of: the cashable benefits of the projects
-- within the filters, planned against actual, cumulative (each benefit at its latest
-- measurement on or before the period).
with cashable as (
    select b.benefit_id
    from stg_benefits as b
    inner join scoped_project_list($scope, $programme, $objective) as p on b.project_id = p.project_id
    where b.kind = 'Cashable'
),

grid as (
    select c.benefit_id, pe.period
    from cashable as c
    cross join periods as pe
    where pe.period <= $as_of
),

measured as (
    select g.period, m.planned_value, m.actual_value
    from grid as g
    asof left join stg_benefit_measurements as m
        on g.benefit_id = m.benefit_id
        and g.period >= m.as_of
)

select
    period,
    coalesce(sum(planned_value), 0) as planned,
    coalesce(sum(actual_value), 0) as actual
from measured
group by period
order by period;
