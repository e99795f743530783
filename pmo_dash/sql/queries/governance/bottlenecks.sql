-- bottlenecks: per role across the departments in scope, over the 12 months from the period's month:
-- the months a department was over-allocated in it, the peak utilisation, and the shortfall (demand
-- beyond capacity, in FTE-months). Most over-allocated first.
select
    role,
    count(*) filter (where over_allocated) as over_allocated_months,
    count(distinct department_id) filter (where over_allocated) as departments,
    max(utilisation) as peak_utilisation,
    sum(greatest(demand_fte - capacity_fte, 0)) as shortfall_fte_months,
    sum(demand_fte) as demand_fte_months,
    sum(capacity_fte) as capacity_fte_months
from utilisation($scope, $programme, $objective, $as_of)
group by role
order by over_allocated_months desc, shortfall_fte_months desc, role;
