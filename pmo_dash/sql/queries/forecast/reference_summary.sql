-- reference_summary: one row per department within the filters (and one for them all, department
-- null) with closed projects whose outcome was known by the period's end (marts/forecast.sql
-- reference_outcomes): how many, and the P50, P80 and largest of their cost and schedule outcomes.
select
    o.department_id,
    case when grouping(o.department_id) = 1 then 'All in view' else any_value(d.name) end as department,
    count(*) as closed,
    quantile_cont(o.cost_outcome, 0.5) as cost_p50,
    quantile_cont(o.cost_outcome, 0.8) as cost_p80,
    max(o.cost_outcome) as cost_max,
    quantile_cont(o.schedule_outcome, 0.5) as schedule_p50,
    quantile_cont(o.schedule_outcome, 0.8) as schedule_p80,
    max(o.schedule_outcome) as schedule_max
from reference_outcomes as o
inner join scoped_project_list($scope, $programme, $objective) as p on o.project_id = p.project_id
inner join stg_departments as d on o.department_id = d.department_id
where o.known_from <= $as_of
group by rollup (o.department_id)
order by o.department_id nulls last;
