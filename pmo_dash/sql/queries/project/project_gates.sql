-- project_gates: one row per stage gate of the project, as it stood on $as_of.
select
    g.gate,
    g.planned_on,
    case when g.passed_on <= $as_of then g.passed_on end as passed_on,
    case when g.passed_on <= $as_of then g.decision end as decision,
    g.passed_on is null and g.planned_on < $as_of or g.passed_on > $as_of and g.planned_on < $as_of as overdue
from stg_stage_gates as g
inner join stg_projects as p on g.project_id = p.project_id
where g.project_id = $project
    and list_contains($scope, p.department_id)
order by g.gate;
