-- project_waited_by: one row per open dependency on one project (within the user's scope) in the
-- period: who waits for it, when they need it, and whether it is broken. A waiting project outside
-- the user's scope is named by its department only (its id left empty).
select
    d.dependency_id,
    visible_project_id($scope, d.department_id, d.project_id) as other_project_id,
    visible_project_name($scope, d.department_id, p.name) as other_project,
    list_contains($scope, d.department_id) as other_in_scope,
    d.type,
    d.criticality,
    d.needed_on,
    d.predecessor_finish,
    d.delay_days,
    d.is_broken
from dependency_periods as d
inner join stg_projects as p on d.project_id = p.project_id
where d.period = $as_of
    and d.predecessor_project_id = $project
    and list_contains($scope, d.predecessor_department_id)
order by d.is_broken desc, d.needed_on, d.dependency_id;
