-- exposure: one row per department within the filters with a project active and not finished in the
-- period: how many are forecast from a reference class, their budget in force, P50 and P80 final cost
-- (marts/forecast.sql project_forecasts), the contingency to hold (P80 less budget), how many are not
-- forecast (no budget at baseline, no baseline, or too few closed projects) and how many projects had
-- closed by then (the history).
select
    p.department_id,
    d.name as department,
    count(f.p80_cost) as forecast,
    count(*) - count(f.p80_cost) as not_forecast,
    sum(f.budget) filter (where f.p80_cost is not null) as budget,
    sum(f.p50_cost) as p50_cost,
    sum(f.p80_cost) as p80_cost,
    sum(f.p80_cost - f.budget) as contingency,
    max(f.history_size) as history_size
from scoped_projects($scope, $programme, $objective) as p
inner join project_forecasts as f on p.project_id = f.project_id and p.period = f.period
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of
group by p.department_id, d.name
order by contingency desc nulls last, p.department_id;
