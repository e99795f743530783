-- roadmap_markers: one row per milestone and stage gate of the projects listed ($projects, within the
-- user's scope), dated as the roadmap marks them: a milestone at the date achieved by the period's end,
-- else its forecast (today's), else its baseline; a gate at the date passed by then, else planned.
select
    m.project_id,
    'Milestone' as kind,
    m.name,
    case when m.actual_date <= $as_of then m.actual_date else coalesce(m.forecast_date, m.baseline_date) end as on_date,
    coalesce(m.actual_date <= $as_of, false) as done
from stg_milestones as m
inner join stg_projects as p on m.project_id = p.project_id
where list_contains($projects, m.project_id)
    and list_contains($scope, p.department_id)
union all
select
    g.project_id,
    'Gate' as kind,
    g.gate as name,
    case when g.passed_on <= $as_of then g.passed_on else g.planned_on end as on_date,
    coalesce(g.passed_on <= $as_of, false) as done
from stg_stage_gates as g
inner join stg_projects as p on g.project_id = p.project_id
where list_contains($projects, g.project_id)
    and list_contains($scope, p.department_id)
order by project_id, on_date, kind, name;
