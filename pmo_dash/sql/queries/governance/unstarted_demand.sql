-- unstarted_demand: the planned demand, over the 12 months from the period's month, of projects within
-- the filters that had not started by the period's end (baseline start after it): per project, its
-- total FTE-months and the roles it claims.
select
    m.project_id,
    m.project,
    m.department_id,
    d.name as department,
    m.baseline_start,
    sum(m.demand_fte) as demand_fte_months,
    string_agg(distinct m.role, ', ' order by m.role) as roles
from planned_demand($scope, $programme, $objective) as m
inner join stg_departments as d on m.department_id = d.department_id
where m.baseline_start > $as_of
    and m.month >= date_trunc('month', $as_of::date)
    and m.month < date_trunc('month', $as_of::date) + interval 12 month
group by m.project_id, m.project, m.department_id, d.name, m.baseline_start
order by m.baseline_start, m.project_id;
