-- largest_exposure: one row per project within the filters forecast in the period from a reference
-- class (marts/forecast.sql project_forecasts): its class and size, budget in force, P50 and P80 final
-- cost and finish, and its exposure (P80 cost less budget), largest first; at most $limit rows.
select
    p.project_id,
    p.name as project,
    d.name as department,
    f.class_name,
    f.class_size,
    f.budget,
    f.p50_cost,
    f.p80_cost,
    f.p80_cost - f.budget as exposure,
    f.p50_finish,
    f.p80_finish,
    p.current_baseline_finish as baseline_finish
from scoped_projects($scope, $programme, $objective) as p
inner join project_forecasts as f on p.project_id = f.project_id and p.period = f.period
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of
    and f.p80_cost is not null
order by exposure desc, p.project_id
limit $limit;
