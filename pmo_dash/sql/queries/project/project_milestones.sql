-- project_milestones: one row per milestone of the project on $as_of: a milestone achieved later
-- shows as not yet achieved; its forecast date is today's (returns keep no history of it).
select
    m.milestone_id,
    m.name,
    m.baseline_date,
    m.forecast_date,
    case when m.actual_date <= $as_of then m.actual_date end as actual_date,
    date_diff('day', m.baseline_date, coalesce(
        case when m.actual_date <= $as_of then m.actual_date end, m.forecast_date, m.baseline_date
    )) as slip_days
from stg_milestones as m
inner join stg_projects as p on m.project_id = p.project_id
where m.project_id = $project
    and list_contains($scope, p.department_id)
order by m.baseline_date, m.milestone_id;
