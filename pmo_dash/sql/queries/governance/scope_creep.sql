-- scope_creep: per department within the filters, the change requests decided by the period's end:
-- counts by who decided, the median cycle time, and the approved change cost as a share of the budget
-- of its projects active in the period (the budget the portfolio's cards total).
with budgets as (
    select department_id, sum(budget) as budget
    from scoped_projects($scope, $programme, $objective)
    where period = $as_of and is_active
    group by department_id
),

decided as (
    select
        department_id,
        count(*) as decided,
        count(*) filter (where decided_by = 'CCB') as by_ccb,
        count(*) filter (where decided_by = 'Steering committee') as by_steering,
        count(*) filter (where decision = 'Approved') as approved,
        median(cycle_days) as median_cycle_days,
        coalesce(sum(cost_impact) filter (where decision = 'Approved'), 0) as approved_cost
    from changes_decided($scope, $programme, $objective, $as_of)
    group by department_id
)

select
    x.department_id,
    d.name as department,
    x.decided,
    x.approved,
    x.by_ccb,
    x.by_steering,
    x.median_cycle_days,
    x.approved_cost,
    b.budget,
    x.approved_cost / nullif(b.budget, 0) as creep
from decided as x
inner join stg_departments as d on x.department_id = d.department_id
left join budgets as b on x.department_id = b.department_id
order by creep desc nulls last, d.name;
